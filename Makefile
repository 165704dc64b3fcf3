# Two commands: `make run` starts an event server; `make test` passes every test.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
# `make run` needs only the runtime; `make test` adds what the tests need.
RUNTIME  := $(VENV)/.runtime-installed
TESTING  := $(VENV)/.test-installed
CHROMIUM := /usr/bin/chromium
WORKERS  ?= 2

.PHONY: run test setup chromium services bench clean translations

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

# The laptop's install takes the [suggest] extra: theme suggestions by meaning for English
# cards (docs/harvest.md); `pip install circle-and-cafe` alone stays lean.
$(RUNTIME): pyproject.toml | $(PY)
	$(PIP) install --quiet -e '.[suggest]'
	@touch $@

$(TESTING): pyproject.toml | $(PY)
	$(PIP) install --quiet -e '.[test]'
	@touch $@ $(RUNTIME)

setup: $(TESTING)

run: $(RUNTIME)
	$(VENV)/bin/facilitator run $(ARGS)

# Browser tests drive Debian's Chromium; never a downloaded browser.
chromium:
	@if [ ! -x $(CHROMIUM) ]; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "Installing Chromium from Debian..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "Chromium is missing: run 'sudo apt-get install chromium' (the browser tests need it)." >&2; exit 1; \
	  fi; \
	fi

# The several-processes tests run Debian's nginx on a port of their own with a
# config in a temp dir, and a redis-server of their own (PostgreSQL is expected
# at 127.0.0.1:5432, see the README).
services:
	@missing=""; \
	command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing="$$missing nginx"; \
	command -v redis-server >/dev/null 2>&1 || missing="$$missing redis-server"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "Installing$$missing from Debian..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "Missing:$$missing: run 'sudo apt-get install$$missing' (the several-processes tests need them)." >&2; exit 1; \
	  fi; \
	fi

# Two workers share the machine's cores (browser tests mostly wait on the page);
# the tests that measure stalls and latencies then run alone, so nothing else is measured.
# Exit status 5 is "no test selected", e.g. PYTEST_ARGS naming a file with none of them.
test: $(TESTING) chromium services
	$(PY) -m pytest -q -p no:cacheprovider -n $(WORKERS) --dist loadfile -m "not alone" $(PYTEST_ARGS)
	$(PY) -m pytest -q -p no:cacheprovider -m alone $(PYTEST_ARGS) || [ $$? -eq 5 ]

# The catalogues (docs/translations.md): extract every marked sentence from the Python, the
# templates and participant_ui/, bring each language's .po up to date, compile .mo and .json.
CATALOGUES := facilitator/translations
translations: $(RUNTIME)
	$(VENV)/bin/pybabel extract -F babel.cfg --no-default-keywords -k N_ --no-wrap --sort-by-file \
	  --project "Circle & Café" --copyright-holder "Circle & Café contributors" \
	  -o $(CATALOGUES)/messages.pot .
	$(PY) -m facilitator.i18n update
	$(VENV)/bin/pybabel compile -d $(CATALOGUES)
	$(PY) -m facilitator.i18n json

bench: $(TESTING)
	$(PY) bench/run.py $(ARGS)

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache
