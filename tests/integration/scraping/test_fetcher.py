"""The polite fetcher on a real HTTP server on 127.0.0.1: robots.txt, an honest User-Agent,
per-host pace, retries with Retry-After, the cache, size caps and redirects."""

from __future__ import annotations

import time

import pytest

from tests.fakes.sites import Reply, fake_site
from tests.integration.scraping.conftest import CONTACT
from zerowaste.application.scraping.ports import FetchFailed

pytestmark = pytest.mark.integration

HTML = "<html><head><title>ok</title></head><body><p>hola</p></body></html>"


def test_a_page_comes_with_an_honest_user_agent_after_robots_txt(site, make_fetcher):
    site.page("/robots.txt", "User-agent: *\nAllow: /\n")
    site.page("/a", HTML)
    fetcher, _ = make_fetcher()

    page = fetcher.fetch(site.url("/a"), "recipe")

    assert page.status == 200 and "hola" in page.text and page.content_type == "text/html"
    assert [s.path for s in site.seen] == ["/robots.txt", "/a"]
    agents = {s.user_agent for s in site.seen}
    assert len(agents) == 1
    assert "ZeroWasteBot/1.0" in agents.pop() and CONTACT in site.seen[0].user_agent


def test_robots_txt_disallow_is_obeyed_and_the_page_never_requested(site, make_fetcher):
    site.page("/robots.txt", "User-agent: *\nDisallow: /private\n")
    site.page("/private/r", HTML)
    site.page("/public", HTML)
    fetcher, _ = make_fetcher()

    with pytest.raises(FetchFailed) as refused:
        fetcher.fetch(site.url("/private/r"), "recipe")
    fetcher.fetch(site.url("/public"), "recipe")

    assert refused.value.code == "robots_disallowed"
    assert site.requests("/private/r") == []
    assert len(site.requests("/robots.txt")) == 1  # cached for the second page


def test_a_group_for_our_agent_token_applies_to_us(site, make_fetcher):
    site.page("/robots.txt", "User-agent: ZeroWasteBot\nDisallow: /\n\nUser-agent: *\nAllow: /\n")
    site.page("/a", HTML)
    fetcher, _ = make_fetcher()

    with pytest.raises(FetchFailed) as refused:
        fetcher.fetch(site.url("/a"), "recipe")

    assert refused.value.code == "robots_disallowed" and site.requests("/a") == []


def test_no_robots_txt_allows_and_a_failing_one_means_not_now(site, make_fetcher):
    site.page("/a", HTML)  # /robots.txt answers 404
    fetcher, _ = make_fetcher()
    assert fetcher.fetch(site.url("/a"), "recipe").status == 200

    with fake_site() as down:
        down.serve("/robots.txt", Reply(500, "oops", "text/plain"))
        down.page("/a", HTML)
        fetcher, _ = make_fetcher(max_retries=0)
        with pytest.raises(FetchFailed) as refused:
            fetcher.fetch(down.url("/a"), "recipe")
    assert refused.value.code == "upstream_busy" and down.requests("/a") == []
    assert len(down.requests("/robots.txt")) == 1  # asked again next time: not cached


def test_one_host_is_paced_and_two_hosts_are_independent(make_fetcher):
    interval = 0.4
    fetcher, _ = make_fetcher(host_interval=interval)
    with fake_site("127.0.0.1") as one, fake_site("127.0.0.2") as two:
        for site in (one, two):
            site.page("/robots.txt", "User-agent: *\nAllow: /\n")
            for path in ("/1", "/2", "/3"):
                site.page(path, HTML)
        started = time.monotonic()
        for path in ("/1", "/2", "/3"):
            fetcher.fetch(one.url(path), "product")
        elapsed = time.monotonic() - started
        fetcher.fetch(two.url("/1"), "product")

    times = [s.at for s in one.seen]  # robots.txt, /1, /2, /3
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    assert len(times) == 4 and elapsed >= 3 * interval - 0.05
    assert min(gaps) >= interval - 0.05
    # The other host's first request did not wait for this host's slot.
    assert two.seen[0].at - one.seen[-1].at < interval / 2


def test_a_second_fetch_is_a_cache_hit_the_site_never_sees(site, make_fetcher):
    site.page("/robots.txt", "User-agent: *\nAllow: /\n")
    site.page("/a", HTML)
    fetcher, _ = make_fetcher()

    first = fetcher.fetch(site.url("/a"), "recipe")
    second = fetcher.fetch(site.url("/a"), "recipe")

    assert len(site.requests("/a")) == 1
    assert (first.from_cache, second.from_cache) == (False, True)
    assert second.text == first.text


def test_retry_after_is_honoured_on_429_and_503(site, make_fetcher):
    site.serve(
        "/busy", Reply(429, "slow down", "text/plain", {"Retry-After": "1"}), Reply(body=HTML)
    )
    site.serve("/down", Reply(503, "", "text/plain"), Reply(body=HTML))
    fetcher, sleeps = make_fetcher(backoff=0.2)

    assert fetcher.fetch(site.url("/busy"), "recipe").status == 200
    assert 1.0 in sleeps  # the site's Retry-After
    assert fetcher.fetch(site.url("/down"), "recipe").status == 200
    assert 0.2 in sleeps  # no Retry-After: the backoff
    busy = site.requests("/busy")
    assert len(busy) == 2 and busy[1].at - busy[0].at >= 1.0


