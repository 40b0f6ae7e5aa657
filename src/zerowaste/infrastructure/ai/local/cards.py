"""LocalImageGenerator: a picture card for an ingredient, dish or recipe, drawn with Pillow.

The local engine cannot paint a tomato, so it draws an honest card instead: a pastel gradient
and a flat icon for the food's family (leafy, vegetable, fruit, dairy, meat, fish, egg,
grain, drink, dish, dessert, pantry), the name (wrapped, up to three lines, shrinking to fit)
and up to three short facts. Choices:

- The family comes from the subject's category: the ingredient master's ("vegetable",
  "beverage"...), the contract's dish categories ("Postre", "Bebida"...) or recipe categories
  ("desayuno", "postre"...); an ingredient without one is looked up in the catalog; a leafy
  name ("lechuga", "spinach") turns a vegetable into leafy greens.
- Deterministic: the same subject gives the same bytes (no clock, no global random state; the
  background's soft circles are placed by a generator seeded from the subject's SHA-256), so
  a cache or an ETag can rely on it, and different names get different backgrounds.
- Drawn at twice the size and shrunk with Lanczos: smooth edges without antialiasing support
  in ImageDraw's polygons.
- Fonts: DejaVu Sans (`fonts-dejavu-core`, covers accents and ñ). Without it, Pillow's built-in
  font, which has no accented glyphs: the text is then folded to ASCII ("Jalapeno") rather
  than drawn as empty boxes.
"""

from __future__ import annotations

import hashlib
import io
import random
import unicodedata
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from zerowaste.application.ports.ai import AiContext, AiUsage, GeneratedImage, ImageSubject
from zerowaste.application.ports.reference import ReferenceCatalog
from zerowaste.infrastructure.ai.local.card_icons import ICONS, PALETTES, Palette
from zerowaste.infrastructure.reference.text import fold

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
SIZE = 512
SCALE = 2  # drawn at 2x, then shrunk
INK = (33, 37, 41)
MAX_NAME_LINES = 3
MAX_FACTS = 3
Font = ImageFont.FreeTypeFont | ImageFont.ImageFont

FAMILY_BY_CATEGORY = {
    "vegetable": "vegetable",
    "herb": "leafy",
    "fruit": "fruit",
    "dairy": "dairy",
    "meat": "meat",
    "fish": "fish",
    "shellfish": "fish",
    "egg": "egg",
    "grain": "grain",
    "legume": "grain",
    "nut": "grain",
    "seed": "grain",
    "beverage": "drink",
    "bebida": "drink",
    "drink": "drink",
    "sugar": "dessert",
    "sweet": "dessert",
    "postre": "dessert",
    "dessert": "dessert",
    "entrada": "dish",
    "plato principal": "dish",
    "desayuno": "dish",
    "almuerzo": "dish",
    "cena": "dish",
    "breakfast": "dish",
    "lunch": "dish",
    "dinner": "dish",
    "main": "dish",
    "starter": "dish",
}
LEAFY_WORDS = frozenset(
    (
        *("lechuga", "espinaca", "acelga", "col", "repollo", "kale", "berro", "arugula"),
        *("rucula", "cilantro", "perejil", "hierbabuena", "albahaca", "lettuce", "spinach"),
        *("chard", "cabbage", "watercress", "parsley", "basil", "mint"),
    )
)
KIND_LABELS = {
    "es": {"ingredient": "INGREDIENTE", "food": "PLATO", "recipe": "RECETA"},
    "en": {"ingredient": "INGREDIENT", "food": "DISH", "recipe": "RECIPE"},
}
FOOD_LABELS = {  # a prepared food that is a drink or a dessert says so
    "es": {"drink": "BEBIDA", "dessert": "POSTRE"},
    "en": {"drink": "DRINK", "dessert": "DESSERT"},
}


