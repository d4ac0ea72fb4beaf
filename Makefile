# Two commands: `make demo` and `make test`. Both create .venv when missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export DAGSTER_HOME ?= $(CURDIR)/var/dagster_home
export DO_NOT_TRACK := 1
export PYTHONDONTWRITEBYTECODE :=

.PHONY: demo test web bench bench-web ui install clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==0.9.30
	$(BIN)/uv pip install --quiet --python $(BIN)/python --compile-bytecode -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/kommunelager demo

# The whole suite (the web tests on SQLite), then the web tests once more on PostgreSQL when CI
# (.ci/run) gives one. The second pass runs even when the first failed; either failing fails.
test: $(STAMP)
	@status=0; echo "== the whole suite (web tests on SQLite) =="; \
	$(BIN)/python -m pytest || status=$$?; \
	if [ -n "$$KOMMUNELAGER_TEST_POSTGRES_URL" ]; then \
		echo "== PostgreSQL pass: tests/web again with KOMMUNELAGER_DATABASE_URL=$${KOMMUNELAGER_TEST_POSTGRES_URL%%:*}://... =="; \
		KOMMUNELAGER_DATABASE_URL="$$KOMMUNELAGER_TEST_POSTGRES_URL" $(BIN)/python -m pytest tests/web -m "not browser" \
			|| status=$$?; \
	else \
		echo "== PostgreSQL pass skipped: it needs KOMMUNELAGER_TEST_POSTGRES_URL (.ci/run sets it) =="; \
	fi; \
	exit $$status

web: $(STAMP)
	$(BIN)/kommunelager web

bench-web: $(STAMP)
	$(BIN)/python -m web.bench

bench: $(STAMP)
	$(BIN)/kommunelager bench

ui: $(STAMP)
	mkdir -p $(DAGSTER_HOME) && test -f $(DAGSTER_HOME)/dagster.yaml || printf 'telemetry:\n  enabled: false\n' > $(DAGSTER_HOME)/dagster.yaml
	$(BIN)/dagster dev -m orchestration.definitions

clean:
	rm -rf $(VENV) .dagster_home var dbt_project/target dbt_project/logs
