"""Who gets a push and when: preferences, quiet hours and the daily expiry reminder.

Rules (why, not how):
- Every notification lands in the inbox. A push goes only when the user's preference for its
  type is on; a type switched off is kept in the inbox, silently.
- Quiet hours are local wall-clock times in the user's IANA time zone. A window whose start is
  after its end spans midnight (22:00-07:00); start == end means no quiet hours. A push due
  inside the window is deferred to the window's end, never dropped.
- The expiry reminder is sent once per local day, from REMINDER_HOUR local time on (08:00), as
  one grouped message listing the stacks expiring from the local today to today + lead days. A
  stack already reminded that day is never listed again (the caller keeps a sent marker per
  user, stack and local day).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

TYPES = (
    "expiry_reminders",
    "recipe_suggestions",
    "images_ready",
    "trending_recipes",
    "plan_reminders",
    "report_ready",  # a report job finished; asked for by the user, so no switch to turn off
)
LANGUAGES = ("es", "en")
MAX_LEAD_DAYS = 7
DEFAULT_TIME_ZONE = "America/Mexico_City"
REMINDER_HOUR = time(8, 0)  # the local "morning" of the daily expiry reminder
EXPIRY_MARK = "expiry"  # sent-marker kind of the daily expiry reminder


@dataclass(frozen=True)
class Preferences:
    """A user's notification settings; a user who never set them has these defaults."""

    expiry_reminders: bool = True
    recipe_suggestions: bool = True
    images_ready: bool = True
    trending_recipes: bool = True
    plan_reminders: bool = True
    quiet_start: time | None = None
    quiet_end: time | None = None
    time_zone: str = DEFAULT_TIME_ZONE
    language: str = "es"
    lead_days: int = 2

    def wants(self, notification_type: str) -> bool:
        return bool(getattr(self, notification_type, True)) if notification_type in TYPES else True

    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    def changed(self, **changes: object) -> Preferences:
        return replace(self, **changes)  # type: ignore[arg-type]


def is_time_zone(name: str) -> bool:
    """An IANA zone name zoneinfo knows ("Europe/Madrid"); not a path, not an offset."""
    if not name or name.startswith("/") or ".." in name:
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def in_quiet_hours(moment: time, start: time | None, end: time | None) -> bool:
    if start is None or end is None or start == end:
        return False
    if start < end:
        return start <= moment < end
    return moment >= start or moment < end  # spans midnight


def push_time(preferences: Preferences, now: datetime) -> datetime:
    """When a push created at `now` (aware) may go: now, or the end of the quiet hours (UTC)."""
    zone = preferences.zone()
    local = now.astimezone(zone)
    start, end = preferences.quiet_start, preferences.quiet_end
    if end is None or not in_quiet_hours(local.time().replace(tzinfo=None), start, end):
        return now
    ends = datetime.combine(local.date(), end, tzinfo=zone)
    if ends <= local:
        ends = datetime.combine(local.date() + timedelta(days=1), end, tzinfo=zone)
    return ends.astimezone(now.tzinfo)


@dataclass(frozen=True)
class ExpiringStack:
    user_uid: str
    stack_id: int
    name: str
    expires_on: date


def local_day(preferences: Preferences, now: datetime) -> date:
    return now.astimezone(preferences.zone()).date()


def morning_come(preferences: Preferences, now: datetime) -> bool:
    """REMINDER_HOUR has passed in the user's zone."""
    return now.astimezone(preferences.zone()).time().replace(tzinfo=None) >= REMINDER_HOUR


def reminder_due(preferences: Preferences, now: datetime) -> bool:
    """The morning has come in the user's zone, and the user wants expiry reminders."""
    return preferences.expiry_reminders and morning_come(preferences, now)


def stacks_to_remind(
    stacks: list[ExpiringStack], today: date, lead_days: int, already: set[int]
) -> list[ExpiringStack]:
    """The stacks expiring from `today` to today + lead days not yet reminded today,
    soonest first (then by name): what one grouped message lists."""
    until = today + timedelta(days=lead_days)
    chosen = [s for s in stacks if today <= s.expires_on <= until and s.stack_id not in already]
    return sorted(chosen, key=lambda s: (s.expires_on, s.name.casefold(), s.stack_id))


_TEXTS = {
    "es": {
        "title": "Alimentos por caducar",
        "today": "hoy",
        "tomorrow": "mañana",
        "in": "en {n} días",
        "intro": "Úsalos pronto: ",
    },
    "en": {
        "title": "Food expiring soon",
        "today": "today",
        "tomorrow": "tomorrow",
        "in": "in {n} days",
        "intro": "Use them soon: ",
    },
}


def expiry_message(stacks: list[ExpiringStack], today: date, language: str) -> tuple[str, str]:
    """One grouped message: a title and "Use them soon: milk (today), eggs (in 2 days)"."""
    texts = _TEXTS.get(language, _TEXTS["es"])
    parts = []
    for stack in stacks:
        days = (stack.expires_on - today).days
        when = (
            texts["today"]
            if days == 0
            else texts["tomorrow"]
            if days == 1
            else texts["in"].format(n=days)
        )
        parts.append(f"{stack.name} ({when})")
    return texts["title"], texts["intro"] + ", ".join(parts)


def images_ready_message(names: list[str], language: str) -> tuple[str, str]:
    if language == "en":
        return "Your images are ready", "Ready: " + ", ".join(names)
    return "Tus imágenes están listas", "Listas: " + ", ".join(names)
