# One image for every process of the fleet and for its local stand-ins (the mail sink and
# localstripe); compose.yaml and deploy/ pick the command. Built in three stages: Node.js
# builds the web front end (web/dist) in the first, compilers and pip's work stay in the
# second, and the last gets the finished virtualenv, the code and the built pages, which the
# gateway serves at / (no Node.js in the final image).
#
# The bases are pinned by digest, so every build starts from the same bytes. To refresh one (a
# Debian, Python 3.11 or Node.js 20 security release), print the tag's current digest and put it here:
#   docker buildx imagetools inspect python:3.11-slim-bookworm --format '{{json .Manifest.Digest}}'
#   docker buildx imagetools inspect node:20-bookworm-slim --format '{{json .Manifest.Digest}}'
ARG PYTHON_BASE=python:3.11-slim-bookworm@sha256:2e32f7d302adc1c37428355c1e646897c0c53f4fd60b6a551245fb90ee129f91
ARG NODE_BASE=node:20-bookworm-slim@sha256:2cf067cfed83d5ea958367df9f966191a942351a2df77d6f0193e162b5febfc0

FROM ${NODE_BASE} AS web

# The browser tests' package never fetches a browser here: the image only builds the pages.
ENV PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 \
    npm_config_fund=false \
    npm_config_audit=false

WORKDIR /web
# The lock file first: the packages' layer is rebuilt only when it changes.
COPY web/package.json web/package-lock.json ./
RUN npm ci
COPY web/ ./
RUN npm run build

FROM ${PYTHON_BASE} AS build

ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PATH=/opt/venv/bin:$PATH

# For a pinned dependency that has no wheel for the platform being built; never in the final image.
RUN apt-get update \
    && apt-get install -y --no-install-recommends build-essential \
    && rm -rf /var/lib/apt/lists/*

RUN python -m venv /opt/venv
COPY requirements.txt constraints.txt ./
RUN pip install -r requirements.txt -c constraints.txt
# localstripe, the local stand-in for Stripe that compose runs: a development tool, so not in
# requirements.txt, but in the image so that the fleet starts offline. Pinned by constraints.txt.
RUN pip install -c constraints.txt localstripe

FROM ${PYTHON_BASE} AS runtime

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH=/opt/venv/bin:$PATH

WORKDIR /app

RUN useradd --create-home --uid 10001 bazaar \
    && mkdir -p /app/.keys /app/.run/media \
    && chown -R bazaar:bazaar /app/.keys /app/.run \
    && chmod 700 /app/.keys
COPY --from=build /opt/venv /opt/venv
# The code belongs to root: the bazaar user reads it and writes only .keys and .run.
COPY . .
COPY --from=web /web/dist /app/web/dist

USER bazaar
EXPOSE 8000

# The default command's health; compose gives every other process a check of its own.
HEALTHCHECK --interval=10s --timeout=5s --start-period=20s --retries=6 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health', timeout=3)"]

# The gateway, reachable from outside the container; each other process is started by its own
# command (compose.yaml, deploy/). `make up`'s runner is for a checkout, not for a container.
CMD ["python", "-m", "gateway_project.server", "--host", "0.0.0.0", "--port", "8000"]
