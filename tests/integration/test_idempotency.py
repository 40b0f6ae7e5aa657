"""Idempotency-Key on the inventory POSTs (SQLite and MariaDB): a retry replays the first answer
and creates nothing; a reused key with another request is refused; concurrent duplicates create
once; keys belong to one user."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from tests.api.conftest import bearer, signup
from tests.conftest import make_settings
from zerowaste.bootstrap import create_app
from zerowaste.infrastructure.db.accounts import UserRow
from zerowaste.infrastructure.db.idempotency import IdempotencyKeyRow
from zerowaste.infrastructure.db.inventory.repository import JournalRow, StackRow

pytestmark = pytest.mark.integration

ADD = "/api/inventory/ingredients"
LINE = {"name": "Leche", "quantity": 2, "type_unit": "litros", "storage_type": "Refrigerado"}
BODY = {"ingredients": [LINE]}


@pytest.fixture
def app(tmp_path: Path, db_url: str) -> Iterator[Any]:
    application = create_app(make_settings(tmp_path, database_url=db_url))
    yield application
    application.extensions["zerowaste.engine"].dispose()


@pytest.fixture
def client(app: Any) -> Any:
    return app.test_client()


def headers(user: dict[str, Any], key: str | None = None) -> dict[str, str]:
    found = bearer(user["access_token"])
    return found | {"Idempotency-Key": key} if key is not None else found


def rows(app: Any, model: type, uid: str) -> int:
    """Rows of the user's household (inventory), or of the user (idempotency keys)."""
    engine = app.extensions["zerowaste.engine"]
    with engine.connect() as conn:
        if hasattr(model, "household_id"):
            household = select(UserRow.household_id).where(UserRow.uid == uid).scalar_subquery()
            where = model.household_id == household
        else:
            where = model.owner_uid == uid
        return int(conn.scalar(select(func.count()).select_from(model).where(where)) or 0)


def stored(app: Any, user: dict[str, Any]) -> tuple[int, int]:
    uid = user["user"]["uid"]
    return rows(app, StackRow, uid), rows(app, JournalRow, uid)


def test_a_retried_add_replays_the_first_answer_and_adds_nothing(app: Any, client: Any) -> None:
    user = signup(client)

    first = client.post(ADD, json=BODY, headers=headers(user, "add-1"))
    retry = client.post(ADD, json=BODY, headers=headers(user, "add-1"))

    assert first.status_code == retry.status_code == 201
    assert retry.json == first.json and first.json["ingredients"][0]["total_quantity"] == 2
    assert "Idempotent-Replayed" not in first.headers
    assert retry.headers["Idempotent-Replayed"] == "true"
    assert stored(app, user) == (1, 1)  # one stack, one "added" journal row
    without_key = client.post(ADD, json=BODY, headers=headers(user))
    assert without_key.status_code == 201 and stored(app, user) == (2, 2)


def test_the_same_key_with_another_request_is_refused(app: Any, client: Any) -> None:
    user = signup(client)
    client.post(ADD, json=BODY, headers=headers(user, "k"))
    other_line = {"ingredients": [LINE | {"quantity": 3}]}

    changed_body = client.post(ADD, json=other_line, headers=headers(user, "k"))
    other_route = client.post("/api/inventory", json=LINE, headers=headers(user, "k"))

    for reply in (changed_body, other_route):
        assert reply.status_code == 409
        assert reply.json["code"] == "idempotency_key_reused"
        assert "Idempotent-Replayed" not in reply.headers
    assert stored(app, user) == (1, 1)


def test_keys_are_exact_strings(app: Any, client: Any) -> None:
    """The database compares keys byte for byte on MariaDB too (its default is case-blind)."""
    user = signup(client)

    lower = client.post(ADD, json=BODY, headers=headers(user, "key-a"))
    upper = client.post(ADD, json=BODY, headers=headers(user, "KEY-A"))

    assert lower.status_code == upper.status_code == 201
    assert "Idempotent-Replayed" not in upper.headers
    assert stored(app, user) == (2, 2)


def test_a_key_belongs_to_one_user(app: Any, client: Any) -> None:
    ana, bea = signup(client), signup(client)

    first = client.post(ADD, json=BODY, headers=headers(ana, "shared-key"))
    theirs = client.post(ADD, json=BODY, headers=headers(bea, "shared-key"))

    assert first.status_code == theirs.status_code == 201
    assert "Idempotent-Replayed" not in theirs.headers
    assert theirs.json["ingredients"][0]["id"] != first.json["ingredients"][0]["id"]
    assert stored(app, ana) == stored(app, bea) == (1, 1)


def test_concurrent_duplicates_create_once(app: Any, client: Any) -> None:
    user = signup(client)
    barrier = threading.Barrier(10)

    def post() -> Any:
        own = app.test_client()
        barrier.wait()
        return own.post(ADD, json=BODY, headers=headers(user, "burst"))

    with ThreadPoolExecutor(max_workers=10) as pool:
        replies = list(pool.map(lambda _: post(), range(10)))

    created = [
        r for r in replies if r.status_code == 201 and "Idempotent-Replayed" not in r.headers
    ]
    replayed = [r for r in replies if r.headers.get("Idempotent-Replayed") == "true"]
    waiting = [r for r in replies if r.status_code == 409]
    assert len(created) == 1
    assert all(r.status_code == 201 and r.json == created[0].json for r in replayed)
    assert all(r.json["code"] == "idempotency_in_progress" for r in waiting)
    assert len(created) + len(replayed) + len(waiting) == 10
    assert stored(app, user) == (1, 1)
    assert client.post(ADD, json=BODY, headers=headers(user, "burst")).json == created[0].json


