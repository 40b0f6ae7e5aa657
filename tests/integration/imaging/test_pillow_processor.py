"""The Pillow image processor against hostile and awkward inputs; every output is decoded."""

from __future__ import annotations

import io
from typing import Any

import pytest
from PIL import Image, ImageCms, features

from tests.images import GPS_IFD, ORIENTATION, picture, png_with_declared_size
from zerowaste.domain.imaging.rules import RenditionSpec
from zerowaste.domain.imaging.variants import variant_specs
from zerowaste.domain.shared.errors import InvalidInput
from zerowaste.infrastructure.imaging.pillow import PillowImageProcessor

pytestmark = pytest.mark.integration
PROCESSOR = PillowImageProcessor()
AVIF = features.check("avif")
DECODE_NAMES = {"jpeg": "JPEG", "png": "PNG", "webp": "WEBP", "avif": "AVIF"}


def spec(fmt: str = "webp", side: int = 256, quality: int = 80) -> RenditionSpec:
    return RenditionSpec(f"out.{fmt}", side, fmt, quality)


def decoded(data: bytes, fmt: str) -> Image.Image:
    """The output opened by its own decoder (and fully loaded)."""
    image = Image.open(io.BytesIO(data), formats=[DECODE_NAMES[fmt]])
    image.load()
    return image


def frames(fmt: str, colours: list[tuple[int, int, int]], **save: Any) -> bytes:
    images = [Image.new("RGB", (40, 30), colour) for colour in colours]
    buffer = io.BytesIO()
    images[0].save(buffer, fmt, save_all=True, append_images=images[1:], duration=100, **save)
    return buffer.getvalue()


def encoded(image: Image.Image, fmt: str, **save: Any) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **save)
    return buffer.getvalue()


def rejected(data: bytes) -> str:
    with pytest.raises(InvalidInput) as caught:
        PROCESSOR.render(data, [spec()])
    return caught.value.code


@pytest.mark.parametrize("fmt", ["webp", "jpeg", "png", *(["avif"] if AVIF else [])])
def test_every_output_format_decodes_at_the_fitted_size(fmt):
    source = picture("JPEG", (800, 600))

    [out] = PROCESSOR.render(source, [spec(fmt, 200)])

    image = decoded(out.data, fmt)
    assert image.size == (out.width, out.height) == (200, 150)
    assert out.spec.content_type == f"image/{fmt}"


def test_avif_support_is_reported_as_pillow_has_it():
    assert PROCESSOR.supports("avif") is bool(AVIF)
    assert PROCESSOR.supports("webp") and PROCESSOR.supports("jpeg") and PROCESSOR.supports("png")
    assert not PROCESSOR.supports("gif")


def test_several_sizes_come_back_in_the_order_asked_and_are_never_enlarged():
    source = picture("PNG", (600, 300))

    outs = PROCESSOR.render(source, [spec("png", 100), spec("png", 1000), spec("png", 300)])

    assert [(o.width, o.height) for o in outs] == [(100, 50), (600, 300), (300, 150)]
    assert [decoded(o.data, "png").size for o in outs] == [(100, 50), (600, 300), (300, 150)]


def test_the_photo_is_turned_upright_and_exif_gps_and_text_are_stripped():
    exif = Image.Exif()
    exif[ORIENTATION] = 6
    exif.get_ifd(GPS_IFD)[2] = (12.0, 3.0, 4.0)
    source = picture("JPEG", (40, 20), exif=exif.tobytes(), comment=b"secret")
    assert PROCESSOR.inspect(source).has_exif

    for fmt in ("jpeg", "webp", "png"):
        [out] = PROCESSOR.render(source, [spec(fmt, 1000)])
        image = decoded(out.data, fmt)
        assert image.size == (20, 40), fmt
        assert dict(image.getexif()) == {}, fmt
        assert "comment" not in image.info and "exif" not in image.info, fmt
        assert not PROCESSOR.inspect(out.data).has_exif


def test_an_srgb_profile_is_kept_so_colours_stay_right():
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    source = picture("JPEG", (50, 50), icc_profile=icc)

    [out] = PROCESSOR.render(source, [spec("webp", 50)])

    assert decoded(out.data, "webp").info.get("icc_profile") == icc


def test_cmyk_jpegs_become_rgb():
    source = encoded(Image.new("CMYK", (60, 40), (0, 255, 255, 0)), "JPEG")  # pure red ink
    assert PROCESSOR.inspect(source).mode == "CMYK"

    for fmt in ("webp", "jpeg"):
        [out] = PROCESSOR.render(source, [spec(fmt, 60)])
        image = decoded(out.data, fmt).convert("RGB")
        red, green, blue = image.getpixel((30, 20))  # type: ignore[misc]
        assert red > 200 and green < 60 and blue < 60, (fmt, red, green, blue)


