#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
#
# Installs the pinned Fabric and Fabric CA binaries into a versioned cache outside the repository
# and copies the sample core.yaml / orderer.yaml out of the Go module cache. Each component is
# skipped when the cache already holds its pinned version.
#
#   PRODUCTIVIST_FABRIC_HOME   cache folder (default: ~/.cache/productivist/fabric-3.1.5-ca-1.5.21)
#
#   bash scripts/install-fabric.sh           Fabric CA and Fabric
#   bash scripts/install-fabric.sh ca        Fabric CA only (fabric-ca-server, fabric-ca-client)
#   bash scripts/install-fabric.sh fabric    Fabric only (peer, orderer, osnadmin, configtxgen, ...)
#
# The binaries are built in a throw-away Go module (go get + go build) rather than with
# `go install pkg@version`: the latter also asks the proxy for the module's version list (to
# report deprecation), which the proxy here refuses for hyperledger modules even when it serves
# the pinned version itself.
set -euo pipefail

FABRIC_VERSION=3.1.5
FABRIC_MODULE=github.com/hyperledger/fabric
# v3.1.5 is commit 86c1172bec37; the module path has no /v3, so the proxy knows it by this pseudo-version.
FABRIC_PSEUDO=v1.4.0-rc1.0.20260618074816-86c1172bec37
CA_VERSION=1.5.21
CA_MODULE=github.com/hyperledger/fabric-ca
GO_MIN_MINOR=26

home="${PRODUCTIVIST_FABRIC_HOME:-$HOME/.cache/productivist/fabric-${FABRIC_VERSION}-ca-${CA_VERSION}}"

fail() {
    echo "install-fabric: $*" >&2
    exit 1
}

command -v go >/dev/null 2>&1 || fail "Go is not installed or not on PATH; install Go 1.${GO_MIN_MINOR} or newer and run again"
gov=$(go env GOVERSION)
minor=$(printf '%s' "$gov" | sed -E 's/^go1\.([0-9]+).*/\1/')
case "$minor" in
    '' | *[!0-9]*) fail "cannot read the Go version from '$gov'; install Go 1.${GO_MIN_MINOR} or newer" ;;
esac
[ "$minor" -ge "$GO_MIN_MINOR" ] || fail "Go $gov is too old; the pinned Fabric needs Go 1.${GO_MIN_MINOR} or newer"

mkdir -p "$home/bin" "$home/config"

# build_component NAME MODULE VERSION CGO TAGS PACKAGE...
build_component() {
    local name=$1 module=$2 version=$3 cgo=$4 tags=$5
    shift 5
    local stamp="$home/.installed-$name"
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$module@$version" ]; then
        echo "install-fabric: $name $version already in $home/bin"
        return 0
    fi
    local work start
    work=$(mktemp -d)
    start=$(date +%s)
    echo "install-fabric: building $name ($module@$version) into $home/bin; a cold build takes minutes"
    (
        cd "$work"
        go mod init productivist.local/install-"$name" >/dev/null 2>&1
        GOFLAGS=-mod=mod go get "$module@$version" ||
            fail "the Go module proxy did not serve $module@$version (command: go get $module@$version); see the error above"
        for pkg in "$@"; do
            GOFLAGS="-mod=mod -buildvcs=false" CGO_ENABLED=$cgo go build -tags "$tags" -o "$home/bin/" "$module/$pkg" ||
                fail "go build $module/$pkg failed; see the output above"
        done
    )
    rm -rf "$work"
    printf '%s' "$module@$version" >"$stamp"
    echo "install-fabric: $name built in $(($(date +%s) - start)) s"
}

want=${1:-all}
case "$want" in
    all | ca | fabric) ;;
    *) fail "unknown component '$want'; use 'ca', 'fabric' or nothing for both" ;;
esac

if [ "$want" != fabric ]; then
    # fabric-ca-server needs CGO (sqlite); the client is built with -tags caclient.
    build_component fabric-ca-server "$CA_MODULE" "v$CA_VERSION" 1 "" cmd/fabric-ca-server
    build_component fabric-ca-client "$CA_MODULE" "v$CA_VERSION" 0 caclient cmd/fabric-ca-client
fi

if [ "$want" != ca ]; then
    build_component fabric "$FABRIC_MODULE" "$FABRIC_PSEUDO" 0 "" \
        cmd/peer cmd/orderer cmd/osnadmin cmd/configtxgen cmd/configtxlator cmd/cryptogen cmd/ledgerutil
    src="$(go env GOMODCACHE)/${FABRIC_MODULE}@${FABRIC_PSEUDO}/sampleconfig"
    [ -d "$src" ] || fail "sample config not found at $src after the build"
    for f in core.yaml orderer.yaml configtx.yaml; do
        install -m 0644 "$src/$f" "$home/config/$f"
    done
fi
echo "install-fabric: $want done -> $home"
