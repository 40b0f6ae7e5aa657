"""Recognition on a real worker: the local provider's OCR needs tesseract with Spanish and
English data, checked by the same fixture as the local provider's own tests (skip locally,
fail under ZW_REQUIRE_SERVICES=1)."""

from __future__ import annotations

from tests.integration.ai.local.conftest import tesseract

__all__ = ["tesseract"]
