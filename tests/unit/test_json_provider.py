"""Answer bodies through orjson: the same JSON values Flask's standard provider writes."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import StrEnum

import pytest
from flask import Flask, jsonify
from flask.json.provider import DefaultJSONProvider

from zerowaste.interface.http.json_provider import OrjsonProvider, json_bytes


class Place(StrEnum):
    FRIDGE = "fridge"


@dataclass
class Pair:
    left: int
    right: str


SAMPLE = {
    "text": "Jitomate, cebolla y chile: ¡sí! 🌶",
    "number": 0.1 + 0.2,
    "whole": 10**18,
    "flags": [True, False, None],
    "day": date(2026, 12, 1),
    "moment": datetime(2026, 12, 1, 10, 30, tzinfo=UTC),
    "price": Decimal("12.50"),
    "id": uuid.UUID(int=7),
    "place": Place.FRIDGE,
    "pair": Pair(1, "a"),
    3: "an int key",
    "nested": {"list": [{"deep": [1, 2, {"x": "y"}]}]},
}


def _app(provider: type[DefaultJSONProvider]) -> Flask:
    app = Flask(__name__)
    app.json = provider(app)
    app.json.sort_keys = False
    return app


def test_the_body_is_the_value_flasks_own_provider_writes() -> None:
    ours, flasks = _app(OrjsonProvider), _app(DefaultJSONProvider)
    with ours.app_context():
        body = jsonify(SAMPLE).get_data()
    with flasks.app_context():
        expected = jsonify(SAMPLE).get_data()

    assert json.loads(body) == json.loads(expected)
    assert json.loads(body)["day"] == "Tue, 01 Dec 2026 00:00:00 GMT"  # Flask's HTTP date
    assert json.loads(body)["price"] == "12.50"
    assert "¡sí! 🌶".encode() in body  # UTF-8, where the standard encoder escapes
    assert b"\\u00a1" in expected


def test_kept_renderings_and_answers_are_the_same_bytes() -> None:
    app = _app(OrjsonProvider)
    with app.app_context():
        answered = jsonify(SAMPLE).get_data()

    assert answered == json_bytes(SAMPLE) + b"\n"


def test_debug_mode_indents_with_the_standard_encoder() -> None:
    app = _app(OrjsonProvider)
    app.debug = True
    with app.app_context():
        body = jsonify({"a": [1]}).get_data(as_text=True)

    assert body == '{\n  "a": [\n    1\n  ]\n}\n'


def test_what_json_cannot_hold_is_refused_as_flask_refuses_it() -> None:
    with pytest.raises(TypeError):
        json_bytes({"x": object()})


def test_an_integer_beyond_64_bits_is_written_by_the_standard_encoder() -> None:
    big = 99999999999999999999999

    assert json.loads(json_bytes({"id": big, "name": "ñ"})) == {"id": big, "name": "ñ"}
