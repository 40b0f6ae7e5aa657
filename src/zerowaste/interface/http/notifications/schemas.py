"""Notification requests and answers: subscriptions, preferences (types, quiet hours, time
zone, language, lead days) and the inbox page."""

from __future__ import annotations

from datetime import time
from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates, validates_schema

from zerowaste.domain.notifications.rules import LANGUAGES, MAX_LEAD_DAYS, TYPES, is_time_zone
from zerowaste.interface.http import response_fields as f
from zerowaste.interface.http.schemas import RequestSchema

HHMM = validate.Regexp(r"^([01]\d|2[0-3]):[0-5]\d$", error="Expected a local time HH:MM")
TOKEN = validate.And(
    validate.Length(1, 512),
    validate.Regexp(r"^[\x21-\x7e]+$", error="A registration token is printable ASCII"),
)


class SubscribeSchema(RequestSchema):
    token = fields.String(required=True, validate=TOKEN)
    platform = fields.String(required=True, validate=validate.OneOf(["android", "ios", "web"]))
    app_version = fields.String(load_default="", validate=validate.Length(max=40))


class UnsubscribeSchema(RequestSchema):
    token = fields.String(required=True, validate=TOKEN)


class SubscriptionSchema(Schema):
    token = f.String(required=True, source="subscription.token")
    platform = f.String(required=True, source="subscription.platform")
    app_version = f.String(required=True, source="subscription.app_version")
    created = f.Boolean(required=True, metadata={"description": "false: an update"})
    created_at = f.Timestamp(required=True, source="subscription.created_at")
    updated_at = f.Timestamp(required=True, source="subscription.updated_at")


class TypesSchema(RequestSchema):
    expiry_reminders = fields.Boolean()
    recipe_suggestions = fields.Boolean()
    images_ready = fields.Boolean()
    trending_recipes = fields.Boolean()
    plan_reminders = fields.Boolean()


class QuietHoursSchema(RequestSchema):
    start = fields.String(required=True, validate=HHMM)
    end = fields.String(required=True, validate=HHMM)


class PreferencesInputSchema(RequestSchema):
    """Only the fields given change; `quiet_hours: null` turns quiet hours off."""

    types = fields.Nested(TypesSchema)
    quiet_hours = fields.Nested(QuietHoursSchema, allow_none=True)
    time_zone = fields.String(validate=validate.Length(1, 64))
    language = fields.String(validate=validate.OneOf(LANGUAGES))
    reminder_lead_days = fields.Integer(strict=True, validate=validate.Range(0, MAX_LEAD_DAYS))

    @validates("time_zone")
    def _zone(self, value: str, **_: Any) -> None:
        if not is_time_zone(value):
            raise ValidationError("Expected an IANA time zone such as Europe/Madrid")

    @validates_schema
    def _distinct(self, data: dict[str, Any], **_: Any) -> None:
        quiet = data.get("quiet_hours")
        if quiet and quiet["start"] == quiet["end"]:
            raise ValidationError("start and end must differ", "quiet_hours")


def preference_changes(data: dict[str, Any]) -> dict[str, object]:
    """The loaded PUT body as Preferences fields."""
    changes: dict[str, object] = dict(data.get("types") or {})
    if "quiet_hours" in data:
        quiet = data["quiet_hours"]
        changes["quiet_start"] = time.fromisoformat(quiet["start"]) if quiet else None
        changes["quiet_end"] = time.fromisoformat(quiet["end"]) if quiet else None
    for key, target in (
        ("time_zone", "time_zone"),
        ("language", "language"),
        ("reminder_lead_days", "lead_days"),
    ):
        if key in data:
            changes[target] = data[key]
    return changes


def _quiet(p: Any) -> dict[str, str] | None:
    if p.quiet_start is None or p.quiet_end is None:
        return None
    return {"start": p.quiet_start.strftime("%H:%M"), "end": p.quiet_end.strftime("%H:%M")}


class TypesOutSchema(Schema):
    expiry_reminders = f.Boolean(required=True)
    recipe_suggestions = f.Boolean(required=True)
    images_ready = f.Boolean(required=True)
    trending_recipes = f.Boolean(required=True)
    plan_reminders = f.Boolean(required=True)


class QuietHoursOutSchema(Schema):
    start = f.String(required=True, metadata={"description": "local HH:MM"})
    end = f.String(required=True, metadata={"description": "local HH:MM; before start: overnight"})


class PreferencesSchema(Schema):
    types = f.Nested(TypesOutSchema, required=True, source=lambda p: p)
    quiet_hours = f.Nested(QuietHoursOutSchema, required=True, allow_none=True, source=_quiet)
    time_zone = f.String(required=True, metadata={"description": "IANA time zone"})
    language = f.String(required=True, validate=validate.OneOf(LANGUAGES))
    reminder_lead_days = f.Integer(required=True, source="lead_days")


class NotificationSchema(Schema):
    id = f.Integer(required=True)
    type = f.String(required=True, validate=validate.OneOf(TYPES))
    title = f.String(required=True)
    body = f.String(required=True)
    data = f.Raw(required=True, metadata={"description": "string values"})
    created_at = f.Timestamp(required=True)
    read = f.Boolean(required=True, source=lambda n: n.read_at is not None)
    read_at = f.Timestamp(required=True, allow_none=True)


class InboxQuerySchema(RequestSchema):
    page = fields.Integer(load_default=1, validate=validate.Range(1, 10000))
    per_page = fields.Integer(load_default=20, validate=validate.Range(1, 100))


class InboxSchema(Schema):
    notifications = f.List(f.Nested(NotificationSchema), required=True, source="items")
    total = f.Integer(required=True)
    unread_count = f.Integer(required=True)
    page = f.Integer(required=True)
    per_page = f.Integer(required=True)


class ReadAllSchema(Schema):
    marked = f.Integer(required=True, metadata={"description": "notifications newly read"})
    unread_count = f.Integer(required=True, source=lambda _: 0)
