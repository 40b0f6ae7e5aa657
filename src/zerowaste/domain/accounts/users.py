"""Users and their food profile (language, skill, units, allergies, diet)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class AuthProvider(StrEnum):
    """How the account signs in; Firebase accounts are stored as "firebase:<sign_in_provider>"."""

    LOCAL = "local"
    GUEST = "guest"
    FIREBASE = "firebase"

    @staticmethod
    def firebase(sign_in_provider: str | None) -> str:
        return f"firebase:{sign_in_provider or 'unknown'}"


LANGUAGES = ("es", "en", "pt")
COOKING_LEVELS = ("beginner", "intermediate", "advanced")
MEASUREMENT_UNITS = ("metric", "imperial")


@dataclass
class Profile:
    """Preferences the mobile client edits; defaults match a new Spanish-speaking user."""

    language: str = "es"
    cooking_level: str = "beginner"
    measurement_unit: str = "metric"
    allergies: list[object] = field(default_factory=list)
    allergy_items: list[object] = field(default_factory=list)
    preferred_food_types: list[str] = field(default_factory=list)
    special_diet_items: list[str] = field(default_factory=list)
    favorite_recipes: list[str] = field(default_factory=list)
    initial_preferences_completed: bool = False
    prefs: dict[str, object] = field(default_factory=dict)

    def allergy_terms(self) -> list[str]:
        """Allergy names from both lists; items may be strings or {name|value|label|title}."""
        terms: list[str] = []
        for item in [*self.allergies, *self.allergy_items]:
            if isinstance(item, str):
                terms.append(item)
            elif isinstance(item, dict):
                for key in ("name", "value", "label", "title"):
                    value = item.get(key)
                    if isinstance(value, str) and value:
                        terms.append(value)
                        break
        return [t.strip() for t in terms if t.strip()]


@dataclass
class User:
    uid: str
    email: str | None
    name: str | None
    auth_provider: str
    created_at: datetime
    updated_at: datetime
    email_verified: bool = False
    photo_url: str | None = None
    firebase_uid: str | None = None
    last_login_at: datetime | None = None
    profile: Profile = field(default_factory=Profile)
    household_id: str = ""  # the household that owns the data this user shares
    household_role: str = "owner"  # their role there (domain.households.roles.Role)

    @property
    def is_guest(self) -> bool:
        return self.auth_provider == AuthProvider.GUEST
