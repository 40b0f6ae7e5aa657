"""The polite fetcher (issue #13): every page a job reads from another site comes through it.

Rules, each with its reason:
- robots.txt is read first (and cached a day) and obeyed for our agent token (robots.RobotsRules);
  a robots.txt answering 5xx/429 means "not now" (`upstream_busy`), as Google reads it;
- one honest User-Agent naming a contact URL (SCRAPE_CONTACT_URL), never a rotated fake one;
- one request per host every SCRAPE_HOST_INTERVAL_MS (2 s by default; longer when robots.txt
  asks with Crawl-delay), for robots.txt, retries and redirects alike (state.HostPace);
- at most SCRAPE_MAX_RETRIES retries on 429/502/503/504, timeouts and broken connections, after
  the host's Retry-After when it sends one (up to MAX_WAIT; longer means "come back later":
  `upstream_busy`), else after 1, 2, 4 ... seconds;
- pages are cached by kind (robots 24 h, product pages 6 h, recipe pages 24 h): a second
  fetch within that time never reaches the site;
- every address a host resolves to is checked before connecting (guard.AddressGuard): no
  loopback, private, link-local or reserved target, on redirects as on the first request;
- a body larger than SCRAPE_MAX_BYTES (after decompression) or slower than the timeouts is
  dropped; at most MAX_REDIRECTS redirects, each checked like the first URL.
Only Celery jobs call `fetch`; a request calls `check` (DNS only, no connection).
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

from urllib3 import BaseHTTPResponse, Timeout
from urllib3.exceptions import HTTPError
from urllib3.exceptions import TimeoutError as Urllib3Timeout
from w3lib.encoding import html_to_unicode

from zerowaste.application.scraping.ports import FetchFailed, Page, PageKind
from zerowaste.domain.scraping.politeness import (
    RETRY_STATUSES,
    backoff_seconds,
    retry_after_seconds,
)
from zerowaste.domain.scraping.urls import Target, check_url
from zerowaste.infrastructure.scrapers.guard import AddressGuard, guarded_pool_manager
from zerowaste.infrastructure.scrapers.robots import RobotsRules
from zerowaste.infrastructure.scrapers.state import HostPace, ResponseCache

log = logging.getLogger(__name__)

AGENT_TOKEN = "ZeroWasteBot"
MAX_REDIRECTS = 5
MAX_WAIT = 30.0  # the longest Retry-After (or Crawl-delay) a job waits for
TTL = {"robots": 24 * 3600, "product": 6 * 3600, "recipe": 24 * 3600}
HTML_TYPES = ("text/html", "application/xhtml+xml")
CHUNK = 64 * 1024


@dataclass(frozen=True)
class FetchPolicy:
    contact_url: str
    host_interval: float = 2.0
    timeout: float = 10.0
    max_bytes: int = 2 * 1024 * 1024
    max_retries: int = 2
    backoff: float = 1.0
    ttl: dict[str, int] = field(default_factory=lambda: dict(TTL))

    @property
    def user_agent(self) -> str:
        """The one User-Agent, naming the contact URL; without one it says so rather than
        invent an address."""
        contact = f"+{self.contact_url}" if self.contact_url else "contact URL not configured"
        return f"Mozilla/5.0 (compatible; {AGENT_TOKEN}/1.0; {contact})"


@dataclass(frozen=True)
class _Answer:
    url: str
    status: int
    content_type: str
    text: str


class PoliteFetcher:
    """Implements application.scraping.ports.PageFetcher."""

    def __init__(
        self,
        policy: FetchPolicy,
        guard: AddressGuard,
        cache: ResponseCache,
        pace: HostPace,
        *,
        sleep: Callable[[float], None] = time.sleep,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._policy = policy
        self._guard = guard
        self._cache = cache
        self._pace = pace
        self._sleep = sleep
        self._now = now
        self._http = guarded_pool_manager(guard, num_pools=20, maxsize=2, block=False)

    def check(self, url: str) -> None:
        target = check_url(url)
        self._guard.addresses(target.host, target.port)

    def fetch(self, url: str, kind: PageKind) -> Page:
        key = _key(kind, url)
        cached = self._cache.get(key)
        if cached is not None:
            return Page(**cached, from_cache=True)
        answer = self._follow(url, robots=True)
        if answer.status != 200:
            raise FetchFailed(f"The site answered {answer.status}", code="http_error")
        if kind != "robots" and answer.content_type not in HTML_TYPES:
            raise FetchFailed("Not a web page", code="not_html")
        page = Page(answer.url, answer.status, answer.content_type, answer.text)
        self._cache.put(key, _stored(page), self._policy.ttl.get(kind, TTL["recipe"]))
        return page

    def _follow(self, url: str, *, robots: bool) -> _Answer:
        """GET with redirects, each hop checked (URL, robots.txt) like the first."""
        for _hop in range(MAX_REDIRECTS + 1):
            target = check_url(url)
            rules = self._robots(target) if robots else None
            if rules is not None and not rules.allows(url, AGENT_TOKEN):
                raise FetchFailed("robots.txt disallows this page", code="robots_disallowed")
            delay = rules.crawl_delay(AGENT_TOKEN) if rules else None
            response = self._request(url, target, delay)
            try:
                location = response.get_redirect_location()
                if not location:
                    return self._read(url, response)
            finally:
                _discard(response)
            url = urljoin(url, location)
        raise FetchFailed("Too many redirects", code="too_many_redirects")

    def _robots(self, target: Target) -> RobotsRules:
        url = f"{target.origin}/robots.txt"
        key = _key("robots", url)
        cached = self._cache.get(key)
        if cached is not None:
            return RobotsRules(str(cached["text"]))
        answer = self._follow(url, robots=False)  # unreachable: the page is too (FetchFailed)
        if answer.status >= 500 or answer.status == 429:
            # Google's reading: a failing robots.txt disallows everything for now; asked again
            # on the next fetch (not cached).
            log.info("robots.txt of %s answered %s: not fetching", target.host, answer.status)
            raise FetchFailed("The site asked us to come back later", code="upstream_busy")
        rules = RobotsRules.from_answer(answer.status, answer.text)
        stored = {"url": url, "status": 200, "content_type": "text/plain", "text": rules.body}
        self._cache.put(key, stored, self._policy.ttl["robots"])
        return rules

    def _request(self, url: str, target: Target, crawl_delay: float | None) -> BaseHTTPResponse:
        policy = self._policy
        interval = max(policy.host_interval, min(crawl_delay or 0.0, MAX_WAIT))
        for attempt in range(policy.max_retries + 1):
            self._sleep_for(self._pace.reserve(target.host, interval))
            last = attempt == policy.max_retries
            try:
                response = self._send(url)
            except Urllib3Timeout as exc:
                if last:
                    raise FetchFailed("The site took too long", code="fetch_timeout") from exc
            except HTTPError as exc:
                if last:
                    raise FetchFailed("The page could not be fetched", code="fetch_failed") from exc
            else:
                if response.status not in RETRY_STATUSES or last:
                    return response
                wait = retry_after_seconds(response.headers.get("Retry-After"), self._now())
                _discard(response)
                if wait is not None and wait > MAX_WAIT:
                    raise FetchFailed("The site asked to come back later", code="upstream_busy")
                self._sleep_for(wait if wait is not None else self._backoff(attempt))
                continue
            self._sleep_for(self._backoff(attempt))
        raise AssertionError("unreachable")  # pragma: no cover - the last attempt returns

    def _send(self, url: str) -> BaseHTTPResponse:
        t = self._policy.timeout
        headers = {
            "User-Agent": self._policy.user_agent,
            "Accept": "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,*/*;q=0.5",
            "Accept-Encoding": "gzip, deflate",
        }
        return self._http.request(
            "GET",
            url,
            headers=headers,
            redirect=False,
            retries=False,
            preload_content=False,
            timeout=Timeout(connect=t, read=t),
        )

    def _read(self, url: str, response: BaseHTTPResponse) -> _Answer:
        """The body, decoded, up to max_bytes (a bigger one fails: `too_large`)."""
        limit, deadline = self._policy.max_bytes, time.monotonic() + 3 * self._policy.timeout
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchFailed("The page is too large", code="too_large")
        body = bytearray()
        try:
            for chunk in response.stream(CHUNK, decode_content=True):
                body.extend(chunk)
                if len(body) > limit:
                    raise FetchFailed("The page is too large", code="too_large")
                if time.monotonic() > deadline:
                    raise FetchFailed("The site took too long", code="fetch_timeout")
        except Urllib3Timeout as exc:
            raise FetchFailed("The site took too long", code="fetch_timeout") from exc
        except HTTPError as exc:
            raise FetchFailed("The page could not be fetched", code="fetch_failed") from exc
        content_type = response.headers.get("Content-Type", "")
        _encoding, text = html_to_unicode(content_type, bytes(body))
        media = content_type.split(";", 1)[0].strip().lower()
        return _Answer(url, response.status, media, text)

    def _backoff(self, attempt: int) -> float:
        return backoff_seconds(attempt, self._policy.backoff, MAX_WAIT)

    def _sleep_for(self, seconds: float) -> None:
        if seconds > 0:
            self._sleep(seconds)


def _discard(response: BaseHTTPResponse) -> None:
    """Close the connection rather than pool it: a body left unread (a redirect's, a refused
    one's) would be read as the next answer on a reused connection."""
    response.close()
    response.release_conn()


def _key(kind: str, url: str) -> str:
    return f"{kind}:{hashlib.sha256(url.encode()).hexdigest()}"


def _stored(page: Page) -> dict[str, Any]:
    return {
        "url": page.url,
        "status": page.status,
        "content_type": page.content_type,
        "text": page.text,
    }
