"""What a key under reference/ says about a picture placed there by hand (sync_images)."""

from __future__ import annotations

import pytest

from zerowaste.domain.admin.reference_images import FoundReference, reference_from_key
from zerowaste.domain.images import IMAGE_TYPES, REFERENCE_PREFIX

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("key", "found"),
    [
        ("reference/ingredient/tomate.jpg", FoundReference("ingredient", "", "tomate")),
        (
            "reference/ingredient/Verduras/chile_poblano-rojo.PNG",
            FoundReference("ingredient", "verduras", "chile poblano rojo"),
        ),
        ("reference/food/a/b/lomo_saltado.webp", FoundReference("food", "b", "lomo saltado")),
        ("reference/Tortillas.jpeg", FoundReference("default", "", "Tortillas")),
        ("reference/bebidas/agua.gif", FoundReference("default", "bebidas", "agua")),
    ],
)
def test_type_category_and_label_come_from_the_key(key: str, found: FoundReference) -> None:
    assert reference_from_key(key, REFERENCE_PREFIX, IMAGE_TYPES) == found


@pytest.mark.parametrize(
    "key",
    [
        "reference/ingredient/notes.txt",
        "reference/ingredient/README",
        "reference/ingredient/___.jpg",
        "uploads/u1/food/tomate.jpg",
        "reference/ingredient/tomate.svg",
    ],
)
def test_keys_that_are_no_picture_or_outside_the_prefix_are_none(key: str) -> None:
    assert reference_from_key(key, REFERENCE_PREFIX, IMAGE_TYPES) is None


def test_a_long_file_name_is_cut_to_the_label_limit() -> None:
    found = reference_from_key("reference/" + "a" * 120 + ".jpg", "reference/", IMAGE_TYPES)
    assert found is not None and found.label == "a" * 120
