"""`make eval-recs`: offline evaluation of the recommender (issue #12 §3's quality bar).

Interactions come from a seeded generator with documented tastes over the 501 catalog recipes
(data/recipes/recipes.json), so the figures are reproducible on any machine:

- every user has two favourite tags (cuisines and main foods such as "mexican", "chicken",
  "pasta", "vegetarian": the catalog tags used by at least `MIN_TAG` recipes), drawn with a
  Zipf-like preference for the common ones, plus a taste for popular recipes: recipes have a
  fixed popularity prior (Zipf, exponent 0.7, over a seeded shuffle);
- each user does 10 to 40 things; each picks, with probability `IN_TASTE` (0.75), a recipe
  carrying one of the user's tags (weighted by the prior), else any recipe by the prior; the kind
  is viewed (50 %), cooked (30 %) or favourite (20 %), weighted by `domain.recommendations.signals`;
- 5 % of users' actions are a dislike of a recipe outside their tastes.

Held-out split: for each user with at least 5 distinct positive recipes, 20 % of them (at least
one, seeded) are hidden; models train on the rest. Per user, the top 10 of each ranker (never a
recipe the user already has in training) is scored: recall@10 = hits / hidden, NDCG@10 with
binary relevance; the mean over users is reported for

- `popularity`: most users first (the cold-start baseline);
- `als`: the implicit ALS model alone (`infrastructure.recommendations.als`);
- `blend`: the product's ranking (`domain.recommendations.blend` and `choose`: the model,
  popularity, refused recipes and near-duplicates dropped), without stock (none in this data).

Near-duplicates are judged by title stem here (the generator has no parsed ingredient lines).
Results go to bench/baselines/recs.json (kept in the repository; bench/results/ is not) with
the previous run's figures beside them, and are printed with the change.
Usage: `python bench/eval_recs.py [--users 1000] [--seed 12]`.
"""

from __future__ import annotations

import argparse
import ast
import json
import math
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from zerowaste.domain.recipes.recipe import catalog_uid  # noqa: E402
from zerowaste.domain.recommendations.blend import Candidate, Refused, blend, choose  # noqa: E402
from zerowaste.domain.recommendations.signals import Signal, weights  # noqa: E402
from zerowaste.infrastructure.recommendations.als import AlsRecommender  # noqa: E402

RESULTS = ROOT / "bench" / "baselines" / "recs.json"
K, MIN_TAG, IN_TASTE, DISLIKES, HOLD_OUT = 10, 8, 0.75, 0.05, 0.2
KINDS = (("viewed", 0.5), ("cooked", 0.3), ("favorite", 0.2))


def catalog() -> list[dict[str, object]]:
    raw = json.loads((ROOT / "data" / "recipes" / "recipes.json").read_text(encoding="utf-8"))
    recipes = []
    for item in raw:
        raw_tags = item.get("tags") or []
        tags = ast.literal_eval(raw_tags) if isinstance(raw_tags, str) else raw_tags
        recipes.append({"uid": catalog_uid(item["id"]), "title": item["title"], "tags": tags})
    return recipes


def generate(recipes: list[dict[str, object]], users: int, seed: int) -> list[Signal]:
    rng = random.Random(seed)
    order = list(range(len(recipes)))
    rng.shuffle(order)
    prior = [0.0] * len(recipes)
    for rank, i in enumerate(order, start=1):
        prior[i] = 1 / rank**0.7
    by_tag: dict[str, list[int]] = defaultdict(list)
    for i, recipe in enumerate(recipes):
        for tag in recipe["tags"]:  # type: ignore[attr-defined]
            by_tag[str(tag)].append(i)
    tags = sorted(
        (t for t, found in by_tag.items() if len(found) >= MIN_TAG), key=lambda t: -len(by_tag[t])
    )
    tag_weights = [1 / (n + 1) ** 0.5 for n in range(len(tags))]
    signals = []
    for u in range(users):
        user = f"user-{u:04d}"
        liked = set()
        while len(liked) < 2:
            liked.add(rng.choices(tags, tag_weights)[0])
        pool = sorted({i for t in liked for i in by_tag[t]})
        outside = [i for i in range(len(recipes)) if i not in set(pool)]
        for _ in range(rng.randint(10, 40)):
            if rng.random() < DISLIKES:
                i = rng.choice(outside)
                signals.append(Signal(user, str(recipes[i]["uid"]), "dislike"))
                continue
            source = pool if rng.random() < IN_TASTE else range(len(recipes))
            i = rng.choices(list(source), [prior[j] for j in source])[0]
            kind = rng.choices([k for k, _ in KINDS], [w for _, w in KINDS])[0]
            rating = rng.randint(3, 5) if kind == "favorite" else None
            signals.append(Signal(user, str(recipes[i]["uid"]), kind, rating))
    return signals


