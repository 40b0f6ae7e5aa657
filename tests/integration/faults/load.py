"""A small steady load for fault drills: threads calling one request function in a loop, every
answer recorded with when it started and how long it took, so a drill can say what clients saw
before, during and after the fault."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Answer:
    started: float  # time.monotonic()
    seconds: float
    status: int  # 0: no HTTP answer (connection error, client timeout)
    detail: str = ""


class Load:
    """`request(worker_number, sequence)` returns (status, detail); run with `with Load(...)`."""

    def __init__(
        self, request: Callable[[int, int], tuple[int, str]], threads: int = 2, pause: float = 0.02
    ) -> None:
        self._request, self._pause = request, pause
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self.answers: list[Answer] = []
        self._threads = [
            threading.Thread(target=self._loop, args=(n,), daemon=True) for n in range(threads)
        ]

    def __enter__(self) -> Load:
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=30)

    def _loop(self, number: int) -> None:
        sequence = 0
        while not self._stop.is_set():
            began = time.monotonic()
            try:
                status, detail = self._request(number, sequence)
            except OSError as error:  # requests' ConnectionError and timeouts are OSErrors
                status, detail = 0, f"{error.__class__.__name__}: {error}"
            with self._lock:
                self.answers.append(Answer(began, time.monotonic() - began, status, detail))
            sequence += 1
            self._stop.wait(self._pause)

    def between(self, start: float, end: float) -> list[Answer]:
        with self._lock:
            return [a for a in self.answers if start <= a.started < end]

    def wait_for(self, count: int, timeout: float = 20) -> None:
        """Until at least `count` answers are in (the load is running)."""
        deadline = time.monotonic() + timeout
        while len(self.answers) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(self.answers) >= count, f"only {len(self.answers)} answers in {timeout} s"


def statuses(answers: list[Answer]) -> dict[int, int]:
    counts: dict[int, int] = {}
    for answer in answers:
        counts[answer.status] = counts.get(answer.status, 0) + 1
    return dict(sorted(counts.items()))
