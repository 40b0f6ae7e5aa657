# ZeroWaste API — `make run` serves on http://127.0.0.1:3000 (Swagger UI at /apidocs),
# `make test` runs the whole suite. Both only need Python 3.11 and make.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
# The reference data pack is the repository's data/ (Settings' default); an exported
# ZW_DATA_DIR still wins. `make data-sync SRC=../shared/data` refreshes data/ from upstream.
DATA_HEADER_END := <!-- upstream README below

.PHONY: install run serve worker beat migrate data data-sync test test-fast lint fmt typecheck bench eval-recs bench-recognition bench-mix soak bench-generation bench-plan bench-reports bench-images bench-search search-relevance stack stack-stop backup restore hash-pins lock clean

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -r requirements-dev.txt
	$(BIN)/python -m pip install -q --no-deps -e .
	touch $@

install: $(STAMP)

migrate: install
	$(BIN)/zerowaste db-upgrade

data: migrate
	$(BIN)/zerowaste data-import
	$(BIN)/zerowaste search-index

# Replace data/ with the pack in SRC, keeping data/README.md's own header above the upstream text.
data-sync:
	@test -n "$(SRC)" && test -f "$(SRC)/README.md" \
	  || { echo "usage: make data-sync SRC=path/to/shared/data" >&2; exit 2; }
	rm -rf data.sync && cp -R "$(SRC)" data.sync && chmod -R u+w data.sync
	{ sed '/^$(DATA_HEADER_END)/q' data/README.md; cat "$(SRC)/README.md"; } > data.sync/README.md
	cp -R data/techniques data.sync/  # written for the project, not part of the upstream pack
	rm -rf data && mv data.sync data
	-git status --short data

run: data serve

# Gunicorn, plus one Celery worker and one beat on an embedded SQLite broker when
# CELERY_BROKER_URL is unset (entrypoints/launcher.py); with a broker, Gunicorn only.
serve: install
	$(BIN)/zerowaste run

# A worker and a beat of their own, for a configured broker (without CELERY_BROKER_URL,
# `make run` starts one of each on its embedded broker).
# The same settings as `make run` (DATABASE_URL, ...) must reach the worker. Beat keeps its
# schedule state under ZW_VAR_DIR (var/ by default).
worker: install
	@test -n "$$CELERY_BROKER_URL" || { echo "make worker: set CELERY_BROKER_URL (e.g. redis://127.0.0.1:6379/1); without it, make run starts its own worker on an embedded broker" >&2; exit 2; }
	$(BIN)/celery -A zerowaste.entrypoints.worker worker --loglevel=INFO --without-gossip --without-mingle

beat: install
	@test -n "$$CELERY_BROKER_URL" || { echo "make beat: set CELERY_BROKER_URL (the broker its worker reads)" >&2; exit 2; }
	mkdir -p "$${ZW_VAR_DIR:-var}"
	$(BIN)/celery -A zerowaste.entrypoints.worker beat --loglevel=INFO --schedule="$${ZW_VAR_DIR:-var}/celerybeat-schedule"

test: install lint
	$(BIN)/pytest -n 2 --dist loadgroup -q --durations=25

test-fast: install
	$(BIN)/pytest -q -m "not slow"

lint: install
	$(BIN)/ruff check src tests bench wsgi.py gunicorn.conf.py
	$(BIN)/ruff format --check src tests bench wsgi.py gunicorn.conf.py
	$(BIN)/mypy
	$(BIN)/lint-imports

fmt: install
	$(BIN)/ruff check --fix src tests bench wsgi.py gunicorn.conf.py
	$(BIN)/ruff format src tests bench wsgi.py gunicorn.conf.py

typecheck: install
	$(BIN)/mypy

bench: install
	bash bench/run.sh

# Offline quality of the recommender (recall@10, NDCG@10 vs popularity and the previous run,
# kept in bench/baselines/recs.json); fails when it does not beat popularity. About 30 s.
eval-recs: install
	$(BIN)/python bench/eval_recs.py

# Async recognition with a Redis broker and a Celery worker (issue #8's targets; about 5 minutes).
bench-recognition: install
	$(BIN)/python bench/recognition.py

# Issue #15's mobile mix: 100 users replay the app's day (~250 req/s) on Nginx -> Gunicorn ->
# MariaDB + Redis with a worker, then the bare stack in the same run (about 6 minutes).
bench-mix: install
	$(BIN)/python bench/mobile_mix.py

# Issue #15's soak (not in CI): the mix at ~150 req/s for 10 minutes, every process's memory
# sampled; fails on any error or on a process whose memory keeps growing (about 13 minutes).
soak: install
	$(BIN)/python bench/soak.py

# Local recipe generation served as deployed (issue #9's 200 ms p95 target; about 2 minutes).
bench-generation: install
	$(BIN)/python bench/generation.py

# The meal-plan optimiser over the catalog (issue #10's < 1 s target for a 7-day plan).
bench-plan: install
	$(BIN)/python bench/plan_generation.py 10

# A 20-page recipe book and an analytics PDF as a worker renders them (issue #11's < 3 s target).
bench-reports: install
	$(BIN)/python bench/reports_pdf.py

# Thumbnails of a 12 MP photo (3 sizes + WebP) and every variant, as a worker renders them
# (issue #13's < 300 ms target), with each scenario's peak RSS.
bench-images: install
	$(BIN)/python bench/images.py

# Recipe search (issue #12): p95 at 50 req/s over 5,000 recipes and worker memory (~3 minutes
# the first time: it seeds var/bench-search); recall@5 of the relevance set on var/ (after make data).
bench-search: install
	$(BIN)/python bench/search.py

search-relevance: install
	$(BIN)/python bench/search_relevance.py

stack: install
	bash deploy/stack.sh start

stack-stop:
	bash deploy/stack.sh stop

# MariaDB backups (deploy/backup.sh): gzipped, timestamped, the newest BACKUP_KEEP (7) kept in
# BACKUP_DIR (var/backups); DB_HOST/DB_PORT/DB_USER/DB_PASSWORD/DB_NAME as deploy/db_env.sh reads.
backup:
	bash deploy/backup.sh

# make restore FILE=var/backups/zerowaste-<stamp>.sql.gz [DB_NAME=side_db] [FORCE=1]
restore:
	@test -n "$(FILE)" || { echo "usage: make restore FILE=path.sql.gz [DB_NAME=name] [FORCE=1]" >&2; exit 2; }
	bash deploy/restore.sh $(if $(filter 1,$(FORCE)),--force) "$(FILE)"

# requirements.hashes.txt: requirements.txt with every wheel's sha256 (deploy/hash_pins.py).
hash-pins: install
	$(BIN)/python deploy/hash_pins.py

lock: install
	$(BIN)/pip freeze --exclude-editable > /tmp/zw-freeze.txt && echo "review /tmp/zw-freeze.txt and split into requirements*.txt"

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