def test_a_retried_consume_takes_the_amount_once(app: Any, client: Any) -> None:
    user = signup(client)
    added = client.post(ADD, json=BODY, headers=headers(user))
    item_id = added.json["ingredients"][0]["id"]
    consume = f"/api/inventory/items/{item_id}/consume"

    first = client.post(consume, json={"quantity": 0.5}, headers=headers(user, "eat-1"))
    retry = client.post(consume, json={"quantity": 0.5}, headers=headers(user, "eat-1"))

    assert first.status_code == retry.status_code == 200 and retry.json == first.json
    assert retry.headers["Idempotent-Replayed"] == "true"
    item = client.get(f"/api/inventory/items/{item_id}", headers=headers(user))
    assert item.json["total_quantity"] == 1.5
    assert stored(app, user) == (1, 2)  # the stack; "added" + one "consumed"


def test_a_client_error_is_replayed_too(app: Any, client: Any) -> None:
    """A 4xx is the request's answer (retrying cannot change it); only 5xx free the key."""
    user = signup(client)
    added = client.post(ADD, json=BODY, headers=headers(user))
    consume = f"/api/inventory/items/{added.json['ingredients'][0]['id']}/consume"

    first = client.post(consume, json={"quantity": 5}, headers=headers(user, "too-much"))
    retry = client.post(consume, json={"quantity": 5}, headers=headers(user, "too-much"))

    assert first.status_code == retry.status_code == 422
    assert retry.json == first.json and first.json["code"] == "insufficient_quantity"
    assert retry.headers["Idempotent-Replayed"] == "true"


def test_every_inventory_post_honours_the_key(app: Any, client: Any) -> None:
    user = signup(client)
    added = client.post(ADD, json=BODY, headers=headers(user))
    item_id = added.json["ingredients"][0]["id"]
    posts = {
        "/api/inventory": LINE,
        "/api/inventory/add_item": {"name": "Pan", "quantity": 1, "unit": "unidades"},
        "/api/inventory/ingredients/from-recognition": {"ingredients": [LINE]},
        f"/api/inventory/items/{item_id}/waste": {"quantity": 0.25},
    }
    for path, body in posts.items():
        first = client.post(path, json=body, headers=headers(user, f"key {path}"))
        retry = client.post(path, json=body, headers=headers(user, f"key {path}"))
        assert first.status_code < 300, (path, first.json)
        assert (retry.status_code, retry.json) == (first.status_code, first.json), path
        assert retry.headers["Idempotent-Replayed"] == "true", path
    uid = user["user"]["uid"]
    assert rows(app, IdempotencyKeyRow, uid) == len(posts)


@pytest.mark.undocumented_status(500)
def test_a_server_error_frees_the_key_for_the_retry(
    app: Any, client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = signup(client)
    inventory = app.extensions["zerowaste.services"].inventory
    real_add = inventory.add
    calls: list[int] = []

    def flaky_add(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("worker lost its connection mid-request")
        return real_add(*args, **kwargs)

    monkeypatch.setattr(inventory, "add", flaky_add)

    failed = client.post(ADD, json=BODY, headers=headers(user, "flaky"))
    retried = client.post(ADD, json=BODY, headers=headers(user, "flaky"))

    assert (failed.status_code, failed.json["code"]) == (500, "internal_error")
    assert retried.status_code == 201 and "Idempotent-Replayed" not in retried.headers
    assert stored(app, user) == (1, 1)


def test_an_abandoned_claim_is_taken_over_by_a_later_retry_only_once_it_is_stale(
    sqlite_url: str, tmp_path: Path
) -> None:
    from datetime import UTC, datetime, timedelta

    from tests.fakes import FixedClock
    from zerowaste.application.idempotency import STALE_CLAIM, IdempotencyService
    from zerowaste.domain.shared.errors import Conflict
    from zerowaste.infrastructure.db.idempotency import SqlAlchemyIdempotencyStore
    from zerowaste.infrastructure.db.session import make_engine, make_session_factory

    settings = make_settings(tmp_path, database_url=sqlite_url)
    engine = make_engine(settings)
    with engine.begin() as conn:  # the key's owner must exist (foreign key)
        conn.exec_driver_sql(
            "INSERT INTO households (id, name, data_version, created_at) "
            "VALUES ('u1', '', 0, '2026-01-01')"
        )
        conn.exec_driver_sql(
            "INSERT INTO users (uid, household_id, email_verified, auth_provider, created_at, "
            "updated_at, "
            "language, cooking_level, measurement_unit, allergies, allergy_items, "
            "preferred_food_types, special_diet_items, favorite_recipes, "
            "initial_preferences_completed, prefs) VALUES ('u1', 'u1', 0, 'guest', '2026-01-01', "
            "'2026-01-01', 'es', 'beginner', 'metric', '[]', '[]', '[]', '[]', '[]', 0, '{}')"
        )
    clock = FixedClock(datetime(2026, 1, 1, 12, 0, tzinfo=UTC))
    service = IdempotencyService(SqlAlchemyIdempotencyStore(make_session_factory(engine)), clock)
    try:
        assert service.begin("u1", "k-1", "fp") is None  # first request claims, then dies

        clock.advance(STALE_CLAIM - timedelta(seconds=1))
        with pytest.raises(Conflict) as still_running:
            service.begin("u1", "k-1", "fp")
        assert still_running.value.code == "idempotency_in_progress"

        clock.advance(timedelta(seconds=2))
        with pytest.raises(Conflict) as other_request:
            service.begin("u1", "k-1", "another-fingerprint")
        assert other_request.value.code == "idempotency_key_reused"
        assert service.begin("u1", "k-1", "fp") is None  # the retry takes over and runs
        with pytest.raises(Conflict):
            service.begin("u1", "k-1", "fp")  # and now holds a fresh claim
    finally:
        engine.dispose()
