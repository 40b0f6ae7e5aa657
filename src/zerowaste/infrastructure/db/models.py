"""Import every table module so Base.metadata is complete (Alembic, tests)."""

from __future__ import annotations


def import_all_models() -> None:
    from zerowaste.infrastructure.db import (  # noqa: F401
        accounts,
        ai_usage,
        households,
        idempotency,
        intake,
        jobs,
        recipes,
        recognition,
        reference,
        savings,
        screening,
        uploads,
    )
    from zerowaste.infrastructure.db.inventory import tables  # noqa: F401
