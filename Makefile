# Two commands: `make demo` and `make test`. Both create .venv when missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export DAGSTER_HOME ?= $(CURDIR)/var/dagster_home
export DO_NOT_TRACK := 1
export PYTHONDONTWRITEBYTECODE :=

.PHONY: demo test web bench bench-web ui docs install clean

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
	$(BIN)/python -m orchestration.dagster_home $(DAGSTER_HOME)
	$(BIN)/dagster dev -m orchestration.definitions

# The dbt catalogue of the served analysts' file: descriptions, columns and comments of marts,
# reference and ops, read from a copy of the published file put where dbt builds them, the analysts'
# part of an (empty) build (dbt never opens the served file itself, so publishing and the web page
# are never blocked). Everything is written under <var>/docs/ (target/,
# logs/); DOCS_SERVE=0 only generates. Serves on 127.0.0.1:$(DOCS_PORT), no browser is opened.
DOCS_PORT ?= $(or $(KOMMUNELAGER_DOCS_PORT),8081)
DOCS_SERVE ?= 1
docs: $(STAMP)
	@set -e; \
	eval "$$($(BIN)/python -c 'from orchestration.settings import load_settings as l; s = l(); \
		print(f"published=\"{s.published_db}\" out=\"{s.var_dir}/docs\"")')"; \
	test -f "$$published" || { echo "no analysts' file at $$published: run make demo first" >&2; exit 1; }; \
	rm -rf "$$out"; mkdir -p "$$out"; \
	trap 'rm -f "$$out"/kommunelager*.duckdb "$$out"/kommunelager*.duckdb.wal' EXIT; \
	cp "$$published" "$$out/kommunelager.analysts.duckdb"; \
	dbt="$(BIN)/dbt --no-send-anonymous-usage-stats"; \
	paths="--project-dir dbt_project --profiles-dir dbt_project --target-path $$out/target --log-path $$out/logs"; \
	vars="{build_db: '$$out/kommunelager.duckdb'}"; \
	$$dbt parse --quiet $$paths --vars "$$vars"; \
	$$dbt docs generate --quiet --no-compile --static $$paths --vars "$$vars"; \
	rm -f "$$out"/kommunelager*.duckdb "$$out"/kommunelager*.duckdb.wal; \
	echo "dbt catalogue written to $$out/target (static_index.html opens without a server)"; \
	if [ "$(DOCS_SERVE)" = 1 ]; then \
		echo "serving it on http://127.0.0.1:$(DOCS_PORT)/ (Ctrl-C stops)"; \
		$$dbt docs serve $$paths --vars "$$vars" --host 127.0.0.1 --port $(DOCS_PORT) --no-browser; \
	fi

clean:
	rm -rf $(VENV) .dagster_home var dbt_project/target dbt_project/logs
