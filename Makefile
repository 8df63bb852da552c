# Vitrina: `make run` serves the demo site, `make test` runs the whole suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
PORT ?= 8000
export PORT
# The admin's links, the demo site's address and the served port stay in step (local_admin).
WAGTAILADMIN_BASE_URL ?= http://127.0.0.1:$(PORT)
export WAGTAILADMIN_BASE_URL

.PHONY: run test test-e2e lint format audit bench bench-analytics bench-pdf bench-import bench-search bench-instr search-quality messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.runtime
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $@

## run: install, migrate, seed the demo company and serve it (with the background worker)
run: $(VENV)/.runtime
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo
	$(MANAGE) local_admin
	@$(MANAGE) run_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver 127.0.0.1:$(PORT)

## test: lint, checks and the whole pytest suite (browser tests skip without chromium)
test: $(VENV)/.dev lint
	$(BIN)/pytest -q -n auto

## test-e2e: only the browser tests (needs Debian's chromium)
test-e2e: $(VENV)/.dev
	$(BIN)/pytest -q -m e2e tests/e2e

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) check
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) makemigrations --check --dry-run --noinput

## audit: Lighthouse (tests/audit/package.json, installed into tests/audit/node_modules; needs node,
## nginx and Debian's chromium) on the home, services, a service, cases, a case, an expert and a
## search page, mobile and desktop, page cache on and off, on the demo seeded into
## tests/bench/.data/audit (AUDIT_ARGS=--fresh seeds it again) and served by gunicorn behind nginx;
## prints the table, writes tests/audit/results/audit_latest.{md,json}; fails under 95 (~15 min)
audit: $(VENV)/.runtime tests/audit/node_modules/.package-lock.json
	$(BIN)/python tests/audit/run.py $(AUDIT_ARGS)

tests/audit/node_modules/.package-lock.json: tests/audit/package.json tests/audit/package-lock.json
	cd tests/audit && npm ci --no-audit --no-fund --loglevel=error

## bench: seed 10,000 cases into tests/bench/.data, load gunicorn and nginx with wrk (~20 min);
## writes tests/bench/results/latest.{md,json}. BENCH_POSTGRES_URL adds the PostgreSQL search run.
## Then the analytics and import benches, and the instruction counts of bench-instr on the demo
## and the 10,000-case database (steady, first render after a publish, unseen searches).
bench: $(VENV)/.runtime
	$(BIN)/python tests/bench/run.py $(BENCH_ARGS)
	$(BIN)/python tests/bench/analytics.py
	$(BIN)/python tests/bench/imports.py
	$(BIN)/python tests/bench/instr.py --scale 10000 $(if $(BAKERYDEMO_DIR),--bakerydemo $(BAKERYDEMO_DIR))

## bench-analytics: every analytics report over 100,000 deals / 1,000,000 stage changes, on SQLite
## and on PostgreSQL (in <name>_analytics beside BENCH_POSTGRES_URL's database, or DATABASE_URL's
## when it is a PostgreSQL one: dropped and made again); generated once into tests/bench/.data and reused (about 15 minutes the first
## time); writes tests/bench/results/analytics_latest.{md,json}
bench-analytics: $(VENV)/.runtime
	$(BIN)/python tests/bench/analytics.py $(ANALYTICS_BENCH_ARGS)

## bench-import: 100,000 contact rows and 100,000 deal rows through manage.py import_crm, each into
## a fresh SQLite database (files generated once into tests/bench/.data/imports); wall time, rows/s,
## peak memory and the seconds of each step; writes tests/bench/results/import_latest.{md,json}
bench-import: $(VENV)/.runtime
	$(BIN)/python tests/bench/imports.py $(IMPORT_BENCH_ARGS)

## search-quality: the relevance set (tests/search/quality, English and Russian) on a throwaway
## SQLite database, and on PostgreSQL when SEARCH_QUALITY_POSTGRES_URL (or a PostgreSQL
## DATABASE_URL) is set: MRR, P@1, R@5 and unseen-query time for Vitrina and for plain Wagtail
## search; fails below MRR 0.92 / P@1 0.85 or when an answerable query finds nothing (~5 minutes)
search-quality: $(VENV)/.dev
	$(BIN)/python -m tests.search.quality.run

## bench-search: the search measures of `make bench` alone (a mix under load, 60 unseen queries
## of which a third misspelt), on the 10,000-case database `make bench` seeded (seeds it when
## missing); writes tests/bench/results/search_latest.{md,json}. BENCH_POSTGRES_URL adds PostgreSQL.
bench-search: $(VENV)/.runtime
	$(BIN)/python tests/bench/run.py --search-only $(if $(wildcard tests/bench/.data/bench.sqlite3),--reuse) $(BENCH_ARGS)

## bench-instr: instructions per in-process page render under valgrind's callgrind (the same figure
## on a busy machine), steady and first after a publish, on the demo (needs valgrind and gcc; ~5
## minutes); INSTR_SCALE=10000 adds make bench's 10,000-case database, BAKERYDEMO_DIR=<checkout>
## bakerydemo's figures beside Vitrina's; writes tests/bench/results/instr_latest.{md,json}
bench-instr: $(VENV)/.runtime
	$(BIN)/python tests/bench/instr.py $(if $(INSTR_SCALE),--scale $(INSTR_SCALE)) \
		$(if $(BAKERYDEMO_DIR),--bakerydemo $(BAKERYDEMO_DIR))

## bench-pdf: latency of / alone and while 10 clients ask for proposal PDFs (about a minute);
## writes tests/bench/results/pdf_latest.{md,json}
bench-pdf: $(VENV)/.runtime
	$(BIN)/python tests/bench/pdf_load.py $(BENCH_ARGS)

format: $(VENV)/.dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## messages: refresh the translation catalogs (needs gettext) and compile them
messages: $(VENV)/.dev
	$(MANAGE) makemessages -l ru -l en --no-location --ignore=.venv --ignore=tests
	$(MANAGE) compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) staticfiles
