"""Renderings of kept answers: the recommender keeps each answer per what it was computed from
and gives the very same list again for the same inputs (`RecommendationService.recipes`), so
the encoded body of that list is kept beside it instead of dumping ~1,700 fields again (~2 ms of
the ~10 ms a recommendation read cost).

An entry holds the answer it was rendered from: while it is kept, that object lives, so its
`id` cannot name another object, and a hit is checked by identity (`is`), never by `id` alone.
The allergies said beside the recipes are computed per request and compared by value; the base
URL (image links) and the schema are part of the key. Process-local and bounded: a cache, not
state (another process renders the same body from the same answer).
"""

from __future__ import annotations

from typing import Any

from flask import Response, request
from marshmallow import Schema

from zerowaste.application.recipes.suitability import Picked
from zerowaste.domain.shared.lru import BoundedLRU
from zerowaste.interface.http.json_provider import json_bytes
from zerowaste.interface.http.responses import json_bytes_response, render

KEPT = 128  # renderings kept per process (~50 kB each in memory, tracemalloc: ~6 MB in all)


class Renderings:
    def __init__(self, size: int = KEPT) -> None:
        self._kept: BoundedLRU[tuple[int, int, str], tuple[Any, Any, bytes]] = BoundedLRU(size)

    def reply(self, schema: Schema, picked: Picked[Any], **given: Any) -> Response:
        """The JSON answer of `schema` for `picked`: its kept body when `picked.found` is the
        very answer it was rendered from, with the same allergies said; else rendered now."""
        key = (id(picked.found), id(schema), request.host_url)
        kept = self._kept.get(key)
        if kept is not None and kept[0] is picked.found and kept[1] == picked.allergies_whose:
            return json_bytes_response(kept[2])
        body = json_bytes(render(schema, picked, **given))
        self._kept.put(key, (picked.found, picked.allergies_whose, body))
        return json_bytes_response(body)

    def __len__(self) -> int:
        return len(self._kept)
