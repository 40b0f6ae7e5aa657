# syntax=docker/dockerfile:1
# ZeroWaste API image: the web (Gunicorn), the Celery worker and beat, and the one-shot migrate
# job all run from it (docker-compose.yml picks the command).
#   docker build -t zerowaste-api .                                   # with mysqlclient (mysql+mysqldb://)
#   docker build --build-arg WITH_MYSQLCLIENT=0 -t zerowaste-api .   # PyMySQL only (gevent)

FROM python:3.11-slim AS build
ARG WITH_MYSQLCLIENT=1
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN if [ "$WITH_MYSQLCLIENT" = "1" ]; then \
      apt-get update \
      && apt-get install -y --no-install-recommends gcc pkg-config libmariadb-dev \
      && rm -rf /var/lib/apt/lists/*; \
    fi
RUN python -m venv /opt/venv
# requirements.hashes.txt (deploy/hash_pins.py, `make hash-pins`), when present, installs with
# --require-hashes; it must have been generated from this very requirements.txt.
COPY requirements*.txt /tmp/
RUN if [ -f /tmp/requirements.hashes.txt ]; then \
      sum=$(sha256sum /tmp/requirements.txt | cut -d' ' -f1) \
      && grep -qx "# requirements.txt sha256: $sum" /tmp/requirements.hashes.txt \
      || { echo "requirements.hashes.txt is stale: run make hash-pins" >&2; exit 1; }; \
      /opt/venv/bin/pip install --require-hashes --no-deps -r /tmp/requirements.hashes.txt; \
    else \
      /opt/venv/bin/pip install -r /tmp/requirements.txt; \
    fi \
    && if [ "$WITH_MYSQLCLIENT" = "1" ]; then /opt/venv/bin/pip install "mysqlclient>=2.2,<3"; fi

FROM python:3.11-slim
ARG WITH_MYSQLCLIENT=1
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PATH=/opt/venv/bin:$PATH \
    ZW_ENV=production \
    ZW_VAR_DIR=/app/var \
    HOST=0.0.0.0 \
    PORT=3000 \
    OMP_THREAD_LIMIT=1
# tesseract + Spanish/English data: the local provider's OCR of receipts and labels;
# fonts-dejavu-core: accents and ñ on the local picture cards and in PDF reports;
# libpango-1.0-0 + libpangoft2-1.0-0: weasyprint's text layout (PDF reports).
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
      tesseract-ocr tesseract-ocr-spa tesseract-ocr-eng fonts-dejavu-core \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
      $(if [ "$WITH_MYSQLCLIENT" = "1" ]; then echo libmariadb3; fi) \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 zerowaste \
    && useradd --system --uid 10001 --gid zerowaste --home-dir /app --shell /usr/sbin/nologin zerowaste
COPY --from=build /opt/venv /opt/venv
WORKDIR /app
COPY pyproject.toml alembic.ini wsgi.py gunicorn.conf.py ./
COPY migrations ./migrations
COPY src ./src
# The reference data pack: /app/data is Settings' default (PROJECT_ROOT/data), ZW_DATA_DIR unset.
COPY data ./data
# Editable install: the code stays in /app/src, so PROJECT_ROOT (/app) finds migrations/,
# alembic.ini and data/, and the `zerowaste` command (db-upgrade, data-import) is on PATH.
RUN pip install --no-deps -e . \
    && mkdir -p /app/var \
    && chown -R zerowaste:zerowaste /app/var
USER zerowaste
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen(f\"http://127.0.0.1:{os.environ.get('PORT', '3000')}/healthz/live\", timeout=2)"]
CMD ["gunicorn", "-c", "gunicorn.conf.py", "wsgi:app"]
