"""Helpers of the households API tests: members signed up over HTTP, a family made by
invitation codes, and reads of what a member sees."""

from __future__ import annotations

from typing import Any

from tests.api.conftest import bearer, signup

Json = dict[str, Any]
BASE = "/api/households"


def member(client: Any, name: str) -> Json:
    """A new account: its uid and auth headers."""
    body = signup(client, f"{name}-{id(client)}-{abs(hash(name)) % 10**6}@example.com")
    return {"uid": body["user"]["uid"], "headers": bearer(body["access_token"]), "name": name}


def current(client: Any, who: Json) -> Json:
    response = client.get(f"{BASE}/current", headers=who["headers"])
    assert response.status_code == 200, response.json
    return dict(response.json)


def create(client: Any, owner: Json, name: str = "Casa") -> Json:
    response = client.post(BASE, json={"name": name}, headers=owner["headers"])
    assert response.status_code == 201, response.json
    return dict(response.json)


def invite(client: Any, owner: Json, role: str = "adult") -> Json:
    household = current(client, owner)["id"]
    response = client.post(
        f"{BASE}/{household}/invitations", json={"role": role}, headers=owner["headers"]
    )
    assert response.status_code == 201, response.json
    return dict(response.json)


def join(client: Any, who: Json, code: str, **options: Any) -> Any:
    return client.post(f"{BASE}/join", json={"code": code, **options}, headers=who["headers"])


def family(client: Any, *roles: str) -> list[Json]:
    """An owner and one member per role, each joined by an invitation code."""
    owner = member(client, "owner")
    create(client, owner)
    members = [owner]
    for n, role in enumerate(roles):
        joiner = member(client, f"{role}{n}")
        response = join(client, joiner, invite(client, owner, role)["code"])
        assert response.status_code == 200, response.json
        members.append(joiner)
    return members


def stock(client: Any, who: Json) -> dict[str, float]:
    """What the member's inventory holds: ingredient name -> total quantity."""
    response = client.get("/api/inventory", headers=who["headers"])
    assert response.status_code == 200, response.json
    return {i["name"]: i["total_quantity"] for i in response.json["ingredients"]}