def test_palette_transparency_is_kept_in_webp_and_png_and_flattened_on_white_in_jpeg():
    palette = Image.new("P", (40, 40), 0)
    palette.putpalette([255, 0, 0, 0, 0, 255] + [0] * 762)
    palette.paste(1, (20, 0, 40, 40))
    source = encoded(palette, "PNG", transparency=0)  # left half transparent, right half blue
    assert PROCESSOR.inspect(source).has_alpha

    webp, png, jpeg = PROCESSOR.render(
        source, [spec("webp", 40), spec("png", 40), spec("jpeg", 40)]
    )

    assert decoded(webp.data, "webp").convert("RGBA").getpixel((5, 20))[3] == 0  # type: ignore[index]
    assert decoded(png.data, "png").convert("RGBA").getpixel((5, 20))[3] == 0  # type: ignore[index]
    flat = decoded(jpeg.data, "jpeg")
    assert flat.mode == "RGB"
    assert min(flat.getpixel((5, 20))) > 240  # type: ignore[arg-type]  # white, not black
    assert flat.getpixel((30, 20))[2] > 200  # type: ignore[index]


@pytest.mark.parametrize(
    ("mode", "colour"), [("LA", (128, 200)), ("I;16", 40000), ("1", 1), ("L", 90)]
)
def test_grey_alpha_16_bit_and_bilevel_modes_are_written(mode, colour):
    source = encoded(Image.new(mode, (30, 20), colour), "PNG")

    [out] = PROCESSOR.render(source, [spec("webp", 30)])

    assert decoded(out.data, "webp").size == (30, 20)


@pytest.mark.parametrize("fmt", ["GIF", "WEBP"])
def test_animated_images_give_their_first_frame(fmt):
    source = frames(fmt, [(255, 0, 0), (0, 255, 0), (0, 0, 255)])

    facts = PROCESSOR.inspect(source)
    [out] = PROCESSOR.render(source, [spec("png", 40)])

    assert facts.animated and facts.frames == 3
    first = decoded(out.data, "png").convert("RGB").getpixel((10, 10))
    assert first[0] > 200 and first[1] < 60  # type: ignore[index]


def test_a_decompression_bomb_is_refused_before_any_pixel_is_decoded():
    assert rejected(png_with_declared_size(30_000, 30_000)) == "image_too_large"
    with pytest.raises(InvalidInput) as caught:
        PROCESSOR.inspect(png_with_declared_size(65_535, 65_535))
    assert caught.value.code == "image_too_large"


def test_huge_dimensions_under_the_pixel_cap_but_over_a_cap_of_ours_are_refused():
    small_cap = PillowImageProcessor(max_pixels=1_000)

    with pytest.raises(InvalidInput) as caught:
        small_cap.render(picture("PNG", (100, 11)), [spec()])
    assert caught.value.code == "image_too_large"


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\x00" * 64,
        b"GIF89a" + b"\x00" * 10,  # right magic, nothing behind it
        b"\x89PNG\r\n\x1a\n" + b"garbage" * 20,
        b"%PDF-1.7\n" + b"x" * 100,  # wrong magic
        b"BM" + picture("BMP")[2:],  # a real BMP: not a decoder we allow
    ],
    ids=["zero-byte", "zeros", "gif-header-only", "png-garbage", "pdf", "bmp"],
)
def test_corrupt_and_foreign_files_are_invalid_images(data):
    assert rejected(data) == "invalid_image"


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_truncated_files_are_invalid_images(fmt):
    whole = picture(fmt, (300, 200), **({"quality": 95} if fmt != "PNG" else {}))

    assert rejected(whole[: len(whole) * 2 // 3]) == "invalid_image"


def test_a_png_with_a_bad_checksum_is_an_invalid_image():
    data = bytearray(picture("PNG", (50, 50)))
    data[40] ^= 0xFF  # inside the IDAT chunk: its CRC no longer matches

    assert rejected(bytes(data)) == "invalid_image"


def test_a_12_mp_photo_gets_every_variant_size_from_one_decode():
    photo = Image.effect_noise((4000, 3000), 40).convert("RGB")
    source = encoded(photo, "JPEG", quality=85)
    specs = variant_specs(("webp",))

    outs = PROCESSOR.render(source, specs)

    assert [(o.spec.name, o.width, o.height) for o in outs] == [
        ("full.webp", 2048, 1536),
        ("thumb_1024.webp", 1024, 768),
        ("thumb_512.webp", 512, 384),
        ("thumb_256.webp", 256, 192),
    ]
    assert all(decoded(o.data, "webp").size == (o.width, o.height) for o in outs)
