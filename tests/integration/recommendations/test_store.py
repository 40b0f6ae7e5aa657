"""Feedback, views and signals in SQL, and the trained model shared through the database, on
SQLite and MariaDB."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.api.conftest import bearer, signup
from tests.conftest import make_settings
from zerowaste.bootstrap import create_app
from zerowaste.config import Settings
from zerowaste.entrypoints.worker import BEAT_SCHEDULE, RETRAIN_RECOMMENDER, make_celery
from zerowaste.infrastructure.db.recommendations import SqlAlchemyModelStore
from zerowaste.infrastructure.db.session import make_session_factory
from zerowaste.infrastructure.recommendations.als import AlsRecommender

pytestmark = pytest.mark.integration


def test_signals_popularity_and_the_stored_model(tmp_path: Path, mysql_catalog_url: str) -> None:
    app = create_app(make_settings(tmp_path, database_url=mysql_catalog_url))
    client = app.test_client()
    listed = client.get(
        "/api/recipes/all?per_page=8", headers=bearer(signup(client)["access_token"])
    ).json["recipes"]
    uids = [r["uid"] for r in listed]
    users = [signup(client) for _ in range(3)]
    for n, user in enumerate(users):
        headers = bearer(user["access_token"])
        for uid in uids[:4]:
            client.post(
                "/api/recommendations/feedback",
                json={"recipe_uid": uid, "kind": "like"},
                headers=headers,
            )
        client.post("/api/recipes/history", json={"recipe_uid": uids[5 + n % 2]}, headers=headers)
    first = bearer(users[0]["access_token"])
    # latest wins: the like becomes a dislike, stored once
    client.post(
        "/api/recommendations/feedback",
        json={"recipe_uid": uids[0], "kind": "dislike"},
        headers=first,
    )
    client.post(
        "/api/recipes/history", json={"recipe_uid": uids[7], "event": "cooked"}, headers=first
    )
    rated = client.post(
        f"/api/recipes/generated/{uids[6]}/favorite", json={"rating": 4}, headers=first
    )
    assert rated.status_code in (200, 201), rated.json

    with app.app_context():
        services = app.extensions["zerowaste.services"]
        with services.recommendations._uow_factory.read() as uow:  # the SQL adapters themselves
            signals = uow.signals.of_user(users[0]["user"]["uid"])  # one UNION ALL
            mine = {(s.recipe_uid, s.kind) for s in signals}
            popular = uow.signals.popularity()
            feedback = uow.feedback.of_user(users[0]["user"]["uid"])
        version = services.recommendations.retrain()

    assert mine == {
        (uids[0], "dislike"),
        *((uid, "like") for uid in uids[1:4]),
        (uids[5], "viewed"),
        (uids[7], "cooked"),
        (uids[6], "favorite"),
    }
    assert [s.rating for s in signals if s.kind == "favorite"] == [4]  # typed through the union
    assert len(feedback) == 4 and {f.kind for f in feedback} == {"like", "dislike"}
    assert popular[uids[1]] == 3 and popular[uids[0]] == 2 and popular[uids[7]] == 1
    assert uids[5] not in popular  # a view is not popularity
    engine = app.extensions["zerowaste.engine"]
    reloaded = AlsRecommender(
        SqlAlchemyModelStore(make_session_factory(engine)), lambda: datetime.now(UTC)
    )
    assert version and reloaded.version == version
    assert reloaded.scores("someone", {uids[1]: 4.0}, 3)


def test_the_nightly_beat_task_trains_and_stores_the_model(settings: Settings) -> None:
    schedule = BEAT_SCHEDULE["retrain-recommender"]
    assert schedule["task"] == RETRAIN_RECOMMENDER
    assert schedule["schedule"].hour == {4} and schedule["schedule"].minute == {7}
    app = create_app(settings)
    client = app.test_client()
    celery = make_celery(settings)
    with app.app_context():
        assert celery.tasks[RETRAIN_RECOMMENDER].delay().get() == ""  # nothing to learn yet
    headers = bearer(signup(client)["access_token"])
    saved = client.post(
        "/api/recipes/save", json={"title": "Sopa", "ingredients": []}, headers=headers
    ).json["recipe"]["uid"]
    client.post(
        "/api/recommendations/feedback", json={"recipe_uid": saved, "kind": "like"}, headers=headers
    )
    with app.app_context():
        version = celery.tasks[RETRAIN_RECOMMENDER].delay().get()
    engine = app.extensions["zerowaste.engine"]
    store = SqlAlchemyModelStore(make_session_factory(engine))
    assert version and store.latest() == version


def test_the_recs_train_command_trains_what_the_app_then_serves(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`zerowaste recs-train`: the nightly training once, on the database of DATABASE_URL."""
    from zerowaste.entrypoints import cli

    app = create_app(settings)
    client = app.test_client()
    headers = bearer(signup(client)["access_token"])
    saved = client.post(
        "/api/recipes/save", json={"title": "Sopa", "ingredients": []}, headers=headers
    ).json["recipe"]["uid"]
    client.post(
        "/api/recommendations/feedback", json={"recipe_uid": saved, "kind": "like"}, headers=headers
    )
    monkeypatch.setenv("DATABASE_URL", settings.database_url)
    monkeypatch.setenv("ZW_VAR_DIR", str(settings.var_dir))
    store = SqlAlchemyModelStore(make_session_factory(app.extensions["zerowaste.engine"]))
    assert store.latest() is None
    assert cli.main(["recs-train"]) == 0
    assert store.latest()
