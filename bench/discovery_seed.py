"""Seeding for the discovery scenarios of `make bench` (issue #12's scale): search, search by
ingredients, personal recommendations and similar recipes over 5,000 recipes and 1,000 users.

Done once per database (the four scenarios share it), after the bench users exist:
- `zerowaste data-import` (the data pack and the 501-recipe catalog) and `zerowaste
  search-index` (their vectors), as a deployment does;
- 4,499 copies of catalog recipes (title + " · variante N", new uid, the source's vector), so
  the catalog and the index hold 5,000 recipes; the catalog's checksum row moves on, as an
  import would, so every process reloads what it cached of the catalog;
- 980 more users (rows written directly: signing up 1,000 users through Argon2id would cost
  ~250 CPU seconds) beside the bench's own users, and ~20,000 interactions from the seeded
  generator of bench/eval_recs.py (documented tastes) stored as feedback and views; the bench
  users are the generator's first users, so their answers are personal;
- 12 stock items for each bench user, some expiring within 3 days (the "use it now" signal);
- `zerowaste recs-train`, the nightly training, once.
Then it writes the requests each scenario replays (bench/lua/replay.lua): the relevance set's
38 queries (es/en), four "what I have" lists, recommendations and similar-recipe reads, spread
over the bench users.
"""

from __future__ import annotations

import random
import subprocess
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from seed import SeedContext, post_json, uid_of, write_requests

ROOT = Path(__file__).resolve().parents[1]
RECIPES, USERS = 5000, 1000
FOODS = ["Espinaca", "Tomate", "Huevo", "Pollo", "Cebolla", "Arroz", "Leche", "Queso"]
FOODS += ["Zanahoria", "Papa", "Frijol", "Aguacate"]
HAVE = [
    ["espinaca", "arroz", "cebolla", "huevo"],
    ["tomate", "cebolla", "chile", "tortilla"],
    ["pollo", "papa", "zanahoria"],
    ["leche", "huevo", "harina", "azúcar"],
]
_prepared: dict[Path, dict[str, Path]] = {}


def synthesize(url: str, total: int) -> int:
    """Copy catalog recipes (and their vectors) until the catalog holds `total`; new rows."""
    from sqlalchemy import create_engine, insert, select, update

    from zerowaste.infrastructure.db.recipes import CATALOG_DATASET, RecipeRow
    from zerowaste.infrastructure.db.reference import RefDatasetVersionRow
    from zerowaste.infrastructure.db.search import RecipeEmbeddingRow

    engine = create_engine(url)
    with engine.begin() as conn:
        catalog = select(RecipeRow.__table__).where(RecipeRow.household_id.is_(None))
        recipes = [dict(r._mapping) for r in conn.execute(catalog)]
        vectors = {
            r.recipe_uid: dict(r._mapping)
            for r in conn.execute(select(RecipeEmbeddingRow.__table__))
        }
        copies, copied_vectors = [], []
        for n in range(total - len(recipes)):
            source = recipes[n % len(recipes)]
            uid = uuid.uuid4().hex
            copies.append({**source, "uid": uid, "title": f"{source['title']} · variante {n}"})
            if source["uid"] in vectors:
                copied_vectors.append({**vectors[source["uid"]], "recipe_uid": uid})
        for start in range(0, len(copies), 500):
            conn.execute(insert(RecipeRow.__table__), copies[start : start + 500])
        for start in range(0, len(copied_vectors), 500):
            conn.execute(insert(RecipeEmbeddingRow.__table__), copied_vectors[start : start + 500])
        conn.execute(
            update(RefDatasetVersionRow)
            .where(RefDatasetVersionRow.dataset == CATALOG_DATASET)
            .values(checksum=f"bench-{total}-{uuid.uuid4().hex[:8]}")
        )
    engine.dispose()
    return len(copies)


def _users_and_interactions(url: str, bench_uids: list[str]) -> int:
    import eval_recs
    from sqlalchemy import create_engine
    from sqlalchemy.orm import Session

    from zerowaste.infrastructure.db.accounts import UserRow
    from zerowaste.infrastructure.db.households import HouseholdRow

    now = datetime.now(UTC)
    uids = bench_uids + [f"bench-user-{n:04d}" for n in range(USERS - len(bench_uids))]
    engine = create_engine(url)
    with Session(engine) as session:
        for uid in uids[len(bench_uids) :]:
            session.add(HouseholdRow(id=f"h-{uid}", name="", data_version=0, created_at=now))
        session.flush()
        for uid in uids[len(bench_uids) :]:
            session.add(
                UserRow(
                    uid=uid,
                    household_id=f"h-{uid}",
                    email=f"{uid}@example.com",
                    name=uid,
                    auth_provider="local",
                    created_at=now,
                    updated_at=now,
                )
            )
        session.flush()
        signals = eval_recs.generate(eval_recs.catalog(), USERS, 12)
        store_interactions(session, signals, uids, now)
    engine.dispose()
    return len(signals)


