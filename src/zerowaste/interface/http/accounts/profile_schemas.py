"""Profile schemas in the mobile client's camelCase, accepting its snake_case aliases."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError, fields, pre_load, validate, validates

from zerowaste.domain.accounts.users import COOKING_LEVELS, LANGUAGES, MEASUREMENT_UNITS
from zerowaste.interface.http import response_fields as f
from zerowaste.interface.http.schemas import RequestSchema, image_reference_field

MAX_ITEMS = 50
ALIASES = {  # what some client screens send -> the key the schema reads
    "displayName": "name",
    "photoURL": "photo_url",
    "cooking_level": "cookingLevel",
    "measurement_unit": "measurementUnit",
    "allergy_items": "allergyItems",
    "preferred_food_types": "preferredFoodTypes",
    "special_diet_items": "specialDietItems",
    "favorite_recipes": "favoriteRecipes",
    "initial_preferences_completed": "initialPreferencesCompleted",
}


NAME_KEYS = ("name", "value", "label", "title")
ALLERGY_ITEMS = {"description": "names, or objects with a name|value|label|title"}


def _allergy_object(value: dict[Any, Any]) -> bool:
    """At most 10 short scalar entries, one of them a non-empty name."""
    if not 0 < len(value) <= 10:
        return False
    for key, item in value.items():
        if not isinstance(key, str) or not 0 < len(key) <= 40:
            return False
        if not isinstance(item, str | bool | int | float | None):
            return False
        if isinstance(item, str) and len(item) > 100:
            return False
    return any(isinstance(value.get(k), str) and value[k].strip() for k in NAME_KEYS)


class AllergyField(fields.Field[object]):
    """An allergy as a string, or an object {name|value|label|title: str} as some screens send."""

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> object:
        if isinstance(value, str) and 0 < len(value.strip()) <= 100:
            return value.strip()
        if isinstance(value, dict) and _allergy_object(value):
            return dict(value)
        raise ValidationError("An allergy is a name (1-100 chars) or an object with a name")


def _list(item: fields.Field[Any]) -> fields.List[Any]:
    return fields.List(item, validate=validate.Length(max=MAX_ITEMS))


class ProfileUpdateSchema(RequestSchema):
    name = fields.String(validate=validate.Length(min=1, max=120))
    photo_url = image_reference_field(1000)
    language = fields.String(validate=validate.OneOf(LANGUAGES))
    cooking_level = fields.String(data_key="cookingLevel", validate=validate.OneOf(COOKING_LEVELS))
    measurement_unit = fields.String(
        data_key="measurementUnit", validate=validate.OneOf(MEASUREMENT_UNITS)
    )
    allergies = _list(AllergyField())
    allergy_items = fields.List(
        AllergyField(), data_key="allergyItems", validate=validate.Length(max=MAX_ITEMS)
    )
    preferred_food_types = fields.List(
        fields.String(validate=validate.Length(min=1, max=100)),
        data_key="preferredFoodTypes",
        validate=validate.Length(max=MAX_ITEMS),
    )
    special_diet_items = fields.List(
        fields.String(validate=validate.Length(min=1, max=100)),
        data_key="specialDietItems",
        validate=validate.Length(max=MAX_ITEMS),
    )
    favorite_recipes = fields.List(
        fields.String(validate=validate.Length(min=1, max=200)),
        data_key="favoriteRecipes",
        validate=validate.Length(max=500),
    )
    initial_preferences_completed = fields.Boolean(data_key="initialPreferencesCompleted")
    prefs = fields.Dict(keys=fields.String(validate=validate.Length(min=1, max=64)))

    @pre_load
    def accept_aliases(self, data: Any, **_: Any) -> Any:
        if not isinstance(data, dict):
            return data
        data = dict(data)
        for alias, key in ALIASES.items():
            if alias in data and key not in data:
                data[key] = data.pop(alias)
        return data

    def handle_error(self, error: ValidationError, data: Any, *, many: bool, **kwargs: Any) -> None:
        """Name each failing field the way the client sent it (displayName, not name)."""
        if not isinstance(data, dict) or not isinstance(error.messages, dict):
            return
        sent_as = {
            key: alias for alias, key in ALIASES.items() if alias in data and key not in data
        }
        if sent_as:
            messages = {sent_as.get(str(k), k): v for k, v in error.messages.items()}
            raise ValidationError(messages, data=data, valid_data=error.valid_data) from error

    @validates("prefs")
    def small_prefs(self, value: dict[str, Any], **_: Any) -> None:
        # prefs is free-form client state: bounded so it cannot grow without limit.
        if len(value) > 50 or len(str(value)) > 10_000:
            raise ValidationError("prefs holds at most 50 keys and 10,000 characters")


class ProfileSchema(Schema):
    """The whole profile map the client reads (A#4); dumps the User."""

    uid = fields.String(required=True)
    displayName = f.String(source="name", required=True, allow_none=True)  # noqa: N815
    name = fields.String(required=True, allow_none=True)
    email = fields.String(required=True, allow_none=True)
    photoURL = f.String(source="photo_url", required=True, allow_none=True)  # noqa: N815
    photo_url = fields.String(required=True, allow_none=True)
    emailVerified = fields.Boolean(attribute="email_verified", required=True)  # noqa: N815
    authProvider = fields.String(attribute="auth_provider", required=True)  # noqa: N815
    language = fields.String(
        attribute="profile.language", required=True, metadata={"enum": list(LANGUAGES)}
    )
    cookingLevel = fields.String(  # noqa: N815
        attribute="profile.cooking_level", required=True, metadata={"enum": list(COOKING_LEVELS)}
    )
    measurementUnit = fields.String(  # noqa: N815
        attribute="profile.measurement_unit",
        required=True,
        metadata={"enum": list(MEASUREMENT_UNITS)},
    )
    allergies = fields.List(
        fields.Raw(), attribute="profile.allergies", required=True, metadata=ALLERGY_ITEMS
    )
    allergyItems = fields.List(  # noqa: N815
        fields.Raw(), attribute="profile.allergy_items", required=True, metadata=ALLERGY_ITEMS
    )
    preferredFoodTypes = fields.List(  # noqa: N815
        fields.String(), attribute="profile.preferred_food_types", required=True
    )
    specialDietItems = fields.List(  # noqa: N815
        fields.String(), attribute="profile.special_diet_items", required=True
    )
    favoriteRecipes = fields.List(  # noqa: N815
        fields.String(), attribute="profile.favorite_recipes", required=True
    )
    initialPreferencesCompleted = fields.Boolean(  # noqa: N815
        attribute="profile.initial_preferences_completed", required=True
    )
    prefs = fields.Dict(attribute="profile.prefs", required=True)
    createdAt = fields.AwareDateTime(attribute="created_at", required=True)  # noqa: N815
    updatedAt = fields.AwareDateTime(attribute="updated_at", required=True)  # noqa: N815
    lastLoginAt = fields.AwareDateTime(  # noqa: N815
        attribute="last_login_at", required=True, allow_none=True
    )


class ProfileUpdateResultSchema(ProfileSchema):
    """The updated profile map, and the same map again under `profile` (A#5)."""

    message = f.Constant("Profile updated")
    profile = f.Nested(ProfileSchema, source=lambda user: user, required=True)
