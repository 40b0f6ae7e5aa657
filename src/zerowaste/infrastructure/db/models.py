"""Import every table module so Base.metadata is complete (Alembic, tests)."""

from __future__ import annotations


def import_all_models() -> None:
    from zerowaste.infrastructure.db import (  # noqa: F401
        accounts,
        admin,
        ai_usage,
        household_joins,
        households,
        idempotency,
        intake,
        jobs,
        market,
        market_offers,
        plan_history,
        recipe_history,
        recipes,
        recognition,
        recommendations,
        reference,
        reference_images,
        savings,
        screening,
        search,
        shopping,
        uploads,
    )
    from zerowaste.infrastructure.db.inventory import tables  # noqa: F401
    from zerowaste.infrastructure.db.meal_plans import tables as meal_plan_tables  # noqa: F401
    from zerowaste.infrastructure.db.notifications import tables as notification_tables  # noqa: F401
