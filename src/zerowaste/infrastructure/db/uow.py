"""SQLAlchemy unit of work: one session per service call, rolled back unless committed.

Every feature's repository is a typed attribute here (one line per feature), so mypy checks
each feature's unit-of-work port (`application/<feature>/ports.py`) against this adapter.

Sessions are opened on the engine Flask-SQLAlchemy created for the app (`db.engine`), never
from the request-scoped `db.session`: a service call is one transaction whether it runs in a
request, a Celery task or a test, and its boundary stays visible in the service.

Read replica (README "Read replica"): with DATABASE_REPLICA_URL the factory gets a second
engine and a `ReadRouter` (infrastructure/db/replica.py); `read()` opens its session on the
replica when the router allows it (a web request that has not written, whose household has not
written within the window, the replica answering and not lagging), else on the primary. A
writing unit of work tells the router, so the rest of the request reads the primary. A replica
read that cannot get a connection moves to the primary at once; one that loses its connection
mid-way sets the replica aside and raises ReplicaLost (the HTTP layer runs a GET again).
"""

from __future__ import annotations

from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING, Any, get_type_hints

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from zerowaste.application.ports.read_routing import ReplicaLost
from zerowaste.domain.shared.errors import TransientConflict, UpstreamUnavailable
from zerowaste.infrastructure.db.accounts import (
    SqlAlchemySessionRepository,
    SqlAlchemyUserRepository,
)
from zerowaste.infrastructure.db.admin import SqlAlchemyAdminRepository
from zerowaste.infrastructure.db.ai_usage import (
    SqlAlchemyAdviceLibrary,
    SqlAlchemyAiUsageRepository,
)
from zerowaste.infrastructure.db.analytics import SqlAlchemyAnalyticsQueries
from zerowaste.infrastructure.db.household_joins import SqlAlchemyJoinLog
from zerowaste.infrastructure.db.household_stock import SqlAlchemyStockTransfer
from zerowaste.infrastructure.db.households import (
    PROCESS_HINTS,
    SqlAlchemyHouseholdRepository,
    SqlAlchemyInvitationRepository,
)
from zerowaste.infrastructure.db.intake import (
    SqlAlchemyFoodLogRepository,
    SqlAlchemyNutritionProfileRepository,
)
from zerowaste.infrastructure.db.inventory.repository import SqlAlchemyInventoryRepository
from zerowaste.infrastructure.db.jobs import SqlAlchemyJobRepository
from zerowaste.infrastructure.db.lock_errors import is_lock_conflict
from zerowaste.infrastructure.db.meal_plans.repository import (
    SqlAlchemyMealPlanRepository,
    SqlAlchemySlotRepository,
)
from zerowaste.infrastructure.db.membership_hints import MembershipHints
from zerowaste.infrastructure.db.notifications.audience import SqlAlchemyAudience
from zerowaste.infrastructure.db.notifications.households import SqlAlchemyHouseholdReminders
from zerowaste.infrastructure.db.notifications.repository import (
    SqlAlchemyInbox,
    SqlAlchemyMarkers,
    SqlAlchemyPreferences,
    SqlAlchemyReminderSource,
    SqlAlchemySubscriptions,
)
from zerowaste.infrastructure.db.plan_history import SqlAlchemyPlanGenerations
from zerowaste.infrastructure.db.recipe_history import (
    SqlAlchemyCookHistory,
    SqlAlchemyGenerationLog,
)
from zerowaste.infrastructure.db.recipes import (
    SqlAlchemyFavoriteRepository,
    SqlAlchemyRecipeRepository,
)
from zerowaste.infrastructure.db.recognition import (
    SqlAlchemyBarcodeDirectory,
    SqlAlchemyNameCorrections,
    SqlAlchemyPictureRepository,
    SqlAlchemyRecognitionRepository,
)
from zerowaste.infrastructure.db.recommendations import (
    SqlAlchemyFeedback,
    SqlAlchemySignals,
    SqlAlchemyViews,
)
from zerowaste.infrastructure.db.reference_images import SqlAlchemyReferenceImages
from zerowaste.infrastructure.db.replica import ReadRouter
from zerowaste.infrastructure.db.savings import SqlAlchemySavingsRepository
from zerowaste.infrastructure.db.screening import (
    SqlAlchemyAuditLogRepository,
    SqlAlchemyScreeningRepository,
)
from zerowaste.infrastructure.db.session import WRITE_OPTION, make_session_factory
from zerowaste.infrastructure.db.shopping import SqlAlchemyShoppingLists
from zerowaste.infrastructure.db.trending import SqlAlchemyRecipeActivity


