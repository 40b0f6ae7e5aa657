"""The notification tables on SQLite and MariaDB: tokens keep their case (byte identity), a
subscription is one row per token, preferences round-trip (quiet hours, zone), the inbox pages
with its unread count, a pending push is claimed once, a sent marker cannot be written twice,
and the reminder source finds stacks through each member's household."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy.exc import IntegrityError

from tests.conftest import make_settings
from tests.factories import add_user
from zerowaste.application.notifications.ports import Notification, Subscription
from zerowaste.domain.accounts.users import User
from zerowaste.domain.notifications.rules import Preferences
from zerowaste.infrastructure.db.inventory.tables import ItemRow, StackRow
from zerowaste.infrastructure.db.session import make_engine
from zerowaste.infrastructure.db.uow import UnitOfWorkFactory

pytestmark = pytest.mark.integration
NOW = datetime(2026, 1, 15, 7, 30, 0, 123456, tzinfo=UTC)


@pytest.fixture
def uows(tmp_path: Any, db_url: str) -> Iterator[UnitOfWorkFactory]:
    engine = make_engine(make_settings(tmp_path, database_url=db_url))
    factory = UnitOfWorkFactory(engine)
    with factory() as uow:
        add_user(uow, User("ana", None, None, "guest", NOW, NOW))
        add_user(uow, User("bob", None, None, "guest", NOW, NOW))
        uow.commit()
    yield factory
    engine.dispose()


def test_tokens_are_case_sensitive_and_one_row_each(uows: UnitOfWorkFactory) -> None:
    with uows() as uow:
        uow.push_subscriptions.put(Subscription("Abc", "ana", "android", "1", NOW, NOW))
        uow.push_subscriptions.put(Subscription("abc", "ana", "ios", "1", NOW, NOW))
        uow.push_subscriptions.put(Subscription("Abc", "bob", "web", "2", NOW, NOW))
        uow.commit()
    with uows.read() as uow:
        assert uow.push_subscriptions.tokens_of("ana") == ["abc"]
        assert uow.push_subscriptions.tokens_of("bob") == ["Abc"]
        moved = uow.push_subscriptions.get("Abc")
        assert moved is not None and (moved.platform, moved.app_version) == ("web", "2")
    with uows() as uow:
        assert uow.push_subscriptions.prune(["Abc", "nope"]) == 1
        uow.commit()
    with uows.read() as uow:
        assert uow.push_subscriptions.tokens_of("bob") == []


def test_preferences_round_trip(uows: UnitOfWorkFactory) -> None:
    prefs = Preferences(
        images_ready=False,
        quiet_start=time(22, 30),
        quiet_end=time(7, 0),
        time_zone="Europe/Madrid",
        language="en",
        lead_days=5,
    )
    with uows() as uow:
        uow.notification_preferences.put("ana", prefs, NOW)
        uow.commit()
    with uows.read() as uow:
        assert uow.notification_preferences.get("ana") == prefs
        assert uow.notification_preferences.get("bob") is None
        assert uow.notification_preferences.of_users(["ana", "bob"]) == {"ana": prefs}


def _note(n: int, user: str = "ana", state: str = "pending") -> Notification:
    return Notification(
        0,
        user,
        "recipe_suggestions",
        f"T{n}",
        "año",
        {"n": str(n)},
        NOW + timedelta(seconds=n),
        push_state=state,
        deliver_after=NOW + timedelta(minutes=n),
    )


def test_the_inbox_pages_and_a_push_is_claimed_once(uows: UnitOfWorkFactory) -> None:
    with uows() as uow:
        ids = [uow.notifications.add(_note(n)).id for n in range(3)]
        uow.notifications.add(_note(9, "bob"))
        uow.commit()
    with uows() as uow:
        assert uow.notifications.mark_read("ana", ids[0], NOW)
        assert not uow.notifications.mark_read("bob", ids[1], NOW)
        uow.commit()
    with uows.read() as uow:
        page = uow.notifications.page("ana", 1, 2)
        assert [n.id for n in page.items] == [ids[2], ids[1]]
        assert (page.total, page.unread_count) == (3, 2)
        assert page.items[0].data == {"n": "2"} and page.items[0].body == "año"
        assert uow.notifications.due(NOW + timedelta(minutes=1), 10) == ids[:2]
    with uows() as uow:
        first = uow.notifications.claim(ids[0])
        second = uow.notifications.claim(ids[0])
        uow.commit()
    assert first is not None and first.push_state == "sending" and second is None
    with uows() as uow:
        assert uow.notifications.mark_all_read("ana", NOW) == 2
        assert uow.notifications.delete("ana", ids[1]) and not uow.notifications.delete(
            "bob", ids[2]
        )
        uow.commit()


def test_a_sent_marker_cannot_be_written_twice(uows: UnitOfWorkFactory) -> None:
    day = date(2026, 1, 15)
    with uows() as uow:
        uow.notification_markers.mark("ana", "expiry", [1, 2], day)
        uow.commit()
    with uows.read() as uow:
        assert uow.notification_markers.marked("ana", "expiry", day) == {1, 2}
        assert uow.notification_markers.marked("ana", "expiry", day + timedelta(days=1)) == set()
    with pytest.raises(IntegrityError), uows() as uow:
        uow.notification_markers.mark("ana", "expiry", [2], day)
        uow.commit()


def test_the_reminder_source_reads_stacks_through_households(uows: UnitOfWorkFactory) -> None:
    with uows() as uow:
        item = ItemRow(
            household_id="ana",
            kind="ingredient",
            name="Leche",
            name_key=b"leche".decode(),
            slot="",
            unit="l",
            storage="fridge",
            created_at=NOW,
            updated_at=NOW,
        )
        uow.session.add(item)
        uow.session.flush()
        for days in (1, 9):
            uow.session.add(
                StackRow(
                    item_id=item.id,
                    household_id="ana",
                    quantity=Decimal(1),
                    unit="l",
                    added_at=NOW + timedelta(seconds=days),
                    expires_on=date(2026, 1, 15 + days),
                    storage="fridge",
                )
            )
        uow.commit()
    with uows.read() as uow:
        found = uow.reminder_source.expiring_stacks(date(2026, 1, 20))
    assert [(s.user_uid, s.name, s.expires_on) for s in found] == [
        ("ana", "Leche", date(2026, 1, 16))
    ]
