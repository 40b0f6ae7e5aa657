"""The Cache port on Flask-Caching: Redis in production, files shared by every process otherwise.

With REDIS_URL the backend is Flask-Caching's RedisCache on the process's one Redis client
(prefix `zw:cache:`; `get_many` is one MGET). Without it, a FileSystemCache under var/cache:
an in-process dict would go stale when another Gunicorn process handles the write, files are
seen by all of them, so a rendering stored by one is served by all.

Neither backend pickles. Both store values through BytesOrJsonSerializer: bytes as they are
behind a one-byte tag, anything else as JSON; a value in any other format (a pickle planted in
Redis, a file left by an older version) is ignored as a miss, never loaded. What is stored
today: bytes renderings, tagged with a version from the database. Backend failures (Redis down,
disk errors)
are logged and degrade to misses: a cache outage only costs speed.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import IO, Any

import redis
from cachelib.serializers import BaseSerializer
from flask import Flask
from flask_caching import Cache as FlaskCache
from flask_caching.backends.filesystemcache import FileSystemCache
from flask_caching.backends.rediscache import RedisCache

from zerowaste.application.ports.metrics import Metrics, NullMetrics
from zerowaste.infrastructure.redis_client import OutageLog

log = logging.getLogger(__name__)

KEY_PREFIX = "zw:cache:"
FILE_THRESHOLD = 20_000  # files kept before the oldest are pruned
_ERRORS = (redis.RedisError, OSError)
_BYTES, _JSON = b"b", b"j"


class BytesOrJsonSerializer(BaseSerializer):
    """bytes kept as they are, everything else as JSON, each behind a one-byte tag."""

    def dumps(self, value: Any, protocol: int | None = None) -> bytes:
        if isinstance(value, bytes):
            return _BYTES + value
        return _JSON + json.dumps(value, separators=(",", ":")).encode()  # TypeError: a bug

    def loads(self, raw: bytes | None) -> Any:
        if raw is None:
            return None
        tag, body = raw[:1], raw[1:]
        if tag == _BYTES:
            return bytes(body)
        if tag == _JSON:
            try:
                return json.loads(body)
            except ValueError:
                pass
        log.warning("cache value in an unknown format ignored (%d bytes)", len(raw))
        return None

    def dump(self, value: Any, f: IO[bytes], protocol: int | None = None) -> None:
        f.write(self.dumps(value))

    def load(self, f: IO[bytes]) -> Any:
        return self.loads(f.read())


# cachelib types `serializer` as each backend's own serializer class; any BaseSerializer works
# (it is what Flask-Caching's CACHE_SERIALIZER would assign).


class JsonRedisCache(RedisCache):
    """Flask-Caching's Redis backend without pickle (CACHE_TYPE names this class)."""

    serializer = BytesOrJsonSerializer()  # type: ignore[assignment]


class JsonFileSystemCache(FileSystemCache):
    """Flask-Caching's file backend without pickle (CACHE_TYPE names this class)."""

    serializer = BytesOrJsonSerializer()  # type: ignore[assignment]


class FlaskCachingCache:
    """The application's Cache port on a Flask-Caching `Cache`; failures become misses.
    Every lookup is counted as hits and misses (`metrics`, the hit ratio)."""

    def __init__(
        self, cache: FlaskCache, outage: OutageLog | None = None, metrics: Metrics | None = None
    ) -> None:
        self._cache = cache
        self._outage = outage or OutageLog("cache")
        self._metrics = metrics or NullMetrics()

    def get(self, key: str) -> Any | None:
        try:
            found = self._cache.get(key)
        except _ERRORS as exc:
            self._outage.failed("cache get, treated as a miss", exc)
            found = None
        else:
            self._outage.answered()
        self._metrics.cache_lookup(int(found is not None), int(found is None))
        return found

    def get_many(self, *keys: str) -> list[Any | None]:
        if not keys:
            return []
        try:
            found = list(self._cache.get_many(*keys))
        except _ERRORS as exc:
            self._outage.failed("cache get, treated as a miss", exc)
            found = [None] * len(keys)
        else:
            self._outage.answered()
        hits = sum(1 for value in found if value is not None)
        self._metrics.cache_lookup(hits, len(found) - hits)
        return found

    def set(self, key: str, value: Any, ttl_seconds: int) -> None:
        try:
            self._cache.set(key, value, timeout=ttl_seconds)
        except _ERRORS as exc:
            self._outage.failed("cache set", exc)
        else:
            self._outage.answered()

    def delete(self, *keys: str) -> None:
        if not keys:
            return
        try:
            self._cache.unlink(*keys)  # one UNLINK on Redis; file by file otherwise
        except _ERRORS as exc:
            self._outage.failed("cache delete", exc)
        else:
            self._outage.answered()


def make_cache(
    app: Flask | None,
    redis_client: redis.Redis | None,
    directory: Path,
    default_ttl: int,
    outage: OutageLog | None = None,
    metrics: Metrics | None = None,
) -> FlaskCachingCache:
    """A Flask-Caching cache on `app`: Redis through `redis_client` if given, else files.

    Without an app (services built alone, in tests) a bare one holds the backend; Flask-Caching
    falls back to it outside any app context.
    """
    config: dict[str, Any] = {
        "CACHE_DEFAULT_TIMEOUT": default_ttl,
        "CACHE_IGNORE_ERRORS": True,  # a file that cannot be deleted is logged, not raised
    }
    if redis_client is not None:
        # The process's one Redis client (short timeouts, one pool); cachelib takes a client
        # object where it takes a host.
        config |= {
            "CACHE_TYPE": f"{__name__}.{JsonRedisCache.__name__}",
            "CACHE_REDIS_HOST": redis_client,
            "CACHE_KEY_PREFIX": KEY_PREFIX,
        }
    else:
        config |= {
            "CACHE_TYPE": f"{__name__}.{JsonFileSystemCache.__name__}",
            "CACHE_DIR": str(directory),
            "CACHE_THRESHOLD": FILE_THRESHOLD,
        }
    cache = FlaskCache(config=config, with_jinja2_ext=False)
    cache.init_app(app or Flask(__name__))
    return FlaskCachingCache(cache, outage, metrics)
