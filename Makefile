# Bilingual migration-news documentation site. Targets:
#   make serve        set up .venv, bring generated content up to date, serve both languages on
#                     http://127.0.0.1:8000 (ADDR=host:port to serve elsewhere); a save rebuilds only
#                     what it touches; a bad input is reported and left out
#   make test         set up .venv, run the whole test suite (browser tests need /usr/bin/chromium)
#   make test-fast    the tests without a browser or a whole-site build (under a minute)
#   make lint         ruff: unused or undefined names, style errors (settings in pyproject.toml)
#   make build        strict build of the site into site/
#   make update       run the pipeline: ingest sources/, translate (memory only, no engine), generate pages
#   make check        the live content's checks: glossary, topics, translation QA, metadata to review (errors name the file)
#   make eval         score the cleaner (body and each metadata field) against ../shared/eval, eval/pages and the seeds
#   make bench        benchmark the pipeline and the build (report in benchmarks/)
#   make constraints  re-pin every installed package into constraints.txt
#   make clean        remove site/, .preview/, .cache/ and test caches (keeps .venv)

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
ADDR   ?= 127.0.0.1:8000
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test test-fast lint build update check eval bench constraints clean

$(STAMP): requirements.txt constraints.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt -c constraints.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

update: $(STAMP)
	$(PY) -m scripts update

serve: $(STAMP)
	$(PY) -m scripts serve --addr $(ADDR)

build: $(STAMP)
	$(PY) -m scripts build --site-dir site

test: $(STAMP)
	$(PY) -m pytest

test-fast: $(STAMP)
	$(PY) -m pytest -n auto --maxprocesses 4 -m "not slow and not browser"

lint: $(STAMP)
	$(PY) -m ruff check scripts hooks bench tests

check: $(STAMP)
	$(PY) -m scripts check

eval: $(STAMP)
	$(PY) -m scripts evaluate

bench: $(STAMP)
	$(PY) -m bench

constraints: $(STAMP)
	{ echo "# Every package of the environment, pinned (pip freeze). Regenerate with: make constraints"; \
	  $(PY) -m pip freeze --exclude-editable; } > constraints.txt

clean:
	rm -rf site .preview .cache .pytest_cache .hypothesis
