#!/usr/bin/env bash
# Install nginx from Debian when it is missing: `make up-prod` and the production e2e suite
# put it in front of the gateway to end TLS. Needs root (or sudo) the first time only.
set -euo pipefail

if command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; then
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "nginx is missing and there is no apt-get here: install nginx, then retry" >&2
    exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi
echo "installing nginx (Debian package)"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends nginx >/dev/null
# The package's own server (port 80) is not ours: the fleet starts nginx with its own config.
$SUDO service nginx stop >/dev/null 2>&1 || true