class SqlAlchemyUnitOfWork:
    """`with uow:` opens a session and transaction; leaving without commit() rolls back."""

    session: Session
    users: SqlAlchemyUserRepository
    sessions: SqlAlchemySessionRepository
    inventory: SqlAlchemyInventoryRepository
    households: SqlAlchemyHouseholdRepository
    invitations: SqlAlchemyInvitationRepository
    stock_transfer: SqlAlchemyStockTransfer
    household_joins: SqlAlchemyJoinLog
    ai_usage: SqlAlchemyAiUsageRepository
    advice: SqlAlchemyAdviceLibrary
    recognitions: SqlAlchemyRecognitionRepository
    barcodes: SqlAlchemyBarcodeDirectory
    corrections: SqlAlchemyNameCorrections
    pictures: SqlAlchemyPictureRepository
    jobs: SqlAlchemyJobRepository
    recipes: SqlAlchemyRecipeRepository
    favorites: SqlAlchemyFavoriteRepository
    cooks: SqlAlchemyCookHistory
    generations: SqlAlchemyGenerationLog
    savings: SqlAlchemySavingsRepository
    shopping_lists: SqlAlchemyShoppingLists
    plan_generations: SqlAlchemyPlanGenerations
    meal_slots: SqlAlchemySlotRepository
    meal_plans: SqlAlchemyMealPlanRepository
    nutrition_profiles: SqlAlchemyNutritionProfileRepository
    food_log: SqlAlchemyFoodLogRepository
    screenings: SqlAlchemyScreeningRepository
    audit_log: SqlAlchemyAuditLogRepository
    analytics: SqlAlchemyAnalyticsQueries
    admin: SqlAlchemyAdminRepository
    reference_images: SqlAlchemyReferenceImages
    push_subscriptions: SqlAlchemySubscriptions
    notification_preferences: SqlAlchemyPreferences
    notifications: SqlAlchemyInbox
    notification_markers: SqlAlchemyMarkers
    reminder_source: SqlAlchemyReminderSource
    household_reminders: SqlAlchemyHouseholdReminders
    recipe_activity: SqlAlchemyRecipeActivity
    notification_audience: SqlAlchemyAudience
    feedback: SqlAlchemyFeedback
    views: SqlAlchemyViews
    signals: SqlAlchemySignals

    def __init__(
        self,
        session_factory: sessionmaker[Session],
        *,
        write: bool,
        replica: ReplicaRead | None = None,
        hints: MembershipHints = PROCESS_HINTS,
    ) -> None:
        self._session_factory = session_factory
        self._write = write
        self._replica = replica  # set when this read runs on the replica
        self._hints = hints
        self._made: list[str] = []  # the repositories made in this `with`

    def __enter__(self) -> SqlAlchemyUnitOfWork:
        for name in self._made:  # a unit of work entered again starts with fresh repositories
            del self.__dict__[name]
        self._made.clear()
        self.session = self._session_factory()
        if self._write:
            self.session.connection(execution_options={WRITE_OPTION: True})
        elif self._replica is not None:
            self._connect_or_fall_back(self._replica)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        # close() rolls back whatever was not committed and hands the connection back to the
        # pool as already reset: one ROLLBACK round trip, where rollback() then close() made
        # the pool roll back a second time.
        self.session.close()
        if self._replica is not None and isinstance(exc, DBAPIError) and _is_connection_error(exc):
            self._replica.router.lost(exc)
            raise ReplicaLost() from exc
        if isinstance(exc, DBAPIError) and is_lock_conflict(exc):
            # The driver's message stays on the cause, for the log (retrying), not the response.
            raise TransientConflict("The database is busy; try again") from exc
        if isinstance(exc, OperationalError | DBAPIError) and _is_connection_error(exc):
            raise UpstreamUnavailable("The database is unavailable", code="database_unavailable")

    def _connect_or_fall_back(self, replica: ReplicaRead) -> None:
        """Check a replica connection out now (pinged: pooled ones may be dead); if none can be
        had, set the replica aside and read on the primary."""
        try:
            self.session.connection()
        except SQLAlchemyError as error:
            self.session.close()
            replica.router.lost(error)
            self._replica = None
            self._session_factory = replica.primary
            self.session = self._session_factory()

    if not TYPE_CHECKING:  # to mypy, the repositories are the attributes annotated above

        def __getattr__(self, name: str) -> Any:
            """A repository, made on its first use in this `with` and kept on the instance
            (a write touches two or three of the forty: making them all cost ~1.5 % of a
            write's Python time at saturation)."""
            kind = _REPOSITORY_TYPES.get(name)
            if kind is None or "session" not in self.__dict__:
                raise AttributeError(name)
            made = kind(self.session, self._hints) if kind is _HOUSEHOLDS else kind(self.session)
            self.__dict__[name] = made
            self._made.append(name)
            return made

    def commit(self) -> None:
        self.session.commit()

    def rollback(self) -> None:
        self.session.rollback()


