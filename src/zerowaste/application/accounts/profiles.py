"""Read, edit and delete the caller's profile and account."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import fields
from typing import Any

from zerowaste.application.accounts.auth import AuthService
from zerowaste.application.accounts.ports import AccountsUnitOfWork
from zerowaste.application.ports.clock import Clock
from zerowaste.application.ports.uow import UnitOfWorkFactory
from zerowaste.domain.accounts.users import Profile, User
from zerowaste.domain.shared.errors import InvalidInput, NotFound

USER_FIELDS = ("name", "photo_url")
PROFILE_FIELDS = tuple(f.name for f in fields(Profile))

ProfileListener = Callable[[str], None]  # called with the uid after a profile change commits


class ProfileService:
    def __init__(
        self,
        uow_factory: UnitOfWorkFactory[AccountsUnitOfWork],
        clock: Clock,
        auth: AuthService,
        listeners: Sequence[ProfileListener] = (),
    ) -> None:
        """`listeners` let other features react without accounts knowing them (the inventory
        forgets its cached renderings: allergy alerts depend on the profile)."""
        self._uow_factory = uow_factory
        self._clock = clock
        self._auth = auth
        self._listeners = tuple(listeners)

    def get(self, uid: str) -> User:
        with self._uow_factory.read() as uow:
            user = uow.users.get(uid)
        if user is None:
            raise NotFound("Profile not found", code="profile_not_found")
        return user

    def update(self, uid: str, changes: Mapping[str, Any]) -> User:
        """Apply a partial update of already-validated fields (PUT and PATCH both merge)."""
        unknown = set(changes) - set(USER_FIELDS) - set(PROFILE_FIELDS)
        if unknown:
            raise InvalidInput("Unknown profile fields", details={"fields": sorted(unknown)})
        if not changes:
            raise InvalidInput("Nothing to update", code="empty_update")
        with self._uow_factory() as uow:
            user = uow.users.get(uid)
            if user is None:
                raise NotFound("Profile not found", code="profile_not_found")
            for name, value in changes.items():
                target = user if name in USER_FIELDS else user.profile
                if name == "prefs":
                    value = {**user.profile.prefs, **value}
                setattr(target, name, value)
            user.updated_at = self._clock.now()
            uow.users.save(user)
            uow.commit()
        self._changed(uid)
        return user

    def delete_account(self, uid: str) -> None:
        """Delete the account and everything it owns; its tokens stop working at once."""
        with self._uow_factory() as uow:
            if uow.users.get(uid) is None:
                raise NotFound("Profile not found", code="profile_not_found")
            session_ids = self._auth.revoke_all_sessions(uow, uid)
            uow.users.delete(uid)
            uow.commit()
        self._changed(uid)
        self._auth.forget_sessions(session_ids)

    def _changed(self, uid: str) -> None:
        for listener in self._listeners:
            listener(uid)
