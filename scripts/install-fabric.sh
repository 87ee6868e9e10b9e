#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
#
# Installs the pinned Fabric 3.1.5 binaries, the chaincode-as-a-service builder and Fabric CA
# 1.5.21 into a versioned cache outside the repository, with Fabric's sample core.yaml,
# orderer.yaml and configtx.yaml. Each component is skipped when the cache already holds it at
# the pinned version (checked by running the binaries, not by a stamp alone).
#
#   bash scripts/install-fabric.sh           everything (Fabric CA, Fabric, CCaaS builder)
#   bash scripts/install-fabric.sh ca        Fabric CA only (fabric-ca-server, fabric-ca-client)
#   bash scripts/install-fabric.sh fabric    Fabric and the CCaaS builder only
#
# Where Fabric comes from, first match wins:
#   PRODUCTIVIST_FABRIC_BIN   a folder of official release binaries (the bin/ of
#                             hyperledger-fabric-linux-amd64-3.1.5.tar.gz from Fabric's GitHub
#                             releases); its ../config and ../builders/ccaas are used when present
#   PRODUCTIVIST_FABRIC_SRC   a Fabric 3.1.5 source tarball holding its vendor/ tree
#   default                   ../shared/third-party/fabric/fabric-3.1.5-src.tar.gz beside the
#                             repository (sha256 checked), built offline with -mod=vendor
# Other settings:
#   PRODUCTIVIST_FABRIC_HOME  cache folder (default ~/.cache/productivist/fabric-3.1.5-ca-1.5.21)
#
# Fabric CA is built through the Go module proxy in a throw-away module (go get + go build):
# `go install pkg@version` also asks for the module's version list, which the proxy here refuses.
set -euo pipefail

FABRIC_VERSION=3.1.5
FABRIC_COMMIT=86c1172
FABRIC_SHA256=384164175e74744664273c6c6a529cac63b8c6abae7a22415c4494646656938a
CA_VERSION=1.5.21
CA_MODULE=github.com/hyperledger/fabric-ca
GO_MIN_MINOR=26
FABRIC_COMMANDS=(peer orderer configtxgen configtxlator cryptogen osnadmin discover ledgerutil)
# osnadmin, discover and ledgerutil print no version; they come from the same build as peer.
FABRIC_VERSIONED=(peer orderer configtxgen configtxlator cryptogen)

repo=$(cd "$(dirname "$0")/.." && pwd)
home="${PRODUCTIVIST_FABRIC_HOME:-$HOME/.cache/productivist/fabric-${FABRIC_VERSION}-ca-${CA_VERSION}}"
default_src="$repo/../shared/third-party/fabric/fabric-${FABRIC_VERSION}-src.tar.gz"
release_hint="a user elsewhere downloads hyperledger-fabric-linux-amd64-${FABRIC_VERSION}.tar.gz from Fabric's GitHub releases page (tag v${FABRIC_VERSION}), extracts it and runs this script with PRODUCTIVIST_FABRIC_BIN=<extracted>/bin"

fail() {
    echo "install-fabric: $*" >&2
    exit 1
}
say() { echo "install-fabric: $*"; }

need_go() {
    command -v go >/dev/null 2>&1 || fail "Go is not installed or not on PATH; install Go 1.${GO_MIN_MINOR} or newer and run again"
    local gov minor
    gov=$(go env GOVERSION)
    minor=$(printf '%s' "$gov" | sed -E 's/^go1\.([0-9]+).*/\1/')
    case "$minor" in
        '' | *[!0-9]*) fail "cannot read the Go version from '$gov'; install Go 1.${GO_MIN_MINOR} or newer" ;;
    esac
    [ "$minor" -ge "$GO_MIN_MINOR" ] || fail "Go $gov is too old; the pinned Fabric needs Go 1.${GO_MIN_MINOR} or newer"
}

# version_of BINARY -> the x.y.z it prints after "Version:", or nothing
version_of() {
    local args=(version)
    case "$(basename "$1")" in
        configtxgen) args=(-version) ;;
    esac
    "$1" "${args[@]}" 2>&1 | sed -nE 's/^[[:space:]]*Version:[[:space:]]*v?([0-9][^[:space:]]*).*/\1/p' | head -n 1 || true
}

# check_version BINARY PINNED -> fails naming the binary when it prints another version
check_version() {
    case "$(basename "$1")" in osnadmin | discover | ledgerutil) return 0 ;; esac
    local got
    got=$(version_of "$1")
    [ "$got" = "$2" ] || fail "$1 says version '${got:-none}', not the pinned $2; remove $home and run again"
}

