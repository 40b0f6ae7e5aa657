"""Dumps kept per process for objects that many answers show again and again unchanged.

A recipe is the case: recommendations, recipe lists, trending and recent recipes, the plan of
the day and similar recipes each show whole recipes (~150 values with their lines and steps),
mostly the same catalog recipes for everyone, and dumping them was the largest part of those
answers once their ranking was kept (a recommendations read after a write dumps 20). A schema
that mixes in `KeptDumps` dumps an object of its `kept_type` once and keeps the dump by the
object's `kept_key`; a later dump uses the kept one while the object is the very same or equal
to the one it was made from (`==`: a changed recipe, or one of another household with the same
uid, is dumped anew). The fields named in `per_request` read the request (image URLs are made
against its base URL and signed anew), so they are dumped again every time, in their place.

Only the exact schema that mixes it in keeps dumps (a subclass with more fields dumps as usual),
only single objects of the exact type are kept (no `only`, `exclude` or dump hooks), and the
kept dict is copied before the per-request fields go in, so no answer shares its top-level dict
with another. The nested lists of a kept dump are shared between answers: answers are encoded,
never changed after the dump. Objects kept must be values, never changed in place once built
(recipes are built by their repositories and the catalog, and replaced, not edited). Bounded
(least recently used leave first): a cache, not state; another process dumps the same object to
the same values.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any, ClassVar

from marshmallow import Schema, missing
from marshmallow.decorators import POST_DUMP, PRE_DUMP

from zerowaste.domain.shared.lru import BoundedLRU


class KeptDumps(Schema):
    kept_type: ClassVar[type]
    kept_size: ClassVar[int] = 1024
    per_request: ClassVar[tuple[str, ...]] = ()
    _kept: ClassVar[BoundedLRU[Hashable, tuple[Any, dict[str, Any]]]]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "kept_type" in cls.__dict__:  # the schema that keeps dumps, not its subclasses
            cls._kept = BoundedLRU(cls.kept_size)

    @classmethod
    def kept_key(cls, obj: Any) -> Hashable:
        return id(obj)

    def dump(self, obj: Any, *, many: bool | None = None) -> Any:
        if (
            "kept_type" not in type(self).__dict__
            or type(obj) is not self.kept_type
            or (self.many if many is None else many)
            or self.only
            or self.exclude
            or self._hooks[PRE_DUMP]
            or self._hooks[POST_DUMP]
        ):
            return super().dump(obj, many=many)
        key = self.kept_key(obj)
        kept = self._kept.get(key)
        if kept is not None and (kept[0] is obj or kept[0] == obj):
            answer = dict(kept[1])
            for name in self.per_request:
                field = self.dump_fields[name]
                value = field.serialize(name, obj, accessor=self.get_attribute)
                data_key = field.data_key or name
                if value is missing:
                    answer.pop(data_key, None)
                else:
                    answer[data_key] = value
            return answer
        dumped = super().dump(obj, many=False)
        self._kept.put(key, (obj, dumped))
        return dict(dumped)

    @classmethod
    def forget_kept(cls) -> None:
        """Drop every kept dump (tests)."""
        cls._kept.clear()