# The repositories a unit of work offers: its annotations, by attribute name.
_REPOSITORY_TYPES: dict[str, type] = {
    name: kind
    for name, kind in get_type_hints(SqlAlchemyUnitOfWork).items()
    if name != "session" and isinstance(kind, type)
}
_HOUSEHOLDS = SqlAlchemyHouseholdRepository  # the one that also takes the membership hints


def _is_connection_error(exc: DBAPIError) -> bool:
    return bool(getattr(exc, "connection_invalidated", False)) or isinstance(exc, OperationalError)


@dataclass(frozen=True)
class ReplicaRead:
    """What a read on the replica needs to fall back: the router and the primary's sessions."""

    router: ReadRouter
    primary: sessionmaker[Session]


class UnitOfWorkFactory:
    """Callable that opens a writing unit of work; `.read()` opens a read-only one, on
    `read_engine` (a replica) when `router` allows it, else on the primary."""

    def __init__(
        self,
        engine: Engine,
        read_engine: Engine | None = None,
        router: ReadRouter | None = None,
    ) -> None:
        self._writer = make_session_factory(engine)
        self._hints = MembershipHints()  # this app's (each app, each test app, owns its own)
        self._router: ReadRouter | None = None
        self._replica: ReplicaRead | None = None
        self._reader = self._writer
        if read_engine is not None and router is not None:
            self._router, self._reader = router, make_session_factory(read_engine)
            self._replica = ReplicaRead(router, self._writer)

    @property
    def hints(self) -> MembershipHints:
        """Who this app's processes know to be in which household (the claim's hint)."""
        return self._hints

    def __call__(self) -> SqlAlchemyUnitOfWork:
        if self._router is not None:
            self._router.wrote()
        return SqlAlchemyUnitOfWork(self._writer, write=True, hints=self._hints)

    def read(self) -> SqlAlchemyUnitOfWork:
        if self._replica is not None and self._replica.router.replica_allowed():
            return SqlAlchemyUnitOfWork(
                self._reader, write=False, replica=self._replica, hints=self._hints
            )
        return SqlAlchemyUnitOfWork(self._writer, write=False, hints=self._hints)
