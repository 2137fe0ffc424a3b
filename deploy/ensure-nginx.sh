#!/usr/bin/env bash
# Install nginx from Debian when it is missing: `make up-prod` and the production e2e suite
# put it in front of the gateway to end TLS. The package's own server (port 80) is not ours:
# the fleet starts nginx with its own config, so the installed service is stopped.
set -euo pipefail
exec "$(dirname "$0")/ensure-debian-package.sh" --stop-service nginx nginx /usr/sbin/nginx
