"""The Celery worker yields the CPU to the web tier (`WORKER_NICE`, default 10; 0 leaves it).

Jobs (receipt recognition, generated pictures and their AVIF/WebP variants, reports) are
asynchronous: a job that waits another second in the queue costs the user nothing, while a web
request that waits for a core misses its p95. Where both tiers share a host, the worker runs at a
lower CPU priority than Gunicorn and takes what the web tier leaves; it still gets its share of a
saturated machine (a weight of 110 against 1,024 at nice 10), so it is never starved outright.

- `os.nice(WORKER_NICE)` in the worker's main process, before its pool forks: the pool
  processes and the tesseract they start inherit it. That orders the worker against processes
  in the same scheduling group.
- Linux's autogroup (`/proc/sys/kernel/sched_autogroup_enabled`, on in Debian's kernels and on
  this machine) gives every session a group of its own, and nice only orders tasks within a
  group: a worker started in a session of its own (`setsid`, a service manager, the bench) would
  compete with Gunicorn's whole group as an equal, whatever its nice. When the worker leads its
  session, the group is the worker's alone, and its nice is written to `/proc/self/autogroup`
  too. A worker that shares a session (started from one shell beside Gunicorn) leaves the
  group's nice alone: lowering it would lower Gunicorn's too.
- In containers each service is a cgroup of its own and nice orders nothing across them:
  docker-compose.yml gives the worker `cpu_shares: 256` against the web tier's default 1,024.
"""

from __future__ import annotations

import os
from pathlib import Path

AUTOGROUP_SWITCH = Path("/proc/sys/kernel/sched_autogroup_enabled")


def yield_cpu(level: int, proc_self: Path = Path("/proc/self")) -> str:
    """Lower this process's CPU priority by `level` (0-19): what was done, for the log."""
    if level <= 0:
        return "CPU priority left as started (WORKER_NICE=0)"
    nice = os.nice(level)
    done = f"CPU priority lowered: nice {nice}"
    if _autogroup_on() and os.getsid(0) == os.getpid():
        try:
            (proc_self / "autogroup").write_text(f"{level}\n")
        except OSError as exc:  # a kernel without the file, or a read-only /proc
            return f"{done}; its autogroup kept its priority ({exc.strerror})"
        done += f", and its session's autogroup nice {level}"
    return done


def _autogroup_on() -> bool:
    try:
        return AUTOGROUP_SWITCH.read_text().strip() == "1"
    except OSError:
        return False
