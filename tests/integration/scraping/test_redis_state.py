"""With Redis, the response cache and the per-host pace are shared by every worker: two
fetchers (two worker processes) see one cache and keep one pace per host."""

from __future__ import annotations

import time

import pytest
import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from tests.integration.scraping.conftest import CONTACT
from zerowaste.infrastructure.scrapers.fetcher import FetchPolicy, PoliteFetcher
from zerowaste.infrastructure.scrapers.guard import AddressGuard
from zerowaste.infrastructure.scrapers.state import RedisStores

pytestmark = pytest.mark.integration

HTML = "<html><body>shared</body></html>"


def worker(client: redis.Redis, interval: float) -> PoliteFetcher:
    stores = RedisStores(client)
    policy = FetchPolicy(contact_url=CONTACT, host_interval=interval, timeout=3.0)
    return PoliteFetcher(policy, AddressGuard(allow_loopback=True), stores, stores)


def test_two_workers_share_the_cache_and_the_hosts_pace(redis_url, site):
    client = redis.Redis.from_url(redis_url)
    interval = 0.3
    one, two = worker(client, interval), worker(client, interval)
    site.page("/robots.txt", "User-agent: *\nAllow: /\n")
    for path in ("/a", "/b", "/c"):
        site.page(path, HTML)

    one.fetch(site.url("/a"), "product")
    cached = two.fetch(site.url("/a"), "product")
    two.fetch(site.url("/b"), "product")
    one.fetch(site.url("/c"), "product")

    assert cached.from_cache and len(site.requests("/a")) == 1
    assert len(site.requests("/robots.txt")) == 1  # robots.txt cached for both
    times = [s.at for s in site.seen]  # robots, /a, /b, /c
    assert min(b - a for a, b in zip(times, times[1:], strict=False)) >= interval - 0.05


def test_redis_down_falls_back_to_the_process_state(site):
    # No retries in the client: redis-py 8's default (3, exponential backoff) alone takes ~4 s
    # to give up on a refused port, which is the client's wait, not the fallback measured here.
    client = redis.Redis(
        host="127.0.0.1", port=1, socket_connect_timeout=0.2, retry=Retry(NoBackoff(), 0)
    )
    fetcher = worker(client, 0.05)
    site.page("/robots.txt", "User-agent: *\nAllow: /\n")
    site.page("/a", HTML)

    started = time.monotonic()
    first = fetcher.fetch(site.url("/a"), "recipe")
    second = fetcher.fetch(site.url("/a"), "recipe")

    assert not first.from_cache and second.from_cache and len(site.requests("/a")) == 1
    assert time.monotonic() - started < 5
