"""Swagger UI at /apidocs and the spec at /apispec_1.json, built from the marshmallow schemas.

Routes carry short YAML docstrings that $ref the definitions generated here; nothing is
hand-copied. Feature modules add their schemas to DEFINITIONS.
"""

from __future__ import annotations

from apispec.ext.marshmallow import MarshmallowPlugin
from flasgger import APISpec, Swagger
from flask import Flask
from marshmallow import Schema

from zerowaste.interface.http import schemas as base
from zerowaste.interface.http.accounts import auth_schemas as auth
from zerowaste.interface.http.accounts import profile_schemas as profile
from zerowaste.interface.http.images import schemas as uploads
from zerowaste.interface.http.inventory import response_schemas as inventory_out

DESCRIPTION = (
    "Inventory, expiry tracking and recipes that help households waste less food.\n\n"
    "Reference data: storage times from USDA FSIS FoodKeeper (public domain); environmental "
    "footprints from Poore & Nemecek (2018), Science, processed by Our World in Data "
    "(CC BY 4.0); allergen synonyms © Open Food Facts contributors (ODbL 1.0); recipe ideas "
    "from PublicDomainRecipes.com contributors (Unlicense) and ComoCocinar (MIT)."
)
DEFINITIONS: list[tuple[str, type[Schema]]] = [
    ("Error", base.ErrorSchema),
    ("Status", base.StatusSchema),
    ("Readiness", base.ReadinessSchema),
    ("Message", base.MessageSchema),
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
    ("UploadImageResult", uploads.UploadImageResultSchema),
]


def register_definitions(*items: tuple[str, type[Schema]]) -> None:
    DEFINITIONS.extend(i for i in items if i not in DEFINITIONS)


register_definitions(*inventory_out.DEFINITIONS)


def init_docs(app: Flask) -> None:
    spec = APISpec(
        title="ZeroWaste API",
        version="1.0.0",
        openapi_version="2.0",
        plugins=[MarshmallowPlugin()],
        info={"description": DESCRIPTION},
    )
    template = spec.to_flasgger(app, definitions=DEFINITIONS)
    _drop_null_defaults(template)
    template["securityDefinitions"] = {
        "Bearer": {
            "type": "apiKey",
            "name": "Authorization",
            "in": "header",
            "description": "Paste `Bearer <access_token>` from /api/auth/login or /guest",
        }
    }
    template["security"] = [{"Bearer": []}]
    template["consumes"] = ["application/json"]
    template["produces"] = ["application/json"]
    Swagger(app, template=template, config=_swagger_config())


def _drop_null_defaults(node: object) -> None:
    """Remove `default: null` (from load_default=None): Swagger 2.0 has no nullable types, so a
    null default makes the spec invalid, and it says nothing a client can use."""
    if isinstance(node, dict):
        if "default" in node and node["default"] is None:
            del node["default"]
        for child in node.values():
            _drop_null_defaults(child)
    elif isinstance(node, list):
        for child in node:
            _drop_null_defaults(child)


def _swagger_config() -> dict[str, object]:
    return {
        "headers": [],
        "specs": [
            {
                "endpoint": "apispec_1",
                "route": "/apispec_1.json",
                "rule_filter": lambda rule: True,
                "model_filter": lambda tag: True,
            }
        ],
        "static_url_path": "/flasgger_static",
        "swagger_ui": True,
        "specs_route": "/apidocs/",
    }
