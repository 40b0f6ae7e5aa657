"""Analytics for the user (issue #11 §2): five reports over a window, as data, a chart or a
table. The household's journal, cooks and plans are resolved here from the caller's household
(the journal and cooks optionally one member's: `member`, a member of the caller's household,
else 404); the food log and the savings records are the caller's own. The database sums (GROUP BY on
indexed columns, one row per day or item at most); the domain folds days into buckets."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from zerowaste.application.analytics.ports import (
    AnalyticsUnitOfWork,
    Rendered,
    ReportRenderer,
    TargetsOf,
)
from zerowaste.application.ports.clock import Clock
from zerowaste.application.ports.uow import UnitOfWorkFactory
from zerowaste.domain.analytics import exports, reports
from zerowaste.domain.analytics.window import Window, month_end, resolve
from zerowaste.domain.shared.errors import InvalidInput, NotFound, RuleViolation

TOP_RECIPES = 10
CHARTS = {"png": "image/png", "svg": "image/svg+xml"}
TABLES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
_VIEWS: dict[str, tuple[Callable[[Any, str], exports.Table], Callable[[Any, str], exports.Chart]]]
_VIEWS = {
    "cooking-patterns": (exports.cooking_table, exports.cooking_chart),
    "ingredient-usage": (exports.usage_table, exports.usage_chart),
    "waste-reduction": (exports.waste_table, exports.waste_chart),
    "nutritional-trends": (exports.nutrition_table, exports.nutrition_chart),
    "sustainability": (exports.sustainability_table, exports.sustainability_chart),
}


@dataclass(frozen=True)
class WindowQuery:
    granularity: str = "day"
    period: str | None = None
    start: date | None = None
    end: date | None = None
    member: str | None = None  # one member's share of the household's journal and cooks


@dataclass(frozen=True)
class _Owner:
    user_uid: str
    household_id: str
    language: str
    member: str | None = None


class UnknownFormat(InvalidInput):
    code = "invalid_format"


class Analytics:
    def __init__(
        self,
        uow_factory: UnitOfWorkFactory[AnalyticsUnitOfWork],
        clock: Clock,
        targets_of: TargetsOf,
        renderer: ReportRenderer,
    ) -> None:
        self._uow_factory = uow_factory
        self._clock = clock
        self._targets_of = targets_of
        self._renderer = renderer

    def report(self, user_uid: str, name: str, query: WindowQuery) -> Any:
        """One report by its URL name ("cooking-patterns", ...)."""
        return self._build(user_uid, name, query)[0]

    def export(self, user_uid: str, name: str, query: WindowQuery, fmt: str) -> Rendered:
        """The report as a chart (png, svg) or a table (csv, xlsx), in the user's language."""
        if fmt not in CHARTS and fmt not in TABLES:
            raise UnknownFormat("format must be json, png, svg, csv or xlsx")
        found, language = self._build(user_uid, name, query)
        table_of, chart_of = _VIEWS[name]
        stem = f"{name}-{found.window.start.isoformat()}-{found.window.end.isoformat()}.{fmt}"
        if fmt in CHARTS:
            content = self._renderer.chart(chart_of(found, language), fmt)
            return Rendered(content, CHARTS[fmt], stem)
        return Rendered(self._renderer.table(table_of(found, language), fmt), TABLES[fmt], stem)

    def _build(self, user_uid: str, name: str, query: WindowQuery) -> tuple[Any, str]:
        with self._uow_factory.read() as uow:
            owner = self._owner(uow, user_uid, query.member)
            window = self._window(uow, owner, query)
            return getattr(self, "_" + name.replace("-", "_"))(uow, owner, window), owner.language

    def _cooking_patterns(
        self, uow: AnalyticsUnitOfWork, owner: _Owner, w: Window
    ) -> reports.CookingPatterns:
        q, home, who = uow.analytics, owner.household_id, owner.member
        days = q.cooks_by_bucket(home, w.start, w.end, w.granularity, who)
        buckets = reports.fold_counts(w, days)
        return reports.CookingPatterns(
            w,
            buckets,
            q.cooks_by_weekday(home, w.start, w.end, who),
            q.planned_by_meal_type(home, w.start, w.end),
            q.top_cooked(home, w.start, w.end, TOP_RECIPES, who),
            sum(c.count for c in buckets),
        )

    def _ingredient_usage(
        self, uow: AnalyticsUnitOfWork, owner: _Owner, w: Window
    ) -> reports.IngredientUsage:
        totals = uow.analytics.journal_by_item(owner.household_id, w.start, w.end, owner.member)
        return reports.ingredient_usage(w, totals)

    def _waste_reduction(
        self, uow: AnalyticsUnitOfWork, owner: _Owner, w: Window
    ) -> reports.WasteReduction:
        q, home, who = uow.analytics, owner.household_id, owner.member
        totals = q.journal_by_bucket(home, w.start, w.end, w.granularity, who)
        saved = reports.savings_buckets(
            w, q.savings_by_bucket(owner.user_uid, w.start, w.end, w.granularity)
        ).total
        first = q.first_journal_day(home, who)
        first_month = first.replace(day=1) if first else None
        first_totals = (
            q.journal_by_bucket(home, first_month, month_end(first_month), "month", who)
            if first_month
            else []
        )
        return reports.waste_reduction(w, totals, saved, first_month, first_totals)

    def _nutritional_trends(
        self, uow: AnalyticsUnitOfWork, owner: _Owner, w: Window
    ) -> reports.NutritionalTrends:
        days = uow.analytics.intake_by_bucket(owner.user_uid, w.start, w.end, w.granularity)
        targets = self._targets(owner.user_uid)
        return reports.NutritionalTrends(w, reports.intake_buckets(w, days, targets), targets)

    def _sustainability(
        self, uow: AnalyticsUnitOfWork, owner: _Owner, w: Window
    ) -> reports.Sustainability:
        days = uow.analytics.savings_by_bucket(owner.user_uid, w.start, w.end, w.granularity)
        return reports.savings_buckets(w, days)

    def _targets(self, user_uid: str) -> reports.DailyTargets | None:
        try:
            found = self._targets_of(user_uid)
        except (NotFound, RuleViolation):  # no profile, or no adult target to compare with
            return None
        m = found.macros
        return reports.DailyTargets(found.energy_kcal, m.protein_g, m.fat_g, m.carbs_g)

    def _window(self, uow: AnalyticsUnitOfWork, owner: _Owner, query: WindowQuery) -> Window:
        first_day = None
        if query.period == "all" and query.start is None and query.end is None:
            first_day = uow.analytics.first_day(owner.household_id, owner.user_uid)
        today = self._clock.today()
        return resolve(today, query.granularity, query.period, query.start, query.end, first_day)

    def _owner(self, uow: AnalyticsUnitOfWork, user_uid: str, member: str | None) -> _Owner:
        user = uow.users.get(user_uid)
        if user is None:
            raise NotFound("Profile not found", code="profile_not_found")
        if member is not None:
            found = uow.users.get(member)
            if found is None or found.household_id != user.household_id:
                raise NotFound("No such member in your household", code="member_not_found")
        language = "en" if user.profile.language == "en" else "es"
        return _Owner(user_uid, user.household_id, language, member)
