# Tasks of the ameli-e2e project: `make help` lists them.
#
# Every variable below can be overridden as a make argument (`make serve PORT=5001`) or as an
# environment variable (`PORT=5001 make serve`). Every target installs what it needs first;
# installs are skipped while their stamp file is newer than what they install from.

PYTHON ?= python3
VENV ?= .venv
NPM ?= npm

HOST ?= 127.0.0.1
PORT ?= 5000
MOCK_MODE ?= demo
# make serve / serve-prod: a file where the server writes its base URL once it listens (for
# programs: `make serve PORT=0 MOCK_PORT_FILE=/tmp/mock.url`); empty: none.
MOCK_PORT_FILE ?=

# make install: the exact versions, with their hashes, of every Python package (make lock).
LOCK := requirements.lock
# make lock: `--upgrade` takes every package to its newest release within pyproject.toml's
# ranges; empty: the current pins are kept where they still fit (after adding a dependency).
LOCK_ARGS ?= --upgrade

PYTEST_ARGS ?=
# make test: pytest-xdist processes (default: one per processor, as `nproc` counts them; `auto`:
# pytest-xdist's own count, physical cores when psutil is installed; `0`: one process, no
# xdist) and how tests are spread over them; see docs/running-tests.md.
WORKERS ?= $(shell nproc 2>/dev/null || echo 1)
DIST ?= loadfile
# make test-rapide ECRAN=identite: the journey test and the tests of one screen's file
# (e2e/test_<ECRAN>.py); empty: the journey alone.
ECRAN ?=
# make test SPLITS=3 GROUP=1: only the first of three shards of equal duration (.test_durations).
SPLITS ?=
GROUP ?=
# make serve-prod: gunicorn's worker processes, all on one SQLite file.
GUNICORN_WORKERS ?= 4
# make stress: runs of the suite in random orders; pytest arguments selecting what to run.
STRESS_RUNS ?= 20
STRESS_ARGS ?=
# make bench: options of `python -m bench --help` (`--only journey`, …).
BENCH_ARGS ?=
# make mutate: options of `python -m mutation --help` (`--only franceconnect`, `--minutes 20`, …).
MUTATE_ARGS ?=
LINT_PATHS ?= $(wildcard mock_site pages fixtures plugins e2e tests screenshots film bench mutation \
	conftest.py)

# make screenshots: the viewports captured; any other option of `python -m screenshots --help`.
VIEWPORTS ?= desktop mobile
SCREENSHOTS_ARGS ?=
# make video: options of `python -m film --help` (`--only parcours`, `--output DIR`, …).
VIDEO_ARGS ?=
# make visual: the share of pixels a screenshot may change, anti-aliasing aside, before it counts
# as changed (empty: the comparison's own, 1e-5; see screenshots/comparaison.py).
VISUAL_TOLERANCE ?=

ALLURE_RESULTS ?= allure-results
# make test: the JUnit XML report CI systems read (GitHub test summary, GitLab reports:junit).
JUNIT_XML ?= junit.xml
ALLURE_REPORT ?= allure-report
# make report: the results folders the report covers, several allowed (CI's phases in one report).
REPORT_RESULTS ?= $(ALLURE_RESULTS)
REPORT_PORT ?= 8080

# Python keeps compiled modules, and pytest its rewritten test modules, in __pycache__/
# (ignored by git). Container images often set PYTHONDONTWRITEBYTECODE=1: every Python process
# the suite starts (pytest-xdist workers, mock servers, the tools tests run) would then compile
# the project again, about 1.6 s of processor per pytest process. The targets let Python keep
# its caches; BYTECODE=0 leaves the environment's setting alone.
BYTECODE ?= 1
ifeq ($(BYTECODE),1)
unexport PYTHONDONTWRITEBYTECODE
endif

VENV_PYTHON := $(VENV)/bin/python
PYTHON_STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
ALLURE := node_modules/.bin/allure

