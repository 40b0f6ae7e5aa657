"""Image formats: one table of extensions and content types for uploads and renditions."""

from __future__ import annotations

import pytest

from zerowaste.domain.images import SanitizedImage, content_type_of, upload_key
from zerowaste.domain.imaging.rules import OUTPUT_FORMATS, RenditionSpec

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("fmt", "extension", "content_type"),
    [
        ("jpeg", "jpg", "image/jpeg"),
        ("png", "png", "image/png"),
        ("webp", "webp", "image/webp"),
        ("avif", "avif", "image/avif"),
    ],
)
def test_a_rendition_is_named_and_served_as_its_format(fmt, extension, content_type):
    spec = RenditionSpec(f"out.{extension}", 256, fmt, 80)

    assert (spec.extension, spec.content_type) == (extension, content_type)
    assert content_type_of(f"uploads/u1/food/abc/out.{extension}") == content_type


@pytest.mark.parametrize("fmt", ["jpeg", "png", "webp"])
def test_a_stored_upload_and_a_rendition_of_one_format_agree(fmt):
    stored = SanitizedImage(b"", fmt, fmt, 1, 1)
    rendition = RenditionSpec("x", 16, fmt, 80)

    assert (stored.extension, stored.content_type) == (rendition.extension, rendition.content_type)
    assert upload_key("u1", "food", "abc", stored.extension).endswith(f".{rendition.extension}")


def test_every_output_format_has_an_extension_an_upload_key_accepts():
    for fmt in OUTPUT_FORMATS:
        upload_key("u1", "food", "abc", RenditionSpec("x", 16, fmt, 80).extension)
