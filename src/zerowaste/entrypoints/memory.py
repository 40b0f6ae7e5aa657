"""The memory of server processes: how many malloc arenas they may use (glibc), and the objects
a worker loaded before its first request set aside from Python's cyclic garbage collector.

glibc gives a thread that finds the arena it used busy an arena of its own, up to 8 per core.
A Gunicorn gthread worker runs 8 request threads, so each worker grew up to 9 arenas, and memory
freed in one arena is reused only by the threads that land on it. Measured in a 15-minute soak
of the mobile mix (`make soak`, 4 workers x 8 threads, `mallinfo2` sampled every 30 s in each
worker): the bytes malloc handed out stayed flat at 94-99 MB per worker, while the arenas grew
from 143-234 MB to 189-234 MB, 92-138 MB of them free, and the resident size followed them.

`limit_malloc_arenas` caps the arenas (`mallopt(M_ARENA_MAX)`, as `MALLOC_ARENA_MAX=2` does
when exported before a process starts): `gunicorn.conf.py` calls it in the master, before any
thread exists, and the workers it forks inherit the cap. Python code allocates with the GIL
held; what allocates without it (the database drivers, NumPy) shares the two arenas. The mix's
app CPU per request did not grow with the cap: 6.3 ms in the last run without it, 5.3-6.6 ms
in three runs with it (a noisy machine). An exported `MALLOC_ARENA_MAX` is left to glibc,
which read it at start (0 there keeps glibc's default). Where the C library is not glibc (no
`mallopt`), nothing is changed.

`freeze_loaded` (Gunicorn's `post_worker_init`, after the warm-up): a worker holds hundreds of
thousands of long-lived objects (the decoded catalog, the search index, the recommender), and
every full collection walked them all while the worker's other threads waited on the GIL.
Measured in process at 5,010 recipes (`bench/recs_latency.py` data, 200 searches): one full
collection, 189 ms, during 200 searches; after `gc.freeze()` of the ~339,000 objects loaded
by then, none ran and the young generations cost the same (~0.15 ms a request). Frozen objects
are still freed by reference counting when dropped; only ones left in reference cycles stay.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import os

M_ARENA_MAX = -8  # glibc's malloc.h
DEFAULT_ARENAS = 2


def limit_malloc_arenas(arenas: int = DEFAULT_ARENAS) -> int | None:
    """Cap this process's malloc arenas (and its forks'); the cap set, or None if unchanged."""
    if os.environ.get("MALLOC_ARENA_MAX", "").strip():
        return None  # glibc applied the exported value when the process started
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return None
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    return arenas if mallopt(M_ARENA_MAX, arenas) == 1 else None


def freeze_loaded() -> int:
    """Collect once, then set aside every object alive now from later collections
    (`gc.freeze`); how many were set aside."""
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()
