"""entrypoints.priority.yield_cpu, in a subprocess each (a process's nice only goes up)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROBE = (
    "import os, sys\n"
    "from zerowaste.entrypoints.priority import yield_cpu\n"
    "print(yield_cpu(int(sys.argv[1])))\n"
    "print('nice', os.nice(0))\n"
    "print('group', repr(open('/proc/self/autogroup').read().strip()))\n"
)
AUTOGROUP = Path("/proc/sys/kernel/sched_autogroup_enabled")


def _run(level: int, own_session: bool) -> dict[str, str]:
    out = subprocess.run(
        [sys.executable, "-c", PROBE, str(level)],
        env=os.environ | {"PYTHONPATH": str(ROOT / "src")},
        capture_output=True,
        text=True,
        check=True,
        start_new_session=own_session,
    ).stdout.splitlines()
    return {"said": out[0], "nice": out[1].split()[1], "group": out[2].split(maxsplit=1)[1]}


def _own_group() -> str:
    """This process's autogroup line, as the probe prints it.

    Empty in the kernel's root group: a process whose session has no autogroup of its own (a CI
    runner started by init without a session, a task in another cgroup) reads an empty file.
    """
    return repr(Path("/proc/self/autogroup").read_text().strip())


def test_a_session_leader_lowers_its_nice_and_its_autogroups() -> None:
    found = _run(5, own_session=True)
    assert found["nice"] == "5"
    if AUTOGROUP.read_text().strip() == "1":
        assert found["group"].endswith(" nice 5'")
        assert found["said"] == "CPU priority lowered: nice 5, and its session's autogroup nice 5"


def test_a_process_sharing_its_session_leaves_the_sessions_autogroup_alone() -> None:
    before = _own_group()
    found = _run(5, own_session=False)
    assert found["nice"] == "5" and found["group"] == before
    assert _own_group() == before
    assert found["said"] == "CPU priority lowered: nice 5"


def test_zero_leaves_the_priority_as_started() -> None:
    found = _run(0, own_session=True)
    assert found["nice"] == "0" and found["said"].startswith("CPU priority left as started")
