"""GET /api/ingredients/substitutes: ratio, diets, allergens; what the caller has first."""

from __future__ import annotations

import pytest

from tests.api.inventory.helpers import add, app_fixture, clock_fixture, line  # noqa: F401

pytestmark = pytest.mark.api

OIL, MARGARINE, APPLESAUCE = 30, 31, 32  # the data's rules for butter


def substitutes(client, headers, query):
    return client.get(f"/api/ingredients/substitutes{query}", headers=headers)


def ids(body):
    return [s["id"] for s in body["substitutes"]]


def test_every_rule_for_the_ingredient_with_ratio_diets_and_allergens(client, auth_headers):
    response = substitutes(client, auth_headers, "?original_ingredient=mantequilla")

    assert response.status_code == 200, response.json
    body = response.json
    assert sorted(ids(body)) == [OIL, MARGARINE, APPLESAUCE]
    assert body["ingredient_id"] == "butter" and body["total"] == 3
    oil = next(s for s in body["substitutes"] if s["id"] == OIL)
    assert oil["ratio"] and set(oil["diets"]) == {"vegan", "dairy_free"}
    assert oil["removes_allergens"] == ["milk"] and oil["adds_allergens"] == []
    assert not any(s["in_stock"] for s in body["substitutes"])


def test_restrictions_keep_the_rules_that_fit_and_added_allergens_show(client, auth_headers):
    body = substitutes(
        client, auth_headers, "?original_ingredient=crema%20ácida&dietary_restrictions=vegan"
    ).json

    assert ids(body) == [28]  # cashew cream
    assert body["substitutes"][0]["adds_allergens"] == ["nuts"]
    assert body["substitutes"][0]["removes_allergens"] == ["milk"]
    assert body["dietary_restrictions"] == ["vegan"]


def test_what_the_caller_has_in_stock_comes_first(client, auth_headers):
    add(client, auth_headers, line("Margarina", 1, "unidades"))

    body = substitutes(client, auth_headers, "?original_ingredient=mantequilla").json

    assert ids(body)[0] == MARGARINE
    first = body["substitutes"][0]
    assert first["in_stock"] is True and first["at_hand"] == ["margarine"]


def test_having_the_original_never_makes_a_look_alike_substitute_at_hand(client, auth_headers):
    add(client, auth_headers, line("Huevo", 12, "unidades"), line("Mantequilla", 1, "unidades"))

    eggs = substitutes(client, auth_headers, "?original_ingredient=huevo").json
    butter = substitutes(client, auth_headers, "?original_ingredient=mantequilla").json

    assert "flax egg" in {s["substitute_en"] for s in eggs["substitutes"]}
    assert not any(s["at_hand"] for s in eggs["substitutes"] + butter["substitutes"])


def test_listed_available_ingredients_count_as_at_hand(client, auth_headers):
    body = substitutes(
        client,
        auth_headers,
        "?original_ingredient=mantequilla&available_ingredients=aceite%20vegetal,arroz",
    ).json

    assert ids(body)[0] == OIL and body["substitutes"][0]["in_stock"] is True


def test_another_users_stock_never_moves_my_order(client, auth_headers, other_headers):
    add(client, other_headers, line("Margarina", 1, "unidades"))
    mine_before = substitutes(client, auth_headers, "?original_ingredient=mantequilla").json

    theirs = substitutes(client, other_headers, "?original_ingredient=mantequilla").json

    assert ids(theirs)[0] == MARGARINE and theirs["substitutes"][0]["in_stock"] is True
    assert not any(s["in_stock"] for s in mine_before["substitutes"])
    assert ids(mine_before)[0] != MARGARINE


def test_an_ingredient_without_rules_answers_none(client, auth_headers):
    body = substitutes(client, auth_headers, "?original_ingredient=pepino").json

    assert body["substitutes"] == [] and body["total"] == 0


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("", "validation_error"),
        ("?original_ingredient=", "validation_error"),
        ("?original_ingredient=" + "c" * 81, "validation_error"),
        ("?original_ingredient=leche&dietary_restrictions=keto", "unknown_dietary_restriction"),
        (
            "?original_ingredient=leche&available_ingredients=" + ",".join(["x"] * 31),
            "validation_error",
        ),
        ("?original_ingredient=leche&per_page=0", "validation_error"),
    ],
)
def test_bad_queries_are_400(client, auth_headers, query, code):
    response = substitutes(client, auth_headers, query)

    assert response.status_code == 400, response.json
    assert response.json["code"] == code


def test_substitutes_need_a_token(client):
    assert substitutes(client, {}, "?original_ingredient=leche").status_code == 401
