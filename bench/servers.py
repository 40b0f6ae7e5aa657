"""Processes under test for `make bench`: databases, Gunicorn, Nginx, and their CPU accounting."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"
sys.path.insert(0, str(ROOT / "deploy"))
import nginx_local  # noqa: E402

WORKER_CLASSES = ("gevent", "gthread", "sync")
DRIVERS = ("sqlite", "pymysql", "mysqldb")
MYSQL_SERVER = os.environ.get("BENCH_MYSQL_URL", "mysql+pymysql://root@127.0.0.1:3306")
MYSQL_DATABASE = os.environ.get("BENCH_MYSQL_DATABASE", "zw_bench")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
JWT_SECRET = "bench-only-secret-" + "k" * 40
TICKS = os.sysconf("SC_CLK_TCK")


def niced(command: list[str]) -> list[str]:
    """BENCH_NICE=-10 runs the measured processes ahead of other work on a shared machine."""
    level = os.environ.get("BENCH_NICE", "").strip()
    return ["nice", "-n", level, *command] if level else command


@dataclass(frozen=True)
class Config:
    """A cell of the matrix, named `<worker class>-<driver>[+nginx]`: gthread-mysqldb+nginx."""

    name: str
    worker_class: str
    driver: str
    nginx: bool

    @classmethod
    def parse(cls, name: str) -> Config:
        base, _, edge = name.strip().partition("+")
        worker_class, _, driver = base.partition("-")
        if worker_class not in WORKER_CLASSES or driver not in DRIVERS or edge not in ("", "nginx"):
            raise SystemExit(
                f"BENCH_MATRIX entry {name!r}: expected <{'|'.join(WORKER_CLASSES)}>-"
                f"<{'|'.join(DRIVERS)}>[+nginx]"
            )
        return cls(name.strip(), worker_class, driver, edge == "nginx")

    @property
    def backend(self) -> str:
        return "sqlite" if self.driver == "sqlite" else "mariadb"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def backend_env(backend: str, run_dir: Path) -> dict[str, str]:
    """Embedded defaults on SQLite; MariaDB with Redis (cache, limiter, blacklist) as deployed."""
    if backend == "sqlite":
        return {"DATABASE_URL": f"sqlite:///{run_dir / 'sqlite' / 'zerowaste.db'}"}
    return {"DATABASE_URL": f"{MYSQL_SERVER}/{MYSQL_DATABASE}", "REDIS_URL": REDIS_URL}


def app_env(
    config: Config, run_dir: Path, bind: str, extra: dict[str, str] | None = None
) -> dict[str, str]:
    """The app's environment; `extra` adds settings (bench/recognition.py: the broker)."""
    env = dict(os.environ)
    env.update(backend_env(config.backend, run_dir))
    if config.driver == "mysqldb":
        env["DATABASE_URL"] = env["DATABASE_URL"].replace("mysql+pymysql://", "mysql+mysqldb://")
    env.update(
        ZW_ENV="production",
        CORS_ORIGINS="http://127.0.0.1:8080",
        ZW_VAR_DIR=str(run_dir / config.backend),
        JWT_SECRET_KEY=JWT_SECRET,
        JWT_ACCESS_TTL_SECONDS="7200",
        # The limiter still counts every request; its limits are raised so one load generator on
        # one IP, replaying a few users, measures the code instead of the 429 path.
        RATELIMIT_AUTH="1000000/minute",
        RATELIMIT_DEFAULT="1000000/minute",
        GUNICORN_WORKER_CLASS=config.worker_class,
        GUNICORN_BIND=bind,
    )
    env.pop("CELERY_BROKER_URL", None)
    env.update(extra or {})
    return env


def prepare_backend(backend: str, run_dir: Path) -> None:
    """A fresh database at head: a new SQLite file, or zw_bench recreated (and Redis db flushed)."""
    (run_dir / backend).mkdir(parents=True, exist_ok=True)
    if backend == "mariadb":
        import redis
        from sqlalchemy import create_engine, text

        server = create_engine(MYSQL_SERVER, connect_args={"connect_timeout": 3})
        with server.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {MYSQL_DATABASE}"))
            charset = "CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
            conn.execute(text(f"CREATE DATABASE {MYSQL_DATABASE} {charset}"))
        server.dispose()
        redis.Redis.from_url(REDIS_URL).flushdb()
    env = {**os.environ, **backend_env(backend, run_dir), "ZW_VAR_DIR": str(run_dir / backend)}
    subprocess.run([str(BIN / "zerowaste"), "db-upgrade"], env=env, check=True, capture_output=True)


def wait_ready(url: str, process: subprocess.Popen[bytes], log: Path, seconds: float = 40) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server exited with {process.returncode}; see {log}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"{url} not ready after {seconds} s; see {log}")