fabric_ok() {
    local name
    for name in "${FABRIC_COMMANDS[@]}"; do [ -x "$home/bin/$name" ] || return 1; done
    for name in "${FABRIC_VERSIONED[@]}"; do
        [ "$(version_of "$home/bin/$name")" = "$FABRIC_VERSION" ] || return 1
    done
    for name in build detect release; do [ -x "$home/builders/ccaas/bin/$name" ] || return 1; done
    [ -f "$home/config/core.yaml" ] && [ -f "$home/config/orderer.yaml" ]
}

ca_ok() {
    [ -x "$home/bin/fabric-ca-server" ] && [ -x "$home/bin/fabric-ca-client" ] &&
        [ "$(version_of "$home/bin/fabric-ca-server")" = "$CA_VERSION" ] &&
        [ "$(version_of "$home/bin/fabric-ca-client")" = "$CA_VERSION" ]
}

copy_config() {
    local dir=$1 f
    for f in core.yaml orderer.yaml configtx.yaml; do
        [ -f "$dir/$f" ] || fail "$dir/$f is missing; it should come with Fabric $FABRIC_VERSION"
        install -m 0644 "$dir/$f" "$home/config/$f"
    done
}

# Fabric from a folder of official release binaries.
install_fabric_from_bin() {
    local bin=$1 name
    [ -d "$bin" ] || fail "PRODUCTIVIST_FABRIC_BIN=$bin is not a folder; point it at the bin/ of the extracted release archive"
    for name in "${FABRIC_COMMANDS[@]}"; do
        [ -x "$bin/$name" ] || fail "PRODUCTIVIST_FABRIC_BIN=$bin has no executable '$name'; $release_hint"
        install -m 0755 "$bin/$name" "$home/bin/$name"
        check_version "$home/bin/$name" "$FABRIC_VERSION"
        say "  $name $FABRIC_VERSION (copied from $bin)"
    done
    if [ -d "$bin/../config" ]; then copy_config "$bin/../config"; fi
    if [ -x "$bin/../builders/ccaas/bin/build" ]; then
        for name in build detect release; do install -m 0755 "$bin/../builders/ccaas/bin/$name" "$home/builders/ccaas/bin/$name"; done
        say "  ccaas builder (copied from $bin/../builders/ccaas/bin)"
    fi
    printf 'release binaries from PRODUCTIVIST_FABRIC_BIN=%s\n' "$(cd "$bin" && pwd)" >"$home/origin/fabric"
}

# Extracts a source tarball into $home/src/<sha256 prefix>, a stable folder, so that rebuilds hit
# the Go build cache. Prints the source folder.
extract_source() {
    local tarball=$1 expect=$2 sum dir
    [ -f "$tarball" ] || fail "Fabric source tarball $tarball not found; put the shared folder beside the repository, set PRODUCTIVIST_FABRIC_SRC to a source tarball, or PRODUCTIVIST_FABRIC_BIN to release binaries ($release_hint)"
    sum=$(sha256sum "$tarball" | cut -d' ' -f1)
    if [ -n "$expect" ] && [ "$sum" != "$expect" ]; then
        fail "$tarball has sha256 $sum, not the pinned $expect; replace it with the Fabric $FABRIC_VERSION source tarball"
    fi
    dir="$home/src/${sum:0:16}"
    if [ ! -f "$dir/.extracted" ]; then
        rm -rf "$dir"
        mkdir -p "$dir"
        tar -xzf "$tarball" -C "$dir" --strip-components=1 || fail "cannot extract $tarball into $dir"
        [ -d "$dir/cmd/peer" ] || fail "$tarball does not hold Fabric's source (no cmd/peer inside)"
        printf '%s\n' "$sum" >"$dir/.extracted"
    fi
    printf '%s' "$dir"
}

install_fabric_from_src() {
    local tarball=$1 expect=$2 dir name start m
    need_go
    dir=$(extract_source "$tarball" "$expect")
    m=github.com/hyperledger/fabric/common/metadata
    local ldflags="-X $m.Version=$FABRIC_VERSION -X $m.CommitSHA=$FABRIC_COMMIT -X $m.BaseDockerLabel=org.hyperledger.fabric -X $m.DockerNamespace=hyperledger"
    say "building Fabric $FABRIC_VERSION from $tarball (source in $dir); a cold build takes about 2 min on 2 cores"
    for name in "${FABRIC_COMMANDS[@]}"; do
        start=$(date +%s)
        (cd "$dir" && GOFLAGS=-mod=vendor CGO_ENABLED=0 go build -trimpath -buildvcs=false -ldflags "$ldflags" -o "$home/bin/$name" "./cmd/$name") ||
            fail "go build ./cmd/$name in $dir failed; see the output above"
        check_version "$home/bin/$name" "$FABRIC_VERSION"
        say "  $name $FABRIC_VERSION built in $(($(date +%s) - start)) s"
    done
    copy_config "$dir/sampleconfig"
    printf 'built from %s (sha256 %s)\n' "$tarball" "$(cat "$dir/.extracted")" >"$home/origin/fabric"
}

