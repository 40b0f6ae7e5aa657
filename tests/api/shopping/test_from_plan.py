"""A shopping list from the meal plan: needs summed per food across units (USDA portion
weights), minus the stock still good on the day each is needed, minus what the list holds."""

from __future__ import annotations

from datetime import timedelta
from decimal import ROUND_CEILING, Decimal

import pytest

from tests.api.inventory.helpers import (  # noqa: F401  (fixtures)
    add,
    any_db_settings_fixture,
    app_fixture,
    clock_fixture,
    ingredient,
    line,
)
from tests.api.meal_plans.helpers import plan
from zerowaste.config import DATA_DIR
from zerowaste.infrastructure.reference.portions import Sr28Measures

pytestmark = pytest.mark.api
URL = "/api/meal-plans/generate-shopping-list"


def recipe(title: str, category: str, *lines: tuple[str, float, str]) -> dict:
    return {
        "title": title,
        "category": category,
        "ingredients": [{"name": n, "quantity": q, "type_unit": u} for n, q, u in lines],
        "steps": [{"step_order": 1, "description": "Cocina."}],
    }


def onion_grams() -> Decimal:
    onion = Sr28Measures(DATA_DIR).measures("onion")
    assert onion is not None
    portion = onion.portion("unit")
    assert portion is not None
    return portion.grams


def week(client, headers, clock) -> tuple[str, str]:
    today = clock.today()
    day1, day4 = today + timedelta(days=1), today + timedelta(days=4)
    lunch = recipe("Arroz con cebolla", "almuerzo", ("Cebolla", 2, "unidades"),
                   ("Arroz", 300, "g"), ("Sal", 0, "al gusto"))  # fmt: skip
    dinner = recipe("Sopa de cebolla", "cena", ("Cebolla", 200, "g"), ("Arroz", 1, "taza"),
                    ("Queso", 100, "g"))  # fmt: skip
    assert plan(client, headers, day1.isoformat(), {"lunch": lunch}).status_code == 201
    assert plan(client, headers, day4.isoformat(), {"dinner": dinner}).status_code == 201
    return today.isoformat(), (today + timedelta(days=6)).isoformat()


def by_name(body: dict) -> dict:
    return {i["name"]: i for aisle in body["aisles"] for i in aisle["items"]}


def test_the_plan_needs_less_what_stock_covers_on_each_day(client, auth_headers, clock):
    add(
        client,
        auth_headers,
        line("Cebolla", 1, "unidades", expiration_time=2),  # good on day 1, gone by day 4
        line("Arroz", 1, "kg", expiration_time=365),
        line("Sal", 1, "kg", expiration_time=365),
    )
    start, end = week(client, auth_headers, clock)

    response = client.post(URL, json={"start_date": start, "end_date": end}, headers=auth_headers)

    assert response.status_code == 201, response.json
    found = by_name(response.json)
    # Onions in pieces (the first need's unit): 2 + 200 g / one onion's weight, less the one
    # in stock (good on day 1 only), rounded up to whole onions.
    expected = (2 + Decimal(200) / onion_grams() - 1).to_integral_value(ROUND_CEILING)
    assert (found["Cebolla"]["quantity"], found["Cebolla"]["unit"]) == (int(expected), "unit")
    assert found["Cebolla"]["needed_on"] == (clock.today() + timedelta(days=1)).isoformat()
    assert found["Cebolla"]["recipes"] == ["Arroz con cebolla", "Sopa de cebolla"]
    assert (found["Queso"]["quantity"], found["Queso"]["unit"]) == (100, "g")
    assert "Arroz" not in found and "Sal" not in found  # 1 kg covers 300 g + a cup; salt in stock
    assert found["Cebolla"]["source"] == "plan" and found["Cebolla"]["price_estimate_mxn"] > 0
    assert response.json["start_date"] == start


def test_a_second_run_into_the_same_list_adds_only_what_is_not_listed(client, auth_headers, clock):
    start, end = week(client, auth_headers, clock)
    first = client.post(URL, json={"start_date": start, "end_date": end}, headers=auth_headers)

    again = client.post(
        URL,
        json={"start_date": start, "end_date": end, "list_id": first.json["id"]},
        headers=auth_headers,
    )

    assert again.status_code == 201
    assert by_name(first.json)["Sal"]["quantity"] is None  # to taste, not in stock: listed
    assert again.json["totals"]["items"] == first.json["totals"]["items"]


@pytest.mark.parametrize(
    "body",
    [
        {"start_date": "2026-12-10", "end_date": "2026-12-01"},
        {"start_date": "2026-12-01", "end_date": "2027-02-01"},
        {"start_date": "2026-12-01"},
        {"start_date": "mañana", "end_date": "2026-12-01"},
    ],
)
def test_bad_windows_are_400_and_store_nothing(client, auth_headers, body):
    assert client.post(URL, json=body, headers=auth_headers).status_code == 400
    assert client.get("/api/shopping-lists", headers=auth_headers).json["lists"] == []


def test_another_households_plan_and_list_are_not_used(client, auth_headers, other_headers, clock):
    start, end = week(client, auth_headers, clock)
    mine = client.post(URL, json={"start_date": start, "end_date": end}, headers=auth_headers)

    theirs = client.post(URL, json={"start_date": start, "end_date": end}, headers=other_headers)
    into_mine = client.post(
        URL,
        json={"start_date": start, "end_date": end, "list_id": mine.json["id"]},
        headers=other_headers,
    )

    assert theirs.status_code == 201 and theirs.json["totals"]["items"] == 0
    assert into_mine.status_code == 404


def _statements(app, run) -> int:
    from sqlalchemy import event

    engine = app.extensions["zerowaste.engine"]
    seen: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:
        if not statement.lstrip().upper().startswith(("BEGIN", "ROLLBACK", "COMMIT")):
            seen.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        response = run()
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert response.status_code == 201, response.json
    return len(seen)


def test_a_list_from_a_bigger_plan_costs_the_same_statements(app, client, clock):
    """One planned meal or a week of 21 (ten foods to buy): the same statements (the items
    are written in one executemany)."""
    from tests.api.conftest import bearer, signup

    small, big = bearer(signup(client)["access_token"]), bearer(signup(client)["access_token"])
    today = clock.today()
    for headers in (small, big):
        add(client, headers, line("Arroz", 100, "g", expiration_time=30))
    plan(client, small, today.isoformat(), {"lunch": recipe("Uno", "almuerzo", ("Pera", 1, "kg"))})
    foods = ["Manzana", "Pera", "Uva", "Kiwi", "Mango", "Piña", "Papaya", "Melón", "Fresa"]
    for n in range(7):
        day = (today + timedelta(days=n)).isoformat()
        meals = {
            meal: recipe(
                f"Plato {n}-{meal}", category, (foods[(n + k) % 9], 1, "kg"), ("Arroz", 200, "g")
            )
            for k, (meal, category) in enumerate(
                (("breakfast", "desayuno"), ("lunch", "almuerzo"), ("dinner", "cena"))
            )
        }
        assert plan(client, big, day, meals).status_code == 201
    window = {"start_date": today.isoformat(), "end_date": (today + timedelta(days=6)).isoformat()}

    one = _statements(app, lambda: client.post(URL, json=window, headers=small))
    many = _statements(app, lambda: client.post(URL, json=window, headers=big))

    assert one == many, (one, many)
