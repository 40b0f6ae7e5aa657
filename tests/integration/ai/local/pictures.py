"""Test pictures made with Pillow and python-barcode: receipts, barcodes, a photo with no text.

Synthetic and therefore easy: they prove the wiring and the rules, not accuracy on real photos.
"""

from __future__ import annotations

import io
import random
from pathlib import Path

import barcode
from barcode.writer import ImageWriter
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

MONO = Path("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf")


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    if MONO.is_file():
        return ImageFont.truetype(str(MONO), size)
    return ImageFont.load_default(size=size)  # ASCII only: keep receipt text unaccented


def receipt(lines: list[str], *, size: int = 24, line_height: int = 36) -> Image.Image:
    font = _font(size)
    image = Image.new(
        "L", (40 + 18 * max(len(line) for line in lines), 40 + line_height * len(lines)), 255
    )
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        draw.text((20, 20 + line_height * i), line, fill=0, font=font)
    return image


def photographed(image: Image.Image, seed: int = 3) -> Image.Image:
    """The receipt as a phone might see it: tilted on a table, uneven light, blur, noise, JPEG."""
    table = Image.new("L", (image.width + 300, image.height + 260), 90)
    tilted = image.rotate(2.5, expand=True, fillcolor=90, resample=Image.Resampling.BICUBIC)
    table.paste(tilted, (150, 120))
    gradient = Image.linear_gradient("L").resize(table.size).rotate(30)
    light = gradient.point(lambda v: 140 + v * 115 // 255)
    photo = ImageChops.multiply(table, light).filter(ImageFilter.GaussianBlur(1.2))
    photo = Image.blend(photo, noise(table.size, seed), 0.12)
    half = (table.width // 2, table.height // 2)
    small = photo.convert("RGB").resize(half, Image.Resampling.BILINEAR)
    return Image.open(io.BytesIO(encode(small, "JPEG", quality=70)))


def noise(size: tuple[int, int], seed: int) -> Image.Image:
    """Uniform grey noise from a seeded generator (Image.effect_noise is not reproducible)."""
    return Image.frombytes("L", size, random.Random(seed).randbytes(size[0] * size[1]))


def code(kind: str, digits: str) -> tuple[Image.Image, str]:
    """A barcode picture and its full code (python-barcode appends the check digit)."""
    symbol = barcode.get(kind, digits, writer=ImageWriter())
    buffer = io.BytesIO()
    symbol.write(buffer)
    buffer.seek(0)
    return Image.open(buffer), symbol.get_fullcode()


def photo_without_text(seed: int = 7, size: tuple[int, int] = (640, 480)) -> Image.Image:
    """A gradient, noise and overlapping shapes: the kind of pixels a food photo has, no text."""
    rng = random.Random(seed)
    base = Image.merge(
        "RGB",
        (
            Image.linear_gradient("L").rotate(90).resize(size),
            Image.linear_gradient("L").resize(size),
            Image.new("L", size, 140),
        ),
    )
    draw = ImageDraw.Draw(base)
    for _ in range(14):
        x, y = rng.randint(0, size[0]), rng.randint(0, size[1])
        w, h = rng.randint(30, 180), rng.randint(30, 180)
        fill = (rng.randint(0, 255), rng.randint(0, 255), rng.randint(0, 255))
        shape = draw.ellipse if rng.random() < 0.6 else draw.rectangle
        shape((x, y, x + w, y + h), fill=fill)
    grain = noise(size, seed).convert("RGB")
    return Image.blend(base.filter(ImageFilter.GaussianBlur(2)), grain, 0.2)


def encode(image: Image.Image, fmt: str = "PNG", **options: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **options)
    return buffer.getvalue()