class LocalImageGenerator:
    """Implements zerowaste.application.ports.ai.ImageGenerator."""

    provider = "local"

    def __init__(
        self, catalog: ReferenceCatalog | None = None, *, font_dir: Path | None = FONT_DIR
    ) -> None:
        self._catalog = catalog
        self._fonts = _Fonts(font_dir)

    def render(self, subject: ImageSubject, context: AiContext) -> GeneratedImage:
        family = self.family(subject)
        palette = PALETTES[family]
        seed = hashlib.sha256(f"{subject.kind}|{subject.name}|{family}".encode()).digest()
        canvas = _background(palette, random.Random(seed))
        draw = ImageDraw.Draw(canvas)
        _badge(canvas, draw, family, palette)
        self._label(draw, self._kind_label(subject, family, context))
        bottom = self._name(draw, subject.name)
        self._facts(draw, subject.facts, bottom)
        card = canvas.resize((SIZE, SIZE), Image.Resampling.LANCZOS)
        buffer = io.BytesIO()
        card.save(buffer, "PNG", optimize=True)
        usage = AiUsage(provider="local", model="pillow-card", operation="render_image", images=1)
        return GeneratedImage(data=buffer.getvalue(), content_type="image/png", usage=usage)

    def family(self, subject: ImageSubject) -> str:
        """The icon family for a subject (see the module docstring)."""
        category = fold(subject.category)
        if not category and subject.kind == "ingredient" and self._catalog is not None:
            found = self._catalog.match(subject.name)
            category = found.category if found else ""
        default = "pantry" if subject.kind == "ingredient" else "dish"
        family = FAMILY_BY_CATEGORY.get(category, default)
        if family == "vegetable" and LEAFY_WORDS.intersection(fold(subject.name).split()):
            return "leafy"
        return family

    def _kind_label(self, subject: ImageSubject, family: str, context: AiContext) -> str:
        language = "en" if context.language.casefold().startswith("en") else "es"
        if subject.kind == "food" and family in FOOD_LABELS[language]:
            return FOOD_LABELS[language][family]
        return KIND_LABELS[language].get(subject.kind, subject.kind.upper())[:20]

    def _label(self, draw: ImageDraw.ImageDraw, label: str) -> None:
        text = self._fonts.text(label)
        font = self._fonts.get(bold=True, size=26 * SCALE)
        left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
        x, y, pad = 28 * SCALE, 26 * SCALE, 10 * SCALE
        box = (x, y, x + right - left + 2 * pad, y + bottom - top + 2 * pad)
        draw.rounded_rectangle(box, radius=16 * SCALE, fill=(255, 255, 255))
        draw.text((x + pad - left, y + pad - top), text, font=font, fill=INK)

    def _name(self, draw: ImageDraw.ImageDraw, name: str) -> int:
        """Draws the name centred under the badge; returns the y where it ends."""
        text = self._fonts.text(" ".join(name.split()) or "?")
        width = (SIZE - 48) * SCALE
        for size in (44, 40, 36, 32, 28, 26):
            font = self._fonts.get(bold=True, size=size * SCALE)
            wrapped = _wrap(draw, text, font, width)
            if len(wrapped) <= MAX_NAME_LINES:
                break
        lines = wrapped[:MAX_NAME_LINES]
        if len(wrapped) > MAX_NAME_LINES:
            lines[-1] = _ellipsize(draw, lines[-1] + " ", font, width, self._fonts.ellipsis, True)
        y = 318 * SCALE
        step = round(size * 1.18) * SCALE
        for line in lines:
            line_width = draw.textlength(line, font=font)
            draw.text(((SIZE * SCALE - line_width) / 2, y), line, font=font, fill=INK)
            y += step
        return y

    def _facts(self, draw: ImageDraw.ImageDraw, facts: tuple[str, ...], top: int) -> None:
        font = self._fonts.get(bold=False, size=21 * SCALE)
        width = (SIZE - 64) * SCALE
        y = top + 8 * SCALE
        for fact in [f for f in facts if f.strip()][:MAX_FACTS]:
            text = self._fonts.text("• " + " ".join(fact.split()))
            line = _ellipsize(draw, text, font, width, self._fonts.ellipsis)
            line_width = draw.textlength(line, font=font)
            draw.text(((SIZE * SCALE - line_width) / 2, y), line, font=font, fill=INK)
            y += 30 * SCALE


class _Fonts:
    def __init__(self, font_dir: Path | None) -> None:
        self._dir = font_dir
        self._cache: dict[tuple[bool, int], Font] = {}
        self.unicode = font_dir is not None and (font_dir / "DejaVuSans.ttf").is_file()
        self.ellipsis = "…" if self.unicode else "..."

    def get(self, *, bold: bool, size: int) -> Font:
        key = (bold, size)
        if key not in self._cache:
            if self.unicode and self._dir is not None:
                name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
                path = self._dir / name
                if not path.is_file():
                    path = self._dir / "DejaVuSans.ttf"
                self._cache[key] = ImageFont.truetype(str(path), size)
            else:
                self._cache[key] = ImageFont.load_default(size=size)
        return self._cache[key]

    def text(self, text: str) -> str:
        """The text as the font can draw it: folded to ASCII when the font has no accents."""
        if self.unicode:
            return text
        decomposed = unicodedata.normalize("NFKD", text.replace("…", "...").replace("•", "-"))
        return "".join(ch for ch in decomposed if ord(ch) < 128 and not unicodedata.combining(ch))


def _background(palette: Palette, rng: random.Random) -> Image.Image:
    side = SIZE * SCALE
    mask = Image.linear_gradient("L").resize((side, side))
    top = Image.new("RGB", (side, side), palette.top)
    bottom = Image.new("RGB", (side, side), palette.bottom)
    canvas = Image.composite(bottom, top, mask)
    overlay = Image.new("RGBA", (side, side), (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    for _ in range(14):
        radius = rng.randint(20, 120) * SCALE // 2
        x, y = rng.randint(0, side), rng.randint(0, side)
        alpha = rng.randint(28, 70)
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), (*palette.main, alpha))
    return Image.alpha_composite(canvas.convert("RGBA"), overlay).convert("RGB")


def _badge(canvas: Image.Image, draw: ImageDraw.ImageDraw, family: str, palette: Palette) -> None:
    cx, cy, radius = SIZE * SCALE // 2, 178 * SCALE, 118 * SCALE
    shadow = 6 * SCALE
    draw.ellipse(
        (cx - radius, cy - radius + shadow, cx + radius, cy + radius + shadow), fill=palette.bottom
    )
    draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), fill=(255, 255, 255))
    ICONS[family](draw, cx, cy, radius * 0.72, palette)


def _wrap(draw: ImageDraw.ImageDraw, text: str, font: Font, width: int) -> list[str]:
    """Greedy word wrap; a word wider than the line is cut where it overflows."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if draw.textlength(candidate, font=font) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        while draw.textlength(word, font=font) > width:
            cut = len(word) - 1
            while cut > 1 and draw.textlength(word[:cut], font=font) > width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    if current:
        lines.append(current)
    return lines


def _ellipsize(
    draw: ImageDraw.ImageDraw, text: str, font: Font, width: int, mark: str, cut: bool = False
) -> str:
    """`text` cut to fit `width` with `mark` at the end; `cut`: the text was already cut."""
    if not cut and draw.textlength(text, font=font) <= width:
        return text
    while text and draw.textlength(text.rstrip() + mark, font=font) > width:
        text = text[:-1]
    return text.rstrip() + mark
