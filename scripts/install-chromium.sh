#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
#
# Makes Debian's Chromium available for the console's browser test (console/src/browser/). Browser
# downloads by playwright or puppeteer do not work here, so the test drives the distribution's
# package through playwright-core with its executablePath.
#
#   PRODUCTIVIST_CHROMIUM   a Chromium (or Chrome) binary to use instead; nothing is installed
#
# Nothing happens when a chromium is already on PATH. Otherwise, as root, it is installed with
# apt-get (about 40 s after the package lists are fetched); as another user the script stops with
# the command to run.
set -euo pipefail

if [ -n "${PRODUCTIVIST_CHROMIUM:-}" ]; then
    if [ -x "$PRODUCTIVIST_CHROMIUM" ]; then
        echo "chromium: $PRODUCTIVIST_CHROMIUM (PRODUCTIVIST_CHROMIUM)"
        exit 0
    fi
    echo "PRODUCTIVIST_CHROMIUM=$PRODUCTIVIST_CHROMIUM is not an executable file; point it at a chromium binary or unset it" >&2
    exit 1
fi
for name in chromium chromium-browser; do
    if command -v "$name" >/dev/null 2>&1; then
        echo "chromium: $(command -v "$name")"
        exit 0
    fi
done
if [ "$(id -u)" != 0 ]; then
    echo "chromium is not installed, and installing it needs root: run 'sudo apt-get update && sudo apt-get install -y chromium'" >&2
    echo "(or set PRODUCTIVIST_CHROMIUM to a chromium binary); the console's browser test needs it" >&2
    exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "chromium is not installed and this system has no apt-get: install chromium with its package manager, or set PRODUCTIVIST_CHROMIUM" >&2
    exit 1
fi
echo "installing Debian's chromium package (apt-get)"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium >/dev/null
echo "chromium: $(command -v chromium)"
