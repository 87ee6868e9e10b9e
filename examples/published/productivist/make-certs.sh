#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
#
# Makes the stand-in "published certificates" of the Productivist organization that the industrial
# example ecosystems import: a root CA, a TLS root CA, and four orderers' TLS and signing certificates.
# Run once; the PEM files are committed. Private keys are thrown away: the examples only need
# what a real Productivist organization would publish. Needs openssl.
set -euo pipefail
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
days=36500

root() { # name cn
    openssl ecparam -name prime256v1 -genkey -noout -out "$work/$1.key"
    openssl req -new -x509 -key "$work/$1.key" -sha256 -days $days -out "$1.pem" \
        -subj "/O=Productivist/CN=$2" \
        -addext "basicConstraints=critical,CA:TRUE,pathlen:1" -addext "keyUsage=critical,keyCertSign,cRLSign"
}

leaf() { # name issuer subject extensions
    openssl ecparam -name prime256v1 -genkey -noout -out "$work/$1.key"
    openssl req -new -key "$work/$1.key" -out "$work/$1.csr" -subj "$3"
    printf '%s\n' "$4" > "$work/$1.ext"
    openssl x509 -req -in "$work/$1.csr" -CA "$2.pem" -CAkey "$work/$2.key" -CAcreateserial -sha256 -days $days \
        -extfile "$work/$1.ext" -out "$1.pem"
}

root ca ca.productivist.example
root tlsca tlsca.productivist.example
for i in 0 1 2 3; do
    host=orderer$i.productivist.example
    leaf "orderer$i-tls" tlsca "/O=Productivist/CN=$host" \
        "subjectAltName=DNS:$host,DNS:localhost,IP:127.0.0.1
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth,clientAuth"
    leaf "orderer$i-identity" ca "/O=Productivist/OU=orderer/CN=$host" \
        "keyUsage=critical,digitalSignature"
done
rm -f ./*.srl
