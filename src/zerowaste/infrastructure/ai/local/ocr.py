"""Tesseract OCR through pytesseract: lines of text with their confidence and box.

- One `image_to_data` call per image gives words with confidences and boxes; words are joined
  into lines by tesseract's own block/paragraph/line numbers.
- `--psm 4` (one column of text of variable sizes: a receipt, a label), not `--psm 6` (one
  uniform block): both read the test receipts and a label word for word, but psm 6 makes
  tesseract decode every texture of a photo without text as if it were a line (640x480
  photo, OMP_THREAD_LIMIT=1: 3.6 s with psm 6, 0.56 s with psm 4, which finds no text
  region and stops).
- Photos (already turned upright by the caller) are prepared first: grayscale, autocontrast
  (1 % cut), and scaled so the long side is 1000-2000 px (small photos are upscaled, 12 MP
  ones shrunk: tesseract time grows with pixels, and a receipt photographed whole keeps its
  text above tesseract's ~20 px sweet spot at 2000 px). Binarisation is left to tesseract's Otsu:
  its adaptive Sauvola method was 5-10x slower here and read fewer lines of a synthetic photo.
- pytesseract keeps the binary's path in a module global: `tesseract_cmd` given to the reader
  sets it for the whole process (the composition root builds one reader per process).
- OpenMP threads slow tesseract down on a small shared machine (550x600 receipt photo on
  2 cores: 1.25 s with OpenMP, 0.72 s with OMP_THREAD_LIMIT=1); the reader sets
  OMP_THREAD_LIMIT=1 unless the environment already chose a value.
Failures never raise: `OcrResult.unavailable` says why (no binary, no language data, timeout).
"""

from __future__ import annotations

import logging
import os
import threading
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import pytesseract
from PIL import Image, ImageOps

from zerowaste.domain.recognition.items import Box

log = logging.getLogger(__name__)

LANGUAGES = ("spa", "eng")
CONFIG = "--psm 4"
MIN_SIDE = 1000
MAX_SIDE = 2000
MIN_LINE_CONFIDENCE = 45  # mean word confidence (0-100) below which a line is texture, not text
TIMEOUT_SECONDS = 20


@dataclass(frozen=True)
class OcrLine:
    text: str
    confidence: float  # mean word confidence, 0..1
    box: Box  # in the pixels of the image as given


@dataclass(frozen=True)
class OcrResult:
    lines: tuple[OcrLine, ...] = ()
    unavailable: str | None = None  # why OCR could not run at all


@dataclass(frozen=True)
class _Engine:
    version: str
    languages: str  # "spa+eng", or the available subset


class TesseractReader:
    def __init__(self, tesseract_cmd: str | None = None, *, timeout: float = TIMEOUT_SECONDS):
        if tesseract_cmd:
            pytesseract.pytesseract.tesseract_cmd = tesseract_cmd
        os.environ.setdefault("OMP_THREAD_LIMIT", "1")
        self._timeout = timeout
        self._lock = threading.Lock()
        self._engines: dict[str, _Engine] = {}

    def version(self) -> str | None:
        """Tesseract's version ("5.3.0"), or None when the binary is not there."""
        engine = self._engine()
        return engine.version if isinstance(engine, _Engine) else None

    def _engine(self) -> _Engine | str:
        """The binary's version and usable languages (cached per binary), or why OCR is off."""
        cmd = str(pytesseract.pytesseract.tesseract_cmd)
        with self._lock:
            if cmd in self._engines:
                return self._engines[cmd]
        try:
            version = str(pytesseract.get_tesseract_version())
            installed = set(pytesseract.get_languages(config=""))
        except (pytesseract.TesseractNotFoundError, OSError) as exc:
            return f"tesseract not found ({cmd}): {exc.__class__.__name__}"
        except pytesseract.TesseractError as exc:
            return f"tesseract failed: {exc}"
        usable = [lang for lang in LANGUAGES if lang in installed]
        if not usable:
            return f"no language data for {'+'.join(LANGUAGES)} (install tesseract-ocr-spa/eng)"
        engine = _Engine(version, "+".join(usable))
        with self._lock:
            self._engines[cmd] = engine
        return engine

    def read(self, image: Image.Image) -> OcrResult:
        engine = self._engine()
        if isinstance(engine, str):
            return OcrResult(unavailable=engine)
        prepared, scale = prepare(image)
        try:
            data = pytesseract.image_to_data(
                prepared,
                lang=engine.languages,
                config=CONFIG,
                output_type=pytesseract.Output.DICT,
                timeout=self._timeout,
            )
        except (pytesseract.TesseractNotFoundError, OSError) as exc:
            return OcrResult(unavailable=f"tesseract not found: {exc.__class__.__name__}")
        except pytesseract.TesseractError as exc:
            return OcrResult(unavailable=f"tesseract failed: {exc}")
        except RuntimeError as exc:  # pytesseract's "Tesseract process timeout"
            log.warning("OCR gave up: %s", exc)
            return OcrResult(unavailable=f"tesseract timed out after {self._timeout:g} s")
        return OcrResult(lines=tuple(_lines(data, scale)))


def prepare(image: Image.Image) -> tuple[Image.Image, float]:
    """Grayscale, autocontrasted and scaled for tesseract; also the scale factor applied."""
    gray = ImageOps.grayscale(image)
    longest = max(gray.size)
    scale = 1.0
    if longest < MIN_SIDE:
        scale = MIN_SIDE / longest
    elif longest > MAX_SIDE:
        scale = MAX_SIDE / longest
    if scale != 1.0:
        size = (max(1, round(gray.width * scale)), max(1, round(gray.height * scale)))
        gray = gray.resize(size, Image.Resampling.LANCZOS)
    return ImageOps.autocontrast(gray, cutoff=1), scale


def _lines(data: dict[str, list[Any]], scale: float) -> list[OcrLine]:
    """Words grouped by tesseract's (block, paragraph, line). A line whose words average under
    45 is dropped whole: on photos without text tesseract reads "ee", "Lo", "pon" off textures
    at 0-40, while real lines average 60-96 (dropping single words instead would cut "2x" or a
    price out of a real line and change what it says)."""
    groups: dict[tuple[int, int, int], list[int]] = defaultdict(list)
    for i, word in enumerate(data["text"]):
        if str(word).strip():
            groups[(data["block_num"][i], data["par_num"][i], data["line_num"][i])].append(i)
    lines = []
    for key in sorted(groups):
        words = groups[key]
        confidence = sum(max(0.0, float(data["conf"][i])) for i in words) / len(words) / 100
        if confidence * 100 < MIN_LINE_CONFIDENCE:
            continue
        left = min(int(data["left"][i]) for i in words)
        top = min(int(data["top"][i]) for i in words)
        right = max(int(data["left"][i]) + int(data["width"][i]) for i in words)
        bottom = max(int(data["top"][i]) + int(data["height"][i]) for i in words)
        box = Box(*(round(v / scale) for v in (left, top, right, bottom)))
        text = " ".join(str(data["text"][i]).strip() for i in words)
        lines.append(OcrLine(text, round(confidence, 3), box))
    return lines
