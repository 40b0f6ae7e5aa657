"""Dumps kept per process for objects that many answers show again and again unchanged.

Recipes and inventory items are the cases. Recommendations, recipe lists, trending and recent
recipes, the plan of the day and similar recipes show whole recipes (~150 values with their
lines and steps), mostly the same catalog recipes for everyone; dumping them was the largest
part of those answers once their ranking was kept (a recommendations read after a write dumps
20). A write changes one item of a household, and the list read after it dumped all ~50 again.

A schema that mixes in `KeptDumps` dumps an object of its `kept_type` once and keeps the dump by
the object's `kept_key` (a recipe: its uid; an item: its id with the day its expiry figures
are for). A later dump uses the kept one while the object is the very same or equal to the
one it was made from (`==`: a changed recipe or item, or another household's recipe with the
same uid, is dumped anew). The fields named in `per_request` read the request (an image URL is
made against its base URL and signed anew), so they are dumped again every time, in their
place.

Only the exact schema that mixes it in keeps dumps (a subclass with more fields dumps as usual),
only objects of the exact type are kept (no `only`, `exclude`, `load_only` or dump hooks; a list
is kept object by object), and the kept dict is copied before the per-request fields go in, so
no answer shares its top-level dict with another. The nested lists of a kept dump are shared
between answers: answers are encoded, never changed after the dump. Objects kept must be
values, never changed in place once built (recipes and items are built by their repositories
and the catalog for each read; an item's state is a copy of its values). Bounded (least recently
used leave first): a cache, not state; another process dumps the same object to the same values.
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
        """What names the object's dump: with the dump context values its fields read (the
        day, the base URL) unless those fields are `per_request`."""
        return id(obj)

    @classmethod
    def kept_state(cls, obj: Any) -> Any:
        """What the dump is made from, compared with `==` to the kept one's: the object itself
        when it is a value (a recipe); entities compared by identity need their values."""
        return obj

    def dump(self, obj: Any, *, many: bool | None = None) -> Any:
        many = self.many if many is None else many
        if (
            "kept_type" not in type(self).__dict__
            or self.only
            or self.exclude
            or self.load_only
            or self._hooks[PRE_DUMP]
            or self._hooks[POST_DUMP]
        ):
            return super().dump(obj, many=many)
        if many:
            return [self._kept_dump(one) for one in obj]
        return self._kept_dump(obj)

    def _kept_dump(self, obj: Any) -> Any:
        if type(obj) is not self.kept_type:
            return super().dump(obj, many=False)
        key, state = self.kept_key(obj), self.kept_state(obj)
        kept = self._kept.get(key)
        if kept is not None and (kept[0] is state or kept[0] == state):
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
        self._kept.put(key, (state, dumped))
        return dict(dumped)

    @classmethod
    def forget_kept(cls) -> None:
        """Drop every kept dump (tests)."""
        cls._kept.clear()
