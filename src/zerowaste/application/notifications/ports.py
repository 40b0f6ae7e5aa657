"""Ports of the notifications feature: subscriptions, preferences, the inbox, the sent markers,
the stacks a reminder reads, and the push sender (FCM in production, none embedded)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Protocol

from zerowaste.application.ports.uow import UnitOfWork
from zerowaste.domain.accounts.users import User
from zerowaste.domain.notifications.households import MemberStack
from zerowaste.domain.notifications.plans import PlannedMeal
from zerowaste.domain.notifications.rules import ExpiringStack, Preferences


@dataclass
class Subscription:
    token: str
    user_uid: str
    platform: str  # android | ios | web
    app_version: str
    created_at: datetime
    updated_at: datetime


@dataclass
class Notification:
    id: int
    user_uid: str
    type: str
    title: str
    body: str
    data: dict[str, str]
    created_at: datetime
    read_at: datetime | None = None
    # pending (a push will go at deliver_after) | sending | sent | failed | off (type switched
    # off) | inbox (no push channel or no device)
    push_state: str = "pending"
    deliver_after: datetime | None = None


@dataclass(frozen=True)
class InboxPage:
    items: list[Notification]
    total: int
    unread_count: int
    page: int
    per_page: int


class SubscriptionRepository(Protocol):
    def get(self, token: str) -> Subscription | None: ...

    def put(self, subscription: Subscription) -> None: ...  # by token: insert or update

    def delete(self, token: str) -> None: ...

    def tokens_of(self, user_uid: str) -> list[str]: ...

    def prune(self, tokens: Sequence[str]) -> int: ...


class PreferenceRepository(Protocol):
    def get(self, user_uid: str) -> Preferences | None: ...

    def put(self, user_uid: str, preferences: Preferences, now: datetime) -> None: ...

    def of_users(self, user_uids: Sequence[str]) -> dict[str, Preferences]: ...


class InboxRepository(Protocol):
    def add(self, notification: Notification) -> Notification: ...  # gives it its id

    def get(self, user_uid: str, notification_id: int) -> Notification | None: ...

    def page(self, user_uid: str, page: int, per_page: int) -> InboxPage: ...

    def mark_read(self, user_uid: str, notification_id: int, now: datetime) -> bool: ...

    def mark_all_read(self, user_uid: str, now: datetime) -> int: ...

    def delete(self, user_uid: str, notification_id: int) -> bool: ...

    def claim(self, notification_id: int) -> Notification | None:
        """pending -> sending, once: the one caller that gets it pushes it."""
        ...

    def set_push_state(self, notification_id: int, state: str) -> None: ...

    def due(self, now: datetime, limit: int) -> list[int]: ...  # pending and deliver_after <= now


class MarkerRepository(Protocol):
    def marked(self, user_uid: str, kind: str, day: date) -> set[int]: ...

    def mark(self, user_uid: str, kind: str, refs: Sequence[int], day: date) -> None: ...


class ReminderSource(Protocol):
    def expiring_stacks(self, until: date) -> list[ExpiringStack]:
        """Every user's stacks (through their household) expiring on or before `until`."""
        ...

    def planned_meals(self, first: date, last: date) -> list[PlannedMeal]:
        """Every user's planned meals (through their household) from `first` to `last`."""
        ...


class HouseholdReminders(Protocol):
    """The household-wide expiry reminder's reads and its sent markers (per household)."""

    def expiring(self, until: date) -> list[MemberStack]:
        """Every household's stacks expiring on or before `until`, once per owner and adult
        (never a viewer)."""
        ...

    def marked(self, household_id: str, kind: str, day: date) -> set[int]: ...

    def mark(self, household_id: str, kind: str, refs: Sequence[int], day: date) -> None: ...


class Audience(Protocol):
    """The recipe triggers' batch reads (one query each, whatever the batch)."""

    def users_after(self, after: str, limit: int) -> list[tuple[str, Preferences | None]]:
        """Every user (by uid order, after `after`) with their preferences, if they set any."""
        ...

    def households(self, user_uids: Sequence[str]) -> list[User]:
        """These users and everyone sharing a household with them (whose allergies count)."""
        ...

    def marked(
        self, kind: str, user_uids: Sequence[str], days: Collection[date]
    ) -> set[tuple[str, date]]:
        """The (user, day) pairs among these that already have a sent marker of `kind`."""
        ...


class NotificationsUnitOfWork(UnitOfWork, Protocol):
    @property
    def push_subscriptions(self) -> SubscriptionRepository: ...

    @property
    def notification_preferences(self) -> PreferenceRepository: ...

    @property
    def notifications(self) -> InboxRepository: ...

    @property
    def notification_markers(self) -> MarkerRepository: ...

    @property
    def reminder_source(self) -> ReminderSource: ...

    @property
    def household_reminders(self) -> HouseholdReminders: ...

    @property
    def notification_audience(self) -> Audience: ...


@dataclass(frozen=True)
class PushMessage:
    title: str
    body: str
    data: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class PushResult:
    sent: int
    failed: int
    invalid_tokens: list[str] = field(default_factory=list)  # unregistered/invalid: prune


class PushSender(Protocol):
    """Sends one message to a user's devices (FCM); reports the tokens to forget."""

    def send(self, tokens: Sequence[str], message: PushMessage) -> PushResult: ...


def as_data(values: dict[str, Any]) -> dict[str, str]:
    """FCM data payloads are string to string."""
    return {str(k): str(v) for k, v in values.items() if v is not None}
