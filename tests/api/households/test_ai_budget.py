"""A household's AI cap (issue #14 §5): `GET /api/ai/usage` shows the cap (by default three
personal budgets) and what is left of it: the spend this month of every current member, not
of other households, not of last month."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import insert

from tests.api.households.helpers import Json, family, member
from zerowaste.infrastructure.db.ai_usage import AiUsageRow

pytestmark = pytest.mark.api


def _spend(app: Any, who: Json, usd: str, *, at: datetime | None = None) -> None:
    row = {
        "user_uid": who["uid"],
        "provider": "gemini",
        "model": "gemini-2.5-flash",
        "operation": "recognize",
        "tokens_in": 10,
        "tokens_out": 10,
        "images": 0,
        "cost_usd": Decimal(usd),
        "degraded": False,
        "created_at": at or datetime.now(UTC),
    }
    with app.extensions["zerowaste.engine"].begin() as conn:
        conn.execute(insert(AiUsageRow.__table__), [row])


def _usage(client: Any, who: Json) -> Json:
    reply = client.get("/api/ai/usage", headers=who["headers"])
    assert reply.status_code == 200, reply.json
    return dict(reply.json)


def test_the_household_cap_sums_its_members_spend_this_month(client: Any, app: Any) -> None:
    owner, adult, viewer = family(client, "adult", "viewer")
    stranger = member(client, "stranger")
    _spend(app, owner, "0.75")
    _spend(app, adult, "0.5")
    _spend(app, viewer, "0.25")
    _spend(app, stranger, "0.9")
    _spend(app, adult, "2", at=datetime.now(UTC).replace(day=1) - timedelta(days=1))

    mine = _usage(client, adult)
    assert mine["household_budget_usd"] == 3.0  # AI_BUDGET_HOUSEHOLD_USD: 3 x AI_BUDGET_USER_USD
    assert mine["household_remaining_usd"] == pytest.approx(1.5)
    assert mine["remaining_usd"] == pytest.approx(0.5)
    assert _usage(client, owner)["household_remaining_usd"] == pytest.approx(1.5)
    assert _usage(client, stranger)["household_remaining_usd"] == pytest.approx(2.1)
