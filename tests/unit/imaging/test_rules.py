"""Image service rules: output formats, quality, sizes, renditions and variant keys."""

from __future__ import annotations

import pytest

from zerowaste.domain.images import is_valid_key, readable_by
from zerowaste.domain.imaging import rules
from zerowaste.domain.imaging.variants import (
    is_variant_name,
    variant_folder,
    variant_key,
    variant_specs,
)
from zerowaste.domain.shared.errors import InvalidInput

pytestmark = pytest.mark.unit
UPLOAD = "uploads/u1/food/0123456789abcdef0123456789abcdef.jpg"


@pytest.mark.parametrize(
    ("given", "source", "expected"),
    [
        ("jpg", None, "jpeg"),
        ("JPEG", None, "jpeg"),
        (" webp ", "png", "webp"),
        ("avif", "jpeg", "avif"),
        ("image/png", None, "png"),
        (None, "jpeg", "jpeg"),
        ("", "webp", "webp"),
        (None, "gif", "png"),  # GIF is read, never written
    ],
)
def test_the_output_format_is_the_clients_or_the_sources(given, source, expected):
    assert rules.output_format(given, source) == expected


@pytest.mark.parametrize("given", ["gif", "bmp", "tiff", "svg", "../x"])
def test_unknown_output_formats_are_refused_with_the_allowed_ones(given):
    with pytest.raises(InvalidInput) as caught:
        rules.output_format(given)
    assert caught.value.code == "invalid_format"
    assert caught.value.details == {"allowed": ["webp", "avif", "jpeg", "png"]}


def test_quality_defaults_per_format_and_must_be_1_to_100():
    assert rules.quality_for("avif", None) == 60
    assert rules.quality_for("webp", None) == 80
    assert rules.quality_for("jpeg", 1) == 1 and rules.quality_for("jpeg", 100) == 100
    for bad in (0, 101, -5):
        with pytest.raises(InvalidInput, match="between 1 and 100"):
            rules.quality_for("jpeg", bad)


def test_resize_specs_are_distinct_sizes_largest_first_with_names_by_size():
    specs = rules.resize_specs([256, 1024, 256, 512], "webp", None)

    assert [(s.name, s.max_side, s.quality) for s in specs] == [
        ("w1024.webp", 1024, 80),
        ("w512.webp", 512, 80),
        ("w256.webp", 256, 80),
    ]
    assert specs[0].content_type == "image/webp"
    assert rules.resize_specs([300], "jpeg", 70)[0].name == "w300.jpg"


@pytest.mark.parametrize(
    ("sizes", "code"),
    [
        ([], "invalid_size"),
        ([8], "invalid_size"),
        ([5000], "invalid_size"),
        ([16, 32, 64, 128, 256, 512, 1024], "too_many_sizes"),
    ],
)
def test_resize_refuses_bad_or_too_many_sizes(sizes, code):
    with pytest.raises(InvalidInput) as caught:
        rules.resize_specs(sizes, "png", None)
    assert caught.value.code == code


def test_fitting_keeps_the_aspect_ratio_and_never_enlarges():
    assert rules.fitted(4000, 3000, 1024) == (1024, 768)
    assert rules.fitted(3000, 4000, 256) == (192, 256)
    assert rules.fitted(100, 50, 1024) == (100, 50)
    assert rules.fitted(10000, 1, 100) == (100, 1)  # never 0 px


def test_variants_are_full_size_and_three_thumbnails_in_each_format_largest_first():
    specs = variant_specs(("webp", "avif"))

    assert [s.name for s in specs] == [
        "full.webp",
        "full.avif",
        "thumb_1024.webp",
        "thumb_1024.avif",
        "thumb_512.webp",
        "thumb_512.avif",
        "thumb_256.webp",
        "thumb_256.avif",
    ]
    assert [s.name for s in variant_specs(("webp",))][-1] == "thumb_256.webp"
    assert all(is_variant_name(s.name) for s in specs)


@pytest.mark.parametrize(
    "name",
    ["thumb_300.webp", "thumb_256.png", "full.jpg", "../thumb_256.webp", "thumb_256.webp/x", ""],
)
def test_only_the_names_of_real_variants_are_variant_names(name):
    assert not is_variant_name(name)


def test_variants_live_in_a_folder_beside_their_source_readable_only_by_its_owner():
    key = variant_key(UPLOAD, "thumb_256.webp")

    assert variant_folder(UPLOAD) == "uploads/u1/food/0123456789abcdef0123456789abcdef/"
    assert key == "uploads/u1/food/0123456789abcdef0123456789abcdef/thumb_256.webp"
    assert is_valid_key(key)
    assert readable_by("u1", key) and not readable_by("u2", key)
    reference = variant_key("reference/ingredient/abc/image.png", "full.avif")
    assert reference == "reference/ingredient/abc/image/full.avif" and is_valid_key(reference)
