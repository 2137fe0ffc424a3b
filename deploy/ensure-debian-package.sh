#!/usr/bin/env bash
# Install a Debian package when none of its programs is here yet; needs root (or sudo) the
# first time only. ensure-chromium.sh and ensure-nginx.sh say which package and why.
#
#   deploy/ensure-debian-package.sh [--stop-service] PACKAGE PROGRAM...
#
# PROGRAM is a command name or an absolute path: any one found means the package is in.
# --stop-service stops the service the package starts on install, when it is not ours to run.
set -euo pipefail

STOP_SERVICE=""
if [ "${1:-}" = "--stop-service" ]; then
    STOP_SERVICE="yes"
    shift
fi
PACKAGE="$1"
shift

for program in "$@"; do
    if command -v "$program" >/dev/null 2>&1 || [ -x "$program" ]; then
        exit 0
    fi
done
if ! command -v apt-get >/dev/null 2>&1; then
    echo "$PACKAGE is missing and there is no apt-get here: install $PACKAGE ($*), then retry" >&2
    exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi
echo "installing $PACKAGE (Debian package)"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "$PACKAGE" >/dev/null
if [ -n "$STOP_SERVICE" ]; then
    $SUDO service "$PACKAGE" stop >/dev/null 2>&1 || true
fi
