"""Analytics filtered by person (issue #14 §5): `member=<uid>` restricts the household's journal
and cooks to what that member did; another household's uid (or an unknown one) is a 404."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.analytics.seed import Owner

pytestmark = pytest.mark.api


def _join(client: Any, owner: Owner, joiner: Owner) -> None:
    """`joiner` joins `owner`'s household (named first) as an adult."""
    assert (
        client.post("/api/households", json={"name": "Casa"}, headers=owner.headers).status_code
        == 201
    )
    code = client.post(
        f"/api/households/{owner.household}/invitations", json={}, headers=owner.headers
    ).json["code"]
    joined = client.post("/api/households/join", json={"code": code}, headers=joiner.headers)
    assert joined.status_code == 200, joined.json
    joiner.household = owner.household


@pytest.fixture
def family(client: Any, app: Any) -> tuple[Owner, Owner]:
    """An owner and an adult who each consumed, wasted and cooked in the one household."""
    owner, adult = Owner(app), Owner(app)
    _join(client, owner, adult)
    owner.journal((2, "consumed", "arroz", "1", "kg", None), (2, "wasted", "leche", "1", "l", None))
    adult.journal((1, "wasted", "arroz", "500", "g", None), (1, "wasted", "pan", "2", "unit", None))
    owner.cooks((2, "r1", "Arroz rojo"))
    adult.cooks((1, "r2", "Tortilla"), (1, "r2", "Tortilla"))
    return owner, adult


def _get(client: Any, who: Owner, report: str, **query: str) -> Any:
    return client.get(f"/api/analytics/{report}", query_string=query, headers=who.headers)


def _usage(body: dict[str, Any]) -> dict[str, tuple[float, float]]:
    return {i["name"]: (i["consumed"], i["wasted"]) for i in body["items"]}


def test_a_member_s_share_of_the_journal_and_the_cooks(
    client: Any, family: tuple[Owner, Owner]
) -> None:
    owner, adult = family
    everyone = _get(client, owner, "cooking-patterns", period="7d").json
    theirs = _get(client, owner, "cooking-patterns", period="7d", member=adult.uid).json
    mine = _get(client, adult, "cooking-patterns", period="7d", member=owner.uid).json
    assert (everyone["total_cooks"], theirs["total_cooks"], mine["total_cooks"]) == (3, 2, 1)
    assert [r["recipe_uid"] for r in theirs["top_recipes"]] == ["r2"]

    usage = _get(client, owner, "ingredient-usage", period="7d", member=adult.uid)
    assert usage.status_code == 200, usage.json
    assert set(_usage(usage.json)) == {"arroz", "pan"}
    assert set(_usage(_get(client, owner, "ingredient-usage", period="7d").json)) == {
        "arroz",
        "leche",
        "pan",
    }
    waste = _get(client, adult, "waste-reduction", period="7d", member=adult.uid).json
    household = _get(client, adult, "waste-reduction", period="7d").json
    assert waste["total"] != household["total"]


def test_a_table_export_follows_the_member_filter(client: Any, family: tuple[Owner, Owner]) -> None:
    owner, adult = family
    reply = _get(client, owner, "ingredient-usage", period="7d", member=owner.uid, format="csv")
    assert reply.status_code == 200
    text = reply.data.decode("utf-8-sig")
    assert "leche" in text and "pan" not in text


def test_a_uid_outside_the_household_is_404(
    client: Any, app: Any, family: tuple[Owner, Owner]
) -> None:
    owner, _ = family
    stranger = Owner(app)
    stranger.cooks((1, "r9", "Sopa"))
    for uid in (stranger.uid, "nobody"):
        reply = _get(client, owner, "cooking-patterns", period="7d", member=uid)
        assert reply.status_code == 404 and reply.json["code"] == "member_not_found"
    assert _get(client, stranger, "cooking-patterns", member=owner.uid).status_code == 404


def test_an_empty_member_is_400(client: Any, family: tuple[Owner, Owner]) -> None:
    reply = _get(client, family[0], "cooking-patterns", member="")
    assert reply.status_code == 400 and reply.json["code"] == "validation_error"
