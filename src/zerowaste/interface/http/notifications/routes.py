"""Notifications (issue #11): device subscriptions for push (FCM registration tokens), the
caller's preferences, and the inbox where every notification lands whether or not a push went.
Everything belongs to the caller: another user's notification is a 404."""

from __future__ import annotations

from flask import Blueprint, request

from zerowaste.interface.http.notifications.schemas import (
    InboxQuerySchema,
    InboxSchema,
    PreferencesInputSchema,
    PreferencesSchema,
    ReadAllSchema,
    SubscribeSchema,
    SubscriptionSchema,
    UnsubscribeSchema,
    preference_changes,
)
from zerowaste.interface.http.requests import json_body
from zerowaste.interface.http.responses import Reply, dump
from zerowaste.interface.http.schemas import MessageSchema
from zerowaste.interface.http.security import auth_required, current_user_id, services

bp = Blueprint("notifications", __name__, url_prefix="/api/notifications")
SUBSCRIBE, UNSUBSCRIBE, SUBSCRIPTION = SubscribeSchema(), UnsubscribeSchema(), SubscriptionSchema()
PREFERENCES_INPUT, PREFERENCES = PreferencesInputSchema(), PreferencesSchema()
INBOX_QUERY, INBOX, READ_ALL = InboxQuerySchema(), InboxSchema(), ReadAllSchema()
MESSAGE = MessageSchema()


@bp.post("/subscribe")
@auth_required()
def subscribe() -> Reply:
    """Register this device's FCM token (idempotent: the same token again updates it; a token
    signed in as another user moves to that user).
    ---
    tags: [notifications]
    parameters: [{in: body, name: body, required: true, schema: {$ref: "#/definitions/Subscribe"}}]
    responses:
      200: {description: "updated", schema: {$ref: "#/definitions/PushSubscription"}}
      201: {description: "subscribed", schema: {$ref: "#/definitions/PushSubscription"}}
      400: {description: "bad token or platform", schema: {$ref: "#/definitions/Error"}}
    """
    body = SUBSCRIBE.load(json_body())
    done = services().notifications.center.subscribe(
        current_user_id(), body["token"], body["platform"], body["app_version"]
    )
    return dump(SUBSCRIPTION, done, 201 if done.created else 200)


@bp.delete("/subscribe")
@auth_required()
def unsubscribe() -> Reply:
    """Forget this device's token: no more pushes to it (the inbox stays).
    ---
    tags: [notifications]
    parameters:
      - {in: body, name: body, required: true, schema: {$ref: "#/definitions/Unsubscribe"}}
    responses:
      200: {description: "unsubscribed", schema: {$ref: "#/definitions/Message"}}
      400: {description: "no token", schema: {$ref: "#/definitions/Error"}}
      404: {description: "not the caller's device", schema: {$ref: "#/definitions/Error"}}
    """
    token = UNSUBSCRIBE.load(json_body())["token"]
    services().notifications.center.unsubscribe(current_user_id(), token)
    return dump(MESSAGE, {"message": "Unsubscribed"})


@bp.get("/preferences")
@auth_required()
def preferences() -> Reply:
    """The caller's notification preferences (defaults until changed).
    ---
    tags: [notifications]
    responses:
      200: {description: "preferences", schema: {$ref: "#/definitions/NotificationPreferences"}}
    """
    return dump(PREFERENCES, services().notifications.center.preferences(current_user_id()))


@bp.put("/preferences")
@auth_required()
def update_preferences() -> Reply:
    """Change some preferences: types on/off, quiet hours (local HH:MM, overnight allowed; null
    turns them off), IANA time zone, language es|en, expiry reminder lead days 0-7.
    ---
    tags: [notifications]
    parameters:
      - in: body
        name: body
        required: true
        schema: {$ref: "#/definitions/NotificationPreferencesInput"}
    responses:
      200: {description: "preferences", schema: {$ref: "#/definitions/NotificationPreferences"}}
      400: {description: "invalid value", schema: {$ref: "#/definitions/Error"}}
    """
    changes = preference_changes(PREFERENCES_INPUT.load(json_body()))
    updated = services().notifications.center.update_preferences(current_user_id(), changes)
    return dump(PREFERENCES, updated)


@bp.get("")
@auth_required()
def inbox() -> Reply:
    """The caller's inbox, newest first, with the unread count.
    ---
    tags: [notifications]
    parameters:
      - {in: query, name: page, type: integer, minimum: 1, default: 1}
      - {in: query, name: per_page, type: integer, minimum: 1, maximum: 100, default: 20}
    responses:
      200: {description: "a page of notifications", schema: {$ref: "#/definitions/Inbox"}}
      400: {description: "bad page", schema: {$ref: "#/definitions/Error"}}
    """
    query = INBOX_QUERY.load(request.args.to_dict())
    page = services().notifications.center.inbox(
        current_user_id(), query["page"], query["per_page"]
    )
    return dump(INBOX, page)


@bp.post("/<id:notification_id>/read")
@auth_required()
def read(notification_id: int) -> Reply:
    """Mark one notification read.
    ---
    tags: [notifications]
    parameters: [{in: path, name: notification_id, type: integer, required: true}]
    responses:
      200: {description: "read", schema: {$ref: "#/definitions/Message"}}
      404: {description: "not the caller's notification", schema: {$ref: "#/definitions/Error"}}
    """
    services().notifications.center.mark_read(current_user_id(), notification_id)
    return dump(MESSAGE, {"message": "Notification read"})


@bp.post("/read-all")
@auth_required()
def read_all() -> Reply:
    """Mark every notification of the caller read.
    ---
    tags: [notifications]
    responses:
      200: {description: "all read", schema: {$ref: "#/definitions/NotificationsReadAll"}}
    """
    marked = services().notifications.center.mark_all_read(current_user_id())
    return dump(READ_ALL, {"marked": marked})


@bp.delete("/<id:notification_id>")
@auth_required()
def delete(notification_id: int) -> Reply:
    """Delete one notification from the inbox.
    ---
    tags: [notifications]
    parameters: [{in: path, name: notification_id, type: integer, required: true}]
    responses:
      200: {description: "deleted", schema: {$ref: "#/definitions/Message"}}
      404: {description: "not the caller's notification", schema: {$ref: "#/definitions/Error"}}
    """
    services().notifications.center.delete(current_user_id(), notification_id)
    return dump(MESSAGE, {"message": "Notification deleted"})
