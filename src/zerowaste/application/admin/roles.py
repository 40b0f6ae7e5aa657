"""The admin role: a flag on the user, set from the command line only, and checked (one
primary-key read) on every admin call together with writing the call's audit row."""

from __future__ import annotations

from zerowaste.application.admin.ports import AdminUnitOfWork
from zerowaste.application.ports.clock import Clock
from zerowaste.application.ports.uow import UnitOfWorkFactory, retrying
from zerowaste.domain.admin.audit import CLI_ACTOR_PREFIX, AdminAction
from zerowaste.domain.shared.errors import Conflict, NotFound, PermissionDenied


class AdminRoles:
    def __init__(self, uow_factory: UnitOfWorkFactory[AdminUnitOfWork], clock: Clock) -> None:
        self._uow_factory = uow_factory
        self._clock = clock

    @retrying
    def authorize(self, uid: str, action: str, target: str) -> None:
        """Refuse a non-admin (403 `admin_only`); for an admin, store the audit row."""
        with self._uow_factory() as uow:
            actor = uow.admin.admin_name(uid)
            if actor is None:
                raise PermissionDenied("Administrators only", code="admin_only")
            uow.admin.add_action(AdminAction.of(actor, action, target, self._clock.now(), uid))
            uow.commit()

    @retrying
    def set_admin(self, email: str, flag: bool, operator: str) -> str:
        """Grant or revoke the admin flag of the account with this email (the command line);
        the uid changed. Audited as done by `cli:<operator>`."""
        email = email.strip().lower()
        with self._uow_factory() as uow:
            uids = uow.admin.uids_by_email(email)
            if not uids:
                raise NotFound(f"No account with email {email}", code="user_not_found")
            if len(uids) > 1:
                raise Conflict(f"Several accounts use {email}", code="email_ambiguous")
            uow.admin.set_admin(uids[0], flag)
            action = "grant" if flag else "revoke"
            actor = f"{CLI_ACTOR_PREFIX}{operator}"
            uow.admin.add_action(AdminAction.of(actor, action, email, self._clock.now()))
            uow.commit()
        return uids[0]
