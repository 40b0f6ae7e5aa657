"""The local provider over the real data pack and the real tesseract binary.

OCR tests need tesseract with Spanish and English data: they skip with the reason when it is
absent, and fail under ZW_REQUIRE_SERVICES=1 (CI installs it, see .ci/run).
"""

from __future__ import annotations

import pytesseract
import pytest

from tests.conftest import data_pack_dir, service_missing
from zerowaste.infrastructure.ai.local.vision import LocalVisionRecognizer
from zerowaste.infrastructure.reference.catalog import DataPackCatalog


@pytest.fixture(scope="session")
def catalog() -> DataPackCatalog:
    found = DataPackCatalog.from_data_dir(data_pack_dir())
    found.preload()
    return found


@pytest.fixture(scope="session")
def recognizer(catalog: DataPackCatalog) -> LocalVisionRecognizer:
    return LocalVisionRecognizer(catalog)


@pytest.fixture
def tesseract() -> None:
    """Skip (or fail under ZW_REQUIRE_SERVICES=1) unless tesseract reads Spanish and English."""
    try:
        languages = set(pytesseract.get_languages(config=""))
    except (pytesseract.TesseractNotFoundError, OSError) as exc:
        service_missing("tesseract", exc)
        return
    missing = {"spa", "eng"} - languages
    if missing:
        service_missing("tesseract language data", LookupError(", ".join(sorted(missing))))
