"""Shelf prices compared by zone and chain, and the trend between dated windows."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from zerowaste.domain.market.places import matching_chain, matching_zones
from zerowaste.domain.market.prices import PricePoint, chain, grouped, stats, trend, window_of
from zerowaste.domain.prices import parse_presentation, unit_price
from zerowaste.domain.shared.errors import InvalidInput

pytestmark = pytest.mark.unit


def point(store, day, price, chain_name="Soriana", city="Querétaro", basis="kg"):
    return PricePoint(
        ingredient_id="tomato",
        product="Jitomate",
        presentation="1 Kg. Granel",
        brand="S/M",
        chain=chain_name,
        store=store,
        store_name=store,
        state="Querétaro" if city == "Querétaro" else "Ciudad de México",
        city=city,
        day=day,
        price_mxn=Decimal(price),
        basis=basis,
        unit_price_mxn=Decimal(price),
    )


def test_fortnights_are_the_1st_to_15th_and_16th_to_the_last_day():
    assert window_of(date(2026, 4, 15)) == (date(2026, 4, 1), date(2026, 4, 15))
    assert window_of(date(2026, 4, 16)) == (date(2026, 4, 16), date(2026, 4, 30))
    assert window_of(date(2024, 2, 20)) == (date(2024, 2, 16), date(2024, 2, 29))


def test_a_pack_price_is_normalised_per_kg_litre_or_piece():
    assert unit_price(Decimal("25"), parse_presentation("Bolsa 500 Gr.")) == Decimal("50")
    six = parse_presentation("Canasta con 6 Botellas de 355 Ml.")
    assert six.basis == "l" and unit_price(Decimal("42.60"), six) == Decimal("20")
    eggs = parse_presentation("Paquete C/12 Blanco")
    assert eggs.basis == "unit" and unit_price(Decimal("36"), eggs) == Decimal("3")


def test_stats_are_the_median_of_store_medians_with_the_range_seen():
    points = [
        point("a", date(2026, 4, 1), "10"),
        point("a", date(2026, 4, 2), "10"),
        point("a", date(2026, 4, 3), "10"),
        point("b", date(2026, 4, 1), "30"),
    ]

    found = stats(points)

    # a store seen three times weighs as much as one seen once: median(10, 30) = 20
    assert found.median_mxn == Decimal("20.00") and found.stores == 2
    assert (found.min_mxn, found.max_mxn, found.observations) == (Decimal("10"), Decimal("30"), 4)


def test_groups_by_chain_are_cheapest_first():
    points = [point("a", date(2026, 4, 1), "30", "Walmart"), point("b", date(2026, 4, 1), "20")]

    assert [g.key for g in grouped(points, chain)] == [("Soriana",), ("Walmart",)]


def test_trend_states_change_same_store_change_and_spread_between_windows():
    points = [
        point("a", date(2025, 12, 20), "10"),
        point("b", date(2025, 12, 21), "20"),
        point("a", date(2026, 4, 5), "12"),
        point("a", date(2026, 5, 3), "11"),
        point("c", date(2026, 5, 3), "30"),
    ]

    found = trend(points)

    assert [(w.start, w.stats.median_mxn) for w in found.windows] == [
        (date(2025, 12, 16), Decimal("15.00")),
        (date(2026, 4, 1), Decimal("12.00")),
        (date(2026, 5, 1), Decimal("20.50")),
    ]
    assert found.change_mxn == Decimal("5.50") and found.change_pct == Decimal("36.7")
    assert found.same_stores == 1 and found.same_store_change_pct == Decimal("10.0")
    assert found.spread_mxn == Decimal("8.50") and found.spread_pct == Decimal("70.8")
    assert found.direction == "rose" and found.span_days == 151
    assert found.seasonal_model is False


def test_one_window_has_no_change_and_small_moves_are_stable():
    one = trend([point("a", date(2026, 4, 1), "10")])
    flat = trend([point("a", date(2026, 4, 1), "100"), point("a", date(2026, 4, 20), "96")])

    assert one.change_mxn is None and one.direction == "single_window" and one.spread_mxn == 0
    assert flat.change_pct == Decimal("-4.0") and flat.direction == "stable"
    assert trend([]) is None


def test_a_location_names_a_state_or_city_folded_and_cdmx_is_an_alias():
    zones = [("Ciudad de México", "Venustiano Carranza"), ("Querétaro", "Santiago de Querétaro")]

    assert matching_zones("cdmx", zones) == [zones[0]]
    assert matching_zones("  QUERETARO ", zones) == [zones[1]]
    assert matching_zones("venustiano carranza", zones) == [zones[0]]
    with pytest.raises(InvalidInput) as refused:
        matching_zones("Monterrey", zones)
    assert refused.value.code == "unknown_location"


def test_a_chain_is_found_in_the_datas_spelling_or_refused():
    assert matching_chain("wal-mart", ["Chedraui", "Wal-mart"]) == "Wal-mart"
    with pytest.raises(InvalidInput):
        matching_chain("Costco", ["Chedraui"])
