from datetime import date

import pytest

from zerowaste.domain.inventory.expiry import (
    ExpiryEstimate,
    ExpiryStatus,
    InvalidExpiry,
    InvalidTimeUnit,
    ShelfLife,
    TimeUnit,
    add_duration,
    days_to_expire,
    estimate_expiry,
    expiry_status,
    normalize_time_unit,
    time_unit_label,
)
from zerowaste.domain.shared.errors import InvalidInput
from zerowaste.domain.shared.storage import (
    InvalidStoragePlace,
    StoragePlace,
    normalize_storage,
    storage_label,
)

pytestmark = pytest.mark.unit

FRIDGE, FREEZER, PANTRY = StoragePlace.FRIDGE, StoragePlace.FREEZER, StoragePlace.PANTRY
JAN_1 = date(2025, 1, 1)


@pytest.mark.parametrize(
    ("raw", "place"),
    [
        ("Refrigerado", FRIDGE), ("refrigerador", FRIDGE), ("refrigeradora", FRIDGE),
        ("refrigerated", FRIDGE), ("refrigerator", FRIDGE), ("fridge", FRIDGE),
        ("nevera", FRIDGE), ("heladera", FRIDGE), ("REFRIGERADO", FRIDGE),
        ("Refrigeración", FRIDGE), ("refrigerados", FRIDGE),
        ("Congelado", FREEZER), ("congelador", FREEZER), ("freezer", FREEZER),
        ("frozen", FREEZER), ("Congelación", FREEZER),
        ("Ambiente", PANTRY), ("despensa", PANTRY), ("pantry", PANTRY), ("dry", PANTRY),
        ("alacena", PANTRY), ("temperatura ambiente", PANTRY), ("Temperatura  Ambiente", PANTRY),
        ("room temperature", PANTRY), ("Room-Temperature", PANTRY), (" AMBIENTE ", PANTRY),
    ],
)  # fmt: skip
def test_storage_spellings_normalize_to_a_place(raw: str, place: StoragePlace) -> None:
    assert normalize_storage(raw) is place


def test_storage_places_have_stable_values() -> None:
    assert [p.value for p in StoragePlace] == ["pantry", "fridge", "freezer"]
    assert normalize_storage(StoragePlace.FREEZER) is FREEZER


@pytest.mark.parametrize("raw", ["", "garage", "cocina", "hot", "x" * 5000, None])
def test_unknown_storage_places_are_rejected(raw: str) -> None:
    with pytest.raises(InvalidStoragePlace) as caught:
        normalize_storage(raw)
    assert caught.value.code == "invalid_storage_place"
    assert isinstance(caught.value, InvalidInput)


def test_storage_labels_are_the_clients() -> None:
    assert [storage_label(p) for p in (FRIDGE, FREEZER, PANTRY)] == [
        "Refrigerado",
        "Congelado",
        "Ambiente",
    ]
    assert storage_label("nevera", language="en") == "Refrigerated"


def test_days_to_expire_counts_from_today_not_from_the_added_date() -> None:
    added, expires, today = date(2025, 1, 1), date(2025, 1, 16), date(2025, 1, 11)
    assert days_to_expire(expires, today) == 5
    assert days_to_expire(expires, added) == 15
    assert days_to_expire(expires, date(2025, 1, 18)) == -2


@pytest.mark.parametrize(
    ("expires", "soon_days", "status"),
    [
        (date(2025, 1, 9), 3, ExpiryStatus.EXPIRED),
        (date(2025, 1, 10), 3, ExpiryStatus.EXPIRING),
        (date(2025, 1, 13), 3, ExpiryStatus.EXPIRING),
        (date(2025, 1, 14), 3, ExpiryStatus.FRESH),
        (date(2025, 1, 10), 0, ExpiryStatus.EXPIRING),
        (date(2025, 1, 11), 0, ExpiryStatus.FRESH),
        (date(2025, 1, 17), 7, ExpiryStatus.EXPIRING),
    ],
)
def test_expiry_status_against_today(expires: date, soon_days: int, status: ExpiryStatus) -> None:
    assert expiry_status(expires, date(2025, 1, 10), soon_days) is status


def test_a_negative_soon_window_is_rejected() -> None:
    with pytest.raises(InvalidInput):
        expiry_status(JAN_1, JAN_1, -1)


