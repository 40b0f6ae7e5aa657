"""GET /api/culinary/techniques: FoodKeeper's methods and the project's techniques (es/en)."""

from __future__ import annotations

import json

import pytest

from tests.conftest import data_pack_dir

pytestmark = pytest.mark.api


def techniques(client, headers, query=""):
    return client.get(f"/api/culinary/techniques{query}", headers=headers)


def test_an_ingredient_gets_the_projects_techniques_then_foodkeepers(client, auth_headers):
    response = techniques(client, auth_headers, "?ingredient=muslo%20de%20pollo")

    assert response.status_code == 200, response.json
    found = response.json["techniques"]
    assert response.json["ingredient"]["ingredient_id"] == "chicken_thigh"
    assert [t["source"] for t in found] == sorted(
        (t["source"] for t in found), key=lambda s: s != "zerowaste"
    )
    assert all("chicken_thigh" in t["ingredient_ids"] for t in found)
    assert "braise-tough-cuts" in {t["id"] for t in found}
    oven = next(t for t in found if t["source"] == "foodkeeper" and t["cooking_method"] == "oven")
    assert oven["temperature_c"] == 177  # FoodKeeper's 350 °F
    assert oven["safe_min_temperature_c"] == 74  # 165 °F
    assert oven["difficulty_level"] is None and oven["tips_es"] is None


def test_method_and_level_filters(client, auth_headers):
    body = techniques(client, auth_headers, "?cooking_method=freeze&difficulty_level=easy").json

    path = data_pack_dir() / "techniques" / "techniques.json"
    own = json.loads(path.read_text(encoding="utf-8"))["techniques"]
    expected = {t["id"] for t in own if t["method"] == "freeze" and t["difficulty"] == "Fácil"}
    assert {t["id"] for t in body["techniques"]} == expected and expected
    assert all(t["steps_es"] and t["steps_en"] for t in body["techniques"])


def test_a_level_leaves_foodkeeper_entries_out(client, auth_headers):
    body = techniques(client, auth_headers, "?difficulty_level=Difícil&per_page=50").json

    assert body["techniques"] and {t["source"] for t in body["techniques"]} == {"zerowaste"}


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("?cooking_method=microwave", "validation_error"),
        ("?difficulty_level=expert", "invalid_difficulty"),
        ("?ingredient=xqxqxqzz", "unknown_ingredient"),
        ("?ingredient=" + "b" * 81, "validation_error"),
    ],
)
def test_bad_queries_are_400(client, auth_headers, query, code):
    response = techniques(client, auth_headers, query)

    assert response.status_code == 400, response.json
    assert response.json["code"] == code