def split(signals: list[Signal], seed: int) -> tuple[list[Signal], dict[str, set[str]]]:
    rng = random.Random(seed + 1)
    positive: dict[str, set[str]] = defaultdict(set)
    for s in signals:
        if s.kind not in ("dislike", "not_interested"):
            positive[s.user_uid].add(s.recipe_uid)
    hidden: dict[str, set[str]] = {}
    for user, uids in sorted(positive.items()):
        if len(uids) >= 5:
            ordered = sorted(uids)
            hidden[user] = set(rng.sample(ordered, max(1, round(HOLD_OUT * len(ordered)))))
    train = [s for s in signals if s.recipe_uid not in hidden.get(s.user_uid, set())]
    return train, hidden


def ndcg(ranked: list[str], relevant: set[str]) -> float:
    gain = sum(1 / math.log2(i + 2) for i, uid in enumerate(ranked[:K]) if uid in relevant)
    ideal = sum(1 / math.log2(i + 2) for i in range(min(K, len(relevant))))
    return gain / ideal if ideal else 0.0


def evaluate(users: int, seed: int) -> dict[str, object]:
    recipes = catalog()
    titles = {str(r["uid"]): str(r["title"]) for r in recipes}
    train, hidden = split(generate(recipes, users, seed), seed)
    table = weights(train)
    refused: dict[str, list[str]] = defaultdict(list)
    for s in train:
        if s.kind == "dislike":
            refused[s.user_uid].append(s.recipe_uid)
    started = time.perf_counter()
    model = AlsRecommender(None, lambda: None)  # type: ignore[arg-type,return-value]
    model.fit(table)
    fit_seconds = time.perf_counter() - started
    popular = Counter(uid for row in table.values() for uid in row)
    by_popularity = [uid for uid, _ in popular.most_common()]
    sums: dict[str, list[float]] = {name: [0.0, 0.0] for name in ("popularity", "als", "blend")}
    latencies = []
    for user, relevant in sorted(hidden.items()):
        row = table.get(user, {})
        seen = set(row) | set(refused[user])
        tick = time.process_time()
        scores = model.scores(user, row, 300)
        ranked = {
            "popularity": [u for u in by_popularity if u not in seen][:K],
            "als": [u for u in scores if u not in seen][:K],
            "blend": _blend(scores, by_popularity, popular, row, refused[user], titles),
        }
        latencies.append(time.process_time() - tick)
        for name, top in ranked.items():
            sums[name][0] += len(set(top) & relevant) / len(relevant)
            sums[name][1] += ndcg(top, relevant)
    n = len(hidden)
    latencies.sort()
    return {
        "users": users,
        "seed": seed,
        "evaluated_users": n,
        "interactions": len(train),
        "metrics": {
            name: {"recall@10": round(r / n, 4), "ndcg@10": round(g / n, 4)}
            for name, (r, g) in sums.items()
        },
        "fit_seconds": round(fit_seconds, 2),
        "score_and_blend_cpu_p95_ms": round(1000 * latencies[int(0.95 * (len(latencies) - 1))], 2),
    }


def _blend(
    scores: dict[str, float],
    by_popularity: list[str],
    popular: Counter[str],
    row: dict[str, float],
    refused: list[str],
    titles: dict[str, str],
) -> list[str]:
    pool = dict.fromkeys([*scores, *by_popularity[:200]])
    candidates = [
        Candidate(
            uid=uid,
            title=titles[uid],
            foods=frozenset(),
            model=scores.get(uid, 0.0),
            popularity=popular.get(uid, 0),
            seen=uid in row,
        )
        for uid in pool
        if uid not in refused
    ]
    refusals = [Refused(titles[uid], frozenset()) for uid in refused]
    return [s.candidate.uid for s in choose(blend(candidates, cold=not scores), refusals, K)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args()
    current = evaluate(args.users, args.seed)
    previous = json.loads(RESULTS.read_text())["current"] if RESULTS.exists() else None
    for name, figures in current["metrics"].items():  # type: ignore[attr-defined]
        line = f"{name:>10}: recall@10 {figures['recall@10']:.4f}  ndcg@10 {figures['ndcg@10']:.4f}"
        if previous:
            before = previous["metrics"].get(name, {})
            line += "  (previous run: recall@10 {}, ndcg@10 {})".format(
                before.get("recall@10", "-"), before.get("ndcg@10", "-")
            )
        print(line)  # noqa: T201
    print(  # noqa: T201
        f"{current['evaluated_users']} users evaluated, fit {current['fit_seconds']} s, "
        f"score+blend CPU p95 {current['score_and_blend_cpu_p95_ms']} ms"
    )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({"current": current, "previous": previous}, indent=2) + "\n")
    metrics = current["metrics"]
    if metrics["blend"]["ndcg@10"] <= metrics["popularity"]["ndcg@10"]:  # type: ignore[index]
        sys.exit("the recommender does not beat the popularity baseline")


if __name__ == "__main__":
    main()
