"""The Cache port on Flask-Caching: values round-trip as bytes or JSON on Redis and on the
shared files, nothing is ever unpickled (a pickle planted in the store is a miss and never
runs), get_many is one MGET on Redis, and a dead Redis only costs misses."""

from __future__ import annotations

import logging
import pickle
from pathlib import Path
from typing import Any

import pytest
import redis
from cachelib import FileSystemCache as PicklingFileSystemCache

from zerowaste.infrastructure.cache import KEY_PREFIX, FlaskCachingCache, make_cache

pytestmark = pytest.mark.integration

VALUES: list[Any] = [
    b"v1\n" + b'{"ingredients":[]}' + bytes(range(256)),  # a rendering: stamp + body
    "6f1c2a-generation",
    {"n": 1, "names": ["Leche", "Piña"]},
    None,
]


class Planted:
    """Unpickling this touches a file: proof that a loader ran planted code."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, ...]:
        return (Path.touch, (self.marker,))


class CountingRedis(redis.Redis):
    """A Redis client that records the name of every command it sends."""

    commands: list[str]

    def execute_command(self, *args: Any, **options: Any) -> Any:
        self.commands.append(str(args[0]).upper())
        return super().execute_command(*args, **options)


def counting_client(url: str) -> CountingRedis:
    client = CountingRedis.from_url(url, socket_timeout=1)
    client.commands = []
    return client


@pytest.fixture(params=["file", pytest.param("redis", marks=pytest.mark.redis)])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[FlaskCachingCache, Any]:
    """The adapter and what stores its values: a Redis client or the cache directory."""
    if request.param == "file":
        return make_cache(None, None, tmp_path / "cache", 60), tmp_path / "cache"
    client = counting_client(request.getfixturevalue("redis_url"))
    return make_cache(None, client, tmp_path / "unused", 60), client


def test_bytes_str_and_json_values_round_trip(backend: tuple[FlaskCachingCache, Any]) -> None:
    cache, _ = backend
    for index, value in enumerate(VALUES):
        cache.set(f"k{index}", value, 60)

    got = [cache.get(f"k{index}") for index in range(len(VALUES))]

    assert got == VALUES
    assert [type(v) for v in got] == [type(v) for v in VALUES]
    assert cache.get_many("k0", "missing", "k1") == [VALUES[0], None, VALUES[1]]
    cache.delete("k0", "k1")
    assert cache.get_many("k0", "k1", "k2") == [None, None, VALUES[2]]


def test_objects_that_are_not_json_are_refused(backend: tuple[FlaskCachingCache, Any]) -> None:
    cache, _ = backend
    with pytest.raises(TypeError):
        cache.set("k", object(), 60)


@pytest.mark.redis
def test_redis_stores_bytes_as_they_are_under_the_app_prefix(redis_url: str) -> None:
    client = counting_client(redis_url)
    cache = make_cache(None, client, Path("unused"), 60)

    cache.set("render", b"\x00body", 60)
    cache.set("token", "abc", 60)

    assert client.get(f"{KEY_PREFIX}render") == b"b\x00body"
    assert client.get(f"{KEY_PREFIX}token") == b'j"abc"'
    assert 0 < client.ttl(f"{KEY_PREFIX}token") <= 60


@pytest.mark.redis
def test_a_pickle_planted_in_redis_is_a_miss_and_never_runs(
    redis_url: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    client = counting_client(redis_url)
    cache = make_cache(None, client, tmp_path, 60)
    marker = tmp_path / "pwned"
    payload = pickle.dumps(Planted(marker))
    client.set(f"{KEY_PREFIX}raw", payload)
    client.set(f"{KEY_PREFIX}cachelib", b"!" + payload)  # cachelib's own pickle format

    with caplog.at_level(logging.WARNING):
        got = [cache.get("raw"), cache.get("cachelib"), *cache.get_many("raw", "cachelib")]

    assert got == [None] * 4
    assert not marker.exists()
    assert any("unknown format" in r.getMessage() for r in caplog.records)


def test_a_pickled_cache_file_is_a_miss_and_never_runs(tmp_path: Path) -> None:
    directory, marker = tmp_path / "cache", tmp_path / "pwned"
    PicklingFileSystemCache(str(directory)).set("render", Planted(marker))  # stock cachelib

    assert make_cache(None, None, directory, 60).get("render") is None
    assert not marker.exists()


@pytest.mark.redis
def test_get_many_is_one_mget_on_redis(redis_url: str) -> None:
    client = counting_client(redis_url)
    cache = make_cache(None, client, Path("unused"), 60)
    for key in ("a", "b", "c"):
        cache.set(key, key, 60)
    client.commands.clear()

    assert cache.get_many("a", "b", "c", "d") == ["a", "b", "c", None]
    assert client.commands == ["MGET"]


def test_with_redis_down_every_call_is_a_miss_and_the_outage_is_logged_once(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    dead = redis.Redis.from_url("redis://127.0.0.1:1/0", socket_connect_timeout=0.2)
    cache = make_cache(None, dead, tmp_path, 60)

    with caplog.at_level(logging.WARNING):
        cache.set("k", "v", 60)
        got = (cache.get("k"), cache.get_many("k", "j"))
        cache.delete("k")

    assert got == (None, [None, None])
    messages = [r.getMessage() for r in caplog.records]
    assert len(messages) == 1 and messages[0].startswith("cache unavailable (cache set)")
