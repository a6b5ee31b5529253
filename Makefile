# Two commands for a fresh machine:
#   make serve   install, migrate, load the content, create the editor account, serve on 127.0.0.1:8000
#   make test    install, then run the whole test suite
#   make stack   the production stack on 127.0.0.1: nginx (TLS, front cache) and two gunicorn nodes
# Both create .venv/ on first use; DATABASE_URL and REDIS_URL are read from the environment.

# The first interpreter that really runs and is 3.11 or newer (version-manager shims may exist but not run).
PYTHON ?= $(shell for p in python3.11 python3.12 python3.13 python3; do \
	$$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1 && { echo $$p; break; }; done)
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: serve test install messages browser-deps lock audit stack

serve: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_content
	$(PY) manage.py create_editorial_groups
	$(PY) manage.py ensure_editor
	$(PY) manage.py runserver 127.0.0.1:8000

test: install browser-deps
	$(PY) -m pytest

install: $(VENV)/.installed messages

# nginx and two gunicorn nodes with production settings on PostgreSQL and Redis (DATABASE_URL, REDIS_URL),
# https://127.0.0.1:8161/ until Ctrl-C; work files in /tmp/atlas-stack (README, "Run it in production").
stack: install
	$(PY) deploy/stack.py

# Exactly the versions of requirements.lock, each checked against its hash (make lock writes the file).
$(VENV)/.installed: requirements.lock
	@test -n "$(PYTHON)" || { echo "HTTP Status Atlas needs Python 3.11 or newer; none was found (python3 is $$(python3 --version 2>&1))." >&2; exit 1; }
	@$(PYTHON) -c 'import sys; v = sys.version_info; sys.exit(0 if v >= (3, 11) else "HTTP Status Atlas needs Python 3.11 or newer; $(PYTHON) is %d.%d. Run: make PYTHON=python3.11 ..." % v[:2])'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(PY) -m pip check
	@touch $@

# requirements.lock from pyproject.toml (pip-tools, run from a throw-away environment): after changing a
# dependency, run this, then make install.
TOOLS := /tmp/atlas-lock-tools
lock:
	test -x $(TOOLS)/bin/pip-compile || { $(PYTHON) -m venv $(TOOLS) && $(TOOLS)/bin/pip install --quiet "pip-tools>=7.4,<8"; }
	$(TOOLS)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url \
		--no-emit-find-links --extra test --extra bench -o requirements.lock pyproject.toml

# The locked versions against the Python Packaging Advisory Database (pip-audit; needs to reach PyPI).
audit:
	test -x $(TOOLS)/bin/pip-audit || { $(PYTHON) -m venv $(TOOLS) && $(TOOLS)/bin/pip install --quiet "pip-audit>=2.7,<3"; }
	$(TOOLS)/bin/pip-audit --require-hashes --disable-pip -r requirements.lock

# Compile the interface translations (needs GNU gettext's msgfmt: apt-get install gettext).
messages: $(VENV)/.installed
	@if ls locale/*/LC_MESSAGES/django.po */locale/*/LC_MESSAGES/django.po >/dev/null 2>&1; then \
		command -v msgfmt >/dev/null || { echo "msgfmt is missing: install GNU gettext (apt-get install gettext)" >&2; exit 1; }; \
		$(PY) manage.py compilemessages --ignore=.venv -v0; \
	fi

# The browser tests' HTML validator: vnu.jar from npm, run with the machine's Java (its install script, which
# would fetch a Java runtime, is not run). Chromium comes from Debian: apt-get install chromium.
# Without npm the validity test is skipped (and fails under CI=true).
VNU_JAR := tests/browser/node_modules/vnu-jar/build/dist/vnu.jar
# The API client test's npm tools (Redocly's linter, openapi-typescript, TypeScript), pinned in its lock.
API_CLIENT_TOOLS := tests/api/clients/node_modules/.bin/redocly
browser-deps: $(VNU_JAR) $(API_CLIENT_TOOLS)

$(VNU_JAR): tests/browser/package.json tests/browser/package-lock.json
	@if command -v npm >/dev/null; then \
		npm ci --prefix tests/browser --ignore-scripts --no-audit --no-fund --loglevel=error && touch $@; \
	else \
		echo "npm is missing (apt-get install npm): the HTML validity test will be skipped" >&2; \
	fi

$(API_CLIENT_TOOLS): tests/api/clients/package.json tests/api/clients/package-lock.json
	@if command -v npm >/dev/null; then \
		npm ci --prefix tests/api/clients --ignore-scripts --no-audit --no-fund --loglevel=error && touch $@; \
	else \
		echo "npm is missing (apt-get install npm): the API client test will be skipped" >&2; \
	fi
