# Two commands do all the set-up on a fresh Debian machine with Python 3.11:
#   make serve   – the dashboards on http://127.0.0.1:8866
#   make test    – the whole test suite (unit, property, notebooks, real browser)
# Both build .venv themselves and install what they need (apt for Chromium).

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
PYTEST_ARGS ?=

.PHONY: venv serve test test-fast chromium postgresql notebooks bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dashboards,test]'
	touch $(STAMP)

venv: $(STAMP)

chromium:
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; }

# The storage tests run against SQLite and a real PostgreSQL server, which tests/conftest.py starts in a temporary
# folder (initdb/pg_ctl as the unprivileged postgres user) and stops after the run.
postgresql:
	@ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq postgresql >/dev/null; }

serve: venv
	$(VENV)/bin/lmcore serve

test: venv chromium postgresql
	$(PY) -m pytest -n 2 --dist loadscope --nbval --nbval-current-env \
	  --nbval-sanitize-with tests/nbval_sanitize.cfg tests notebooks $(PYTEST_ARGS)

test-fast: venv postgresql
	$(PY) -m pytest -n 2 --dist loadscope tests -m "not browser" $(PYTEST_ARGS)

# Re-run every notebook and store its outputs (commit them: nbval compares against them); today pinned as in
# notebooks/conftest.py, so the stored outputs do not change from day to day.
notebooks: venv
	for nb in notebooks/*.ipynb; do \
	  LMCORE_TODAY=2026-11-23 $(VENV)/bin/jupyter nbconvert --to notebook --execute --inplace \
	    --ExecutePreprocessor.store_widget_state=True "$$nb" || exit 1; done

bench: venv
	for b in benchmarks/bench_*.py; do $(PY) "$$b" || exit 1; done

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