@pytest.mark.parametrize(
    ("raw", "unit"),
    [
        ("Días", TimeUnit.DAYS), ("Dias", TimeUnit.DAYS), ("día", TimeUnit.DAYS),
        ("dia", TimeUnit.DAYS), ("d", TimeUnit.DAYS), ("days", TimeUnit.DAYS),
        ("day", TimeUnit.DAYS), ("DÍAS", TimeUnit.DAYS),
        ("Semanas", TimeUnit.WEEKS), ("semana", TimeUnit.WEEKS), ("weeks", TimeUnit.WEEKS),
        ("week", TimeUnit.WEEKS), ("w", TimeUnit.WEEKS),
        ("Meses", TimeUnit.MONTHS), ("mes", TimeUnit.MONTHS), ("months", TimeUnit.MONTHS),
        ("month", TimeUnit.MONTHS),
        ("Años", TimeUnit.YEARS), ("Anos", TimeUnit.YEARS), ("año", TimeUnit.YEARS),
        ("year", TimeUnit.YEARS), ("years", TimeUnit.YEARS), ("y", TimeUnit.YEARS),
    ],
)  # fmt: skip
def test_time_unit_spellings_normalize(raw: str, unit: TimeUnit) -> None:
    assert normalize_time_unit(raw) is unit


@pytest.mark.parametrize("raw", ["hours", "horas", "", "fortnight", "minutes", "m", None])
def test_unknown_time_units_are_rejected_instead_of_becoming_days(raw: str) -> None:
    with pytest.raises(InvalidTimeUnit) as caught:
        normalize_time_unit(raw)
    assert caught.value.code == "invalid_time_unit"


def test_time_unit_labels_are_the_clients() -> None:
    assert [time_unit_label(u) for u in TimeUnit] == ["Días", "Semanas", "Meses", "Años"]
    assert time_unit_label("semanas", language="en") == "Weeks"


@pytest.mark.parametrize(
    ("start", "amount", "unit", "expected"),
    [
        (date(2025, 1, 1), 10, TimeUnit.DAYS, date(2025, 1, 11)),
        (date(2025, 1, 1), 2, TimeUnit.WEEKS, date(2025, 1, 15)),
        (date(2024, 1, 31), 1, TimeUnit.MONTHS, date(2024, 2, 29)),
        (date(2023, 1, 31), 1, TimeUnit.MONTHS, date(2023, 2, 28)),
        (date(2025, 3, 31), 1, TimeUnit.MONTHS, date(2025, 4, 30)),
        (date(2024, 12, 31), 2, TimeUnit.MONTHS, date(2025, 2, 28)),
        (date(2025, 5, 15), 13, TimeUnit.MONTHS, date(2026, 6, 15)),
        (date(2024, 2, 29), 1, TimeUnit.YEARS, date(2025, 2, 28)),
        (date(2024, 2, 29), 4, TimeUnit.YEARS, date(2028, 2, 29)),
    ],
)
def test_add_duration_uses_calendar_months_and_clamps_the_day(
    start: date, amount: int, unit: TimeUnit, expected: date
) -> None:
    assert add_duration(start, amount, unit) == expected


def test_add_duration_past_the_calendar_is_an_invalid_expiry() -> None:
    with pytest.raises(InvalidExpiry):
        add_duration(date(9999, 12, 1), 1, TimeUnit.MONTHS)


def test_an_explicit_date_wins_over_every_other_rule() -> None:
    estimate = estimate_expiry(
        JAN_1,
        storage=FRIDGE,
        expires_on=date(2025, 1, 5),
        expiration_time=3,
        time_unit="Semanas",
        shelf_life=ShelfLife(fridge_days=(30, 60)),
    )
    assert estimate == ExpiryEstimate(date(2025, 1, 5), "explicit", None)


@pytest.mark.parametrize("expires", [JAN_1, date(2035, 1, 1)])
def test_explicit_dates_from_the_added_day_to_ten_calendar_years_are_accepted(
    expires: date,
) -> None:
    assert estimate_expiry(JAN_1, storage=PANTRY, expires_on=expires).expires_on == expires


@pytest.mark.parametrize("expires", [date(2024, 12, 31), date(2035, 1, 2)])
def test_explicit_dates_before_adding_or_over_ten_years_out_are_rejected(expires: date) -> None:
    with pytest.raises(InvalidExpiry) as caught:
        estimate_expiry(JAN_1, storage=PANTRY, expires_on=expires)
    assert caught.value.code == "invalid_expiry"


def test_a_declared_duration_wins_over_shelf_life() -> None:
    estimate = estimate_expiry(
        JAN_1,
        storage=FRIDGE,
        expiration_time=2,
        time_unit="Semanas",
        shelf_life=ShelfLife(fridge_days=(30, 60)),
    )
    assert estimate == ExpiryEstimate(date(2025, 1, 15), "declared", None)


