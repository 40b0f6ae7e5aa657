"""Recommendation reads keep their answer and its rendering: the same inputs give the very
same answer object and body, and any input that changes (stock, feedback, the household's
allergies, the limit, the host the links point to) gives a new one at once."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.inventory.helpers import (  # noqa: F401  (fixtures)
    add,
    app_fixture,
    clock_fixture,
    line,
)
from zerowaste.application.recipes.suitability import Picked
from zerowaste.interface.http.recommendations import rendered
from zerowaste.interface.http.recommendations.rendered import Renderings

pytestmark = pytest.mark.api

PATH = "/api/recommendations/recipes?limit=5"


class Counted:
    """A stand-in schema that counts its dumps."""

    def __init__(self) -> None:
        self.dumps = 0

    def dump(self, obj: Picked[Any]) -> dict[str, Any]:
        self.dumps += 1
        return {"found": list(obj.found), "allergies": obj.allergies_whose}


def test_the_same_answer_object_is_rendered_once(app: Any) -> None:
    keep, schema = Renderings(size=2), Counted()
    answer: list[int] = [1, 2]
    with app.test_request_context("/", base_url="http://api.example"):
        first = keep.reply(schema, Picked(answer, []))  # type: ignore[arg-type]
        again = keep.reply(schema, Picked(answer, []))  # type: ignore[arg-type]
        equal_copy = keep.reply(schema, Picked([1, 2], []))  # type: ignore[arg-type]
        other_allergies = keep.reply(schema, Picked(answer, ["maní"]))  # type: ignore[arg-type]

    assert first.get_data() == again.get_data() == equal_copy.get_data()
    assert other_allergies.get_json() == {"found": [1, 2], "allergies": ["maní"]}
    # the copy is another object: rendered, never taken for the kept one by its value
    assert schema.dumps == 3
    assert len(keep) == 2  # bounded: the oldest went


def test_another_host_gets_its_own_rendering(app: Any) -> None:
    keep, schema = Renderings(), Counted()
    answer: list[int] = [1]
    for host in ("http://a.example", "http://b.example", "http://a.example"):
        with app.test_request_context("/", base_url=host):
            keep.reply(schema, Picked(answer, []))  # type: ignore[arg-type]
    assert schema.dumps == 2


def test_a_repeated_read_is_served_from_the_kept_rendering(client, auth_headers, monkeypatch):
    calls: list[int] = []
    real = rendered.render
    monkeypatch.setattr(rendered, "render", lambda *a, **k: calls.append(1) or real(*a, **k))

    first = client.get(PATH, headers=auth_headers)
    second = client.get(PATH, headers=auth_headers)

    assert first.status_code == second.status_code == 200
    assert first.get_data() == second.get_data()
    assert len(calls) == 1


def test_stock_and_feedback_change_the_next_answer_at_once(client, auth_headers):
    before = client.get(PATH, headers=auth_headers).json["recommendations"]

    add(client, auth_headers, line("Espinaca", 300, "g", expiration_time=1))
    stocked = client.get(PATH, headers=auth_headers).json["recommendations"]
    assert stocked != before
    assert stocked[0]["reason"] == "Usa tu espinaca que vence mañana"

    top = stocked[0]["recipe"]["uid"]
    disliked = client.post(
        "/api/recommendations/feedback",
        json={"recipe_uid": top, "kind": "dislike"},
        headers=auth_headers,
    )
    assert disliked.status_code == 201
    after = client.get(PATH, headers=auth_headers).json["recommendations"]
    assert top not in {r["recipe"]["uid"] for r in after}


def test_the_limit_is_part_of_the_answer(client, auth_headers):
    five = client.get(PATH, headers=auth_headers).json
    three = client.get("/api/recommendations/recipes?limit=3", headers=auth_headers).json
    assert (five["count"], three["count"]) == (5, 3)
    assert [r["recipe"]["uid"] for r in three["recommendations"]] == [
        r["recipe"]["uid"] for r in five["recommendations"][:3]
    ]