class Gunicorn:
    def __init__(
        self, config: Config, run_dir: Path, extra_env: dict[str, str] | None = None
    ) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = run_dir / f"{config.name}.gunicorn.log"
        env = app_env(config, run_dir, f"127.0.0.1:{self.port}", extra_env)
        with self.log.open("wb") as out:
            self.process = subprocess.Popen(
                niced([str(BIN / "gunicorn"), "-c", "gunicorn.conf.py", "wsgi:app"]),
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        wait_ready(self.url + "/healthz/ready", self.process, self.log)

    def stop(self) -> None:
        if self.process.poll() is None:
            # SIGINT: quick shutdown; the requests still queued from the last run are moot.
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=35)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


class Nginx:
    """nginx.conf as deployed, on a free port. `log_every_request`: the access log (JSON, with
    `request_time`) gets every request, not only what failed: bench/mobile_mix.py reads its
    latency per endpoint from it."""

    def __init__(self, upstream: str, run_dir: Path, *, log_every_request: bool = False) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.dir = run_dir / "nginx"
        self.dir.mkdir(parents=True, exist_ok=True)
        nginx_local.prepare_run_dir(self.dir)
        conf = nginx_local.render(
            (ROOT / "nginx.conf").read_text(),
            listen=f"127.0.0.1:{self.port}",
            upstream=upstream,
            run_dir=self.dir,
            edge_rate="1000000r/s",
        )
        if log_every_request:
            logged = "edge_json if=$edge_loggable;"
            assert logged in conf, "nginx.conf's access_log line changed"
            conf = conf.replace(logged, "edge_json buffer=256k flush=1s;")
        self.access_log = self.dir / "access.log"
        self.conf = self.dir / "nginx.conf"
        self.conf.write_text(conf)
        subprocess.run(niced(["nginx", "-c", str(self.conf)]), check=True)
        self.pid = int((self.dir / "nginx.pid").read_text())

    def stop(self) -> None:
        try:
            os.kill(self.pid, signal.SIGTERM)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and _alive(self.pid):
            time.sleep(0.1)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _stat(pid: int) -> tuple[int, list[int]] | None:
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = raw[raw.rindex(")") + 2 :].split()
    return int(fields[1]), [int(v) for v in fields[11:15]]  # ppid; utime stime cutime cstime


def cpu_seconds(roots: list[int]) -> float:
    """CPU used so far by each root process, its live descendants and its reaped children."""
    stats = {int(p.name): _stat(int(p.name)) for p in Path("/proc").iterdir() if p.name.isdigit()}
    children: dict[int, list[int]] = {}
    for pid, stat in stats.items():
        if stat:
            children.setdefault(stat[0], []).append(pid)
    total, todo = 0, list(roots)
    while todo:
        pid = todo.pop()
        stat = stats.get(pid)
        if stat is None:
            continue
        utime, stime, cutime, cstime = stat[1]
        total += utime + stime + (cutime + cstime if pid in roots else 0)
        todo.extend(children.get(pid, []))
    return total / TICKS


def children(pid: int) -> list[int]:
    """The processes whose parent is `pid`."""
    found = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            stat = _stat(int(proc.name))
            if stat is not None and stat[0] == pid:
                found.append(int(proc.name))
    return found


def rss_mb(pid: int) -> float | None:
    """The process's resident memory in MB (None once it is gone)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    return next((int(x.split()[1]) / 1024 for x in status.splitlines() if x.startswith("VmRSS")), 0)


def worker_rss_mb(master: int) -> list[float]:
    """Resident memory of each child of `master` (the Gunicorn workers), in MB."""
    return [mb for pid in children(master) if (mb := rss_mb(pid)) is not None]


def pids_of(*names: str) -> list[int]:
    found = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                if (proc / "comm").read_text().strip() in names:
                    found.append(int(proc.name))
            except OSError:
                continue
    return found


def system_busy_seconds() -> float:
    """Non-idle CPU time of the whole machine so far (all cores), from /proc/stat."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = fields
    return (user + nice + system + irq + softirq + steal) / TICKS


def foreign_load(ours: list[int], seconds: float = 1.0) -> float:
    """Percent of the machine used by processes that are not ours over the next `seconds`."""
    busy, own = system_busy_seconds(), cpu_seconds(ours)
    time.sleep(seconds)
    used = (system_busy_seconds() - busy) - (cpu_seconds(ours) - own)
    return max(0.0, 100 * used / seconds / (os.cpu_count() or 1))


def wait_quiet(ours: list[int], limit_pct: float, max_wait_s: float) -> float:
    """Wait (bounded) until other processes leave the cores alone; return their last share."""
    deadline = time.monotonic() + max_wait_s
    load = foreign_load(ours)
    while load > limit_pct and time.monotonic() < deadline:
        load = foreign_load(ours)
    return load


def settle(roots: list[int], max_wait_s: float = 30) -> None:
    """Let the server finish work queued by the last run (e.g. Argon2 logins) before the next."""
    deadline = time.monotonic() + max_wait_s
    while time.monotonic() < deadline:
        before = cpu_seconds(roots)
        time.sleep(0.5)
        if cpu_seconds(roots) - before < 0.05:
            return
