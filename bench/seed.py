"""Seed users for `make bench` through the public API (signup), as a client would.

Writes <dir>/tokens.txt (one access token per line) and <dir>/credentials.txt ("email password"),
the files the Lua scripts read. Signup hashes with Argon2id, so seeding costs about a quarter of
a CPU second per user; BENCH_USERS (default 20) keeps it short.
"""

from __future__ import annotations

import base64
import json
import secrets
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class SeedContext:
    """Handed to scenario seed hooks: where the app is, who the users are, where to write."""

    base_url: str
    directory: Path
    users: list[dict[str, str]] = field(default_factory=list)
    env: dict[str, str] = field(default_factory=dict)  # the app's settings (DATABASE_URL, ...)

    @property
    def tokens_file(self) -> Path:
        return self.directory / "tokens.txt"

    @property
    def credentials_file(self) -> Path:
        return self.directory / "credentials.txt"


def post_json(url: str, body: dict[str, object], token: str | None = None) -> dict[str, object]:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, headers=headers, method="POST")
    with urllib.request.urlopen(request, timeout=60) as response:
        result: dict[str, object] = json.loads(response.read())
        return result


def _signup(base_url: str, index: int, tag: str) -> dict[str, str]:
    email = f"bench-{tag}-{index:04d}@example.com"
    password = f"bench-{tag}-pw-{index}"
    reply = post_json(
        f"{base_url}/api/auth/signup",
        {"email": email, "password": password, "name": f"Bench {index}"},
    )
    return {"email": email, "password": password, "access_token": str(reply["access_token"])}


def seed_users(
    base_url: str, directory: Path, count: int, env: dict[str, str] | None = None
) -> SeedContext:
    directory.mkdir(parents=True, exist_ok=True)
    tag = secrets.token_hex(3)
    with ThreadPoolExecutor(max_workers=4) as pool:
        users = list(pool.map(lambda i: _signup(base_url, i, tag), range(count)))
    context = SeedContext(base_url, directory, users, dict(env or {}))
    context.tokens_file.write_text("".join(u["access_token"] + "\n" for u in users))
    context.credentials_file.write_text("".join(f"{u['email']} {u['password']}\n" for u in users))
    return context


def write_requests(path: Path, lines: list[tuple[str, str, str, Any]]) -> Path:
    """bench/lua/replay.lua's file: METHOD, path, token and an optional JSON body per line."""
    rows = [
        "\t".join([method, target, token] + ([json.dumps(body)] if body is not None else []))
        for method, target, token, body in lines
    ]
    path.write_text("".join(row + "\n" for row in rows))
    return path


def uid_of(token: str) -> str:
    """The user a bench token was minted for (its `sub`), read without verifying it."""
    payload = token.split(".")[1]
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    return str(claims["sub"])
