"""The accounts schemas the spec defines (interface.http.definitions:
the names routes $ref, nested schemas first)."""

from __future__ import annotations

from zerowaste.interface.http.accounts import auth_schemas as auth
from zerowaste.interface.http.accounts import profile_schemas as profile
from zerowaste.interface.http.schemas import Definitions

DEFINITIONS: Definitions = [
    ("Signup", auth.SignupSchema),
    ("Login", auth.LoginSchema),
    ("AuthUser", auth.AuthUserSchema),
    ("TokenPair", auth.TokenPairSchema),
    ("Session", auth.SessionSchema),
    ("SessionList", auth.SessionListSchema),
    ("Logout", auth.LogoutSchema),
    ("Profile", profile.ProfileSchema),
    ("ProfileUpdate", profile.ProfileUpdateSchema),
    ("ProfileUpdateResult", profile.ProfileUpdateResultSchema),
]
