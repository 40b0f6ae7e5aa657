"""Read routing rules (README "Read replica") with fakes: which reads the replica may serve,
its health states and back-off, the read-your-writes markers, and the view retried once."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import redis
from flask import Flask
from sqlalchemy.exc import OperationalError

from zerowaste.application.ports import read_routing
from zerowaste.application.ports.read_routing import ReplicaLost, bind_caller, current_scope
from zerowaste.config import ConfigError, Settings
from zerowaste.infrastructure.db import replica as replica_module
from zerowaste.infrastructure.db.replica import ReadRouter, RecentWrites, ReplicaHealth
from zerowaste.interface.http.read_routing import retry_replica_losses

pytestmark = pytest.mark.unit


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class ScriptedHealth(ReplicaHealth):
    """ReplicaHealth whose SHOW REPLICA STATUS answers what the test says."""

    def __init__(self, clock: Clock, max_lag: int = 2, retry: float = 5) -> None:
        super().__init__(engine=None, max_lag_s=max_lag, retry_s=retry, clock=clock)  # type: ignore[arg-type]
        self.answer: int | None | Exception = 0
        self.asked = 0

    def _lag(self) -> int | None:
        self.asked += 1
        if isinstance(self.answer, Exception):
            raise self.answer
        return self.answer


class Directory:
    def __init__(self, households: dict[str, str]) -> None:
        self.households = households

    def of(self, user_id: str, *, fresh: bool = False) -> str | None:
        return self.households.get(user_id)


def writes(clock: Clock, client: Any = None, **households: str) -> RecentWrites:
    recent = RecentWrites(primary=None, window_s=5, client=client, clock=clock)  # type: ignore[arg-type]
    recent._households = Directory(households)  # type: ignore[assignment]
    return recent


@pytest.fixture
def scope() -> Iterator[read_routing.ReadScope]:
    token = read_routing.open_scope()
    found = current_scope()
    assert found is not None
    yield found
    read_routing.close_scope(token)


def connection_refused() -> OperationalError:
    return OperationalError("SELECT 1", {}, Exception("Can't connect to MySQL server"))


def test_the_replica_serves_reads_of_a_request_until_it_writes(scope: Any) -> None:
    clock = Clock()
    router = ReadRouter(ScriptedHealth(clock), writes(clock, ana="h1"))
    bind_caller("ana")
    assert router.replica_allowed()
    router.wrote()
    assert not router.replica_allowed()


def test_reads_outside_a_request_use_the_primary() -> None:
    clock = Clock()
    router = ReadRouter(ScriptedHealth(clock), writes(clock))
    assert current_scope() is None
    assert not router.replica_allowed()


def test_a_household_that_wrote_reads_the_primary_for_the_window(scope: Any) -> None:
    clock = Clock()
    recent = writes(clock, ana="h1", ben="h1", eva="h2")
    router = ReadRouter(ScriptedHealth(clock), recent)
    bind_caller("ana")
    router.wrote()
    for hook in scope.on_close:  # the request ends: its household is marked
        hook(scope)
    assert recent.recent("ben")  # another member of the household
    assert not recent.recent("eva")  # another household
    clock.now += 5.1
    assert not recent.recent("ben")


def test_the_answer_is_asked_once_per_request(scope: Any) -> None:
    clock = Clock()

    class Counting(RecentWrites):
        asked = 0

        def recent(self, user_id: str) -> bool:
            self.asked += 1
            return False

    recent = Counting(primary=None, window_s=5, client=None, clock=clock)  # type: ignore[arg-type]
    router = ReadRouter(ScriptedHealth(clock), recent)
    bind_caller("ana")
    for _ in range(3):
        assert router.replica_allowed()
    assert recent.asked == 1


def test_a_job_reads_the_primary_and_marks_its_owners_household() -> None:
    clock = Clock()
    recent = writes(clock, ana="h1", ben="h1")
    router = ReadRouter(ScriptedHealth(clock), recent)
    with read_routing.acting_for("ana"):
        assert not router.replica_allowed()
        router.wrote()
    assert current_scope() is None
    assert recent.recent("ben")  # the household's next request reads the primary


def test_a_job_run_inside_a_request_shares_the_request_scope(scope: Any) -> None:
    clock = Clock()
    router = ReadRouter(ScriptedHealth(clock), writes(clock, ana="h1"))
    bind_caller("ana")
    with read_routing.acting_for("ana"):  # an inline job
        assert current_scope() is scope
        router.wrote()
    assert not router.replica_allowed()  # the request saw the job's write


def test_redis_down_sends_reads_to_the_primary() -> None:
    class DownRedis:
        def exists(self, *keys: str) -> int:
            raise redis.ConnectionError("refused")

    recent = writes(Clock(), DownRedis(), ana="h1")
    assert recent.recent("ana")


def test_lag_beyond_the_limit_or_unknown_sets_the_replica_aside_until_it_catches_up() -> None:
    clock = Clock()
    health = ScriptedHealth(clock, max_lag=2)
    assert health.usable() and health.state == "up"
    health.answer = 3
    assert health.usable()  # the last answer is kept for a second
    clock.now += 1
    assert not health.usable() and health.state == "lagging"
    health.answer = None  # a stopped or failed replication thread
    clock.now += 1
    assert not health.usable() and health.state == "broken"
    health.answer = 1
    clock.now += 1
    assert health.usable() and health.state == "up"


def test_a_replica_that_does_not_answer_is_tried_again_after_the_back_off() -> None:
    clock = Clock()
    health = ScriptedHealth(clock, retry=5)
    health.answer = connection_refused()
    assert not health.usable() and health.state == "down"
    asked = health.asked
    clock.now += 4
    assert not health.usable() and health.asked == asked  # not asked during the back-off
    health.answer = 0
    clock.now += 1.1
    assert health.usable() and health.state == "up"


def test_transitions_are_logged_once(caplog: pytest.LogCaptureFixture) -> None:
    clock = Clock()
    health = ScriptedHealth(clock)
    health.answer = connection_refused()
    for _ in range(5):
        health.usable()
        clock.now += 6
    health.answer = 0
    for _ in range(5):
        health.usable()
        clock.now += 1.5
    messages = [r.getMessage() for r in caplog.records if r.name == replica_module.__name__]
    assert len(messages) == 2, messages
    assert "set aside" in messages[0] and "in use" in messages[1]


def test_a_get_whose_replica_read_was_lost_runs_once_more() -> None:
    app = Flask("t")
    calls: list[str] = []

    @app.route("/lost-once", methods=["GET", "POST"])
    def lost_once() -> str:
        calls.append("run")
        if len(calls) == 1:
            raise ReplicaLost()
        return "from the primary"

    retry_replica_losses(app)
    view = app.view_functions["lost_once"]
    with app.test_request_context("/lost-once", method="GET"):
        assert view() == "from the primary"
    assert calls == ["run", "run"]
    calls.clear()
    with app.test_request_context("/lost-once", method="POST"), pytest.raises(ReplicaLost):
        view()  # not a safe method: not run again
    assert calls == ["run"]


def test_settings_read_the_replica_and_keep_the_window_above_the_lag() -> None:
    env = {
        "DATABASE_URL": "mysql+pymysql://app@db/zw",
        "DATABASE_REPLICA_URL": "mysql+pymysql://app@replica/zw",
        "JWT_SECRET_KEY": "k" * 40,
    }
    settings = Settings.from_env(env)
    assert settings.database_replica_url == "mysql+pymysql://app@replica/zw"
    assert (settings.replica_max_lag_s, settings.replica_ryw_window_s) == (2, 5)
    assert Settings.from_env({"JWT_SECRET_KEY": "k" * 40}).database_replica_url is None
    with pytest.raises(ConfigError, match="REPLICA_RYW_WINDOW_S"):
        Settings.from_env({**env, "REPLICA_MAX_LAG_S": "5"})
    with pytest.raises(ConfigError, match="DATABASE_REPLICA_URL"):
        Settings.from_env({**env, "DATABASE_URL": "sqlite:///x.db"})
