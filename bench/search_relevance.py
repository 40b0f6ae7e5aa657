"""Search relevance (issue #12): recall@5 of `POST /api/search/semantic` over the relevance set
in tests/api/search/search_relevance.json (Spanish and English queries, most of the Spanish
ones for English recipes).

Recall@5 of a query = expected recipes among the first five / min(expected, 5); the figure is
the mean over the queries, also per query language. The test suite asserts it stays at or above
tests/api/search/test_relevance.RECALL_FLOOR.

Usage: `.venv/bin/python bench/search_relevance.py` (`make search-relevance`) against the
configured database (DATABASE_URL, default var/zerowaste.db, after `zerowaste data-import` and
`zerowaste search-index`); prints each query's first five and the figures.
"""

from __future__ import annotations

import json
import statistics
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests" / "api" / "search" / "search_relevance.json"
K = 5


@dataclass(frozen=True)
class Outcome:
    query: str
    lang: str
    recall: float
    found: list[str]


def cases() -> list[dict[str, object]]:
    return list(json.loads(CASES.read_text(encoding="utf-8"))["cases"])


def measure(search: Callable[[str], list[str]]) -> list[Outcome]:
    """`search(query)` -> result titles, best first."""
    outcomes = []
    for case in cases():
        query, lang = str(case["query"]), str(case["lang"])
        expected = {str(t).strip() for t in case["expected"]}  # type: ignore[attr-defined]
        found = [t.strip() for t in search(query)[:K]]
        recall = len(expected & set(found)) / min(len(expected), K)
        outcomes.append(Outcome(query, lang, recall, found))
    return outcomes


def recall_at_k(outcomes: list[Outcome], lang: str | None = None) -> float:
    chosen = [o.recall for o in outcomes if lang is None or o.lang == lang]
    return statistics.fmean(chosen) if chosen else 0.0


def main() -> int:
    sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
    from zerowaste.bootstrap import create_app

    client = create_app().test_client()
    token = client.post("/api/auth/guest", json={}).json["access_token"]
    headers = {"Authorization": f"Bearer {token}"}

    def search(query: str) -> list[str]:
        body = {"query": query, "per_page": K}
        answer = client.post("/api/search/semantic", json=body, headers=headers)
        return [hit["title"] for hit in answer.json["results"]]

    outcomes = measure(search)
    for o in outcomes:
        sys.stdout.write(f"{o.recall:4.2f}  [{o.lang}] {o.query!r}: {' | '.join(o.found)}\n")
    sys.stdout.write(
        f"recall@{K}: {recall_at_k(outcomes):.3f} over {len(outcomes)} queries "
        f"(es {recall_at_k(outcomes, 'es'):.3f}, en {recall_at_k(outcomes, 'en'):.3f})\n"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
