#!/usr/bin/env bash
# Install Chromium from Debian when it is missing: the web suite's browser tests (Playwright)
# drive /usr/bin/chromium; Playwright never downloads a browser of its own. Needs root (or
# sudo) the first time only.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "chromium is missing and there is no apt-get here: install Chromium at /usr/bin/chromium, then retry" >&2
    exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi
echo "installing chromium (Debian package)"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
