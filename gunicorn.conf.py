"""Gunicorn settings, all from the environment (`make run`, `make stack`, the container, bench).

| variable | default | meaning |
|---|---|---|
| GUNICORN_BIND | HOST:PORT | full bind address (overrides HOST/PORT) |
| HOST, PORT | 127.0.0.1, 3000 | the container sets HOST=0.0.0.0 |
| GUNICORN_WORKER_CLASS | gthread | gthread, gevent or sync (`make bench` chose gthread) |
| GUNICORN_WORKERS | per class, see below | processes |
| GUNICORN_THREADS | 8 | threads per gthread worker |
| GUNICORN_WORKER_CONNECTIONS | 1000 | concurrent greenlets/connections per gevent worker |
| GUNICORN_TIMEOUT, GUNICORN_GRACEFUL_TIMEOUT | 30, 30 | seconds |
| GUNICORN_KEEPALIVE | 75 | seconds; above Nginx's upstream keepalive_timeout (60 s) |
| GUNICORN_MAX_REQUESTS, GUNICORN_MAX_REQUESTS_JITTER | 100000, 10000 | recycle workers |
| FORWARDED_ALLOW_IPS | 127.0.0.1 | proxies trusted for X-Forwarded-Proto ("*" in compose) |
| PROMETHEUS_MULTIPROC_DIR | $ZW_VAR_DIR/prometheus-PORT | worker metric files, emptied at start |

The default worker class is the one that won `make bench` (README, "Benchmark"): on the profile
read with MariaDB, 100 users who pause got p95 64 ms through Nginx with gthread 4 × 8 and 39-70 ms
with gevent 4; flat out gevent served as much but unfairly (p95 2.4 s against 0.67 s; logins
5.7-9.2 s against 2.9-3.8 s). gthread belongs behind Nginx (directly exposed its p99 reached
0.3-0.8 s). gevent stays supported: wsgi.py patches the standard library first when
GUNICORN_WORKER_CLASS=gevent, so this module exports the chosen class to the environment the
workers inherit.

Each process uses at most two malloc arenas (`zerowaste.entrypoints.memory`, measured there):
with glibc's default of up to 8 per core, the workers' 8 request threads each took one, and the
soak's workers grew on memory freed in arenas other threads no longer used.

NumPy's BLAS runs single-threaded in the workers (OPENBLAS_NUM_THREADS, OMP_NUM_THREADS and
MKL_NUM_THREADS default to 1 here, before any worker imports NumPy; an exported value wins): a
request's matrix-vector product over 5,000 recipe vectors took 6.9 ms of wall time and 2.9 ms of
CPU with OpenBLAS's threads on two cores, against 0.8 and 0.4 ms on one thread, and workers
already run one request per thread.

Metrics (README "Observability"): every worker writes its prometheus_client values to files in
PROMETHEUS_MULTIPROC_DIR and /metrics, whichever worker answers it, sums them all. The master
empties the directory as it starts (a previous run's files would be counted again) and, as a
worker exits, marks it dead so its live gauges (database pool) leave the sums; its counters stay.

The app is not preloaded: every worker builds its own engine, pools and Redis client after the
fork. With the embedded SQLite default several processes share one file (WAL + busy timeout) and
the cache is a file cache seen by all of them, so more than one worker is safe on every backend.
"""

from __future__ import annotations

import os

for _blas in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_blas, "1")
# At most two malloc arenas per process (zerowaste.entrypoints.memory: with one per request
# thread the soak's workers kept growing on freed memory); set before any worker forks.
from zerowaste.entrypoints import memory as _memory  # noqa: E402

_memory.limit_malloc_arenas()
# Each worker loads the SR28 tables, the search model and its index before its first request
# (zerowaste.bootstrap.preloading; ~4 s of CPU and ~160 MB a worker); WARM_UP=0 skips it.
os.environ.setdefault("WARM_UP", "1")

WORKER_CLASSES = ("gthread", "gevent", "sync")
DEFAULT_WORKER_CLASS = "gthread"


def _env_int(name: str, default: int, minimum: int = 0) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise SystemExit(f"{name} must be an integer, got {raw!r}") from exc
    if value < minimum:
        raise SystemExit(f"{name} must be >= {minimum}, got {value}")
    return value


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _default_workers(kind: str, cores: int) -> int:
    # Measured on 2 cores (README "Benchmark"): gthread 2 per core × 8 threads (2 × 8 saturated
    # ~20 % lower; 4 × 4 and 4 × 8 tie). gevent 2 hubs per core: with one per core a request's
    # Python work stalls every other greenlet of the process (paced p95 136 ms against 49 ms with
    # four). sync: the classic 2 × cores + 1.
    return {"gthread": 2 * cores, "gevent": 2 * cores, "sync": 2 * cores + 1}[kind]


worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "").strip() or DEFAULT_WORKER_CLASS
if worker_class not in WORKER_CLASSES:
    raise SystemExit(
        f"GUNICORN_WORKER_CLASS must be one of {', '.join(WORKER_CLASSES)}, got {worker_class!r}"
    )
os.environ["GUNICORN_WORKER_CLASS"] = worker_class  # wsgi.py reads it to patch gevent first
if worker_class == "gevent" and os.environ.get("DATABASE_URL", "").startswith("mysql+mysqldb"):
    # mysqlclient is C: its waits on the server block the whole gevent hub, not one greenlet.
    raise SystemExit("gevent workers need PyMySQL: use DATABASE_URL=mysql+pymysql://...")

bind = [
    os.environ.get("GUNICORN_BIND", "").strip()
    or f"{os.environ.get('HOST', '127.0.0.1')}:{_env_int('PORT', 3000, 1)}"
]
# Set before any worker imports prometheus_client (workers fork from this process); one
# directory per bound port, so two servers on one machine never empty each other's files.
_metrics_suffix = "".join(c if c.isalnum() else "-" for c in bind[0].rsplit(":", 1)[-1])
os.environ.setdefault(
    "PROMETHEUS_MULTIPROC_DIR",
    os.path.join(os.environ.get("ZW_VAR_DIR") or "var", f"prometheus-{_metrics_suffix}"),
)
workers = _env_int("GUNICORN_WORKERS", _default_workers(worker_class, _cores()), 1)
threads = _env_int("GUNICORN_THREADS", 8, 1) if worker_class == "gthread" else 1
worker_connections = _env_int("GUNICORN_WORKER_CONNECTIONS", 1000, 1)

timeout = _env_int("GUNICORN_TIMEOUT", 30, 1)
graceful_timeout = _env_int("GUNICORN_GRACEFUL_TIMEOUT", 30, 1)
keepalive = _env_int("GUNICORN_KEEPALIVE", 75, 0)
# A worker keeps warm state worth ~3 s of CPU (the decoded catalog, the search and recommender
# indexes, the trained model): recycled every 10,000 requests, the 4 workers of `make bench`
# restarted in the middle of the recommendation scenarios and paid it again under load.
max_requests = _env_int("GUNICORN_MAX_REQUESTS", 100_000, 0)
max_requests_jitter = _env_int("GUNICORN_MAX_REQUESTS_JITTER", 10_000, 0)

preload_app = False  # fork safety: engines, pools and sockets are created per worker
accesslog = None  # the app writes one structured line per request (request id, duration)
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
proc_name = "zerowaste-api"
# Heartbeat files on tmpfs: a container's overlay filesystem can stall workers' heartbeats.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None


def on_starting(server: object) -> None:
    """Refuse to start on bad configuration with the settings' own message, once, in the master."""
    from zerowaste.config import ConfigError, Settings

    try:
        Settings.from_env()
    except ConfigError as exc:
        raise SystemExit(f"configuration error: {exc}") from exc
    _reset_metrics_dir(os.environ["PROMETHEUS_MULTIPROC_DIR"])


def post_worker_init(worker: object) -> None:
    """The app is loaded and warmed up: set what it loaded aside from the garbage collector
    (zerowaste.entrypoints.memory.freeze_loaded; a full collection had walked it all)."""
    log = worker.log  # type: ignore[attr-defined]
    log.info(
        "%d objects loaded before the first request set aside from the GC", _memory.freeze_loaded()
    )


def _reset_metrics_dir(directory: str) -> None:
    """An empty PROMETHEUS_MULTIPROC_DIR: only this run's workers are summed."""
    import shutil

    if os.path.isdir(directory):
        for entry in os.listdir(directory):
            if entry.endswith(".db"):
                os.unlink(os.path.join(directory, entry))
    else:
        shutil.rmtree(directory, ignore_errors=True)
        os.makedirs(directory, exist_ok=True)


def child_exit(server: object, worker: object) -> None:
    """A worker is gone: its live gauges leave the sums (prometheus_client multiprocess)."""
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)  # type: ignore[attr-defined]
