# Two commands on a fresh machine: `make run` and `make test`.
# uv is used when the machine has it; otherwise it is bootstrapped into .tools/ with the
# standard library's venv and pip, so python3 is all a fresh machine needs.

SHELL := /bin/bash
UV := $(shell command -v uv 2>/dev/null || echo .tools/bin/uv)
export UV_PYTHON_DOWNLOADS := never
export UV_PYTHON_PREFERENCE := only-system
RUN := $(UV) run --frozen --all-packages

.PHONY: run test lint typecheck sync bench clean browser postgres catalogs

.tools/bin/uv:
	python3 -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check uv

.venv/.synced: $(UV) uv.lock pyproject.toml $(wildcard plugins/*/pyproject.toml)
	$(UV) sync --frozen --all-packages
	@touch $@

sync: .venv/.synced

run: sync
	$(RUN) mechanisms compare demo --simulate --runs 20 --html out/report.html --force

# The report's browser test needs Debian's chromium; install it where we can (root, as in CI).
browser:
	@command -v chromium >/dev/null 2>&1 || [ "$$(id -u)" != 0 ] || \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } || \
	  echo "could not install chromium: the browser test will be skipped (or fail in CI)"

# The store's tests run on a throwaway PostgreSQL cluster too (initdb + pg_ctl): Debian's postgresql, installed
# where we can; in CI (CI=true) those tests are required, not skipped.
postgres:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 || [ "$$(id -u)" != 0 ] || \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; } || \
	  echo "could not install postgresql: the store's PostgreSQL tests will be skipped (or fail in CI)"

test: sync browser postgres
	$(RUN) ruff check .
	$(RUN) mypy src plugins tests
	MECHANISMS_BROWSER_TEST=$${CI:+required} MECHANISMS_POSTGRES_TEST=$${CI:+required} $(RUN) pytest -n auto

typecheck: sync
	$(RUN) mypy src plugins tests

bench: sync
	$(RUN) --group bench python -m benchmarks

# The message catalogs (docs/translating.md): extract every text from src/ (tools/babel_extract.py), update the .po
# (new msgids added empty, stale ones dropped), compile the .mo the library reads. Babel is a dev dependency only.
LOCALE := src/mechanisms/locale
BABEL := $(RUN) python -m babel.messages.frontend
catalogs: sync
	$(BABEL) extract -F babel.cfg --sort-output --no-location --omit-header -o $(LOCALE)/mechanisms.pot src/mechanisms
	$(BABEL) update -i $(LOCALE)/mechanisms.pot -d $(LOCALE) -D mechanisms -l zh --no-fuzzy-matching --ignore-obsolete -w 120
	$(BABEL) compile -d $(LOCALE) -D mechanisms -l zh --statistics

clean:
	rm -rf .venv .tools .pytest_cache .ruff_cache
