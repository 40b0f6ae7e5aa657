"""The recipe triggers through the whole app (SQLite and MariaDB, the catalog imported), with
the real firebase-admin client pushing to the local fake FCM endpoint and a frozen clock:
- trending recipes on Sunday from 10:00 local (Europe/Madrid, America/Mexico_City), once per
  ISO week, in the user's language, from the week's favourites and saved copies;
- recipe suggestions from 17:00 local for the stacks expiring within the lead days, chosen by
  the local engine from the catalog, once a day; nothing expiring, nothing sent;
- quiet hours defer the push, a type switched off sends nothing, an unsubscribed device gets
  no push (the inbox keeps it); the beat's tasks; the query count per user is constant."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import firebase_admin
import pytest
from sqlalchemy import event, text

from tests.api.inventory.helpers import add, line
from tests.conftest import make_settings
from tests.fakes import FixedClock
from tests.fakes.fcm import FakeFcm
from tests.integration.notifications.test_triggers import _inbox, _subscribe, _user
from zerowaste.entrypoints.worker import (
    BEAT_SCHEDULE,
    SEND_RECIPE_SUGGESTIONS,
    SEND_TRENDING_RECIPES,
    make_celery,
)
from zerowaste.infrastructure.notifications.fcm import FcmPushSender

pytestmark = pytest.mark.integration
# Thursday 15 Jan 2026, 16:05 UTC: 17:05 in Madrid (CET), 10:05 in Mexico City (UTC-6)
EVENING = datetime(2026, 1, 15, 16, 5, tzinfo=UTC)
# Sunday 18 Jan 2026, 09:30 UTC: 10:30 in Madrid, 03:30 in Mexico City
SUNDAY = datetime(2026, 1, 18, 9, 30, tzinfo=UTC)


@pytest.fixture(name="clock")
def clock_fixture() -> FixedClock:
    return FixedClock(EVENING)


@pytest.fixture(params=["sqlite_url", pytest.param("mysql_catalog_url", marks=pytest.mark.mysql)])
def catalog_db_url(request: pytest.FixtureRequest) -> str:
    """SQLite and MariaDB, both with the public recipe catalog imported."""
    return str(request.getfixturevalue(request.param))


@pytest.fixture(name="app")
def app_fixture(
    tmp_path: Path,
    catalog_db_url: str,
    clock: FixedClock,
    fake_fcm: FakeFcm,
    firebase_app: firebase_admin.App,
) -> Iterator[Any]:
    from zerowaste.bootstrap import create_app

    sender = FcmPushSender(firebase_app, sleep=lambda _: None)
    settings = make_settings(tmp_path, database_url=catalog_db_url)
    application = create_app(settings, clock=clock, push_sender=sender)
    yield application
    application.extensions["zerowaste.engine"].dispose()


def _services(app: Any) -> Any:
    return app.extensions["zerowaste.services"]


def _suggest(app: Any, clock: FixedClock) -> int:
    return int(_services(app).notifications.recipe_suggestions.send_suggestions(clock.now()))


def _trending(app: Any, clock: FixedClock) -> int:
    return int(_services(app).notifications.trending.send_trending(clock.now()))


def _public(app: Any) -> dict[str, tuple[str, str]]:
    """The catalog: uid -> (title, folded search text)."""
    query = text("SELECT uid, title, search_text FROM recipes WHERE household_id IS NULL")
    with app.extensions["zerowaste.engine"].connect() as conn:
        return {uid: (title, words) for uid, title, words in conn.execute(query)}


def _push_states(app: Any, user_uid: str) -> list[str]:
    query = text("SELECT push_state FROM notifications WHERE user_uid = :u")
    with app.extensions["zerowaste.engine"].connect() as conn:
        return list(conn.execute(query, {"u": user_uid}).scalars())


def _expiring(client: Any, headers: dict[str, str]) -> None:
    add(
        client,
        headers,
        line("Huevo", expiration_time=1),
        line("Papa", quantity=1, unit="kg", expiration_time=2),
        line("Queso", quantity=200, unit="g", expiration_time=6),  # beyond 2 lead days
    )


SUGGESTION = re.compile(r"^(?P<title>.+) \((?:with|con) (?P<uses>.+)\)$")


def _parts(body: str) -> list[tuple[str, list[str]]]:
    found = []
    for part in body.split("; "):
        match = SUGGESTION.match(part)
        assert match, part
        uses = re.split(r", | and | y ", match["uses"])
        found.append((match["title"], uses))
    return found


def test_suggestions_name_catalog_recipes_for_what_expires_once_a_day(
    app: Any, clock: FixedClock, fake_fcm: FakeFcm
) -> None:
    client = app.test_client()
    ana, ana_h = _user(client, "America/Mexico_City")
    ben, ben_h = _user(client, "Europe/Madrid", language="en")
    _, cy_h = _user(client, "Europe/Madrid")
    _subscribe(client, ben_h, "ben-phone")
    for headers in (ana_h, ben_h):
        _expiring(client, headers)
    add(client, cy_h, line("Queso", quantity=200, unit="g", expiration_time=6))

    clock.current = EVENING - timedelta(minutes=10)  # 16:55 in Madrid
    assert _suggest(app, clock) == 0
    clock.current = EVENING
    assert _suggest(app, clock) == 1  # Ben only: morning in Mexico, nothing due for Cy
    (note,) = _inbox(client, ben_h)
    assert (note["type"], note["title"]) == ("recipe_suggestions", "Recipes for what expires soon")
    assert note["data"]["day"] == "2026-01-15"
    uids = note["data"]["recipe_uids"].split(",")
    parts = _parts(note["body"])
    catalog = _public(app)
    assert 1 <= len(uids) == len(parts) <= 3
    for uid, (title, uses) in zip(uids, parts, strict=True):
        assert catalog[uid][0] == title  # a catalog recipe, named as the catalog names it
        assert set(uses) <= {"Huevo", "Papa"}  # only the expiring items, not the cheese
    assert parts[0][1] == ["Huevo", "Papa"]  # the most expiring items first, soonest first
    assert fake_fcm.tokens() == ["ben-phone"]
    assert fake_fcm.requests[0]["message"]["data"]["type"] == "recipe_suggestions"
    assert _inbox(client, ana_h) == [] and _inbox(client, cy_h) == []

    clock.advance(timedelta(minutes=15))
    add(client, ben_h, line("Leche", quantity=1, unit="l", expiration_time=1))
    assert _suggest(app, clock) == 0  # never twice the same day
    clock.current = datetime(2026, 1, 16, 0, 5, tzinfo=UTC)  # 18:05 in Mexico City
    assert _suggest(app, clock) == 1
    (ana_note,) = _inbox(client, ana_h)
    assert ana_note["title"] == "Ideas para lo que caduca" and " (con " in ana_note["body"]
    clock.current = datetime(2026, 1, 16, 16, 5, tzinfo=UTC)  # the next evening in Madrid
    assert _suggest(app, clock) == 1
    assert len(_inbox(client, ben_h)) == 2


def test_suggestions_follow_preferences_quiet_hours_and_devices(
    app: Any, clock: FixedClock, fake_fcm: FakeFcm
) -> None:
    client = app.test_client()
    _, off_h = _user(client, "Europe/Madrid", types={"recipe_suggestions": False})
    _, quiet_h = _user(client, "Europe/Madrid", quiet_hours={"start": "16:00", "end": "20:00"})
    gone, gone_h = _user(client, "Europe/Madrid")
    _subscribe(client, quiet_h, "quiet-phone")
    _subscribe(client, gone_h, "left-phone")
    body = {"token": "left-phone"}
    assert (
        client.delete("/api/notifications/subscribe", json=body, headers=gone_h).status_code == 200
    )
    for headers in (off_h, quiet_h, gone_h):
        _expiring(client, headers)

    assert _suggest(app, clock) == 2
    assert _inbox(client, off_h) == []  # switched off: nothing at all, like the reminders
    (gone_note,) = _inbox(client, gone_h)
    assert gone_note["type"] == "recipe_suggestions"
    assert _push_states(app, gone) == ["inbox"]  # no device left: the inbox only
    assert len(_inbox(client, quiet_h)) == 1 and fake_fcm.requests == []  # 17:05: quiet
    notifier = _services(app).notifications.notifier
    clock.current = datetime(2026, 1, 15, 19, 0, tzinfo=UTC)  # 20:00 in Madrid
    assert notifier.deliver_due() == 1
    assert fake_fcm.tokens() == ["quiet-phone"]  # never "left-phone"


def test_the_week_s_trending_recipes_once_per_iso_week_at_each_sunday_morning(
    app: Any, clock: FixedClock, fake_fcm: FakeFcm
) -> None:
    client = app.test_client()
    _, ana_h = _user(client, "America/Mexico_City")
    _, ben_h = _user(client, "Europe/Madrid", language="en")
    _, off_h = _user(client, "Europe/Madrid", types={"trending_recipes": False})
    _subscribe(client, ben_h, "ben-phone")
    catalog = sorted(_public(app).items())
    (first, (first_title, _)), (second, (second_title, _)) = catalog[0], catalog[1]
    clock.current = SUNDAY - timedelta(days=2)
    for headers in (ana_h, ben_h):
        put = client.put(f"/api/recipes/generated/{second}/favorite", json={}, headers=headers)
        assert put.status_code == 200
    put = client.put(f"/api/recipes/generated/{first}/favorite", json={}, headers=ana_h)
    assert put.status_code == 200

    clock.current = SUNDAY - timedelta(hours=1)  # 09:30 in Madrid
    assert _trending(app, clock) == 0
    clock.current = SUNDAY
    assert _trending(app, clock) == 1  # Ben; night in Mexico City; Off switched it off
    (note,) = _inbox(client, ben_h)
    assert (note["type"], note["title"]) == ("trending_recipes", "Trending recipes")
    assert note["body"] == f"Most cooked and saved this week: {second_title}, {first_title}"
    assert note["data"] == {"recipe_uids": f"{second},{first}", "week": "2026-01-12"}
    assert fake_fcm.tokens() == ["ben-phone"]
    assert _inbox(client, off_h) == []

    clock.current = SUNDAY + timedelta(hours=3)
    assert _trending(app, clock) == 0  # once per ISO week
    clock.current = datetime(2026, 1, 18, 16, 5, tzinfo=UTC)  # 10:05 in Mexico City
    assert _trending(app, clock) == 1
    assert _inbox(client, ana_h)[0]["title"] == "Recetas en tendencia"
    clock.current = datetime(2026, 1, 19, 9, 30, tzinfo=UTC)  # Monday: not a digest day
    assert _trending(app, clock) == 0
    clock.current = SUNDAY + timedelta(days=7)  # next week: the favourites are 9 days old
    assert _trending(app, clock) == 0


def test_the_beat_runs_the_recipe_triggers(app: Any, clock: FixedClock, tmp_path: Path) -> None:
    suggest, trend = (
        BEAT_SCHEDULE["send-recipe-suggestions"],
        BEAT_SCHEDULE["send-trending-recipes"],
    )
    assert (suggest["task"], trend["task"]) == (SEND_RECIPE_SUGGESTIONS, SEND_TRENDING_RECIPES)
    assert suggest["schedule"].minute == {0, 15, 30, 45} and len(suggest["schedule"].hour) == 24
    assert trend["schedule"].minute == {0, 15, 30, 45}
    assert trend["schedule"].day_of_week == {6, 0, 1}  # Saturday to Monday (UTC)
    celery = make_celery(make_settings(tmp_path))
    client = app.test_client()
    _, headers = _user(client, "Europe/Madrid")
    _expiring(client, headers)
    with app.app_context():
        assert celery.tasks[SEND_RECIPE_SUGGESTIONS].delay().get() == 1
        assert celery.tasks[SEND_RECIPE_SUGGESTIONS].delay().get() == 0
        assert celery.tasks[SEND_TRENDING_RECIPES].delay().get() == 0  # a Thursday
    assert len(_inbox(client, headers)) == 1


def test_each_user_costs_a_fixed_number_of_statements(app: Any, clock: FixedClock) -> None:
    client = app.test_client()
    engine = app.extensions["zerowaste.engine"]
    counts: list[int] = []

    def record(*_: Any) -> None:
        counts[-1] += 1

    for fresh in (1, 1, 2, 4):  # the first run also reads and indexes the catalog
        for _ in range(fresh):
            _, headers = _user(client, "Europe/Madrid")
            _expiring(client, headers)
        counts.append(0)
        event.listen(engine, "before_cursor_execute", record)
        try:
            assert _suggest(app, clock) == fresh  # those already told today cost no query
        finally:
            event.remove(engine, "before_cursor_execute", record)
    _, one, two, four = counts
    assert four - two == 2 * (two - one) > 0  # reads per batch, one write per user told


def test_suggestions_leave_out_what_the_user_is_allergic_to(app: Any, clock: FixedClock) -> None:
    client = app.test_client()
    _, headers = _user(client, "Europe/Madrid")
    allergic = {"allergies": ["huevo"]}
    assert client.put("/api/user/profile", json=allergic, headers=headers).status_code == 200
    _expiring(client, headers)
    assert _suggest(app, clock) == 1
    (note,) = _inbox(client, headers)
    catalog = _public(app)
    for uid, (_title, uses) in zip(
        note["data"]["recipe_uids"].split(","), _parts(note["body"]), strict=True
    ):
        assert uses == ["Papa"]
        assert not re.search(r"\b(eggs?|huevos?)\b", catalog[uid][1])


def _family(client: Any) -> list[dict[str, str]]:
    """Two members of one household in Madrid: the owner and an adult."""
    (_, owner), (_, adult) = _user(client, "Europe/Madrid"), _user(client, "Europe/Madrid")
    assert client.post("/api/households", json={"name": "Casa"}, headers=owner).status_code == 201
    household = client.get("/api/households/current", headers=owner).json["id"]
    invited = client.post(f"/api/households/{household}/invitations", json={}, headers=owner)
    joined = client.post("/api/households/join", json={"code": invited.json["code"]}, headers=adult)
    assert joined.status_code == 200, joined.json
    return [owner, adult]


def _two_alone(client: Any) -> list[dict[str, str]]:
    return [_user(client, "Europe/Madrid")[1] for _ in range(2)]


def test_suggestions_leave_out_every_household_members_allergies(
    app: Any, clock: FixedClock
) -> None:
    client = app.test_client()
    owner, adult = _family(client)
    allergic = {"allergies": ["huevo"]}
    assert client.put("/api/user/profile", json=allergic, headers=owner).status_code == 200
    _expiring(client, adult)

    assert _suggest(app, clock) == 2  # both members see the household's stock
    catalog = _public(app)
    for headers in (owner, adult):
        (note,) = _inbox(client, headers)
        uids = note["data"]["recipe_uids"].split(",")
        for uid, (_title, uses) in zip(uids, _parts(note["body"]), strict=True):
            assert uses == ["Papa"]
            assert not re.search(r"\b(eggs?|huevos?)\b", catalog[uid][1])


def test_a_household_costs_the_statements_of_as_many_users_alone(
    app: Any, clock: FixedClock
) -> None:
    client = app.test_client()
    engine = app.extensions["zerowaste.engine"]
    counts: list[int] = []

    def record(*_: Any) -> None:
        counts[-1] += 1

    _, warm = _user(client, "Europe/Madrid")
    _expiring(client, warm)
    assert _suggest(app, clock) == 1  # reads and indexes the catalog
    for make in (_two_alone, _family):
        for headers in make(client):
            _expiring(client, headers)
        counts.append(0)
        event.listen(engine, "before_cursor_execute", record)
        try:
            assert _suggest(app, clock) == 2
        finally:
            event.remove(engine, "before_cursor_execute", record)
    alone, family = counts
    assert family == alone > 0
