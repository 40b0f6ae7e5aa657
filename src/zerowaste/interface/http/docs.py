"""Swagger UI at /apidocs and the spec at /apispec_1.json, built from the marshmallow schemas.

Routes carry short YAML docstrings that $ref the definitions generated here (definitions.py);
nothing is hand-copied. The statuses that come
from the request's plumbing rather than from the route are added to every operation they apply
to (`implied_responses`), so no route has to repeat them and none can forget them.
"""

from __future__ import annotations

import copy
from typing import Any

from apispec.ext.marshmallow import MarshmallowPlugin
from flasgger import APISpec, Swagger
from flask import Flask

from zerowaste.interface.http.definitions import DEFINITIONS

DESCRIPTION = (
    "Inventory, expiry tracking and recipes that help households waste less food.\n\n"
    "Reference data: storage times from USDA FSIS FoodKeeper (public domain); environmental "
    "footprints from Poore & Nemecek (2018), Science, processed by Our World in Data "
    "(CC BY 4.0); allergen synonyms © Open Food Facts contributors (ODbL 1.0); recipe ideas "
    "from PublicDomainRecipes.com contributors (Unlicense) and ComoCocinar (MIT)."
)
SECURITY: list[dict[str, list[str]]] = [{"Bearer": []}]
HTTP_METHODS = frozenset({"get", "post", "put", "patch", "delete"})
UNLIMITED_TAGS = frozenset({"health"})  # app.create_app exempts the health blueprint
IDEMPOTENCY_HEADER = "Idempotency-Key"


def _error(description: str, **extra: Any) -> dict[str, Any]:
    return {"description": description, "schema": {"$ref": "#/definitions/Error"}, **extra}


# Writes under these tags change a household's shared data: a viewer's are refused (403).
ROLE_CHECKED_TAGS = frozenset({"inventory", "meal-plans", "planning", "shopping"})
IMPLIED: dict[str, dict[str, Any]] = {
    "400": _error("invalid body, query, path value or header; nothing changed"),
    "401": _error("no token, or an invalid, expired or revoked one"),
    "403": _error("your household role may not change this (a viewer reads only)"),
    "409": _error("Idempotency-Key used for another request, or that one is still running"),
    "413": _error("body over the 10 MB cap"),
    "415": _error("a body that is not application/json"),
    "429": _error("rate limit exceeded", headers={"Retry-After": {"type": "integer"}}),
    "503": _error("the database (or an upstream service) is unavailable; retry"),
}


def implied_statuses(operation: dict[str, Any], method: str = "get") -> list[str]:
    """Statuses an operation answers whatever its route does: 401 under the global bearer
    security; 400/413/415 when it reads a body; 400/409 when it honours Idempotency-Key;
    403 when it changes a household's shared data (the role policy of the services);
    429/503 unless it is an unlimited health probe."""
    statuses: list[str] = []
    if method != "get" and ROLE_CHECKED_TAGS & set(operation.get("tags", [])):
        statuses.append("403")
    params = operation.get("parameters", [])
    if operation.get("security", SECURITY):
        statuses.append("401")
    if any(p.get("in") in ("body", "formData") for p in params):
        statuses += ["400", "413", "415"]
    if any(p.get("in") == "header" and p.get("name") == IDEMPOTENCY_HEADER for p in params):
        statuses += ["400", "409"]
    if not UNLIMITED_TAGS & set(operation.get("tags", [])):
        statuses += ["429", "503"]
    return statuses


def complete_responses(spec: dict[str, Any]) -> None:
    """Add the implied statuses to every operation that does not document them itself."""
    for operations in spec.get("paths", {}).values():
        for method, operation in operations.items():
            if method not in HTTP_METHODS:
                continue
            responses = operation.setdefault("responses", {})
            for status in implied_statuses(operation, method):
                responses.setdefault(status, copy.deepcopy(IMPLIED[status]))


class ApiDocs(Swagger):  # type: ignore[misc]  # flasgger is untyped
    """flasgger's Swagger, completing each operation's responses in the spec it builds (once:
    flasgger keeps the built spec)."""

    def get_apispecs(self, endpoint: str = "apispec_1") -> dict[str, Any]:
        spec: dict[str, Any] = super().get_apispecs(endpoint)
        complete_responses(spec)
        return spec


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
    template["security"] = SECURITY
    template["consumes"] = ["application/json"]
    template["produces"] = ["application/json"]
    ApiDocs(app, template=template, config=_swagger_config())


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
