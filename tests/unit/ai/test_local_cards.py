"""LocalImageGenerator: real PNG cards, deterministic, one look per subject, text that draws."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageDraw, ImageFont

from tests.conftest import data_pack_dir
from zerowaste.application.ports.ai import AiContext, ImageSubject
from zerowaste.infrastructure.ai.local.cards import FONT_DIR, SIZE, LocalImageGenerator
from zerowaste.infrastructure.reference.catalog import DataPackCatalog

pytestmark = pytest.mark.unit

ES = AiContext(language="es")
NAME_BAND = (24, 312, SIZE - 24, 372)  # where a one-line name is drawn (see cards._name)
HAS_DEJAVU = (FONT_DIR / "DejaVuSans.ttf").is_file()


@pytest.fixture(scope="module")
def generator() -> LocalImageGenerator:
    return LocalImageGenerator(DataPackCatalog.from_data_dir(data_pack_dir()))


def decode(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def dark_pixels(image: Image.Image, box: tuple[int, int, int, int]) -> int:
    band = image.convert("L").crop(box)
    return sum(count for value, count in enumerate(band.histogram()) if value < 90)


def test_a_card_is_a_512px_png_with_its_usage(generator):
    answer = generator.render(ImageSubject("Jitomate", "ingredient", facts=("Ambiente",)), ES)
    image = decode(answer.data)
    assert (image.format, image.size, image.mode) == ("PNG", (SIZE, SIZE), "RGB")
    assert answer.content_type == "image/png"
    assert (answer.usage.provider, answer.usage.operation, answer.usage.images) == (
        "local",
        "render_image",
        1,
    )


def test_the_same_subject_gives_the_same_bytes(generator):
    subject = ImageSubject("Leche entera", "ingredient", facts=("Refrigerado", "7 días"))
    assert generator.render(subject, ES).data == generator.render(subject, ES).data


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (ImageSubject("Jitomate", "ingredient"), ImageSubject("Cebolla", "ingredient")),
        (ImageSubject("Flan", "food", category="Postre"), ImageSubject("Flan", "food")),
        (ImageSubject("Arroz", "ingredient"), ImageSubject("Arroz", "recipe")),
        (
            ImageSubject("Arroz", "ingredient", facts=("Ambiente",)),
            ImageSubject("Arroz", "ingredient", facts=("Ambiente", "2 Años")),
        ),
    ],
)
def test_different_subjects_give_different_images(generator, a, b):
    first, second = decode(generator.render(a, ES).data), decode(generator.render(b, ES).data)
    assert ImageChops.difference(first, second).getbbox() is not None


@pytest.mark.parametrize(
    ("subject", "family"),
    [
        (ImageSubject("Leche entera", "ingredient"), "dairy"),  # category from the catalog
        (ImageSubject("Espinaca", "ingredient"), "leafy"),  # a leafy vegetable
        (ImageSubject("Zanahoria", "ingredient"), "vegetable"),
        (ImageSubject("Salmón", "ingredient"), "fish"),
        (ImageSubject("Manzana", "ingredient", category="fruit"), "fruit"),
        (ImageSubject("Agua de jamaica", "food", category="Bebida"), "drink"),
        (ImageSubject("Flan", "recipe", category="postre"), "dessert"),
        (ImageSubject("Tacos", "food", category="Plato principal"), "dish"),
        (ImageSubject("Cosa rara", "ingredient"), "pantry"),
        (ImageSubject("Cosa rara", "food"), "dish"),
    ],
)
def test_the_icon_family_follows_the_category(generator, subject, family):
    assert generator.family(subject) == family


@pytest.mark.parametrize("name", ["Piña", "Jalapeño", "Limón", "Ñame", "Plátano macho"])
def test_names_with_accents_draw_text(generator, name):
    card = decode(generator.render(ImageSubject(name, "ingredient"), ES).data)
    blank = decode(generator.render(ImageSubject(" ", "ingredient"), ES).data)
    assert dark_pixels(card, NAME_BAND) > 300
    assert dark_pixels(card, NAME_BAND) > dark_pixels(blank, NAME_BAND) + 300


@pytest.mark.skipif(not HAS_DEJAVU, reason="DejaVu fonts not installed (fonts-dejavu-core)")
def test_the_card_font_has_real_glyphs_for_spanish_letters():
    font = ImageFont.truetype(str(FONT_DIR / "DejaVuSans-Bold.ttf"), 40)

    def glyph(text: str) -> bytes:
        image = Image.new("L", (60, 60))
        ImageDraw.Draw(image).text((5, 5), text, font=font, fill=255)
        return image.tobytes()

    missing = glyph("\U000f0000")  # a private-use point: the font's "tofu" box
    for letter in "áéíóúñÑü¿¡":
        assert glyph(letter) != missing, letter


def test_without_dejavu_the_text_is_folded_instead_of_drawn_as_boxes(tmp_path: Path):
    generator = LocalImageGenerator(font_dir=tmp_path)  # no fonts there
    answer = generator.render(ImageSubject("Jalapeño", "ingredient", facts=("7 días",)), ES)
    card = decode(answer.data)
    assert card.size == (SIZE, SIZE)
    assert dark_pixels(card, NAME_BAND) > 300


def test_long_names_and_many_facts_stay_on_the_card(generator):
    subject = ImageSubject(
        "Enchiladas suizas con pollo, crema y queso gratinado al horno de la abuela Toña " * 3,
        "food",
        facts=("Refrigerado", "3 días", "450 kcal", "a fourth fact is not drawn"),
    )
    card = decode(generator.render(subject, ES).data)
    assert card.size == (SIZE, SIZE)
    # Nothing is drawn in the bottom margin: the text stopped before the edge.
    assert dark_pixels(card, (0, SIZE - 8, SIZE, SIZE)) == 0
