#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
#
# Installs the pinned Hyperledger Fabric and Fabric CA binaries with `go install` into a
# versioned cache outside the repository, and copies the sample core.yaml / orderer.yaml out
# of the Go module cache. Reuses the cache when the versions match.
#
#   PRODUCTIVIST_FABRIC_HOME   cache folder (default: ~/.cache/productivist/fabric-3.1.5-ca-1.5.21)
set -euo pipefail

FABRIC_VERSION=3.1.5
FABRIC_MODULE=github.com/hyperledger/fabric
# v3.1.5 is commit 86c1172bec37; the module path has no /v3, so the proxy knows it by this pseudo-version.
FABRIC_PSEUDO=v1.4.0-rc1.0.20260618074816-86c1172bec37
CA_VERSION=1.5.21
CA_MODULE=github.com/hyperledger/fabric-ca
GO_MIN_MINOR=26

home="${PRODUCTIVIST_FABRIC_HOME:-$HOME/.cache/productivist/fabric-${FABRIC_VERSION}-ca-${CA_VERSION}}"
stamp="$home/.installed"
want="fabric=${FABRIC_PSEUDO} ca=v${CA_VERSION}"

fail() {
    echo "install-fabric: $*" >&2
    exit 1
}

if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    echo "install-fabric: Fabric ${FABRIC_VERSION} and Fabric CA ${CA_VERSION} already in $home"
    exit 0
fi

command -v go >/dev/null 2>&1 || fail "Go is not installed or not on PATH; install Go 1.${GO_MIN_MINOR} or newer and run again"
gov=$(go env GOVERSION)
minor=$(printf '%s' "$gov" | sed -E 's/^go1\.([0-9]+).*/\1/')
case "$minor" in
    '' | *[!0-9]*) fail "cannot read the Go version from '$gov'; install Go 1.${GO_MIN_MINOR} or newer" ;;
esac
[ "$minor" -ge "$GO_MIN_MINOR" ] || fail "Go $gov is too old; Fabric ${FABRIC_VERSION} needs Go 1.${GO_MIN_MINOR} or newer"

mkdir -p "$home/bin" "$home/config"
start=$(date +%s)
echo "install-fabric: building Fabric ${FABRIC_VERSION} into $home/bin (a cold build takes several minutes)"
GOBIN="$home/bin" GOFLAGS=-buildvcs=false CGO_ENABLED=0 go install \
    -ldflags "-X ${FABRIC_MODULE}/common/metadata.Version=${FABRIC_VERSION}" \
    "${FABRIC_MODULE}/cmd/peer@${FABRIC_PSEUDO}" \
    "${FABRIC_MODULE}/cmd/orderer@${FABRIC_PSEUDO}" \
    "${FABRIC_MODULE}/cmd/osnadmin@${FABRIC_PSEUDO}" \
    "${FABRIC_MODULE}/cmd/configtxgen@${FABRIC_PSEUDO}" \
    "${FABRIC_MODULE}/cmd/configtxlator@${FABRIC_PSEUDO}" \
    "${FABRIC_MODULE}/cmd/cryptogen@${FABRIC_PSEUDO}" \
    "${FABRIC_MODULE}/cmd/ledgerutil@${FABRIC_PSEUDO}" ||
    fail "go install of Fabric ${FABRIC_VERSION} (${FABRIC_MODULE}@${FABRIC_PSEUDO}) failed; see the output above"

echo "install-fabric: building Fabric CA ${CA_VERSION}"
GOBIN="$home/bin" GOFLAGS=-buildvcs=false CGO_ENABLED=1 go install \
    -ldflags "-X ${CA_MODULE}/lib/metadata.Version=${CA_VERSION}" \
    "${CA_MODULE}/cmd/fabric-ca-server@v${CA_VERSION}" ||
    fail "go install of fabric-ca-server v${CA_VERSION} failed (it needs CGO and a C compiler); see the output above"
GOBIN="$home/bin" GOFLAGS=-buildvcs=false CGO_ENABLED=0 go install -tags caclient \
    -ldflags "-X ${CA_MODULE}/lib/metadata.Version=${CA_VERSION}" \
    "${CA_MODULE}/cmd/fabric-ca-client@v${CA_VERSION}" ||
    fail "go install of fabric-ca-client v${CA_VERSION} failed; see the output above"

src="$(go env GOMODCACHE)/${FABRIC_MODULE}@${FABRIC_PSEUDO}/sampleconfig"
[ -d "$src" ] || fail "sample config not found at $src after go install"
for f in core.yaml orderer.yaml configtx.yaml; do
    install -m 0644 "$src/$f" "$home/config/$f"
done

printf '%s' "$want" >"$stamp"
echo "install-fabric: done in $(($(date +%s) - start)) s -> $home/bin"
