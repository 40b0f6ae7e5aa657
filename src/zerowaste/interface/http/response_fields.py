"""Field types of the response schemas: the client's date formats, labels and absolute URLs.

Every field here also takes `source=`, a function of the object being dumped, where the value is
computed rather than read from an attribute (a sorted stack list, a food's only stack, what the
route echoes). Unlike `fields.Function`, the value is still formatted by the field's type and the
spec documents that type. Values that come from the request, not from the dumped object (the
API's base URL, "today", echoed request values), are read from the dump context that
`interface.http.responses.render` sets; `given(key)` returns one.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from operator import attrgetter
from typing import Any
from urllib.parse import urljoin

from marshmallow import fields, missing, utils
from marshmallow.experimental.context import Context

from zerowaste.domain.inventory.expiry import ExpiryStatus, days_to_expire, expiry_status
from zerowaste.domain.shared.clock import ensure_utc
from zerowaste.domain.shared.storage import storage_label
from zerowaste.domain.shared.units import display_unit

DumpContext = Context[dict[str, Any]]
Source = Callable[[Any], Any]


def given(key: str) -> Any:
    """A value the route passed to the dump (see responses.render); missing when not passed."""
    return DumpContext.get({}).get(key, missing)


def day(value: date) -> str:
    """A date as the client parses it: "YYYY-MM-DDT00:00:00"."""
    return f"{value.isoformat()}T00:00:00"


def timestamp(value: datetime) -> str:
    """Naive ISO seconds of the UTC value: what the client sends back as `<added_at>`."""
    return ensure_utc(value).replace(tzinfo=None, microsecond=0).isoformat()


class _Sourced(fields.Field[Any]):
    """A field whose value may come from `source`: a function of the dumped object, or a dotted
    path like `attribute=` (marshmallow lets only one field of a schema name an attribute, and
    replies often show one value twice: `name` and `ingredient`, `type_unit` and `unit_code`).

    Without a source, the field reads its `attribute` (or its name) the same way. Either way it
    skips marshmallow's accessor chain: a list view dumps thousands of values per render.
    """

    def __init__(self, *args: Any, source: Source | str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._source = _path_getter(source) if isinstance(source, str) else source

    def _bind_to_schema(self, field_name: str, parent: Any) -> None:
        super()._bind_to_schema(field_name, parent)
        if self._source is None:
            self._source = _path_getter(self.attribute or field_name)

    def serialize(self, attr: str, obj: Any, accessor: Any = None, **kwargs: Any) -> Any:
        if self._source is None:  # used outside a schema (never bound)
            return super().serialize(attr, obj, accessor, **kwargs)
        value = self._source(obj)
        return missing if value is missing else self._serialize(value, attr, obj, **kwargs)


def _path_getter(path: str) -> Source:
    """Read a dotted path from objects (at C speed), or from a dict (journal rows)."""
    from_object = attrgetter(path)

    def get(obj: Any) -> Any:
        if isinstance(obj, dict):
            return utils.get_value(obj, path)
        return from_object(obj)

    return get


class String(_Sourced, fields.String):
    pass


class Integer(_Sourced, fields.Integer):
    pass


class Float(_Sourced, fields.Float):
    pass


class Boolean(_Sourced, fields.Boolean):
    pass


class Raw(_Sourced, fields.Raw):
    pass


class List(_Sourced, fields.List[Any]):
    pass


class Nested(_Sourced, fields.Nested):
    pass


class Constant(fields.Constant[Any]):
    """A fixed value, documented as the one value of its JSON type (always present)."""

    def __init__(self, constant: str | bool, **kwargs: Any) -> None:
        kind = "boolean" if isinstance(constant, bool) else "string"
        kwargs.setdefault("metadata", {"type": kind, "enum": [constant]})
        super().__init__(constant, required=True, **kwargs)


class Day(_Sourced, fields.String):
    """A date as "YYYY-MM-DDT00:00:00" (expiry dates)."""

    def _serialize(self, value: date | None, attr: Any, obj: Any, **kwargs: Any) -> str | None:
        return None if value is None else day(value)


class Timestamp(_Sourced, fields.String):
    """A datetime as naive UTC seconds, "YYYY-MM-DDTHH:MM:SS" (what the client echoes back)."""

    def _serialize(self, value: datetime | None, attr: Any, obj: Any, **kwargs: Any) -> str | None:
        return None if value is None else timestamp(value)


class UnitLabel(_Sourced, fields.String):
    """A unit code as the client's label ("unit" -> "unidades", "cup" -> "tazas")."""

    def _serialize(self, value: str | None, attr: Any, obj: Any, **kwargs: Any) -> str | None:
        return None if value is None else display_unit(value)


class StorageLabel(_Sourced, fields.String):
    """A storage place as the client's label ("Refrigerado", "Congelado", "Ambiente")."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("metadata", {"enum": ["Refrigerado", "Congelado", "Ambiente"]})
        super().__init__(**kwargs)

    def _serialize(self, value: str | None, attr: Any, obj: Any, **kwargs: Any) -> str | None:
        return None if value is None else storage_label(value)


class AbsoluteUrl(_Sourced, fields.String):
    """A display URL made absolute against this API's base URL (local files are served by it);
    an empty path stays empty."""

    def _serialize(self, value: str | None, attr: Any, obj: Any, **kwargs: Any) -> str | None:
        base = given("base_url")
        return urljoin(base, value) if value and base is not missing else value


class Whole(_Sourced, fields.Number[float]):
    """An int when the value has no fraction (serving counts), else a float."""

    num_type = float

    def _serialize(self, value: Any, attr: Any, obj: Any, **kwargs: Any) -> int | float | None:
        if value is None:
            return None
        number = float(value)
        return int(number) if number.is_integer() else number


class DaysLeft(_Sourced, fields.Integer):
    """Days from the dump's `today` to an expiry date (negative once expired); omitted when the
    route passes no `today` (write replies)."""

    def _serialize(self, value: date | None, attr: Any, obj: Any, **kwargs: Any) -> Any:
        today = given("today")
        if value is None or today is missing:
            return None if value is None else missing
        return days_to_expire(value, today)


class IsExpired(_Sourced, fields.Boolean):
    """Whether an expiry date has passed by the dump's `today`; omitted without one."""

    def _serialize(self, value: date | None, attr: Any, obj: Any, **kwargs: Any) -> Any:
        today = given("today")
        if value is None or today is missing:
            return None if value is None else missing
        return days_to_expire(value, today) < 0


class ExpiryState(_Sourced, fields.String):
    """fresh | expiring (within 3 days) | expired, against the dump's `today`; omitted without."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("metadata", {"enum": [s.value for s in ExpiryStatus]})
        super().__init__(**kwargs)

    def _serialize(self, value: date | None, attr: Any, obj: Any, **kwargs: Any) -> Any:
        today = given("today")
        if value is None or today is missing:
            return None if value is None else missing
        return str(expiry_status(value, today))
