"""50 simultaneous consumes of one unit from a 30-unit stack: exactly 30 succeed, 20 fail,
nothing goes below zero, no update is lost, and the journal holds exactly 30 consumptions.

Two shapes of the race, because the losers fail differently:
- `kept`: the item also holds a stack set to 0 (kept, contract row 30), so it outlives the
  30-unit stack and every loser meets the quantity check: 422 insufficient_quantity.
- `vanishes`: the 30-unit stack is the only one; consuming it deletes the item, so every
  loser finds nothing: 404 item_not_found.

(a) threads calling the service directly on one engine pool (SQLite and MariaDB);
(b) HTTP against Gunicorn (2 worker processes × 8 threads): embedded defaults (SQLite, file
    cache) and as deployed (MariaDB + Redis), then sequential read-after-write rounds.
Also: first adds of one new name at once, and adds racing consumes, all succeed (MariaDB used
to deadlock on gap locks: see SqlAlchemyInventoryRepository.lock_owner).
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, select

from tests.conftest import make_settings
from tests.factories import add_user
from tests.served import call, gunicorn
from zerowaste.application.inventory.model import ItemRef, NewStock, Usage
from zerowaste.application.services import Services
from zerowaste.bootstrap import build_services
from zerowaste.domain.accounts.users import User
from zerowaste.domain.shared.errors import DomainError
from zerowaste.infrastructure.db.accounts import UserRow
from zerowaste.infrastructure.db.inventory.repository import JournalRow, StackRow
from zerowaste.infrastructure.db.session import make_engine

pytestmark = pytest.mark.integration

CALLS, UNITS = 50, 30
SHAPES = {"kept": "insufficient_quantity", "vanishes": "item_not_found"}
STATUS = {"insufficient_quantity": 422, "item_not_found": 404}


def all_at_once(call: Callable[[], Any], times: int = CALLS) -> list[Any]:
    """Run `call` in `times` threads released together by a barrier."""
    barrier = threading.Barrier(times)

    def run() -> Any:
        barrier.wait()
        return call()

    with ThreadPoolExecutor(max_workers=times) as pool:
        return list(pool.map(lambda _: run(), range(times)))


def stored_state(
    database_url: str, owner: str, item_id: int
) -> tuple[list[Decimal], list[Decimal]]:
    """(quantities of the item's stacks, quantities of the owner's `consumed` journal rows)."""
    engine = create_engine(database_url)
    try:
        with engine.connect() as conn:
            stacks = conn.scalars(
                select(StackRow.quantity).where(StackRow.item_id == item_id)
            ).all()
            consumed = conn.scalars(
                select(JournalRow.quantity).where(
                    JournalRow.reason == "consumed",
                    JournalRow.household_id
                    == select(UserRow.household_id).where(UserRow.uid == owner).scalar_subquery(),
                )
            ).all()
    finally:
        engine.dispose()
    return list(stacks), list(consumed)


# --- (a) the service on one engine pool ------------------------------------------------------


@pytest.fixture
def services(tmp_path: Path, db_url: str) -> Iterator[Services]:
    settings = make_settings(tmp_path, database_url=db_url)
    engine = make_engine(settings)
    built = build_services(settings, engine)
    now = datetime.now(UTC)
    with built.inventory._uow_factory() as uow:
        add_user(uow, User("cook", "cook@example.com", "Ana", "password", now, now))
        uow.commit()
    yield built
    engine.dispose()


def seed_service(services: Services, shape: str) -> int:
    inventory = services.inventory
    [view] = inventory.add("cook", [NewStock(name="Huevos", quantity=UNITS, unit="unidades")])
    item = view.item
    if shape == "kept":
        [view] = inventory.add("cook", [NewStock(name="Huevos", quantity=1, unit="unidades")])
        item = view.item
        extra = max(item.stacks, key=lambda s: s.added_at)
        inventory.set_quantity("cook", ItemRef(stack_id=extra.id), Decimal(0), None)
    assert item.id is not None
    return item.id


@pytest.mark.parametrize("shape", SHAPES)
def test_parallel_consumes_through_the_service_never_oversell(
    services: Services, db_url: str, shape: str
) -> None:
    item_id = seed_service(services, shape)

    def consume() -> str:
        try:
            services.inventory.consume("cook", ItemRef(item_id=item_id), Usage(quantity=1))
        except DomainError as error:
            return error.code
        return "ok"

    outcomes = Counter(all_at_once(consume))

    assert outcomes == {"ok": UNITS, SHAPES[shape]: CALLS - UNITS}
    stacks, consumed = stored_state(db_url, "cook", item_id)
    assert stacks == ([Decimal("0.000")] if shape == "kept" else [])
    assert consumed == [Decimal("1.000")] * UNITS


# --- (b) HTTP against Gunicorn ---------------------------------------------------------------


def sign_up(base: str, email: str) -> tuple[str, str]:
    """A new account over HTTP: (access token, uid)."""
    status, body = call(
        base,
        "POST",
        "/api/auth/signup",
        {"email": email, "password": "correct-horse-9", "name": "Ana"},
    )
    assert status == 201, body
    return str(body["access_token"]), str(body["user"]["uid"])


def seed_http(base: str, token: str, shape: str) -> int:
    line = {"name": "Huevos", "quantity": UNITS, "type_unit": "unidades", "tips": ""}
    status, body = call(base, "POST", "/api/inventory/ingredients", {"ingredients": [line]}, token)
    assert status == 201, body
    item_id = int(body["ingredients"][0]["id"])
    if shape == "kept":
        extra = {"ingredients": [line | {"quantity": 1}]}
        status, body = call(base, "POST", "/api/inventory/ingredients", extra, token)
        assert status == 201, body
        newest = max(body["ingredients"][0]["stacks"], key=lambda s: s["added_at"])
        patch = {"stack_id": newest["id"], "quantity": 0}
        status, body = call(base, "PATCH", f"/api/inventory/items/{item_id}", patch, token)
        assert status == 200, body
    return item_id


def race_over_http(base: str, database_url: str, shape: str) -> None:
    token, owner = sign_up(base, f"racer-{shape}@example.com")
    item_id = seed_http(base, token, shape)
    path = f"/api/inventory/items/{item_id}/consume"

    replies = all_at_once(lambda: call(base, "POST", path, {"quantity": 1}, token))

    code = SHAPES[shape]
    outcomes = Counter(
        (status, body.get("code") if status != 200 else "ok") for status, body in replies
    )
    assert outcomes == {(200, "ok"): UNITS, (STATUS[code], code): CALLS - UNITS}
    remaining = sorted(body["remaining_quantity"] for status, body in replies if status == 200)
    assert remaining == [float(n) for n in range(UNITS)]  # each success saw a distinct state
    status, body = call(
        base, "GET", "/api/inventory/journal?reason=consumed&limit=200", None, token
    )
    assert status == 200 and body["count"] == UNITS
    stacks, consumed = stored_state(database_url, owner, item_id)
    assert stacks == ([Decimal("0.000")] if shape == "kept" else [])
    assert consumed == [Decimal("1.000")] * UNITS


def reads_after_writes(base: str) -> None:
    """Sequential consume-then-list rounds land on either worker: every list is fresh."""
    token, _ = sign_up(base, "reader@example.com")
    line = {"name": "Arroz", "quantity": 10, "type_unit": "kg"}
    status, body = call(base, "POST", "/api/inventory/ingredients", {"ingredients": [line]}, token)
    assert status == 201, body
    consume = f"/api/inventory/items/{body['ingredients'][0]['id']}/consume"
    for left in range(9, 0, -1):
        call(base, "GET", "/api/inventory", None, token)  # warm this worker's view
        status, _ = call(base, "POST", consume, {"quantity": 1}, token)
        assert status == 200
        for _ in range(2):
            status, body = call(base, "GET", "/api/inventory", None, token)
            assert status == 200 and body["ingredients"][0]["total_quantity"] == left


@pytest.mark.slow
def test_parallel_consumes_over_http_on_gunicorn_never_oversell(
    tmp_path: Path, db_url: str, request: pytest.FixtureRequest
) -> None:
    """Embedded defaults (SQLite, file cache) or as deployed (MariaDB + Redis cache)."""
    env = {} if db_url.startswith("sqlite") else {"REDIS_URL": request.getfixturevalue("redis_url")}
    with gunicorn(tmp_path, db_url, **env) as base:
        for shape in SHAPES:
            race_over_http(base, db_url, shape)
        reads_after_writes(base)


def test_parallel_adds_of_a_new_name_make_one_item(services: Services, db_url: str) -> None:
    """Ten first adds of the same new ingredient at once: one item, ten stacks, no error."""

    def add() -> str:
        line = NewStock(name="Tomate", quantity=1, unit="unidades")
        try:
            services.inventory.add("cook", [line])
        except DomainError as error:
            return error.code
        return "ok"

    outcomes = Counter(all_at_once(add, 10))

    assert outcomes == {"ok": 10}
    [item] = services.inventory_queries.snapshot("cook").items
    assert len(item.stacks) == 10 and len({s.added_at for s in item.stacks}) == 10


def test_parallel_adds_and_consumes_of_one_item_all_succeed(
    services: Services, db_url: str
) -> None:
    """Adds (locking the item by name) racing consumes (whose journal rows check the user row):
    no deadlock, no lost unit: 30 + 20 added - 20 consumed = 30."""
    item_id = seed_service(services, "vanishes")

    def work(n: int) -> str:
        try:
            if n % 2:
                line = NewStock(name="huevos", quantity=1, unit="unidades")
                services.inventory.add("cook", [line])
            else:
                services.inventory.consume("cook", ItemRef(item_id=item_id), Usage(quantity=1))
        except DomainError as error:
            return error.code
        return "ok"

    counter = iter(range(40))
    lock = threading.Lock()

    def next_job() -> str:
        with lock:
            n = next(counter)
        return work(n)

    assert Counter(all_at_once(next_job, 40)) == {"ok": 40}
    [item] = services.inventory_queries.snapshot("cook").items
    assert item.total_quantity() == Decimal(UNITS)
    stacks, consumed = stored_state(db_url, "cook", item_id)
    assert sum(stacks) == Decimal(UNITS) and len(consumed) == 20


def test_first_adds_by_twenty_households_at_once_never_fail(services: Services) -> None:
    """The audit's deadlock: different users' first adds took gap locks on the identity key
    (FOR UPDATE on a missing row) and InnoDB killed one as a deadlock (answered 503). Writers
    now lock only their own household's row; three rounds of 20 at once must all succeed."""
    now = datetime.now(UTC)
    cooks = [f"cook-{n:02d}" for n in range(20)]
    with services.inventory._uow_factory() as uow:
        for uid in cooks:
            add_user(uow, User(uid, f"{uid}@example.com", "Ana", "password", now, now))
        uow.commit()
    outcomes: Counter[str] = Counter()
    for name in ("Tomate", "Cebolla", "Ajo"):  # each round: 20 first adds of a new name
        queue = iter(cooks)
        lock = threading.Lock()

        def first_add(name: str = name, queue: Any = queue, lock: Any = lock) -> str:
            with lock:
                uid = next(queue)
            try:
                services.inventory.add(uid, [NewStock(name=name, quantity=1, unit="unidades")])
            except DomainError as error:
                return error.code
            return "ok"

        outcomes.update(all_at_once(first_add, 20))

    assert outcomes == {"ok": 60}
