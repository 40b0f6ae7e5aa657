"""The server processes' memory (zerowaste.entrypoints.memory, called by gunicorn.conf.py):
`limit_malloc_arenas` (in the master): a process with 8 threads allocating at once uses at
most two glibc malloc arenas, where it used one per thread; `post_worker_init` sets what a
worker loaded before its first request aside from the garbage collector."""

from __future__ import annotations

import ctypes
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from zerowaste.entrypoints.memory import limit_malloc_arenas

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.integration

# 8 threads hold a malloc'd block each at the same moment; then malloc_info's heaps are counted.
PROBE = textwrap.dedent(
    """
    import ctypes, os, re, sys, tempfile, threading
    from zerowaste.entrypoints.memory import limit_malloc_arenas
    if sys.argv[1] == "capped":
        print("cap", limit_malloc_arenas())
    barrier = threading.Barrier(8)
    def work():
        block = bytearray(64_000)  # below the mmap threshold: from an arena
        barrier.wait()
        barrier.wait()
    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    libc = ctypes.CDLL("libc.so.6")
    libc.fopen.restype = ctypes.c_void_p
    libc.malloc_info.argtypes = [ctypes.c_int, ctypes.c_void_p]
    libc.fclose.argtypes = [ctypes.c_void_p]
    path = tempfile.mktemp()
    fp = libc.fopen(path.encode(), b"w")
    libc.malloc_info(0, fp)
    libc.fclose(fp)
    print("heaps", len(re.findall(r'<heap nr="', open(path).read())))
    os.unlink(path)
    """
)


def heaps(mode: str) -> tuple[int, str]:
    env = {k: v for k, v in os.environ.items() if k != "MALLOC_ARENA_MAX"}
    out = subprocess.run(
        [sys.executable, "-c", PROBE, mode], env=env, capture_output=True, text=True, check=True
    ).stdout
    return int(out.split("heaps")[1]), out


@pytest.fixture(autouse=True)
def glibc() -> None:
    try:
        ctypes.CDLL("libc.so.6").malloc_info  # noqa: B018
    except (OSError, AttributeError):
        pytest.skip("the C library is not glibc")


def test_eight_threads_use_at_most_two_arenas_once_capped() -> None:
    found, out = heaps("capped")
    assert "cap 2" in out
    assert found <= 2, out


def test_without_the_cap_the_same_threads_take_more_arenas() -> None:
    found, out = heaps("default")
    assert found > 2, out


def test_an_exported_malloc_arena_max_is_left_to_glibc(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MALLOC_ARENA_MAX", "4")
    assert limit_malloc_arenas() is None


FREEZE = textwrap.dedent(
    """
    import gc, runpy
    conf = runpy.run_path("gunicorn.conf.py")
    loaded = [[n] for n in range(50_000)]  # what a warm-up leaves behind
    class Log:
        def info(self, message, *args):
            print(message % args)
    class Worker:
        log = Log()
    print("before", gc.get_freeze_count())
    conf["post_worker_init"](Worker())
    print("after", gc.get_freeze_count(), gc.is_tracked(loaded))
    """
)


def test_a_worker_sets_what_it_loaded_aside_from_the_garbage_collector() -> None:
    out = subprocess.run(
        [sys.executable, "-c", FREEZE], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout
    before = int(out.split("before ")[1].split()[0])
    after = int(out.split("after ")[1].split()[0])
    assert before == 0 and after > 50_000, out
    logged = re.search(r"(\d+) objects loaded before the first request set aside from the GC", out)
    assert logged is not None and int(logged.group(1)) > 50_000, out
