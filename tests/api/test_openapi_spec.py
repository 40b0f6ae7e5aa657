"""The Swagger 2.0 spec at /apispec_1.json is valid, complete, built from the request schemas, and
Swagger UI is served at /apidocs/ with bearer auth declared."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from openapi_spec_validator import OpenAPIV2SpecValidator, validate

from tests import openapi_check
from zerowaste.domain.accounts.users import COOKING_LEVELS, LANGUAGES, MEASUREMENT_UNITS

pytestmark = pytest.mark.api

DOCUMENTED_METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE"}
PUBLIC = {
    ("/status", "get"),
    ("/healthz/live", "get"),
    ("/healthz/ready", "get"),
    ("/api/auth/signup", "post"),
    ("/api/auth/login", "post"),
    ("/api/auth/guest", "post"),
}


@pytest.fixture
def spec(client) -> dict[str, Any]:
    response = client.get("/apispec_1.json")
    assert response.status_code == 200
    return dict(response.json)


def _refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from _refs(item)


def _swagger_path(rule: str) -> str:
    return re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule)


def test_spec_is_valid_swagger_2(spec):
    validate(spec, cls=OpenAPIV2SpecValidator)
    assert spec["swagger"] == "2.0"


def test_every_api_route_and_method_is_documented(app, spec):
    missing = []
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith(("/api/", "/status", "/healthz/")):
            continue
        documented = spec["paths"].get(_swagger_path(rule.rule), {})
        for method in sorted((rule.methods or set()) & DOCUMENTED_METHODS):
            operation = documented.get(method.lower())
            if not operation or not operation.get("responses"):
                missing.append(f"{method} {rule.rule}")
    assert missing == []


def test_every_ref_resolves(spec):
    refs = set(_refs(spec))

    assert refs, "the spec should use definitions"
    for ref in refs:
        assert ref.startswith("#/definitions/"), ref
        assert ref.removeprefix("#/definitions/") in spec["definitions"], ref


def test_bearer_auth_is_declared_for_authorize(spec):
    assert spec["securityDefinitions"]["Bearer"] == {
        "type": "apiKey",
        "name": "Authorization",
        "in": "header",
        "description": spec["securityDefinitions"]["Bearer"]["description"],
    }
    assert spec["security"] == [{"Bearer": []}]
    profile = spec["paths"]["/api/user/profile"]["get"]
    assert profile.get("security", spec["security"]) == [{"Bearer": []}]


def test_public_routes_do_not_ask_for_a_token(spec):
    for path, method in PUBLIC:
        assert spec["paths"][path][method].get("security") == [], f"{method.upper()} {path}"


def test_definitions_come_from_the_request_schemas(spec):
    update = spec["definitions"]["ProfileUpdate"]["properties"]

    assert update["language"]["enum"] == list(LANGUAGES)
    assert update["cookingLevel"]["enum"] == list(COOKING_LEVELS)
    assert update["measurementUnit"]["enum"] == list(MEASUREMENT_UNITS)
    assert update["allergies"]["maxItems"] == 50
    assert update["name"]["maxLength"] == 120
    signup = spec["definitions"]["Signup"]
    assert set(signup["required"]) == {"email", "password"}
    assert signup["properties"]["password"]["minLength"] == 8
    body = spec["paths"]["/api/user/profile"]["put"]["parameters"][0]
    assert body["schema"] == {"$ref": "#/definitions/ProfileUpdate"}


def test_swagger_ui_is_served(client):
    response = client.get("/apidocs/")

    assert response.status_code == 200
    assert response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    assert "swagger-ui" in page
    assert "/apispec_1.json" in page
    static = re.search(r'src="(/flasgger_static/[^"]+\.js)"', page)
    assert static is not None
    assert client.get(static.group(1)).status_code == 200


def _status_answer(app: Any, body: dict[str, Any], status: int = 200) -> Any:
    response = openapi_check._OPEN(app.test_client(), "/status")
    response.set_data(json.dumps(body))
    response.status_code = status
    return response


def test_the_spec_check_refuses_a_key_the_schema_does_not_know(app):
    drifted = _status_answer(app, {"status": "success", "message": "up", "uptime": 3})

    with pytest.raises(openapi_check.SpecMismatch, match="uptime"):
        openapi_check.check_response(app, drifted)


def test_the_spec_check_refuses_a_wrong_type_and_a_missing_required_key(app):
    with pytest.raises(openapi_check.SpecMismatch, match="is not of type 'string'"):
        openapi_check.check_response(app, _status_answer(app, {"status": 1}))
    with pytest.raises(openapi_check.SpecMismatch, match="'status' is a required property"):
        openapi_check.check_response(app, _status_answer(app, {"message": "up"}))


def test_the_spec_check_refuses_an_undocumented_status(app):
    teapot = _status_answer(app, {"error": "teapot", "code": "teapot"}, status=418)

    with pytest.raises(openapi_check.SpecMismatch, match="answered 418"):
        openapi_check.check_response(app, teapot)


def test_nullable_fields_accept_null_and_their_type_only(app, client, auth_headers):
    response = client.get("/api/inventory", headers=auth_headers)
    item = {"id": 1, "kind": "ingredient", "name": "Sal", "type_unit": "g", "tips": ""}
    item |= {"storage_type": "Ambiente", "image_path": "", "total_quantity": 0.0}
    item |= {"stack_count": 0, "stacks": [], "allergy_alert": False, "allergens": []}
    body = {**response.json, "ingredients": [{**item, "nearest_expiration": None}]}
    response.set_data(json.dumps(body))
    openapi_check.check_response(app, response)

    body["ingredients"][0]["nearest_expiration"] = 5
    response.set_data(json.dumps(body))
    with pytest.raises(openapi_check.SpecMismatch, match="nearest_expiration"):
        openapi_check.check_response(app, response)


def test_nested_definitions_come_before_the_definitions_that_use_them(spec):
    seen: set[str] = set()
    for name, schema in spec["definitions"].items():
        used = {ref.removeprefix("#/definitions/") for ref in _refs(schema)}
        assert used <= seen | {name}, f"{name} uses {sorted(used - seen)} before they are defined"
        seen.add(name)


def test_response_definitions_refuse_unknown_keys(spec):
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            for status, answer in operation["responses"].items():
                ref = answer.get("schema", {}).get("$ref")
                if ref:
                    schema = spec["definitions"][ref.removeprefix("#/definitions/")]
                    assert schema.get("additionalProperties") is False, (method, path, status)
