"""API fixture chain: client -> signed-up user -> auth headers (kitchenowl style)."""

from __future__ import annotations

import uuid
from typing import Any

import pytest


def signup(
    client: Any, email: str | None = None, password: str = "correct-horse-9"
) -> dict[str, Any]:
    email = email or f"user-{uuid.uuid4().hex[:10]}@example.com"
    response = client.post(
        "/api/auth/signup", json={"email": email, "password": password, "name": "Ana"}
    )
    assert response.status_code == 201, response.json
    return {**response.json, "email": email, "password": password}


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def user(client: Any) -> dict[str, Any]:
    return signup(client)


@pytest.fixture
def auth_headers(user: dict[str, Any]) -> dict[str, str]:
    return bearer(user["access_token"])


@pytest.fixture
def other_headers(client: Any) -> dict[str, str]:
    return bearer(signup(client)["access_token"])
