"""AuthService against in-memory fakes: accounts, rotation, reuse detection, logout, sessions."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.fakes import EPOCH, FakeUnitOfWorkFactory, FixedClock
from tests.fakes.accounts import FakeHasher, FakeIdentityVerifier, FakeRevocationStore
from zerowaste.application.accounts.auth import AuthService, Device
from zerowaste.domain.accounts.users import User
from zerowaste.domain.shared.errors import AuthenticationFailed, Conflict, InvalidInput, NotFound

pytestmark = pytest.mark.unit

ACCESS_TTL = timedelta(minutes=30)
REFRESH_TTL = timedelta(days=30)
PHONE = Device(user_agent="ZeroWaste/1.0 (Android 14)", ip_address="10.0.0.7")


class World:
    def __init__(self, identity: FakeIdentityVerifier | None = None) -> None:
        self.clock = FixedClock()
        self.uows = FakeUnitOfWorkFactory()
        self.store = self.uows.store
        self.revocations = FakeRevocationStore(self.clock)
        self.identity = identity or FakeIdentityVerifier()
        self.auth = AuthService(
            self.uows,
            self.clock,
            FakeHasher(),
            self.revocations,
            self.identity,
            ACCESS_TTL,
            REFRESH_TTL,
        )


@pytest.fixture
def world() -> World:
    return World()


def test_signup_stores_user_credentials_and_one_session(world):
    result = world.auth.signup(" Ana@Example.COM ", "correct-horse-9", "Ana", PHONE, None)

    uid = result.user.uid
    assert world.store.users[uid].email == "ana@example.com"
    assert world.store.users[uid].auth_provider == "local"
    assert world.store.credentials[uid] == ("ana@example.com", "hashed:correct-horse-9")
    session = world.store.sessions[result.grant.session_id]
    assert session.user_uid == uid
    assert session.refresh_jti == result.grant.refresh_jti
    assert session.device == PHONE.user_agent
    assert session.expires_at == world.clock.now() + REFRESH_TTL
    assert result.grant.expires_in == 1800


def test_duplicate_email_is_a_conflict_and_commits_nothing(world):
    world.auth.signup("ana@example.com", "correct-horse-9", "Ana", PHONE, None)
    commits, users, sessions = (
        world.store.commits,
        len(world.store.users),
        len(world.store.sessions),
    )

    with pytest.raises(Conflict) as caught:
        world.auth.signup("ANA@example.com", "another-pass-1", "Eve", PHONE, None)

    assert caught.value.code == "email_taken"
    assert (world.store.commits, len(world.store.users), len(world.store.sessions)) == (
        commits,
        users,
        sessions,
    )


def test_short_password_is_refused_before_anything_is_stored(world):
    with pytest.raises(InvalidInput) as caught:
        world.auth.signup("ana@example.com", "short", None, PHONE, None)
    assert caught.value.code == "weak_password"
    assert world.store.users == {}


def test_wrong_password_and_unknown_email_fail_identically(world):
    world.auth.signup("ana@example.com", "correct-horse-9", "Ana", PHONE, None)

    with pytest.raises(AuthenticationFailed) as wrong_password:
        world.auth.login("ana@example.com", "wrong-horse-9", PHONE)
    with pytest.raises(AuthenticationFailed) as unknown_email:
        world.auth.login("nobody@example.com", "correct-horse-9", PHONE)

    assert wrong_password.value.code == unknown_email.value.code == "invalid_credentials"
    assert wrong_password.value.message == unknown_email.value.message


def test_login_opens_a_new_session(world):
    first = world.auth.signup("ana@example.com", "correct-horse-9", "Ana", PHONE, None)
    world.clock.advance(timedelta(minutes=5))

    second = world.auth.login("ANA@example.com", "correct-horse-9", Device("Browser", None))

    assert second.user.uid == first.user.uid
    assert second.grant.session_id != first.grant.session_id
    assert [s.device for s in world.auth.list_sessions(first.user.uid)] == [
        "Browser",
        PHONE.user_agent,
    ]


def test_guest_upgrade_keeps_the_uid_and_makes_a_local_account(world):
    guest = world.auth.guest(PHONE)
    assert world.store.users[guest.user.uid].auth_provider == "guest"
    assert world.store.users[guest.user.uid].email is None

    upgraded = world.auth.signup("ana@example.com", "correct-horse-9", "Ana", PHONE, guest.user.uid)

    assert upgraded.user.uid == guest.user.uid
    assert len(world.store.users) == 1
    stored = world.store.users[guest.user.uid]
    assert (stored.email, stored.auth_provider, stored.name) == ("ana@example.com", "local", "Ana")
    assert world.auth.login("ana@example.com", "correct-horse-9", PHONE).user.uid == guest.user.uid


def test_only_a_guest_can_be_upgraded(world):
    local = world.auth.signup("ana@example.com", "correct-horse-9", "Ana", PHONE, None)
    with pytest.raises(Conflict) as caught:
        world.auth.signup("eve@example.com", "correct-horse-9", "Eve", PHONE, local.user.uid)
    assert caught.value.code == "not_a_guest"
    assert len(world.store.users) == 1


def test_refresh_rotates_the_refresh_token_of_the_session(world):
    signed = world.auth.signup("ana@example.com", "correct-horse-9", "Ana", PHONE, None)
    grant = signed.grant
    world.clock.advance(timedelta(hours=1))

    rotated = world.auth.refresh(signed.user.uid, grant.session_id, grant.refresh_jti, PHONE)

    assert rotated.grant.session_id == grant.session_id
    assert rotated.grant.refresh_jti != grant.refresh_jti
    assert rotated.grant.access_jti != grant.access_jti
    session = world.store.sessions[grant.session_id]
    assert session.refresh_jti == rotated.grant.refresh_jti
    assert session.last_used_at == world.clock.now()
    assert session.expires_at == world.clock.now() + REFRESH_TTL


def test_reusing_a_refresh_token_revokes_the_whole_family(world):
    signed = world.auth.signup("ana@example.com", "correct-horse-9", "Ana", PHONE, None)
    uid, old = signed.user.uid, signed.grant
    newest = world.auth.refresh(uid, old.session_id, old.refresh_jti, PHONE).grant

    with pytest.raises(AuthenticationFailed) as reused:
        world.auth.refresh(uid, old.session_id, old.refresh_jti, PHONE)
    assert reused.value.code == "token_reused"
    assert world.store.sessions[old.session_id].revoked_at == world.clock.now()
    assert world.auth.is_revoked(newest.access_jti, old.session_id)

    with pytest.raises(AuthenticationFailed) as later:
        world.auth.refresh(uid, newest.session_id, newest.refresh_jti, PHONE)
    assert later.value.code == "token_revoked"


def test_logout_revokes_the_access_token_and_the_session(world):
    signed = world.auth.signup("ana@example.com", "correct-horse-9", "Ana", PHONE, None)
    other = world.auth.login("ana@example.com", "correct-horse-9", PHONE)
    grant = signed.grant

    world.auth.logout(signed.user.uid, grant.session_id, grant.access_jti)

    assert world.revocations.entries[grant.access_jti] == world.clock.now() + ACCESS_TTL
    assert world.auth.is_revoked(grant.access_jti, None)
    assert world.auth.is_revoked("any-other-access-jti", grant.session_id)
    assert world.store.sessions[grant.session_id].revoked_at is not None
    assert not world.auth.is_revoked(other.grant.access_jti, other.grant.session_id)
    with pytest.raises(AuthenticationFailed):
        world.auth.refresh(signed.user.uid, grant.session_id, grant.refresh_jti, PHONE)
    assert [s.id for s in world.auth.list_sessions(signed.user.uid)] == [other.grant.session_id]


def test_revocations_lapse_once_the_tokens_would_have_expired(world):
    signed = world.auth.signup("ana@example.com", "correct-horse-9", "Ana", PHONE, None)
    world.auth.logout(signed.user.uid, signed.grant.session_id, signed.grant.access_jti)

    world.clock.advance(ACCESS_TTL + timedelta(seconds=1))

    assert not world.auth.is_revoked(signed.grant.access_jti, signed.grant.session_id)


def test_ending_another_users_session_is_not_found(world):
    ana = world.auth.signup("ana@example.com", "correct-horse-9", "Ana", PHONE, None)
    eve = world.auth.signup("eve@example.com", "correct-horse-9", "Eve", PHONE, None)

    with pytest.raises(NotFound) as caught:
        world.auth.end_session(eve.user.uid, ana.grant.session_id)

    assert caught.value.code == "session_not_found"
    assert world.store.sessions[ana.grant.session_id].revoked_at is None
    assert not world.auth.is_revoked(ana.grant.access_jti, ana.grant.session_id)


def test_ending_an_own_session_revokes_its_tokens(world):
    ana = world.auth.signup("ana@example.com", "correct-horse-9", "Ana", PHONE, None)

    world.auth.end_session(ana.user.uid, ana.grant.session_id)

    assert world.auth.is_revoked(ana.grant.access_jti, ana.grant.session_id)
    assert world.auth.list_sessions(ana.user.uid) == []


def _claims(uid: str, provider: str, email: str | None) -> dict[str, object]:
    claims: dict[str, object] = {"uid": uid, "sub": uid, "firebase": {"sign_in_provider": provider}}
    if email is not None:
        claims["email"] = email
    return claims


def test_firebase_signin_keys_accounts_by_firebase_uid_never_by_email():
    identity = FakeIdentityVerifier(
        {
            "tok-a": _claims("fb-a", "password", "ana@example.com"),
            "tok-b": _claims("fb-b", "google.com", "ana@example.com"),
        }
    )
    world = World(identity)
    local = world.auth.signup("ana@example.com", "correct-horse-9", "Ana", PHONE, None)

    first = world.auth.firebase_signin("tok-a", PHONE)
    again = world.auth.firebase_signin("tok-a", PHONE)
    other = world.auth.firebase_signin("tok-b", PHONE)

    assert first.user.uid == again.user.uid
    assert len({local.user.uid, first.user.uid, other.user.uid}) == 3
    assert world.store.users[first.user.uid].auth_provider == "firebase:password"
    assert world.store.credentials == {
        local.user.uid: ("ana@example.com", "hashed:correct-horse-9")
    }


def test_firebase_signin_requires_an_email_except_for_anonymous_providers():
    identity = FakeIdentityVerifier(
        {"pw": _claims("fb-1", "password", None), "anon": _claims("fb-2", "anonymous", None)}
    )
    world = World(identity)

    with pytest.raises(InvalidInput) as caught:
        world.auth.firebase_signin("pw", PHONE)
    assert caught.value.code == "email_required"
    assert world.store.users == {}

    assert world.auth.firebase_signin("anon", PHONE).user.email is None


def test_a_firebase_uid_equal_to_another_accounts_uid_never_reaches_that_account():
    identity = FakeIdentityVerifier({"tok": _claims("clash", "password", "fb@example.com")})
    world = World(identity)
    world.store.add_user(User("clash", None, None, "guest", EPOCH, EPOCH))

    first = world.auth.firebase_signin("tok", PHONE)
    again = world.auth.firebase_signin("tok", PHONE)

    assert first.user.uid != "clash"
    assert again.user.uid == first.user.uid
    assert world.store.users[first.user.uid].firebase_uid == "clash"
    assert world.store.users["clash"].auth_provider == "guest"
