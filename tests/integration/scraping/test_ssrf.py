"""SSRF: the fetcher refuses loopback, private, link-local and reserved targets, after DNS
and before connecting; 127.0.0.1 only with the test-only allowance."""

from __future__ import annotations

import pytest

from zerowaste.domain.scraping.urls import UrlRefused

pytestmark = pytest.mark.integration

HTML = "<html><body>secret</body></html>"


def test_loopback_is_refused_without_the_test_allowance(site, make_fetcher):
    site.page("/robots.txt", "User-agent: *\nAllow: /\n")
    site.page("/a", HTML)
    fetcher, _ = make_fetcher(allow_loopback=False)

    for url in (site.url("/a"), f"http://localhost:{site.port}/a", f"http://[::1]:{site.port}/a"):
        with pytest.raises(UrlRefused) as refused:
            fetcher.fetch(url, "recipe")
        assert refused.value.code == "url_private", url
        with pytest.raises(UrlRefused):
            fetcher.check(url)
    assert site.seen == []  # nothing connected


@pytest.mark.parametrize(
    "url",
    [
        "http://10.0.0.5/",
        "http://192.168.1.1/",
        "http://172.16.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[fe80::1]/",
        "http://[::ffff:10.0.0.1]/",
        "http://0.0.0.0/",
        "http://100.64.0.1/",
        "http://240.0.0.1/",
    ],
)
def test_private_link_local_and_reserved_literals_are_refused(make_fetcher, url):
    fetcher, _ = make_fetcher(allow_loopback=True)

    with pytest.raises(UrlRefused) as refused:
        fetcher.fetch(url, "recipe")

    assert refused.value.code == "url_private"


def test_a_name_resolving_to_a_private_address_is_refused_before_connecting(make_fetcher):
    answers = {
        "intranet.test": ["10.1.2.3"],
        "mixed.test": ["93.184.216.34", "192.168.0.10"],
        "metadata.test": ["169.254.169.254"],
    }
    fetcher, _ = make_fetcher(allow_loopback=True, resolver=lambda host, _port: answers[host])

    for host in answers:
        with pytest.raises(UrlRefused) as refused:
            fetcher.check(f"https://{host}/recipe")
        assert refused.value.code == "url_private", host
        with pytest.raises(UrlRefused):
            fetcher.fetch(f"https://{host}/recipe", "recipe")


def test_a_name_that_does_not_resolve_is_refused(make_fetcher):
    def nowhere(host: str, port: int) -> list[str]:
        raise OSError("no such host")

    fetcher, _ = make_fetcher(resolver=nowhere)

    with pytest.raises(UrlRefused) as refused:
        fetcher.check("https://nowhere.test/")

    assert refused.value.code == "url_unresolvable"