def store_interactions(session: Any, signals: list[Any], uids: list[str], now: datetime) -> None:
    """The generator's signals of user "u-N" as uids[N]'s views and feedback (a favourite is
    a like; the last word on a recipe wins), committed."""
    from zerowaste.infrastructure.db.recommendations import FeedbackRow, ViewRow

    kept: dict[tuple[str, str], FeedbackRow] = {}
    for s in signals:
        user = uids[int(s.user_uid.split("-")[1])]
        if s.kind == "viewed":
            session.add(ViewRow(user_uid=user, recipe_uid=s.recipe_uid, viewed_at=now))
            continue
        kind = {"favorite": "like"}.get(s.kind, s.kind)
        kept[(user, s.recipe_uid)] = FeedbackRow(
            user_uid=user, recipe_uid=s.recipe_uid, kind=kind, reason="", created_at=now
        )
    session.add_all(kept.values())
    session.commit()


def _stock(context: SeedContext) -> None:
    rng = random.Random(7)
    for user in context.users:
        lines = [
            {
                "name": food,
                "quantity": 2,
                "type_unit": "unidades",
                "storage_type": "Refrigerado",
                "expiration_time": rng.randint(1, 20),
                "time_unit": "Días",
            }
            for food in FOODS
        ]
        url = f"{context.base_url}/api/inventory/ingredients"
        post_json(url, {"ingredients": lines}, user["access_token"])


def _zerowaste(command: str, env: dict[str, str]) -> None:
    binary = str(ROOT / ".venv" / "bin" / "zerowaste")
    subprocess.run([binary, command], env=env, check=True, capture_output=True)


def prepare(context: SeedContext) -> dict[str, Path]:
    if context.directory in _prepared:
        return _prepared[context.directory]
    from search_relevance import cases

    env, url = context.env, context.env["DATABASE_URL"]
    print("  discovery: data-import, search-index (501 vectors)", flush=True)
    _zerowaste("data-import", env)
    _zerowaste("search-index", env)
    copies = synthesize(url, RECIPES)
    tokens = [u["access_token"] for u in context.users]
    interactions = _users_and_interactions(url, [uid_of(t) for t in tokens])
    _stock(context)
    _zerowaste("recs-train", env)
    print(
        f"  discovery: {copies} recipe copies, {USERS} users, {interactions} interactions,"
        " model trained",
        flush=True,
    )
    from sqlalchemy import create_engine, select

    from zerowaste.infrastructure.db.recipes import RecipeRow

    engine = create_engine(url)
    with engine.connect() as conn:
        catalog = select(RecipeRow.uid).where(RecipeRow.household_id.is_(None)).limit(200)
        recipe_uids = list(conn.scalars(catalog))
    engine.dispose()
    queries = [{"query": c["query"], "per_page": 10} for c in cases()]
    have = [{"items": [{"name": n} for n in names], "per_page": 10} for names in HAVE]
    turn = range(len(tokens) * 8)
    where = context.directory
    files = {
        "search": write_requests(
            where / "search.tsv",
            [
                ("POST", "/api/search/semantic", tokens[i % len(tokens)], queries[i % len(queries)])
                for i in range(len(queries) * len(tokens))
            ],
        ),
        "search_ingredients": write_requests(
            where / "search_ingredients.tsv",
            [
                ("POST", "/api/search/by-ingredients", tokens[i % len(tokens)], have[i % len(have)])
                for i in turn
            ],
        ),
        "recommendations": write_requests(
            where / "recommendations.tsv",
            [("GET", "/api/recommendations/recipes", token, None) for token in tokens],
        ),
        "recs_ingredients": write_requests(
            where / "recs_ingredients.tsv",
            [("GET", "/api/recommendations/ingredients", token, None) for token in tokens],
        ),
        "similar": write_requests(
            where / "similar.tsv",
            [
                ("GET", f"/api/recommendations/recipe/{uid}", tokens[i % len(tokens)], None)
                for i, uid in enumerate(recipe_uids)
            ],
        ),
    }
    _prepared[context.directory] = files
    return files


def seeder(name: str) -> Any:
    """The seed hook of one discovery scenario: the shared seeding, then its requests file."""

    def seed(context: SeedContext) -> dict[str, str]:
        return {"requests": str(prepare(context)[name])}

    return seed
