"""The safety screening (seed 003) and the guard every restrictive plan goes through.

- `screen` scores the answers, stores the screening (valid 24 h) and an audit row in one
  transaction; impossible answers are 400 and store nothing.
- `latest` is the caller's newest screening while it is valid. None, or only an expired one, is
  a 404 (`screening_not_found` / `screening_expired`): an expired screening no longer says
  anything about today's risk, and the client's next step is the same in both cases, to
  screen again.
- `require_screening` is the planner's guard: a restrictive plan (domain.screening.restrictive)
  needs a valid screening that allows it, else a 403 `ScreeningRequired` saying why.
  The estimated need comes from the caller's nutrition profile (BMR x activity); without an
  adult profile it is unknown, and then any calorie target counts as restrictive
  (`estimated_need_unknown`): we cannot tell how far below the need it is, so we ask first.
- `authorize_plan_generation` runs the guard and writes the audit row of the generation,
  allowed or denied (the denial is stored before the 403 is raised).
"""

from __future__ import annotations

from decimal import Decimal

from zerowaste.application.ports.clock import Clock
from zerowaste.application.ports.uow import UnitOfWorkFactory, retrying
from zerowaste.application.screening.audit import AuditLog
from zerowaste.application.screening.ports import ScreeningUnitOfWork
from zerowaste.domain.intake.targets import ADULT_AGE, estimated_need
from zerowaste.domain.screening.restrictive import restrictive_reasons
from zerowaste.domain.screening.rules import Answers, Screening, check, screen
from zerowaste.domain.shared.errors import NotFound, PermissionDenied


class ScreeningRequired(PermissionDenied):
    """A restrictive plan without a valid screening that allows it (403, with the reason)."""

    code = "screening_required"


class ScreeningNotFound(NotFound):
    code = "screening_not_found"


class SafetyScreening:
    def __init__(
        self, uow_factory: UnitOfWorkFactory[ScreeningUnitOfWork], clock: Clock, audit: AuditLog
    ) -> None:
        self._uow_factory = uow_factory
        self._clock = clock
        self._audit = audit

    @retrying
    def screen(self, user_uid: str, answers: Answers) -> Screening:
        """Score and store a screening, with its audit row; warnings in the profile's language."""
        check(answers)
        with self._uow_factory() as uow:
            user = uow.users.get(user_uid)
            if user is None:
                raise NotFound("Profile not found", code="profile_not_found")
            made = screen(answers, user.profile.language, self._clock.now())
            found = made.assessment
            reason = f"risk {found.level} (score {found.score})"
            if found.critical_conditions:
                reason += ": " + ", ".join(found.critical_conditions)
            entry = self._audit.entry(
                user_uid, "screening", allowed=found.can_proceed, reason=reason
            )
            stored = uow.screenings.add(user_uid, made)
            uow.audit_log.add(entry)
            uow.commit()
        return stored

    def latest(self, user_uid: str) -> Screening:
        with self._uow_factory.read() as uow:
            found = uow.screenings.latest(user_uid)
        if found is None:
            raise ScreeningNotFound("No screening yet")
        if not found.is_valid(self._clock.now()):
            raise ScreeningNotFound(
                "The last screening has expired; screen again",
                code="screening_expired",
                details={"valid_until": found.valid_until.isoformat()},
            )
        return found

    def require_screening(
        self, user_uid: str, daily_target_kcal: float | None, diet: str | None
    ) -> Screening | None:
        """None when the plan is not restrictive; the screening that allows it when it is;
        else ScreeningRequired (403) with the reason and what makes the plan restrictive."""
        today = self._clock.today()
        with self._uow_factory.read() as uow:
            profile = uow.nutrition_profiles.get(user_uid)
            latest = uow.screenings.latest(user_uid)
        need = None
        if profile is not None and profile.age_on(today) >= ADULT_AGE:
            need = estimated_need(profile, today)
        reasons = restrictive_reasons(daily_target_kcal, need, diet)
        if daily_target_kcal is not None and need is None:
            reasons.append("estimated_need_unknown")
        if not reasons:
            return None
        details: dict[str, object] = {"restrictive": reasons}
        if latest is None:
            raise ScreeningRequired(
                "This plan is restrictive: complete the safety screening first", details=details
            )
        if not latest.is_valid(self._clock.now()):
            raise ScreeningRequired(
                "This plan is restrictive and your safety screening has expired; screen again",
                code="screening_expired",
                details=details,
            )
        if not latest.assessment.can_proceed:
            details["level"] = latest.assessment.level
            raise ScreeningRequired(
                f"Your safety screening ({latest.assessment.level} risk) does not allow a "
                "restrictive plan without professional supervision",
                code="screening_denied",
                details=details,
            )
        return latest

    def authorize_plan_generation(
        self,
        user_uid: str,
        daily_target_kcal: float | None,
        diet: str | None,
        *,
        model: str,
        estimated_cost_usd: Decimal = Decimal(0),
    ) -> Screening | None:
        """The guard plus the generation's audit row (allowed or denied, and why)."""
        try:
            allowing = self.require_screening(user_uid, daily_target_kcal, diet)
        except ScreeningRequired as denied:
            reasons = ", ".join(str(r) for r in _listed((denied.details or {}).get("restrictive")))
            self._audit.record(
                user_uid,
                "plan_generation",
                allowed=False,
                reason=f"{denied.code}: restrictive ({reasons})",
                model=model,
                estimated_cost_usd=Decimal(0),  # nothing is generated
            )
            raise
        reason = "not restrictive"
        if allowing is not None:
            reason = (
                f"restrictive, allowed by screening {allowing.id} ({allowing.assessment.level})"
            )
        self._audit.record(
            user_uid,
            "plan_generation",
            allowed=True,
            reason=reason,
            model=model,
            estimated_cost_usd=estimated_cost_usd,
        )
        return allowing


def _listed(value: object) -> list[object]:
    return list(value) if isinstance(value, list) else []
