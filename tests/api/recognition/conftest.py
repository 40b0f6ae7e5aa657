"""An app whose configured AI provider is a fake ("gemini") over fake local providers, so the
recognition routes are tested for what they do with findings, not for OCR quality (the local
provider has its own tests in tests/integration/ai/local)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pytest

from tests.api.conftest import bearer, signup
from tests.fakes.ai import FakeVision, fake_providers
from tests.images import picture
from zerowaste.domain.recognition.items import Findings

MANAGE_UPLOAD = "/api/image_management/upload_image"


class Ai:
    """What a test sets the fake providers to answer."""

    def __init__(self) -> None:
        self.vision = FakeVision(provider="gemini")
        self.local_vision = FakeVision(
            provider="local", findings=Findings(notes=("No text or barcode found",))
        )
        self.primary = fake_providers("gemini", vision=self.vision)
        self.local = fake_providers("local", vision=self.local_vision)


@pytest.fixture
def ai() -> Ai:
    return Ai()


@pytest.fixture
def app(settings: Any, ai: Ai) -> Iterator[Any]:
    from zerowaste.bootstrap import create_app

    application = create_app(settings, ai_primary=ai.primary, ai_local=ai.local)
    yield application
    application.extensions["zerowaste.engine"].dispose()


def upload(client: Any, headers: dict[str, str], name: str = "scan_1") -> str:
    """Upload a photo as the client does before recognising it; its image_path."""
    response = client.post(
        MANAGE_UPLOAD,
        data={"image": (io.BytesIO(picture()), "p.png"), "item_name": name},
        headers=headers,
        content_type="multipart/form-data",
    )
    assert response.status_code == 201, response.json
    return str(response.json["image"]["image_path"])


@pytest.fixture
def photo(client: Any, auth_headers: dict[str, str]) -> str:
    return upload(client, auth_headers)


@pytest.fixture
def second_user(client: Any) -> dict[str, str]:
    return bearer(signup(client)["access_token"])
