"""Check a test client's response against the generated Swagger spec: the route must document
the status, and a JSON body must validate against the documented schema.

The spec is read once per session (from the first app a test talks to: every app serves the
same routes). Validators are built once per (path, method, status), with the spec's
definitions inlined and Swagger 2.0's `x-nullable` turned into JSON Schema's null type.
Responses of routes the spec does not list (Swagger UI, test-only routes, unmatched URLs) and
non-JSON bodies (image files, HTML) are not checked.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Callable
from functools import cache
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from jsonschema import Draft4Validator
from werkzeug.exceptions import HTTPException
from werkzeug.routing import RequestRedirect
from werkzeug.test import TestResponse

_SPEC: dict[str, Any] = {}
_OPEN = FlaskClient.open  # the unchecked original
_CONVERTER = re.compile(r"<(?:[^:<>]+:)?([^<>]+)>")


class SpecMismatch(AssertionError):
    """A response the spec does not describe."""


def swagger_path(rule: str) -> str:
    """A Werkzeug rule as a Swagger path: `<int:item_id>` -> `{item_id}`."""
    return _CONVERTER.sub(r"{\1}", rule)


def checking_open(allowed: frozenset[int] = frozenset()) -> Callable[..., TestResponse]:
    """FlaskClient.open, then the answer checked against the spec (a status in `allowed` is
    let through: a test that injects a fault may expect an undocumented 500)."""

    def checked_open(client: FlaskClient, *args: Any, **kwargs: Any) -> TestResponse:
        response = _OPEN(client, *args, **kwargs)
        if response.status_code not in allowed:
            check_response(client.application, response)
        return response

    return checked_open


def load_spec(app: Flask) -> dict[str, Any]:
    """The app's /apispec_1.json, read once per session."""
    if not _SPEC:
        response = _OPEN(app.test_client(), "/apispec_1.json")
        _SPEC.update(json.loads(response.get_data()))
    return _SPEC


def check_response(app: Flask, response: TestResponse) -> None:
    """Raise SpecMismatch when the spec does not document this answer of a documented route."""
    environ = response.request.environ
    method = environ["REQUEST_METHOD"].lower()
    try:
        rule, _ = app.url_map.bind_to_environ(environ).match(method=method, return_rule=True)
    except (HTTPException, RequestRedirect):
        return  # no route matched: the app's 404/405, not an operation of the spec
    path = swagger_path(rule.rule)
    operation = load_spec(app)["paths"].get(path, {}).get(method)
    if operation is None:
        return
    status = str(response.status_code)
    documented = operation.get("responses", {})
    if status not in documented:
        raise SpecMismatch(
            f"{method.upper()} {path} answered {status}, which its spec does not document "
            f"(documented: {sorted(documented)}); body: {response.get_data(as_text=True)[:300]}"
        )
    if response.mimetype != "application/json" or "schema" not in documented[status]:
        return
    errors = sorted(_validator(path, method, status).iter_errors(_json(response)), key=str)
    if errors:
        where = "/".join(str(p) for p in errors[0].absolute_path) or "(body)"
        raise SpecMismatch(
            f"{method.upper()} {path} {status}: body does not match its documented schema: "
            f"{len(errors)} error(s); first at {where}: {errors[0].message[:500]}"
        )


def _json(response: TestResponse) -> Any:
    data = response.get_data()
    if response.headers.get("Content-Encoding") == "gzip":
        data = gzip.decompress(data)
    return json.loads(data)


@cache
def _validator(path: str, method: str, status: str) -> Draft4Validator:
    schema = _SPEC["paths"][path][method]["responses"][status]["schema"]
    document = {**_nullable(schema), "definitions": _definitions()}
    return Draft4Validator(document, format_checker=Draft4Validator.FORMAT_CHECKER)


@cache
def _definitions() -> dict[str, Any]:
    return {name: _nullable(schema) for name, schema in _SPEC["definitions"].items()}


def _nullable(node: Any) -> Any:
    """Swagger 2.0's `x-nullable: true` as JSON Schema: that, or null (a `$ref`'s siblings are
    ignored in draft 4, so the node is wrapped rather than given a second type)."""
    if isinstance(node, list):
        return [_nullable(n) for n in node]
    if not isinstance(node, dict):
        return node
    converted = {k: _nullable(v) for k, v in node.items() if k != "x-nullable"}
    if node.get("x-nullable"):
        return {"anyOf": [{"type": "null"}, converted]}
    return converted
