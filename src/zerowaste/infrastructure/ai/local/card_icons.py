"""Flat icons for the local image cards, drawn with Pillow primitives (no image assets).

One family per kind of food: leafy greens, vegetables, fruit, dairy, meat, fish, eggs, grains,
drinks, dishes, desserts and a pantry jar for the rest. Each icon is drawn centred on (cx, cy)
within radius r, in the family's palette, on the card's 2x canvas (the card is drawn at twice
its size and shrunk, which gives the shapes smooth edges).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from PIL import ImageDraw

Point = tuple[float, float]
Rgb = tuple[int, int, int]


@dataclass(frozen=True)
class Palette:
    top: Rgb  # background gradient, top
    bottom: Rgb  # background gradient, bottom
    main: Rgb  # the icon's main colour
    second: Rgb  # leaves, stems, details


def _hex(value: str) -> Rgb:
    return (int(value[1:3], 16), int(value[3:5], 16), int(value[5:7], 16))


def _palette(top: str, bottom: str, main: str, second: str) -> Palette:
    return Palette(_hex(top), _hex(bottom), _hex(main), _hex(second))


PALETTES: dict[str, Palette] = {
    "leafy": _palette("#e9f7ef", "#a9dfbf", "#2e8b57", "#1e5631"),
    "vegetable": _palette("#fff1e0", "#ffc48a", "#f57c00", "#2e7d32"),
    "fruit": _palette("#ffecef", "#ffb3c1", "#d62839", "#2e7d32"),
    "dairy": _palette("#eaf4ff", "#a9cff5", "#1c7ed6", "#f8f9fa"),
    "meat": _palette("#fff0ec", "#f5b7a8", "#b5452f", "#fdf6e3"),
    "fish": _palette("#e6fbfd", "#99e0ea", "#0b7285", "#f8f9fa"),
    "egg": _palette("#fffbe6", "#ffe58f", "#f7f1e3", "#f59f00"),
    "grain": _palette("#fff6e6", "#f6d199", "#c98a1b", "#8a5a0b"),
    "drink": _palette("#f0ebff", "#c5b3fb", "#6741d9", "#e03131"),
    "dish": _palette("#fff8e1", "#ffd97a", "#e8590c", "#2f9e44"),
    "dessert": _palette("#fbeefe", "#e7a9f2", "#c2255c", "#f8c4d8"),
    "pantry": _palette("#f4f5f7", "#ccd2d9", "#6c757d", "#c0392b"),
}
WHITE: Rgb = (255, 255, 255)
OUTLINE: Rgb = (60, 60, 60)


def lens(cx: float, cy: float, length: float, width: float, angle: float) -> list[Point]:
    """A leaf/grain shape: pointed at both ends, `width` across, turned by `angle` degrees."""
    a = math.radians(angle)
    cos, sin = math.cos(a), math.sin(a)
    half = []
    for i in range(17):
        s = i / 16
        half.append(((s - 0.5) * length, math.sin(math.pi * s) * width / 2))
    outline = half + [(x, -y) for x, y in reversed(half)]
    return [(cx + x * cos - y * sin, cy + x * sin + y * cos) for x, y in outline]


def _leafy(d: ImageDraw.ImageDraw, cx: float, cy: float, r: float, p: Palette) -> None:
    for dx, angle, scale in ((-0.25, -60, 0.95), (0.3, -120, 0.8), (0.0, -90, 1.1)):
        x, y = cx + dx * r, cy + 0.1 * r
        d.polygon(lens(x, y - 0.45 * r * scale, 1.1 * r * scale, 0.5 * r * scale, angle), p.main)
        d.line([(x, y + 0.55 * r), (x, y - 0.95 * r * scale)], fill=p.second, width=int(r / 18))


def _vegetable(d: ImageDraw.ImageDraw, cx: float, cy: float, r: float, p: Palette) -> None:
    tip = (cx + 0.55 * r, cy + 0.7 * r)
    d.polygon([(cx - 0.7 * r, cy - 0.35 * r), (cx - 0.25 * r, cy - 0.75 * r), tip], p.main)
    for k in (0.3, 0.5, 0.7):
        x = cx - 0.5 * r + k * 0.9 * r
        y = cy - 0.55 * r + k * 1.1 * r
        d.line([(x - 0.12 * r, y - 0.02 * r), (x + 0.05 * r, y + 0.1 * r)], fill=WHITE, width=4)
    for angle in (-150, -120, -95):
        d.polygon(lens(cx - 0.62 * r, cy - 0.78 * r, 0.6 * r, 0.22 * r, angle), p.second)


def _fruit(d: ImageDraw.ImageDraw, cx: float, cy: float, r: float, p: Palette) -> None:
    for dx in (-0.28, 0.28):
        d.ellipse(
            (cx + dx * r - 0.55 * r, cy - 0.5 * r, cx + dx * r + 0.55 * r, cy + 0.7 * r), p.main
        )
    d.line(
        [(cx, cy - 0.45 * r), (cx + 0.1 * r, cy - 0.85 * r)], fill=(110, 70, 40), width=int(r / 9)
    )
    d.polygon(lens(cx + 0.35 * r, cy - 0.72 * r, 0.55 * r, 0.25 * r, -20), p.second)
    d.ellipse((cx - 0.55 * r, cy - 0.3 * r, cx - 0.3 * r, cy + 0.05 * r), (255, 190, 200))


def _dairy(d: ImageDraw.ImageDraw, cx: float, cy: float, r: float, p: Palette) -> None:
    left, right, top, bottom = cx - 0.45 * r, cx + 0.45 * r, cy - 0.35 * r, cy + 0.85 * r
    d.rectangle((left, top, right, bottom), p.second, outline=p.main, width=int(r / 20))
    d.polygon([(left, top), (cx, cy - 0.8 * r), (right, top)], p.main)
    d.rectangle((cx - 0.12 * r, cy - 0.95 * r, cx + 0.12 * r, cy - 0.72 * r), p.main)
    d.rectangle((left, cy + 0.05 * r, right, cy + 0.45 * r), p.main)
    d.ellipse((cx - 0.15 * r, cy + 0.12 * r, cx + 0.15 * r, cy + 0.38 * r), WHITE)


def _meat(d: ImageDraw.ImageDraw, cx: float, cy: float, r: float, p: Palette) -> None:
    bone = [(cx + 0.1 * r, cy + 0.1 * r), (cx + 0.65 * r, cy + 0.65 * r)]
    d.line(bone, (150, 130, 110), int(r / 5) + 8)
    for dx, dy in ((0.62, 0.8), (0.8, 0.62)):
        x, y = cx + dx * r, cy + dy * r
        d.ellipse(
            (x - 0.14 * r, y - 0.14 * r, x + 0.14 * r, y + 0.14 * r), p.second, (150, 130, 110), 4
        )
    d.line(bone, p.second, int(r / 5))
    d.polygon(lens(cx - 0.15 * r, cy - 0.15 * r, 1.4 * r, 0.95 * r, 45), p.main)
    d.polygon(lens(cx - 0.3 * r, cy - 0.3 * r, 0.55 * r, 0.2 * r, 45), (215, 110, 90))


def _fish(d: ImageDraw.ImageDraw, cx: float, cy: float, r: float, p: Palette) -> None:
    d.polygon(
        [(cx + 0.45 * r, cy), (cx + 0.95 * r, cy - 0.45 * r), (cx + 0.95 * r, cy + 0.45 * r)],
        p.main,
    )
    d.polygon(lens(cx - 0.15 * r, cy, 1.45 * r, 0.8 * r, 0), p.main)
    d.polygon(lens(cx - 0.05 * r, cy - 0.35 * r, 0.5 * r, 0.2 * r, 20), p.second)
    d.ellipse((cx - 0.62 * r, cy - 0.15 * r, cx - 0.45 * r, cy + 0.02 * r), p.second)
    d.arc((cx - 0.45 * r, cy - 0.3 * r, cx - 0.1 * r, cy + 0.3 * r), -60, 60, p.second, 5)


def _egg(d: ImageDraw.ImageDraw, cx: float, cy: float, r: float, p: Palette) -> None:
    d.ellipse((cx - 0.75 * r, cy - 0.55 * r, cx + 0.05 * r, cy + 0.6 * r), p.main, OUTLINE, 3)
    d.ellipse((cx - 0.15 * r, cy - 0.35 * r, cx + 0.8 * r, cy + 0.75 * r), WHITE, OUTLINE, 3)
    d.ellipse((cx + 0.1 * r, cy - 0.05 * r, cx + 0.55 * r, cy + 0.4 * r), p.second)


def _grain(d: ImageDraw.ImageDraw, cx: float, cy: float, r: float, p: Palette) -> None:
    for dx, tilt in ((-0.35, -8), (0.0, 0), (0.35, 8)):
        x = cx + dx * r
        d.line([(x, cy + 0.9 * r), (x + tilt, cy - 0.2 * r)], fill=p.second, width=int(r / 20))
        for k in range(4):
            y = cy - 0.25 * r - k * 0.2 * r
            d.polygon(lens(x + tilt - 0.09 * r, y, 0.3 * r, 0.13 * r, -60), p.main)
            d.polygon(lens(x + tilt + 0.09 * r, y, 0.3 * r, 0.13 * r, -120), p.main)
        d.polygon(lens(x + tilt, cy - 1.0 * r, 0.3 * r, 0.13 * r, 90), p.main)


def _drink(d: ImageDraw.ImageDraw, cx: float, cy: float, r: float, p: Palette) -> None:
    top, bottom = cy - 0.7 * r, cy + 0.8 * r
    d.line([(cx + 0.1 * r, top + 0.3 * r), (cx + 0.45 * r, cy - 1.0 * r)], p.second, int(r / 12))
    d.polygon(
        [
            (cx - 0.55 * r, top),
            (cx + 0.55 * r, top),
            (cx + 0.4 * r, bottom),
            (cx - 0.4 * r, bottom),
        ],
        WHITE,
    )
    d.polygon(
        [
            (cx - 0.5 * r, cy - 0.25 * r),
            (cx + 0.5 * r, cy - 0.25 * r),
            (cx + 0.4 * r, bottom),
            (cx - 0.4 * r, bottom),
        ],
        p.main,
    )
    d.line(
        [
            (cx - 0.55 * r, top),
            (cx - 0.4 * r, bottom),
            (cx + 0.4 * r, bottom),
            (cx + 0.55 * r, top),
        ],
        OUTLINE,
        4,
    )
    for bx, by in ((-0.2, 0.1), (0.1, 0.35), (0.15, -0.05)):
        x, y = cx + bx * r, cy + by * r
        d.ellipse((x - 0.06 * r, y - 0.06 * r, x + 0.06 * r, y + 0.06 * r), WHITE)


def _dish(d: ImageDraw.ImageDraw, cx: float, cy: float, r: float, p: Palette) -> None:
    d.ellipse((cx - 0.8 * r, cy - 0.8 * r, cx + 0.8 * r, cy + 0.8 * r), WHITE, OUTLINE, 3)
    d.ellipse((cx - 0.6 * r, cy - 0.6 * r, cx + 0.6 * r, cy + 0.6 * r), (245, 245, 240), OUTLINE, 2)
    for (dx, dy, size), colour in zip(
        ((-0.2, 0.05, 0.28), (0.18, -0.1, 0.25), (0.1, 0.22, 0.2)),
        (p.main, p.second, (250, 200, 60)),
        strict=True,
    ):
        x, y = cx + dx * r, cy + dy * r
        d.ellipse((x - size * r, y - size * r, x + size * r, y + size * r), colour)
    d.line([(cx - 0.95 * r, cy - 0.6 * r), (cx - 0.95 * r, cy + 0.7 * r)], OUTLINE, int(r / 14))
    d.rounded_rectangle((cx + 0.88 * r, cy - 0.65 * r, cx + 1.0 * r, cy + 0.7 * r), 8, OUTLINE)


def _dessert(d: ImageDraw.ImageDraw, cx: float, cy: float, r: float, p: Palette) -> None:
    d.polygon(
        [
            (cx - 0.6 * r, cy),
            (cx + 0.6 * r, cy),
            (cx + 0.42 * r, cy + 0.8 * r),
            (cx - 0.42 * r, cy + 0.8 * r),
        ],
        p.main,
    )
    for k in (-0.3, 0.0, 0.3):
        d.line([(cx + k * r, cy + 0.05 * r), (cx + k * 0.75 * r, cy + 0.75 * r)], WHITE, 4)
    for dx, dy, size in ((-0.35, -0.1, 0.3), (0.35, -0.1, 0.3), (0.0, -0.35, 0.38)):
        x, y = cx + dx * r, cy + dy * r
        d.ellipse((x - size * r, y - size * r, x + size * r, y + size * r), p.second)
    d.ellipse((cx - 0.13 * r, cy - 0.95 * r, cx + 0.13 * r, cy - 0.69 * r), (200, 20, 40))


def _pantry(d: ImageDraw.ImageDraw, cx: float, cy: float, r: float, p: Palette) -> None:
    d.rounded_rectangle(
        (cx - 0.55 * r, cy - 0.5 * r, cx + 0.55 * r, cy + 0.85 * r),
        int(r / 5),
        (235, 240, 245),
        OUTLINE,
        4,
    )
    d.rounded_rectangle(
        (cx - 0.62 * r, cy - 0.82 * r, cx + 0.62 * r, cy - 0.5 * r), int(r / 12), p.second
    )
    d.rectangle((cx - 0.55 * r, cy - 0.05 * r, cx + 0.55 * r, cy + 0.45 * r), p.main)
    d.line([(cx - 0.3 * r, cy + 0.2 * r), (cx + 0.3 * r, cy + 0.2 * r)], WHITE, int(r / 16))


Icon = Callable[[ImageDraw.ImageDraw, float, float, float, Palette], None]
ICONS: dict[str, Icon] = {
    "leafy": _leafy,
    "vegetable": _vegetable,
    "fruit": _fruit,
    "dairy": _dairy,
    "meat": _meat,
    "fish": _fish,
    "egg": _egg,
    "grain": _grain,
    "drink": _drink,
    "dish": _dish,
    "dessert": _dessert,
    "pantry": _pantry,
}
