"""Answering a request: the marshmallow dump of the schema that also documents the response.

Response schemas never reach for the request or the services. What they need beyond the dumped
object comes through the dump context set here, once per response: the API's base URL (image
links are made absolute against it), and whatever the route passes by keyword: `today` for the
expiry figures of reads, and the request values a reply echoes (`message`, `new_quantity`...).
A context variable rather than arguments on each schema, because nested schemas several levels
down (an item's stacks) need the same values and marshmallow 4 dropped `Schema.context`.
A body rendered and encoded before (a kept or cached rendering) is answered as it is.
"""

from __future__ import annotations

from typing import Any

from flask import Response, request
from marshmallow import Schema

from zerowaste.interface.http.response_fields import DumpContext

Reply = tuple[Any, int]


def render(schema: Schema, obj: Any, **given: Any) -> Any:
    """`schema.dump(obj)` with the API's base URL and the route's `given` values in context."""
    with DumpContext({"base_url": request.host_url, **given}):
        return schema.dump(obj)


def dump(schema: Schema, obj: Any, status: int = 200, **given: Any) -> Reply:
    """The route's answer: the rendered body and its status (Flask encodes it as JSON)."""
    return render(schema, obj, **given), status


def json_bytes_response(body: bytes) -> Response:
    """A 200 answer whose body is JSON already encoded (a kept or cached rendering)."""
    return Response(body, status=200, mimetype="application/json")
