# Two entry points: `make run` (the app on the demo company) and `make test` (every test).
# Both install what they need: a virtualenv in .venv, and for tests Chromium and CJK fonts.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DB     ?= data/hr.duckdb
PORT   ?= 8501
# The demo database opens without a sign-in: this machine only, unless told otherwise (docs/operations.md: Serving it safely).
ADDRESS ?= localhost
EMPLOYEES ?= 2000

.PHONY: run test bench demo browser clean

$(BIN)/.runtime: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(BIN)/.test: requirements-test.txt $(BIN)/.runtime
	$(BIN)/python -m pip install --quiet -r requirements-test.txt
	touch $@

$(DB): | $(BIN)/.runtime
	$(BIN)/python -m hrcore demo --db $(DB) --employees $(EMPLOYEES)

demo: $(BIN)/.runtime
	$(BIN)/python -m hrcore demo --db $(DB) --employees $(EMPLOYEES)

run: $(BIN)/.runtime $(DB)
	HRCORE_DB=$(DB) $(BIN)/python -m streamlit run app.py --server.port $(PORT) --server.address $(ADDRESS)

browser:
	@if ! command -v chromium >/dev/null || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then \
		echo "installing chromium and CJK fonts with apt"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	fi

test: $(BIN)/.test browser
	$(BIN)/python -m pytest

bench: $(BIN)/.runtime
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) artifacts .pytest_cache
