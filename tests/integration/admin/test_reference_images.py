"""Reference image rows on SQLite and MariaDB: read back as stored (microseconds, UTC),
filtered and paged in SQL, relabelled, deleted, and kept when their uploader's account goes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from tests.conftest import make_settings
from tests.factories import add_user
from zerowaste.application.admin.reference_images import ReferenceFilter
from zerowaste.domain.accounts.users import User
from zerowaste.domain.admin.reference_images import ReferenceImage
from zerowaste.infrastructure.db.session import make_engine
from zerowaste.infrastructure.db.uow import UnitOfWorkFactory

pytestmark = pytest.mark.integration
NOW = datetime(2026, 11, 30, 12, 0, 0, 123456, tzinfo=UTC)


def image(n: int, label: str, category: str, image_type: str = "ingredient") -> ReferenceImage:
    at = NOW + timedelta(minutes=n)
    return ReferenceImage(
        f"{n:032x}", label, category, image_type, f"reference/{image_type}/{n}/image.png",
        "image/png", 64, 48, 900, "admin", at, at,
    )  # fmt: skip


@pytest.fixture
def uows(tmp_path: Any, db_url: str) -> Iterator[UnitOfWorkFactory]:
    engine = make_engine(make_settings(tmp_path, database_url=db_url))
    factory = UnitOfWorkFactory(engine)
    with factory() as uow:
        add_user(uow, User("admin", "a@example.com", None, "local", NOW, NOW))
        for n, (label, category, kind) in enumerate(
            [("Tomate", "verduras", "ingredient"), ("Pollo_asado", "carnes", "food"),
             ("Jitomate", "verduras", "ingredient")]
        ):  # fmt: skip
            uow.reference_images.add(image(n, label, category, kind))
        uow.commit()
    yield factory
    engine.dispose()


def test_rows_read_back_as_stored_and_filter_in_sql(uows: UnitOfWorkFactory) -> None:
    with uows.read() as uow:
        repo = uow.reference_images
        assert repo.get(f"{0:032x}") == image(0, "Tomate", "verduras")
        found, total = repo.page(ReferenceFilter(category="Verduras"), 10, 0)
        assert (total, [i.label for i in found]) == (2, ["Jitomate", "Tomate"])
        assert repo.page(ReferenceFilter(label="TOMATE"), 10, 0)[1] == 2
        assert repo.page(ReferenceFilter(label="o_a"), 10, 0)[1] == 1  # `_` taken literally
        assert repo.page(ReferenceFilter(image_type="food"), 10, 0)[1] == 1
        page, total = repo.page(ReferenceFilter(), 1, 1)
        assert (total, [i.label for i in page]) == (3, ["Pollo_asado"])


def test_relabel_delete_and_the_uploader_leaving(uows: UnitOfWorkFactory) -> None:
    with uows() as uow:
        uow.reference_images.relabel(f"{0:032x}", "Tomate cherry", "frutas", NOW)
        uow.reference_images.delete(f"{1:032x}")
        uow.users.delete("admin")
        uow.commit()
    with uows.read() as uow:
        kept = uow.reference_images.get(f"{0:032x}")
        assert kept is not None
        assert (kept.label, kept.category, kept.created_by) == ("Tomate cherry", "frutas", None)
        assert uow.reference_images.get(f"{1:032x}") is None
