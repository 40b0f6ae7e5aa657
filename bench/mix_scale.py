"""The mobile mix at 10x its base data (issue #15: 1,000 users, 50,000 stacks, 5,000 recipes
must cost < 2x the p95 of 100 users, 5,000 stacks, 500 recipes), under the same load.

`grow(url, factor)` runs after bench/mix_seed.py has seeded the 100 active users: the catalog
grows to 500 x factor recipes (bench/discovery_seed.py's copies, each with its source's vector),
and (factor - 1) x 100 passive users are written directly as rows (signing them up would cost a
quarter of a CPU second each in Argon2id), each with a household holding a copy of an active
user's 50 stacks. The load stays the 100 active users: what grows is what every query, index
and cache has to look through."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from discovery_seed import synthesize

BASE_USERS, BASE_RECIPES = 100, 500


def grow(url: str, factor: int, active_uids: list[str]) -> dict[str, int]:
    from sqlalchemy import create_engine, insert, select

    from zerowaste.infrastructure.db.accounts import UserRow
    from zerowaste.infrastructure.db.households import HouseholdRow
    from zerowaste.infrastructure.db.inventory.tables import ItemRow, StackRow

    if factor <= 1:
        return {"recipes": 0, "users": 0, "stacks": 0}
    copies = synthesize(url, BASE_RECIPES * factor)
    engine = create_engine(url)
    now = datetime.now(UTC)
    users = [f"mix-passive-{n:05d}" for n in range(BASE_USERS * (factor - 1))]
    stacks = 0
    with engine.begin() as conn:
        conn.execute(
            insert(HouseholdRow),
            [{"id": f"h-{u}", "name": "", "data_version": 0, "created_at": now} for u in users],
        )
        conn.execute(
            insert(UserRow),
            [
                {
                    "uid": u,
                    "household_id": f"h-{u}",
                    "email": f"{u}@example.com",
                    "name": u,
                    "auth_provider": "local",
                    "created_at": now,
                    "updated_at": now,
                }
                for u in users
            ],
        )
        of_active = select(UserRow.household_id).where(UserRow.uid.in_(active_uids))
        active_households = sorted(set(conn.scalars(of_active)))
        source: dict[str, tuple[list[dict[str, Any]], list[dict[str, Any]]]] = {}
        for household in active_households:
            items = [
                dict(r._mapping)
                for r in conn.execute(
                    select(ItemRow.__table__).where(ItemRow.household_id == household)
                )
            ]
            ids = [i["id"] for i in items]
            rows = conn.execute(select(StackRow.__table__).where(StackRow.item_id.in_(ids)))
            source[household] = (items, [dict(r._mapping) for r in rows])
        for n, user in enumerate(users):
            stacks += _copy(conn, source[active_households[n % len(active_households)]], user)
    engine.dispose()
    return {"recipes": copies, "users": len(users), "stacks": stacks}


def _copy(conn: Any, source: tuple[list[dict[str, Any]], list[dict[str, Any]]], uid: str) -> int:
    """One household's items and stacks, re-owned by `uid`'s household; returns stacks made."""
    from sqlalchemy import insert, select

    from zerowaste.infrastructure.db.inventory.tables import ItemRow, StackRow

    items, stacks = source
    household = f"h-{uid}"
    made = [
        {**{k: v for k, v in item.items() if k != "id"}, "household_id": household, "added_by": uid}
        for item in items
    ]
    conn.execute(insert(ItemRow), made)
    identity = (ItemRow.kind, ItemRow.name_key, ItemRow.slot)
    found = conn.execute(select(*identity, ItemRow.id).where(ItemRow.household_id == household))
    new_ids = {(kind, key, slot): id_ for kind, key, slot, id_ in found}
    by_old = {i["id"]: new_ids[(i["kind"], i["name_key"], i["slot"])] for i in items}
    rows = [
        {
            **{k: v for k, v in stack.items() if k != "id"},
            "item_id": by_old[stack["item_id"]],
            "household_id": household,
        }
        for stack in stacks
    ]
    conn.execute(insert(StackRow), rows)
    return len(rows)