def test_retries_are_bounded_and_a_long_retry_after_gives_up_at_once(site, make_fetcher):
    site.serve("/always", Reply(503, "", "text/plain"))
    site.serve("/later", Reply(429, "", "text/plain", {"Retry-After": "3600"}))
    fetcher, sleeps = make_fetcher(max_retries=2)

    with pytest.raises(FetchFailed) as failed:
        fetcher.fetch(site.url("/always"), "recipe")
    with pytest.raises(FetchFailed) as busy:
        fetcher.fetch(site.url("/later"), "recipe")

    assert failed.value.code == "http_error" and len(site.requests("/always")) == 3
    assert busy.value.code == "upstream_busy" and len(site.requests("/later")) == 1
    assert max(sleeps) < 60


def test_a_body_over_the_cap_is_refused_with_or_without_content_length(site, make_fetcher):
    big = "<html><body>" + "x" * 5000 + "</body></html>"
    site.page("/declared", big)
    site.serve("/streamed", Reply(body=big, send_length=False))
    fetcher, _ = make_fetcher(max_bytes=2048)

    for path in ("/declared", "/streamed"):
        with pytest.raises(FetchFailed) as refused:
            fetcher.fetch(site.url(path), "recipe")
        assert refused.value.code == "too_large"


def test_a_page_that_is_not_html_or_answers_404_fails_with_its_code(site, make_fetcher):
    site.serve("/file", Reply(body=b"%PDF-1.4", content_type="application/pdf"))
    fetcher, _ = make_fetcher()

    with pytest.raises(FetchFailed) as not_html:
        fetcher.fetch(site.url("/file"), "recipe")
    with pytest.raises(FetchFailed) as missing:
        fetcher.fetch(site.url("/missing"), "recipe")

    assert (not_html.value.code, missing.value.code) == ("not_html", "http_error")


def test_redirects_are_followed_and_each_hop_is_checked(site, make_fetcher):
    site.serve("/old", Reply(301, "", headers={"Location": "/new"}))
    site.page("/new", HTML)
    site.serve("/evil", Reply(302, "", headers={"Location": "http://10.0.0.1/admin"}))
    site.serve("/loop", Reply(302, "", headers={"Location": "/loop"}))
    fetcher, _ = make_fetcher()

    page = fetcher.fetch(site.url("/old"), "recipe")
    with pytest.raises(Exception) as private:
        fetcher.fetch(site.url("/evil"), "recipe")
    with pytest.raises(FetchFailed) as loop:
        fetcher.fetch(site.url("/loop"), "recipe")

    assert page.url == site.url("/new") and "hola" in page.text
    assert getattr(private.value, "code", None) == "url_private"
    assert loop.value.code == "too_many_redirects"


def test_a_site_that_cannot_be_reached_fails_as_such_not_as_robots(make_fetcher):
    fetcher, _ = make_fetcher(max_retries=0)
    with fake_site() as gone:
        url = gone.url("/a")
    # `gone` is shut: nothing listens on its port any more.
    with pytest.raises(FetchFailed) as failed:
        fetcher.fetch(url, "recipe")

    assert failed.value.code == "fetch_failed"


def test_a_longer_crawl_delay_slows_the_hosts_pace(site, make_fetcher):
    site.page("/robots.txt", "User-agent: *\nCrawl-delay: 1\nAllow: /\n")
    site.page("/a", HTML)
    site.page("/b", HTML)
    fetcher, _ = make_fetcher(host_interval=0.05)

    fetcher.fetch(site.url("/a"), "product")
    fetcher.fetch(site.url("/b"), "product")

    (a,), (b,) = site.requests("/a"), site.requests("/b")
    assert b.at - a.at >= 0.95


def test_a_site_slower_than_the_timeout_fails_as_a_timeout(site, make_fetcher):
    site.page("/robots.txt", "User-agent: *\nAllow: /\n")
    site.serve("/slow", Reply(body=HTML, delay=1.5))
    fetcher, _ = make_fetcher(timeout=0.5, max_retries=1, backoff=0.05)

    started = time.monotonic()
    with pytest.raises(FetchFailed) as slow:
        fetcher.fetch(site.url("/slow"), "recipe")

    assert slow.value.code == "fetch_timeout" and len(site.requests("/slow")) == 2
    assert time.monotonic() - started < 3


def test_without_a_contact_url_the_agent_says_so_instead_of_inventing_one():
    from zerowaste.infrastructure.scrapers.fetcher import FetchPolicy

    assert FetchPolicy(contact_url="").user_agent == (
        "Mozilla/5.0 (compatible; ZeroWasteBot/1.0; contact URL not configured)"
    )
    assert "+https://x.example/bot)" in FetchPolicy(contact_url="https://x.example/bot").user_agent
