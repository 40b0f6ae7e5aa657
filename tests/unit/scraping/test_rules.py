"""The scraping domain: which URLs and addresses are allowed, Retry-After and backoff, and
how an offer's unit price is found."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from zerowaste.domain.scraping.offers import OfferDraft, make_offer, read_availability, read_price
from zerowaste.domain.scraping.politeness import backoff_seconds, retry_after_seconds
from zerowaste.domain.scraping.urls import UrlRefused, address_allowed, check_url

pytestmark = pytest.mark.unit

NOW = datetime(2026, 11, 30, 12, tzinfo=UTC)


def test_an_http_url_gives_its_host_port_and_origin():
    target = check_url("  https://Cooking.Example.com/soup?x=1 ")

    assert (target.scheme, target.host, target.port) == ("https", "cooking.example.com", 443)
    assert target.origin == "https://cooking.example.com"
    assert check_url("http://a.example:8080/").origin == "http://a.example:8080"


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("", "url_invalid"),
        ("ftp://a.example/x", "url_invalid"),
        ("//a.example/x", "url_invalid"),
        ("http://", "url_invalid"),
        ("http://user@a.example/", "url_invalid"),
        ("http://user:pw@a.example/", "url_invalid"),
        ("http://a.example:99999/", "url_invalid"),
        ("http://a example/", "url_invalid"),
        ("http://10.1.1.1/", "url_private"),
        ("http://[fd00::1]/", "url_private"),
    ],
)
def test_bad_urls_are_refused_with_a_code(url, code):
    with pytest.raises(UrlRefused) as refused:
        check_url(url)

    assert refused.value.code == code


@pytest.mark.parametrize(
    ("address", "allowed"),
    [
        ("93.184.216.34", True),
        ("2606:2800:220:1:248:1893:25c8:1946", True),
        ("127.0.0.1", False),
        ("::1", False),
        ("10.0.0.1", False),
        ("172.31.255.255", False),
        ("192.168.10.1", False),
        ("169.254.169.254", False),
        ("100.64.0.1", False),
        ("0.0.0.0", False),
        ("224.0.0.1", False),
        ("255.255.255.255", False),
        ("fe80::1", False),
        ("fc00::1", False),
        ("::ffff:127.0.0.1", False),
        ("::ffff:93.184.216.34", True),
        ("2002:0a00:0001::1", False),  # 6to4 of 10.0.0.1
        ("not-an-ip", False),
    ],
)
def test_only_public_addresses_are_allowed(address, allowed):
    assert address_allowed(address, allow_loopback=False) is allowed


def test_loopback_only_with_the_allowance_and_nothing_else_with_it():
    assert address_allowed("127.0.0.1", allow_loopback=True)
    assert address_allowed("::ffff:127.0.0.1", allow_loopback=True)
    assert not address_allowed("10.0.0.1", allow_loopback=True)


def test_retry_after_reads_seconds_and_dates_and_backoff_doubles_to_a_cap():
    assert retry_after_seconds("120", NOW) == 120
    assert retry_after_seconds("Mon, 30 Nov 2026 12:00:30 GMT", NOW) == 30
    assert retry_after_seconds("Mon, 30 Nov 2026 11:00:00 GMT", NOW) == 0
    assert retry_after_seconds("soon", NOW) is None and retry_after_seconds(None, NOW) is None
    assert [backoff_seconds(a, 1.0, 5.0) for a in range(5)] == [1, 2, 4, 5, 5]


def test_prices_and_availability_are_read_or_refused():
    assert read_price("1,234.50") == Decimal("1234.50") and read_price("35,90") == Decimal("35.90")
    assert read_price(35.9) == Decimal("35.9") and read_price("$ 12") == Decimal("12")
    assert read_price("0") is None and read_price("gratis") is None and read_price(True) is None
    assert read_availability("https://schema.org/InStock") == "in_stock"
    assert read_availability("OutOfStock") == "out_of_stock" and read_availability("") == "unknown"


def test_an_offer_without_a_readable_pack_keeps_no_unit_price_and_no_fake_discount():
    draft = OfferDraft(
        "Canasta surtida", "https://x.example/p", Decimal("99"), "mxn", Decimal("99")
    )

    offer = make_offer(draft, "HEB", None, NOW)

    assert offer.pack is None and offer.unit_price is None
    assert offer.regular_price is None and not offer.on_offer and offer.currency == "MXN"


def test_pieces_give_a_price_per_piece():
    draft = OfferDraft("Huevo blanco 12 pzas", "https://x.example/h", Decimal("42"), "MXN")

    offer = make_offer(draft, "Walmart", "egg", NOW)

    assert offer.pack is not None and offer.pack.basis == "unit"
    assert offer.unit_price == Decimal("3.5000")
