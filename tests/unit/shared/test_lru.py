"""The bounded LRU the process-local caches share: at most `size` entries, the least recently
used (read or written) leave first."""

from __future__ import annotations

import threading

import pytest

from zerowaste.domain.shared.lru import BoundedLRU

pytestmark = pytest.mark.unit


def test_it_keeps_at_most_its_size_dropping_the_oldest() -> None:
    kept: BoundedLRU[str, int] = BoundedLRU(2)
    kept.put("a", 1)
    kept.put("b", 2)
    kept.put("c", 3)

    assert len(kept) == 2
    assert ("a" in kept, "b" in kept, "c" in kept) == (False, True, True)
    assert (kept.get("a"), kept.get("b"), kept.get("c")) == (None, 2, 3)


def test_a_read_makes_an_entry_the_most_recent() -> None:
    kept: BoundedLRU[str, int] = BoundedLRU(2)
    kept.put("a", 1)
    kept.put("b", 2)
    assert kept.get("a") == 1  # used: b is now the oldest
    kept.put("c", 3)

    assert ("a" in kept, "b" in kept, "c" in kept) == (True, False, True)


def test_a_put_over_a_kept_key_replaces_it_and_makes_it_the_most_recent() -> None:
    kept: BoundedLRU[str, int] = BoundedLRU(2)
    kept.put("a", 1)
    kept.put("b", 2)
    kept.put("a", 10)  # b is now the oldest
    kept.put("c", 3)

    assert (kept.get("a"), kept.get("b"), kept.get("c"), len(kept)) == (10, None, 3, 2)


def test_falsy_values_are_hits_and_refreshed_too() -> None:
    kept: BoundedLRU[str, list[int]] = BoundedLRU(2)
    kept.put("empty", [])
    kept.put("b", [2])
    assert kept.get("empty") == []  # a hit, not a miss: b is now the oldest
    kept.put("c", [3])

    assert ("empty" in kept, "b" in kept) == (True, False)


def test_discard_and_clear() -> None:
    kept: BoundedLRU[str, int] = BoundedLRU(3)
    kept.put("a", 1)
    kept.put("b", 2)
    kept.discard("a")
    kept.discard("missing")  # no error
    assert ("a" in kept, len(kept)) == (False, 1)
    kept.clear()
    assert len(kept) == 0 and kept.get("b") is None


def test_threads_never_push_it_past_its_size() -> None:
    kept: BoundedLRU[int, int] = BoundedLRU(16)

    def churn(offset: int) -> None:
        for n in range(2_000):
            kept.put(offset + n % 64, n)
            kept.get(offset + (n * 7) % 64)

    threads = [threading.Thread(target=churn, args=(t * 1_000,)) for t in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(kept) == 16