# The mock's SQLite database lives in instance/ (Flask's instance folder).
CLEAN_PATHS := $(ALLURE_RESULTS) $(wildcard allure-results-*) stress-results $(ALLURE_REPORT) \
	$(wildcard junit*.xml) \
	test-results .pytest_cache .mypy_cache \
	.ruff_cache .coverage .mutation build dist $(wildcard *.egg-info) $(wildcard instance/*.sqlite*)

.DEFAULT_GOAL := help
.DELETE_ON_ERROR:

.PHONY: help install python-deps lock browser node-deps serve serve-prod test test-rapide durations \
	stress bench bench-tools fuzz mutate lint mypy format report report-open screenshots video visual \
	clean distclean

help: ## List the documented targets
	@awk 'BEGIN { FS = ":.*## " } /^[a-zA-Z_-]+:.*## / { printf "  %-12s %s\n", $$1, $$2 }' \
		$(MAKEFILE_LIST)

install: python-deps browser node-deps ## Install the Python packages, a Chromium and the Allure CLI

python-deps: $(PYTHON_STAMP)

$(VENV_PYTHON):
	$(PYTHON) -m venv $(VENV)

# Every package from the lock, checked against its hashes (pip refuses a package the lock does
# not pin); then the project itself, without its dependencies (they are all there) and without
# build isolation (its build backend, setuptools, is in the lock too).
$(PYTHON_STAMP): $(LOCK) pyproject.toml | $(VENV_PYTHON)
	$(VENV_PYTHON) -m pip install --quiet --require-hashes --requirement '$(LOCK)'
	$(VENV_PYTHON) -m pip install --quiet --no-deps --no-build-isolation --editable .
	@touch $@

# One resolution for every platform and for Python 3.11 and newer (numpy is forked by Python
# version): the lock serves Linux x86_64 CI runners with Python 3.11 as well as a laptop. The
# build backend (pyproject.toml's [build-system]) is read from standard input, since `uv pip
# compile` resolves runtime requirements only.
lock: python-deps ## Re-resolve pyproject.toml's ranges into requirements.lock, with hashes (LOCK_ARGS)
	printf 'setuptools>=69\n' | $(VENV)/bin/uv pip compile --quiet --universal \
		--python-version 3.11 --generate-hashes --extra dev --custom-compile-command 'make lock' \
		$(LOCK_ARGS) --output-file '$(LOCK)' pyproject.toml -

browser: $(PYTHON_STAMP)
	@VENV='$(VENV)' scripts/ensure-browser

node-deps: $(NODE_STAMP)

$(NODE_STAMP): package-lock.json package.json
	@command -v $(NPM) >/dev/null || { \
		echo "npm is missing: install Node.js and npm (Debian: apt-get install nodejs npm)" >&2; \
		exit 1; }
	$(NPM) ci --no-audit --no-fund
	@touch $@

# `exec`: the recipe's shell becomes the server, so the SIGTERM that make hands its child when
# it is itself terminated reaches the server, which stops and frees its port (a shell would
# die and leave the server running). tests/test_serveur_partage.py checks it.
serve: python-deps ## Run the mock (http://127.0.0.1:5000, demo mode; see HOST, PORT, MOCK_MODE)
	MOCK_MODE='$(MOCK_MODE)' MOCK_PORT_FILE='$(MOCK_PORT_FILE)' \
		exec $(VENV_PYTHON) -m mock_site --host '$(HOST)' --port '$(PORT)'

# gunicorn's master builds the application once (--preload) and forks the workers; they share
# the SQLite file (WAL) and the session key (SECRET_KEY, else instance/secret.key). Its config
# module writes MOCK_PORT_FILE once listening.
serve-prod: python-deps ## Run the mock under gunicorn (GUNICORN_WORKERS workers, one SQLite database)
	MOCK_MODE='$(MOCK_MODE)' MOCK_PORT_FILE='$(MOCK_PORT_FILE)' \
		exec $(VENV)/bin/gunicorn --config python:mock_site.gunicorn_conf \
		--workers '$(GUNICORN_WORKERS)' --bind '$(HOST):$(PORT)' --preload --no-control-socket \
		mock_site.wsgi:app

# --clean-alluredir: the whole suite starts from an empty results folder (plugins/reporting/
# environment.py lets only the controller clean it); other runs add their results to it, and
# say so. --no-loadscope-reorder: files are handed to the workers in collection order (testpaths
# puts the long browser files first, the many short files of the mock last) rather than by their
# number of tests, which left a few long tests of small files for the end, with one worker busy.
test: python-deps browser node-deps ## Run the whole suite headless on all cores (Allure results, junit.xml)
	$(VENV_PYTHON) -m pytest -n '$(WORKERS)' --dist '$(DIST)' --no-loadscope-reorder \
		--alluredir '$(ALLURE_RESULTS)' --clean-alluredir \
		--junitxml '$(JUNIT_XML)' $(if $(SPLITS),--splits '$(SPLITS)' --group '$(GROUP)') $(PYTEST_ARGS)

# The inner loop of someone changing a screen: one process (starting pytest-xdist's workers
# would cost more than the few tests), in file order, no JUnit report.
test-rapide: python-deps browser ## The journey and one screen's tests, in seconds (ECRAN=identite)
	@test -z '$(ECRAN)' || test -f 'e2e/test_$(ECRAN).py' || { \
		echo "ECRAN=$(ECRAN): no e2e/test_$(ECRAN).py; one of: $$(ls e2e/test_*.py | \
		sed 's|e2e/test_||; s|\.py||' | tr '\n' ' ')" >&2; exit 1; }
	$(VENV_PYTHON) -m pytest -n 0 --alluredir '$(ALLURE_RESULTS)' e2e/test_parcours.py \
		$(if $(ECRAN),'e2e/test_$(ECRAN).py') $(PYTEST_ARGS)

# One process, so that each test's duration is measured without another one competing; with
# PYTEST_ARGS selecting some tests, the durations of the others are kept.
durations: python-deps browser node-deps ## Measure every test's duration into .test_durations (for SPLITS)
	$(VENV_PYTHON) -m pytest -p no:cacheprovider --alluredir '$(ALLURE_RESULTS)' \
		--store-durations $(if $(PYTEST_ARGS),,--clean-durations) $(PYTEST_ARGS)

stress: python-deps browser node-deps ## Rerun the suite STRESS_RUNS times in random orders; report flaky tests
	$(VENV_PYTHON) -m bench.stress --runs '$(STRESS_RUNS)' --workers '$(WORKERS)' -- $(STRESS_ARGS)

bench: python-deps browser bench-tools ## Time the journey, the suite and the mock (hyperfine, ab); bench/RESULTS.md
	$(VENV_PYTHON) -m bench --suite-workers '$(WORKERS)' $(BENCH_ARGS)

# The timers make bench hands its timing to: hyperfine and ab (Debian packages hyperfine and
# apache2-utils), installed by scripts/apt-install when missing (as root).
bench-tools: ## Install hyperfine and ab (Debian, as root) when missing: make bench's timers
	@command -v hyperfine >/dev/null && command -v ab >/dev/null || \
		scripts/apt-install hyperfine apache2-utils

# Hypothesis profiles live in mock_site/tests/conftest.py: `ci` (bounded, in `make test`) and `fuzz`.
fuzz: python-deps ## Run the hostile-input tests with many more generated inputs (profile fuzz)
	HYPOTHESIS_PROFILE=fuzz $(VENV_PYTHON) -m pytest mock_site/tests/test_entrees_hostiles.py \
		--hypothesis-show-statistics $(PYTEST_ARGS)

# One process at a time, at low priority: a campaign is long and should not slow anything else
# down. docs/mutation.md says how mutants are made and which tests each one runs.
mutate: python-deps ## Mutation testing of every part of mock_site/ (cosmic-ray); bench/MUTATION.md
	nice -n 19 $(VENV_PYTHON) -m mutation $(MUTATE_ARGS)

# The PNGs are the visual baselines: regenerating them is how a change to a screen is accepted.
screenshots: python-deps browser ## Regenerate docs/screenshots/ (PNGs, manifest.json) and docs/tutoriel.md
	$(VENV_PYTHON) -m screenshots $(addprefix --viewport ,$(VIEWPORTS)) $(SCREENSHOTS_ARGS)

# The films are built, not committed (docs/films/ is ignored; CI publishes them): see
# docs/screenshots.md, "Films". FFmpeg comes with PyAV's wheel, a Python dependency.
video: python-deps browser ## Shoot the tutorial's films into docs/films/ (WebM, MP4, captions, chapters)
	$(VENV_PYTHON) -m film $(VIDEO_ARGS)

visual: python-deps browser ## Compare fresh screenshots with docs/screenshots/ (diffs in test-results/visual/)
	VISUAL_TOLERANCE='$(VISUAL_TOLERANCE)' VISUAL_RESULTS=test-results/visual \
		$(VENV_PYTHON) -m pytest -m visuel \
		--alluredir '$(ALLURE_RESULTS)' e2e/test_visuel.py $(PYTEST_ARGS)

lint: python-deps mypy ## Check the code: ruff (lint and format) and mypy
	$(VENV)/bin/ruff check $(LINT_PATHS)
	$(VENV)/bin/ruff format --check $(LINT_PATHS)

# --explicit-package-bases: conftest.py and e2e/conftest.py would otherwise both be "conftest".
mypy: python-deps
	$(VENV)/bin/mypy --explicit-package-bases $(LINT_PATHS)

format: python-deps ## Format the code with ruff (what `make lint` checks) and fix what ruff can
	$(VENV)/bin/ruff format $(LINT_PATHS)
	$(VENV)/bin/ruff check --fix $(LINT_PATHS)

# allurerc.mjs: grouping by tutorial step, categories, phases, history kept in
# .allure/history.jsonl. scripts/allure-report.mjs runs `allure generate`, removes the report's
# call to Google's tag, keeps the history small and counts the same results once.
report: node-deps ## Build the Allure HTML report of the last run in allure-report/ (REPORT_RESULTS)
	rm -rf '$(ALLURE_REPORT)'
	node scripts/allure-report.mjs --output '$(ALLURE_REPORT)' $(REPORT_RESULTS)

report-open: node-deps ## Serve allure-report/ over HTTP (port 8080; see REPORT_PORT)
	@test -f '$(ALLURE_REPORT)/index.html' || { \
		echo "no $(ALLURE_REPORT)/ yet: run 'make report' first" >&2; exit 1; }
	$(ALLURE) open --port '$(REPORT_PORT)' '$(ALLURE_REPORT)'

clean: ## Remove test output, reports, caches and the mock's database
	rm -rf $(CLEAN_PATHS)
	find . \( -path './$(VENV)' -o -path ./node_modules \) -prune -o \
		-name __pycache__ -type d -exec rm -rf {} +

distclean: clean ## Also remove the virtualenv and node_modules
	rm -rf '$(VENV)' node_modules
