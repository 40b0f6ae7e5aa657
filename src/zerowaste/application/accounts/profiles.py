"""Read, edit and delete the caller's profile and account.

Deleting an account deletes what is personal (sessions, credentials, the profile, uploaded
files) and the household only when the user was its last member: what a family shares stays
with the family (the departed member's rows keep existing, `added_by` forgotten). Uploaded
files are deleted even when the household stays (privacy first): shared items they illustrated
lose the photo.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields
from typing import Any

from zerowaste.application.accounts.auth import AuthService
from zerowaste.application.accounts.ports import AccountsUnitOfWork, UserFiles
from zerowaste.application.ports.clock import Clock
from zerowaste.application.ports.uow import UnitOfWorkFactory
from zerowaste.domain.accounts.users import Profile, User
from zerowaste.domain.households import outlives
from zerowaste.domain.households.roles import Role, role_of, successor
from zerowaste.domain.shared.errors import InvalidInput, NotFound

USER_FIELDS = ("name", "photo_url")
PROFILE_FIELDS = tuple(f.name for f in fields(Profile))


class ProfileService:
    def __init__(
        self,
        uow_factory: UnitOfWorkFactory[AccountsUnitOfWork],
        clock: Clock,
        auth: AuthService,
        files: UserFiles,
    ) -> None:
        self._uow_factory = uow_factory
        self._clock = clock
        self._auth = auth
        self._files = files

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
            user.updated_at = self._clock.now()  # also the user's version of cached views
            uow.users.save(user)
            uow.commit()
        return user

    def delete_account(self, uid: str) -> None:
        """Delete the account, its household when it was the last member, and its files after
        the commit; its tokens stop working at once. A last owner who leaves others behind
        passes ownership on (domain.households.roles.successor)."""
        with self._uow_factory() as uow:
            user = uow.users.get(uid)
            if user is None:
                raise NotFound("Profile not found", code="profile_not_found")
            household = user.household_id
            roster = uow.households.roster(household)
            session_ids = self._auth.revoke_all_sessions(uow, uid)
            uow.users.delete(uid)
            heir = successor({m.uid: role_of(m.role) for m in roster}, uid)
            if heir is not None:
                uow.households.set_role(heir, str(Role.OWNER))
            if not outlives([m.uid for m in roster], uid):
                uow.households.delete(household)
            uow.commit()
        self._auth.forget_sessions(session_ids)
        self._files.delete_user_files(uid)
