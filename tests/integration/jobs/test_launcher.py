"""The launcher behind `zerowaste run`: what it starts on the embedded default and with a
broker, the broker file it prepares, and how it stops its children (small Python processes
stand in for Gunicorn and Celery here; test_embedded_broker.py runs the real ones)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from tests.conftest import make_settings
from tests.integration.jobs.worker import ROOT
from zerowaste.entrypoints.launcher import child_environment, commands, prepare_broker
from zerowaste.infrastructure.queue import embedded_broker_url

pytestmark = pytest.mark.integration

# A child that says it is up, then waits; with "stubborn" it ignores SIGTERM.
CHILD = textwrap.dedent(
    """
    import signal, sys, time
    if sys.argv[2] == "stubborn":
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
    open(sys.argv[1], "a").write("up\\n")
    time.sleep(float(sys.argv[3]))
    """
)
DRIVER = textwrap.dedent(
    """
    import logging, sys, json
    from pathlib import Path
    from zerowaste.entrypoints.launcher import Launcher
    logging.basicConfig(level=logging.INFO)
    cmds = json.loads(sys.argv[1])
    sys.exit(Launcher(cmds, dict(__import__("os").environ), stop_timeout=2).run())
    """
)


def _launch(tmp_path: Path, children: dict[str, tuple[str, float]]) -> subprocess.Popen[bytes]:
    import json

    cmds = {
        name: [sys.executable, "-c", CHILD, str(tmp_path / f"{name}.up"), kind, str(seconds)]
        for name, (kind, seconds) in children.items()
    }
    env = os.environ | {"PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}
    log = (tmp_path / "launcher.log").open("wb")
    return subprocess.Popen(
        [sys.executable, "-c", DRIVER, json.dumps(cmds)], env=env, stdout=log, stderr=log
    )


def _wait_up(tmp_path: Path, names: list[str]) -> None:
    deadline = time.monotonic() + 20
    while not all((tmp_path / f"{n}.up").exists() for n in names):
        assert time.monotonic() < deadline, (tmp_path / "launcher.log").read_text()
        time.sleep(0.05)


def _pids(tmp_path: Path) -> list[int]:
    text = (tmp_path / "launcher.log").read_text()
    return [
        int(line.rsplit("pid ", 1)[1].rstrip(")")) for line in text.splitlines() if "(pid " in line
    ]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_sigterm_stops_every_child_and_kills_one_that_ignores_it(tmp_path: Path) -> None:
    launcher = _launch(tmp_path, {"api": ("polite", 60), "worker": ("stubborn", 60)})
    _wait_up(tmp_path, ["api", "worker"])
    pids = _pids(tmp_path)
    assert len(pids) == 2

    launcher.send_signal(signal.SIGTERM)

    assert launcher.wait(timeout=15) == 0
    assert [pid for pid in pids if _alive(pid)] == []
    log = (tmp_path / "launcher.log").read_text()
    assert "worker did not stop in 2 s: killed" in log
    assert "api stopped (status -15)" in log


def test_a_child_that_dies_stops_the_others_and_the_launcher_fails(tmp_path: Path) -> None:
    launcher = _launch(tmp_path, {"api": ("polite", 60), "beat": ("polite", 0.5)})

    assert launcher.wait(timeout=20) == 1
    assert [pid for pid in _pids(tmp_path) if _alive(pid)] == []
    assert (
        "beat exited with status 0; stopping the others" in (tmp_path / "launcher.log").read_text()
    )


def test_the_embedded_default_starts_one_worker_and_one_beat_on_the_embedded_broker(
    tmp_path: Path,
) -> None:
    settings = make_settings(tmp_path)
    found = commands(settings)
    env = child_environment(settings, {"PATH": "/bin"})

    assert list(found) == ["api", "worker", "beat"]
    assert found["api"][-3:] == ["-c", "gunicorn.conf.py", "wsgi:app"]
    assert found["worker"].count("worker") == 1 and "beat" in found["beat"]
    assert f"--schedule={tmp_path / 'celerybeat-schedule'}" in found["beat"]
    assert env == {"PATH": "/bin", "CELERY_BROKER_URL": embedded_broker_url(tmp_path)}
    assert embedded_broker_url(tmp_path) == f"sqla+sqlite:///{tmp_path}/celery-broker.sqlite"


def test_with_a_broker_configured_only_the_api_is_started_and_the_env_is_kept(
    tmp_path: Path,
) -> None:
    settings = make_settings(tmp_path, celery_broker_url="redis://127.0.0.1:6379/1")

    assert list(commands(settings)) == ["api"]
    assert child_environment(settings, {"A": "1"}) == {"A": "1"}


def test_the_broker_file_is_in_wal_mode_and_delivered_rows_are_dropped(tmp_path: Path) -> None:
    path = prepare_broker(tmp_path)
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE kombu_message (id INTEGER PRIMARY KEY, visible BOOLEAN)")
        conn.executemany("INSERT INTO kombu_message (visible) VALUES (?)", [(1,), (0,), (0,)])
    conn.close()

    prepare_broker(tmp_path)

    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert conn.execute("SELECT visible FROM kombu_message").fetchall() == [(1,)]
    conn.close()
