"""The fake FCM endpoint and a firebase-admin app per test (tests/fakes/fcm.py)."""

from tests.fakes.fcm import fake_fcm, firebase_app

__all__ = ["fake_fcm", "firebase_app"]
