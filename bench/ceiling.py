"""The bare stack beside ours in one `make bench` run: the reference of issue #7's targets.

`../shared/bench-ceiling/app.py` (BENCH_CEILING_DIR) is a Flask + SQLAlchemy + JWT app with no
business logic. It is served here as ours is (Gunicorn gthread with gunicorn.conf.py's sizes,
behind the same Nginx config) on the same MariaDB server (database `perf`, user perf) and Redis
(BENCH_BARE_REDIS_URL, db 12), seeded with its own script (100 rows for each of 1,000 users).
Its scenarios: item (get by id), list (50 rows), cached (the list from Redis), post (insert).
The reference is run from a copy under var/bench, never imported or committed.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from pathlib import Path

import servers

CEILING_DIR = Path(
    os.environ.get("BENCH_CEILING_DIR", str(servers.ROOT.parent / "shared" / "bench-ceiling"))
)
BARE_REDIS_URL = os.environ.get("BENCH_BARE_REDIS_URL", "redis://127.0.0.1:6379/12")
FILES = ("app.py", "seed.py", "mktoken.py")
SECRET = "perf-secret-key-0123456789abcdef"
MODES = ("item", "list", "cached", "post")  # its names; ours are in TARGETS
# (our scenario, the bare scenario it is measured against, the target ratio of issue #7)
TARGETS = (
    ("profile", "item", 0.7),
    ("inventory", "cached", 0.7),
    ("inventory", "list", 0.7),
    ("inventory_mix", "post", 0.5),
)


def available() -> bool:
    return all((CEILING_DIR / name).is_file() for name in FILES)


class BareStack:
    """The reference app under Gunicorn: copied, its database created and seeded, served."""

    def __init__(self, run_dir: Path, driver: str = "pymysql") -> None:
        self.dir = run_dir / "ceiling"
        self.dir.mkdir(parents=True, exist_ok=True)
        for name in FILES:
            shutil.copy(CEILING_DIR / name, self.dir / name)
        self.env = {
            **os.environ,
            "DB_URL_HOST": "127.0.0.1:3306",
            "REDIS_URL": BARE_REDIS_URL,
            "JWT_SECRET": SECRET,
            "DB_DRIVER": driver,  # the same MySQL driver as the configuration it is beside
            "PYTHONPATH": str(self.dir),
        }
        _create_database()
        python = str(servers.BIN / "python")
        subprocess.run(
            [python, "seed.py", "1000", "100"],
            cwd=self.dir,
            env=self.env,
            check=True,
            capture_output=True,
        )
        made = subprocess.run(
            [python, "mktoken.py", "1"],
            cwd=self.dir,
            env=self.env,
            check=True,
            capture_output=True,
            text=True,
        )
        self.token = made.stdout.strip()
        self.port = servers.free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = run_dir / "ceiling.gunicorn.log"
        command = [
            str(servers.BIN / "gunicorn"),
            "-k",
            "gthread",
            "-w",
            str(_workers()),
            "--threads",
            os.environ.get("GUNICORN_THREADS", "8"),
            "-b",
            f"127.0.0.1:{self.port}",
            "--log-level",
            "warning",
            "app:app",
        ]
        with self.log.open("wb") as out:
            self.process = subprocess.Popen(
                servers.niced(command),
                cwd=self.dir,
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        servers.wait_ready(self.url + "/ping", self.process, self.log)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=35)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def _workers() -> int:
    return int(os.environ.get("GUNICORN_WORKERS", str(2 * (os.cpu_count() or 1))))


def _create_database() -> None:
    from sqlalchemy import create_engine, text

    server = create_engine(servers.MYSQL_SERVER, connect_args={"connect_timeout": 3})
    with server.begin() as conn:
        conn.execute(text("CREATE DATABASE IF NOT EXISTS perf CHARACTER SET utf8mb4"))
        conn.execute(text("CREATE USER IF NOT EXISTS 'perf'@'127.0.0.1' IDENTIFIED BY 'perfpw'"))
        conn.execute(text("GRANT ALL ON perf.* TO 'perf'@'127.0.0.1'"))
    server.dispose()


def ratios(rows: list[dict[str, object]]) -> list[str]:
    """Markdown lines: each of our scenarios against its bare counterpart, saturation req/s."""
    best: dict[str, float] = {}
    for row in rows:
        if row["mode"] == "saturation":
            name = str(row["scenario"])
            best[name] = max(best.get(name, 0.0), float(row["rps"]))  # type: ignore[arg-type]
    lines = []
    for ours, bare, target in TARGETS:
        if ours in best and f"bare_{bare}" in best:
            ratio = best[ours] / best[f"bare_{bare}"]
            verdict = "met" if ratio >= target else "not met"
            lines.append(
                f"- {ours} {best[ours]:.0f} req/s vs bare {bare} {best[f'bare_{bare}']:.0f}: "
                f"{ratio:.2f}× (target ≥ {target}×, {verdict})"
            )
    return lines
