"""Field types shared by the inventory request schemas: amounts, the client's labels, dates.

Labels (units, storage places, time units) are checked with the domain's own normalisers, so a
spelling the domain accepts is never a 400 and an unknown one fails with the field's path.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any, TypeVar

from marshmallow import ValidationError, fields, validate

from zerowaste.domain.inventory.expiry import normalize_time_unit
from zerowaste.domain.inventory.items import MAX_NAME_LENGTH
from zerowaste.domain.shared.clock import ensure_utc
from zerowaste.domain.shared.errors import DomainError
from zerowaste.domain.shared.storage import normalize_storage
from zerowaste.domain.shared.units import normalize_unit
from zerowaste.interface.http.inventory.refs import parse_client_date, parse_client_datetime
from zerowaste.interface.http.requests import MAX_ID

T = TypeVar("T")
Check = Callable[[Any], Any]
MAX_AMOUNT = 100000
MAX_LINES = 100
MIN_YEAR, MAX_YEAR = 2000, 2100
FOOD_WORDS = frozenset({"food", "foods", "comida", "comidas", "plato", "dish"})
KIND_WORDS = FOOD_WORDS | {"ingredient", "ingredients", "ingrediente", "ingredientes"}


def _domain_check(normalise: Callable[[Any], object]) -> Callable[[Any], None]:
    def check(value: Any) -> None:
        try:
            normalise(value)
        except DomainError as error:
            raise ValidationError(error.message) from None

    return check


def amount(*, allow_zero: bool = False, **kwargs: Any) -> fields.Float:
    """A JSON number > 0 (≥ 0 when allowed) and ≤ 100000; booleans and NaN are refused."""
    bounds = validate.Range(min=0, min_inclusive=allow_zero, max=MAX_AMOUNT)
    return fields.Float(allow_nan=False, validate=bounds, **kwargs)


def name_field(**kwargs: Any) -> fields.String:
    return fields.String(validate=validate.Length(min=1, max=MAX_NAME_LENGTH), **kwargs)


def unit_field(**kwargs: Any) -> fields.String:
    """ "unidades", "kg", "litros", "tazas"...: any spelling domain.units knows."""
    checks: list[Check] = [validate.Length(min=1, max=40), _domain_check(normalize_unit)]
    return fields.String(validate=checks, **kwargs)


def storage_field(**kwargs: Any) -> fields.String:
    """ "Refrigerado", "congelador", "pantry", "dry"...: any spelling domain.storage knows."""
    checks: list[Check] = [validate.Length(min=1, max=40), _domain_check(normalize_storage)]
    return fields.String(validate=checks, **kwargs)


def time_unit_field(**kwargs: Any) -> fields.String:
    """ "Días", "Semanas", "months", "years"...: any spelling domain.expiry knows."""
    checks: list[Check] = [validate.Length(min=1, max=20), _domain_check(normalize_time_unit)]
    return fields.String(validate=checks, **kwargs)


def id_field(**kwargs: Any) -> fields.Integer:
    """A stable id: 1..2^63-1 (a larger number would overflow the database driver)."""
    return fields.Integer(validate=validate.Range(min=1, max=MAX_ID), **kwargs)


def text_field(limit: int, **kwargs: Any) -> fields.String:
    return fields.String(validate=validate.Length(max=limit), allow_none=True, **kwargs)


def lines_field(schema: Any, **kwargs: Any) -> fields.List[Any]:
    return fields.List(
        fields.Nested(schema), validate=validate.Length(min=1, max=MAX_LINES), **kwargs
    )


class TextField(fields.Field[T]):
    """A field read from JSON text into another type; the spec documents it as a string."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs["metadata"] = {"type": "string", **kwargs.get("metadata", {})}
        super().__init__(**kwargs)


class ClientDate(TextField[date]):
    """A calendar date from "YYYY-MM-DD" or an ISO date-time (with or without Z, ms or time)."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> date:
        try:
            parsed = parse_client_date(value, attr or "date")
        except ValidationError as error:
            raise ValidationError(_first(error)) from None
        if not MIN_YEAR <= parsed.year <= MAX_YEAR:
            raise ValidationError(f"The date must be between {MIN_YEAR} and {MAX_YEAR}")
        return parsed


class ClientDateTime(TextField[datetime]):
    """An ISO date-time whose digits are taken as UTC (the client sends its local wall clock)."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> datetime:
        try:
            parsed = parse_client_datetime(value, attr or "datetime")
        except ValidationError as error:
            raise ValidationError(_first(error)) from None
        if not MIN_YEAR <= parsed.year <= MAX_YEAR:
            raise ValidationError(f"The date must be between {MIN_YEAR} and {MAX_YEAR}")
        return parsed


class UtcDateTime(TextField[datetime]):
    """An ISO date-time for the id-based API: an offset is honoured, no offset means UTC."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> datetime:
        if not isinstance(value, str) or len(value) > 40:
            raise ValidationError("Expected an ISO 8601 date-time")
        try:
            parsed = datetime.fromisoformat(value.strip())
        except ValueError:
            raise ValidationError(f"Not an ISO date-time: {value[:40]!r}") from None
        parsed = ensure_utc(parsed).replace(microsecond=0)
        if not MIN_YEAR <= parsed.year <= MAX_YEAR:
            raise ValidationError(f"The date must be between {MIN_YEAR} and {MAX_YEAR}")
        return parsed


class CommaList(TextField[list[str]]):
    """A query value like "wasted,expired" as a list of allowed words."""

    def __init__(self, choices: tuple[str, ...], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.choices = choices

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> list[str]:
        if not isinstance(value, str) or len(value) > 200:
            raise ValidationError("Expected a comma-separated list")
        words = [w.strip().lower() for w in value.split(",") if w.strip()]
        unknown = [w for w in words if w not in self.choices]
        if unknown:
            raise ValidationError(f"Unknown values {unknown[:5]}; allowed: {list(self.choices)}")
        return words


def is_food(*labels: object) -> bool:
    """Whether an item_type/category label says "food" (the client's L1/L2 wording)."""
    return any(isinstance(x, str) and x.strip().casefold() in FOOD_WORDS for x in labels)


def _first(error: ValidationError) -> str:
    messages = error.messages
    if isinstance(messages, dict):
        values = next(iter(messages.values()), ["Invalid value"])
        return str(values[0] if isinstance(values, list) else values)
    return str(messages[0] if isinstance(messages, list) else messages)


def alias_keys(data: Any, **aliases: str) -> Any:
    """Copy each alias key onto its canonical key when the canonical one is absent."""
    if not isinstance(data, dict):
        return data
    out = dict(data)
    for alias, canonical in aliases.items():
        if out.get(canonical) is None and out.get(alias) is not None:
            out[canonical] = out[alias]
    return out
