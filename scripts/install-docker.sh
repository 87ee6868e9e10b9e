#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The Docker engine the Docker-runtime tests start (each test file runs its own dockerd with its own
# socket and data folder, stopped by pid). Installs Debian's docker.io once when dockerd is missing
# and this is root with apt-get (CI); otherwise says how to get one. A no-op when dockerd is there.
set -euo pipefail

if command -v dockerd >/dev/null 2>&1 || [ -x /usr/sbin/dockerd ]; then
    echo "dockerd present: $(PATH="$PATH:/usr/sbin" dockerd --version)"
    exit 0
fi
if [ "$(id -u)" != "0" ]; then
    echo "ERROR: dockerd is not installed and installing it needs root." >&2
    echo "  fix: as root, 'apt-get install -y docker.io' (or install a Docker engine), then run the tests again" >&2
    exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "ERROR: dockerd is not installed and apt-get is not available to install it." >&2
    echo "  fix: install a Docker engine (dockerd) with this system's package manager" >&2
    exit 1
fi
start=$(date +%s)
echo "installing docker.io (apt-get update; apt-get install -y docker.io)"
export DEBIAN_FRONTEND=noninteractive
if ! apt-get update -qq || ! apt-get install -y -qq docker.io; then
    echo "ERROR: apt-get could not install docker.io (see above); the Docker runtime tests need dockerd" >&2
    exit 1
fi
echo "docker.io installed in $(($(date +%s) - start)) s: $(/usr/sbin/dockerd --version)"
