#!/usr/bin/env bash
# Install Chromium from Debian when it is missing: the web suite's browser tests (Playwright)
# drive /usr/bin/chromium; Playwright never downloads a browser of its own.
set -euo pipefail
exec "$(dirname "$0")/ensure-debian-package.sh" chromium /usr/bin/chromium
