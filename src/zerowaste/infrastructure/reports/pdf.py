"""PDF reports with WeasyPrint from one Jinja2 template (templates/report.html, report.css).

DejaVu Sans is declared with @font-face from its TTF file (Debian's fonts-dejavu-core, which
the Dockerfile installs; free licence, see /usr/share/doc/fonts-dejavu-core/copyright), and
WeasyPrint embeds the subset it uses, so accents, ñ, dashes and ₂ print on any viewer. Pages
are numbered "n / total" at the bottom right; the sources of the figures shown sit in the
page footer. Pictures (charts, recipe photos) are embedded as data: URIs: the renderer never
fetches a URL.
"""

from __future__ import annotations

import base64
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from zerowaste.domain.reports import document as model
from zerowaste.domain.reports import labels

TEMPLATES = Path(__file__).with_name("templates")
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
IMAGE_TYPES = {"image/png", "image/jpeg", "image/webp"}


class WeasyPrintRenderer:
    """The reports' `ReportRenderer`."""

    def __init__(self, font_dir: Path = FONT_DIR) -> None:
        self._env = Environment(
            loader=FileSystemLoader(TEMPLATES),
            autoescape=select_autoescape(["html"]),
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self._env.filters["data_uri"] = _data_uri
        self._env.tests["kind"] = lambda block, name: type(block).__name__ == name
        self._font_dir = font_dir
        self._css = (TEMPLATES / "report.css").read_text(encoding="utf-8")

    def pdf(self, document: model.Document) -> bytes:
        # imported on first use: WeasyPrint loads Pango and takes a moment (web start-up)
        from PIL import ImageFile
        from weasyprint import CSS, HTML
        from weasyprint.text.fonts import FontConfiguration

        # Importing WeasyPrint turns Pillow's LOAD_TRUNCATED_IMAGES on for the whole process;
        # uploads and the image service refuse truncated files only while it stays off.
        ImageFile.LOAD_TRUNCATED_IMAGES = False

        words = {key: labels.text(document.lang, key) for key in ("ingredients", "steps")}
        html = self._env.get_template("report.html").render(doc=document, words=words)
        fonts = FontConfiguration()
        css = CSS(string=self._font_faces() + self._css, font_config=fonts)
        rendered = HTML(string=html, base_url=str(TEMPLATES)).write_pdf(
            stylesheets=[css], font_config=fonts
        )
        return bytes(rendered or b"")

    def _font_faces(self) -> str:
        faces = []
        for weight, name in (("normal", "DejaVuSans.ttf"), ("bold", "DejaVuSans-Bold.ttf")):
            url = (self._font_dir / name).as_uri()
            faces.append(
                f"@font-face {{ font-family: 'Report Sans'; font-weight: {weight}; "
                f"src: url('{url}'), local('DejaVu Sans'); }}"
            )
        return "\n".join(faces) + "\n"


def _data_uri(data: bytes, content_type: str = "image/png") -> str:
    kind = content_type if content_type in IMAGE_TYPES else "image/png"
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"
