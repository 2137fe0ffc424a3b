# Bazaar's one command runner. `make` (or `make help`) lists the targets.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
# Touched after a successful install: targets that need the tools install them on first use.
INSTALLED := $(VENV)/.installed
SERVICE ?=
SUITES ?=
ARGS ?=

.DEFAULT_GOAL := help
.PHONY: help install doctor up up-prod logs nginx chromium web migrate reset manage seed test lint format typecheck superuser

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z][a-z-]*:.*## / {printf "  make %-12s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(PY):
	$(PYTHON) -m venv $(VENV)

install: ## Create .venv if missing and install the pinned dependencies
	@rm -f $(INSTALLED)
	@$(MAKE) --no-print-directory $(INSTALLED)

$(INSTALLED): requirements.txt requirements-dev.txt constraints.txt | $(PY)
	@echo "install: the pinned packages into $(VENV)/ (a few minutes the first time; pip says each one)"
	$(PY) -m pip install --disable-pip-version-check --progress-bar off -r requirements-dev.txt -c constraints.txt
	@touch $@
	@echo "install: done"

doctor: $(INSTALLED) ## Check this machine's prerequisites (PostgreSQL role and extension, RabbitMQ, Redis, ports) and say what to fix
	$(PY) -m common.fleet.doctor

up: $(INSTALLED) $(WEB_BUILT) ## Run the whole fleet in the foreground (Ctrl-C stops it); ARGS="--only users,gigs --replicas gigs=2 --verbose"
	$(PY) -m common.fleet.up $(ARGS)

up-prod: $(INSTALLED) nginx ## The fleet in production mode behind nginx on https://127.0.0.1:8443 (secrets in .run/prod)
	$(PY) -m common.fleet.prod $(ARGS)

logs: $(INSTALLED) ## Follow a service's log files (web, relay, worker, beat) or one process's: make logs SERVICE=gigs (or gigs-worker)
	@test -n "$(SERVICE)" || { echo "usage: make logs SERVICE=<name>  (a service, or one process: gigs-worker, localstripe)"; exit 2; }
	@$(PY) -m common.fleet.logs $(SERVICE) $(ARGS)

# The web front end (web/): npm installs the locked packages when the lock file changes, and
# Vite builds web/dist (served by the gateway at /) when a source changes.
WEB_SOURCES := $(shell find web/src web/public -type f 2>/dev/null) web/index.html web/vite.config.ts web/tsconfig.json
WEB_MODULES := web/node_modules/.package-lock.json
WEB_BUILT := web/dist/index.html

$(WEB_MODULES): web/package.json web/package-lock.json
	@echo "web: npm ci (the locked packages of web/, no browser download)"
	cd web && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
	@touch $@

$(WEB_BUILT): $(WEB_MODULES) $(WEB_SOURCES)
	@echo "web: building web/dist (served by the gateway at /)"
	cd web && npm run --silent build
	@touch $@

web: $(WEB_BUILT) ## Build the web front end into web/dist if a source changed (make up does it)

chromium: ## Install Chromium (Debian package) if it is missing: the web suite's browser tests drive it
	@deploy/ensure-chromium.sh

nginx: ## Install nginx (Debian package) if it is missing: up-prod and the tests put it in front of the gateway
	@deploy/ensure-nginx.sh

migrate: $(INSTALLED) ## Create missing databases and migrate every service
	$(PY) -m common.fleet.prepare

SELLERS ?= 1000
BUYERS ?= 1000
GIGS ?= 10000
seed: $(INSTALLED) ## Fill the running fleet with fake data: make seed SELLERS=1000 BUYERS=1000 GIGS=10000
	$(PY) -m common.fleet.seed --sellers $(SELLERS) --buyers $(BUYERS) --gigs $(GIGS)

test: $(INSTALLED) nginx chromium ## Run every suite, each in its own pytest process, one per core at once; SUITES=users,root ARGS=-x
	$(PY) -m common.fleet.suites $(if $(SUITES),--only $(SUITES)) $(ARGS)

lint: $(INSTALLED) ## ruff check, ruff format --check and the import contracts
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: $(INSTALLED) ## Fix what ruff can and format the code
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

typecheck: $(INSTALLED) ## mypy (strict, Django and DRF plugins) on common/ and every package of the fleet, one run each
	$(PY) -m common.fleet.typecheck

reset: $(INSTALLED) ## Drop and remake the fleet's databases, queues and Redis keys (asks first; ARGS=--yes)
	$(PY) -m common.fleet.reset $(ARGS)

manage: $(INSTALLED) ## Run one service's manage.py: make manage SERVICE=gigs ARGS="reindex_gigs"
	@test -n "$(SERVICE)" || { echo "usage: make manage SERVICE=<name> ARGS=\"<command> ...\""; exit 2; }
	$(PY) $(SERVICE)_service/manage.py $(ARGS)

superuser: $(INSTALLED) ## Create a staff user in one service's admin: make superuser SERVICE=auth
	@test -n "$(SERVICE)" || { echo "usage: make superuser SERVICE=<name>"; exit 2; }
	$(PY) $(SERVICE)_service/manage.py createsuperuser