@pytest.mark.parametrize(
    ("amount", "unit", "expected"),
    [
        (5, "Días", date(2025, 1, 6)),
        (1, "months", date(2025, 2, 1)),
        (3, "weeks", date(2025, 1, 22)),
        (1, "Años", date(2026, 1, 1)),
        (4, None, date(2025, 1, 5)),
        (3650, "días", date(2034, 12, 30)),
        (10, "years", date(2035, 1, 1)),
    ],
)
def test_declared_durations_in_spanish_or_english(
    amount: int, unit: str | None, expected: date
) -> None:
    estimate = estimate_expiry(JAN_1, storage=PANTRY, expiration_time=amount, time_unit=unit)
    assert estimate.expires_on == expected
    assert estimate.source == "declared"


@pytest.mark.parametrize(
    ("amount", "unit"),
    [(0, "días"), (-1, "días"), (3651, "días"), (522, "semanas"), (122, "meses"), (11, "años"),
     (True, "días"), (2.5, "semanas")],
)  # fmt: skip
def test_declared_durations_must_be_positive_whole_and_at_most_ten_years(
    amount: int, unit: str
) -> None:
    with pytest.raises(InvalidExpiry):
        estimate_expiry(JAN_1, storage=PANTRY, expiration_time=amount, time_unit=unit)


def test_a_declared_duration_with_an_unknown_unit_is_rejected() -> None:
    with pytest.raises(InvalidTimeUnit):
        estimate_expiry(JAN_1, storage=PANTRY, expiration_time=3, time_unit="horas")


def test_shelf_life_uses_the_minimum_for_the_storage_place() -> None:
    life = ShelfLife(pantry_days=(1, 2), fridge_days=(5, 7), freezer_days=(90, 120))
    assert estimate_expiry(JAN_1, storage=FRIDGE, shelf_life=life) == ExpiryEstimate(
        date(2025, 1, 6), "shelf_life", 5
    )
    assert estimate_expiry(JAN_1, storage=FREEZER, shelf_life=life).shelf_life_days == 90


@pytest.mark.parametrize(
    ("life", "storage", "days", "source"),
    [
        # a warmer place's figure is a lower bound for colder storage: used as is
        (ShelfLife(fridge_days=(3, 5)), FREEZER, 3, "shelf_life"),
        (ShelfLife(pantry_days=(30, 60)), FRIDGE, 30, "shelf_life"),
        (ShelfLife(pantry_days=(10, 20), fridge_days=(4, 6)), FREEZER, 4, "shelf_life"),
        (ShelfLife(pantry_days=(10, 20), freezer_days=(90, 90)), FRIDGE, 10, "shelf_life"),
        # a colder place's figure may only shorten the default, never lengthen it
        (ShelfLife(fridge_days=(1, 2), freezer_days=(90, 120)), PANTRY, 1, "shelf_life"),
        (ShelfLife(freezer_days=(90, 120)), FRIDGE, 7, "default"),
        (ShelfLife(fridge_days=(10, 14)), PANTRY, 7, "default"),
        # no figure at all, and a same-day (hours) figure
        (ShelfLife(), FRIDGE, 7, "default"),
        (ShelfLife(fridge_days=(0, 1)), FRIDGE, 0, "shelf_life"),
    ],
)
def test_shelf_life_fallback_when_the_place_has_no_figure(
    life: ShelfLife, storage: StoragePlace, days: int, source: str
) -> None:
    estimate = estimate_expiry(JAN_1, storage=storage, shelf_life=life)
    assert (estimate.shelf_life_days, estimate.source) == (days, source)
    assert days_to_expire(estimate.expires_on, JAN_1) == days


def test_default_is_seven_days_for_ingredients_and_three_for_foods() -> None:
    assert estimate_expiry(JAN_1, storage=PANTRY) == ExpiryEstimate(date(2025, 1, 8), "default", 7)
    food = estimate_expiry(JAN_1, storage=FRIDGE, kind="food")
    assert food == ExpiryEstimate(date(2025, 1, 4), "default", 3)


def test_a_foods_colder_figure_only_counts_below_its_three_day_default() -> None:
    life = ShelfLife(fridge_days=(3, 4))
    assert estimate_expiry(JAN_1, storage=PANTRY, kind="food", shelf_life=life).source == "default"
    shorter = ShelfLife(fridge_days=(2, 4))
    estimate = estimate_expiry(JAN_1, storage=PANTRY, kind="food", shelf_life=shorter)
    assert estimate.shelf_life_days == 2


def test_an_unknown_item_kind_is_rejected() -> None:
    with pytest.raises(InvalidInput):
        estimate_expiry(JAN_1, storage=PANTRY, kind="drink")  # type: ignore[arg-type]


@pytest.mark.parametrize("days", [(5, 3), (-1, 2)])
def test_shelf_life_ranges_must_be_ordered_and_non_negative(days: tuple[int, int]) -> None:
    with pytest.raises(ValueError):
        ShelfLife(fridge_days=days)