install_ccaas_from_src() {
    local dir=$1 name start
    need_go
    start=$(date +%s)
    (cd "$dir/ccaas_builder" && CGO_ENABLED=0 go build -trimpath -buildvcs=false -o "$home/builders/ccaas/bin/" ./cmd/build ./cmd/detect ./cmd/release) ||
        fail "go build of the CCaaS builder in $dir/ccaas_builder failed; see the output above (its two small dependencies come from the Go module proxy)"
    for name in build detect release; do [ -x "$home/builders/ccaas/bin/$name" ] || fail "the CCaaS builder '$name' was not built"; done
    say "  ccaas builder (build, detect, release) built in $(($(date +%s) - start)) s"
}

install_fabric() {
    if fabric_ok; then
        say "Fabric $FABRIC_VERSION already in $home/bin ($(cat "$home/origin/fabric" 2>/dev/null || echo 'origin unknown'))"
        return 0
    fi
    local start tarball expect
    start=$(date +%s)
    if [ -n "${PRODUCTIVIST_FABRIC_BIN:-}" ]; then
        install_fabric_from_bin "$PRODUCTIVIST_FABRIC_BIN"
    fi
    if [ -n "${PRODUCTIVIST_FABRIC_SRC:-}" ]; then
        tarball=$PRODUCTIVIST_FABRIC_SRC
        expect=''
    else
        tarball=$default_src
        expect=$FABRIC_SHA256
    fi
    if [ -z "${PRODUCTIVIST_FABRIC_BIN:-}" ]; then
        install_fabric_from_src "$tarball" "$expect"
    fi
    if [ ! -x "$home/builders/ccaas/bin/build" ]; then
        install_ccaas_from_src "$(extract_source "$tarball" "$expect")"
    fi
    [ -f "$home/config/core.yaml" ] || copy_config "$(extract_source "$tarball" "$expect")/sampleconfig"
    fabric_ok || fail "Fabric in $home is still incomplete after the install; remove $home and run again"
    say "Fabric $FABRIC_VERSION ready in $(($(date +%s) - start)) s"
}

# build_ca NAME CGO TAGS PACKAGE
build_ca() {
    local name=$1 cgo=$2 tags=$3 pkg=$4 work start
    work=$(mktemp -d)
    start=$(date +%s)
    (
        cd "$work"
        go mod init productivist.local/install-"$name" >/dev/null 2>&1
        GOFLAGS=-mod=mod go get "$CA_MODULE@v$CA_VERSION" ||
            fail "the Go module proxy did not serve $CA_MODULE@v$CA_VERSION (command: go get $CA_MODULE@v$CA_VERSION); see the error above"
        GOFLAGS="-mod=mod -buildvcs=false" CGO_ENABLED=$cgo go build -tags "$tags" -o "$home/bin/" "$CA_MODULE/$pkg" ||
            fail "go build $CA_MODULE/$pkg failed; see the output above"
    )
    rm -rf "$work"
    check_version "$home/bin/$name" "$CA_VERSION"
    say "  $name $CA_VERSION built in $(($(date +%s) - start)) s"
}

install_ca() {
    if ca_ok; then
        say "Fabric CA $CA_VERSION already in $home/bin"
        return 0
    fi
    need_go
    say "building Fabric CA $CA_VERSION through the Go module proxy into $home/bin"
    # fabric-ca-server needs CGO (sqlite); the client is built with -tags caclient.
    build_ca fabric-ca-server 1 "" cmd/fabric-ca-server
    build_ca fabric-ca-client 0 caclient cmd/fabric-ca-client
    printf 'built from Go module %s@v%s\n' "$CA_MODULE" "$CA_VERSION" >"$home/origin/ca"
}

want=${1:-all}
case "$want" in
    all | ca | fabric) ;;
    *) fail "unknown component '$want'; use 'ca', 'fabric' or nothing for both" ;;
esac

mkdir -p "$home/bin" "$home/config" "$home/builders/ccaas/bin" "$home/origin"
if [ "$want" != fabric ]; then install_ca; fi
if [ "$want" != ca ]; then install_fabric; fi
say "$want done -> $home"
