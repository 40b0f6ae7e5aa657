"""Property-based tests of every operation against the generated spec (schemathesis, in-process).

For each operation schemathesis sends valid and invalid requests (its coverage phase: boundary
values, missing and wrong-typed fields, unexpected methods; then fuzzing), as a signed-up user
with a small inventory, and checks that the status is documented, the body matches the
documented schema, the content type is the documented one, and no answer is a server error.
The app and its user are shared by the operations of a worker (a new user when an operation
logged the last one out or deleted it): building them per operation cost more than the cases.
The budget is bounded (MAX_EXAMPLES fuzzed cases per operation, derandomized so CI runs the
same cases every time), so it runs in `make test`.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis

from tests.api.conftest import bearer, signup
from tests.conftest import make_settings

pytestmark = pytest.mark.api

MAX_EXAMPLES = 20
SPEC_DIR = tempfile.TemporaryDirectory(prefix="zw-spec-")  # removed at exit
CHECKS = (
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_schema_conformance",
)


def _config() -> schemathesis.Config:
    checks: dict[str, Any] = {"enabled": False} | {name: {"enabled": True} for name in CHECKS}
    return schemathesis.Config.from_dict(
        {
            "generation": {
                "mode": "all",
                "max-examples": MAX_EXAMPLES,
                "deterministic": True,
                "database": "none",
            },
            "checks": checks,
            "suppress-health-check": ["all"],
        }
    )


def _spec_app() -> Any:
    """An app that only serves the spec to collect the operations from (it opens no database).
    schemathesis' fixture-based loader does not run under pytest 9, so the spec is read at
    import and each test sends its cases to its own app (`app=` below)."""
    from zerowaste.bootstrap import create_app

    return create_app(make_settings(Path(SPEC_DIR.name)))


schema = schemathesis.openapi.from_wsgi("/apispec_1.json", _spec_app(), config=_config())


def _seed(client: Any, headers: dict[str, str]) -> None:
    """An ingredient with two stacks and a food, so the reads have rows to show."""
    line = {"name": "Tomate", "quantity": 3, "type_unit": "unidades", "expiration_time": 5}
    for _ in range(2):
        added = client.post(
            "/api/inventory/ingredients", json={"ingredients": [line]}, headers=headers
        )
        assert added.status_code == 201
    food = {"name": "Lomo saltado", "serving_quantity": 2, "calories": 650}
    reply = client.post(
        "/api/inventory/foods/from-recognition", json={"foods": [food]}, headers=headers
    )
    assert reply.status_code == 201


@pytest.fixture(scope="module")
def shared_app(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One app for every operation of this module (per xdist worker): building one per test
    cost more than most operations' cases."""
    from zerowaste.bootstrap import create_app

    directory = tmp_path_factory.mktemp("schemathesis")
    database = directory / "test.db"
    shutil.copy(sqlite_template, database)
    application = create_app(make_settings(directory, database_url=f"sqlite:///{database}"))
    yield application
    application.extensions["zerowaste.engine"].dispose()


_USER: dict[str, dict[str, str]] = {}


@pytest.fixture
def user_headers(shared_app: Any) -> dict[str, str]:
    """A signed-up user with a small inventory, kept across operations while its token works
    (an operation may log it out or delete the account: then a new one is made)."""
    client = shared_app.test_client()
    headers = _USER.get("headers")
    if headers is None or client.get("/api/user/profile", headers=headers).status_code != 200:
        headers = bearer(signup(client)["access_token"])
        _seed(client, headers)
        _USER["headers"] = headers
    return headers


def _operation_test(method: str, path: str) -> Any:
    @schema.include(method=method, path=path).parametrize()
    def test(case: Any, shared_app: Any, user_headers: dict[str, str]) -> None:
        app = shared_app
        if case.formatted_path != path and case.formatted_path in _CONCRETE_PATHS:
            # OpenAPI: a concrete path is matched before a templated sibling, so
            # `/api/recipes/saved` is the saved list, never the recipe with uid "saved".
            # Hypothesis draws string constants from our own modules, which makes such a
            # value likely whenever the set of modules changes.
            return
        # The WSGI client does not decode gzip (Flask-Compress answers gzip when asked to).
        case.call_and_validate(app=app, headers={**user_headers, "Accept-Encoding": "identity"})

    return test


# One test function per operation, named after it. Under pytest 9 every item schemathesis
# generates from one function has the same node id, and pytest-xdist's loadgroup scheduling
# (`make test`) keys items by node id: it would run one operation instead of all of them.
# Sorted: flasgger lists a route's methods in set order, which differs between xdist workers.
_OPERATIONS = sorted((op.path, op.method) for op in (r.ok() for r in schema.get_all_operations()))
_CONCRETE_PATHS = frozenset(p for p, _ in _OPERATIONS if "{" not in p)
for _path, _method in _OPERATIONS:
    _name = re.sub(r"\W+", "_", f"test {_method} {_path}").strip("_")
    globals()[_name] = _operation_test(_method, _path)
