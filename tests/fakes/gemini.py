"""A fake Gemini API on 127.0.0.1: records every request and replays queued answers.

The real google-genai client talks to it (TESTING_INTEGRATIONS.md §1): point the client's
base URL (or GOOGLE_GEMINI_BASE_URL) at `fake.url`. It serves
`POST /<version>/models/<model>:generateContent` (v1 or v1beta), answers with the queued
replies in order, then with `fallback` (an error by default, so a test that forgot to queue an
answer fails loudly). A reply may wait before answering (to trigger client timeouts); the wait
ends at once when the server stops.

    with FakeGemini.running() as fake:
        fake.queue(json_reply({"ingredients": []}))
        ...
        assert fake.requests[0].body["generationConfig"]["temperature"] == 0.4
"""

from __future__ import annotations

import base64
import json
import re
import threading
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

ROUTE = re.compile(r"/(v1|v1beta)/models/([^/:]+):generateContent")


@dataclass(frozen=True)
class Reply:
    status: int = 200
    body: Any = None  # a dict is sent as JSON, str/bytes as they are
    delay: float = 0.0  # seconds to wait before answering
    content_type: str = "application/json"


@dataclass(frozen=True)
class Recorded:
    path: str
    version: str
    model: str
    headers: dict[str, str]
    body: dict[str, Any]

    def texts(self) -> list[str]:
        """Every text part of the user turn, in order."""
        return [p["text"] for c in self.body["contents"] for p in c["parts"] if "text" in p]

    def system(self) -> str:
        parts = (self.body.get("systemInstruction") or {}).get("parts") or []
        return "".join(p.get("text", "") for p in parts)

    def config(self) -> dict[str, Any]:
        return dict(self.body.get("generationConfig") or {})


def usage(tokens_in: int = 11, tokens_out: int = 7, thoughts: int = 0) -> dict[str, int]:
    meta = {
        "promptTokenCount": tokens_in,
        "candidatesTokenCount": tokens_out,
        "totalTokenCount": tokens_in + tokens_out + thoughts,
    }
    if thoughts:
        meta["thoughtsTokenCount"] = thoughts
    return meta


def text_reply(text: str, *, tokens: dict[str, int] | None = None) -> Reply:
    """A 200 whose only part is `text` (JSON answers are text parts too)."""
    return Reply(
        body={
            "candidates": [
                {
                    "content": {"role": "model", "parts": [{"text": text}]},
                    "finishReason": "STOP",
                }
            ],
            "usageMetadata": tokens or usage(),
        }
    )


def json_reply(answer: Any, *, tokens: dict[str, int] | None = None) -> Reply:
    return text_reply(json.dumps(answer, ensure_ascii=False), tokens=tokens)


def image_reply(data: bytes, mime_type: str = "image/png", *, text: str = "Here it is") -> Reply:
    """What image models send: a text part and the picture as inline data."""
    parts = [
        {"text": text},
        {"inlineData": {"mimeType": mime_type, "data": base64.b64encode(data).decode()}},
    ]
    return Reply(
        body={
            "candidates": [{"content": {"role": "model", "parts": parts}, "finishReason": "STOP"}],
            "usageMetadata": usage(20, 1290),
        }
    )


def error_reply(code: int, status: str, message: str = "fake failure") -> Reply:
    return Reply(status=code, body={"error": {"code": code, "message": message, "status": status}})


@dataclass
class FakeGemini:
    replies: deque[Reply] = field(default_factory=deque)
    fallback: Reply = field(
        default_factory=lambda: error_reply(400, "FAILED_PRECONDITION", "no reply queued")
    )
    requests: list[Recorded] = field(default_factory=list)
    url: str = ""
    _stopping: threading.Event = field(default_factory=threading.Event)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def queue(self, *replies: Reply) -> None:
        with self._lock:
            self.replies.extend(replies)

    def __call__(self, environ: Any, start_response: Any) -> Any:
        request = Request(environ)
        match = ROUTE.fullmatch(request.path)
        if request.method != "POST" or match is None:
            reply = error_reply(404, "NOT_FOUND", "unknown route")
        else:
            with self._lock:
                self.requests.append(
                    Recorded(
                        path=request.path,
                        version=match[1],
                        model=match[2],
                        headers={k.lower(): v for k, v in request.headers.items()},
                        body=request.get_json(force=True),
                    )
                )
                reply = self.replies.popleft() if self.replies else self.fallback
        if reply.delay:
            self._stopping.wait(reply.delay)
        body = reply.body
        data = json.dumps(body) if isinstance(body, dict) else (body or "")
        response = Response(data, status=reply.status, content_type=reply.content_type)
        return response(environ, start_response)

    @classmethod
    @contextmanager
    def running(cls) -> Iterator[FakeGemini]:
        fake = cls()
        server = make_server("127.0.0.1", 0, fake, threaded=True)
        fake.url = f"http://127.0.0.1:{server.server_port}"
        thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
        thread.start()
        try:
            yield fake
        finally:
            fake._stopping.set()
            server.shutdown()
            server.server_close()
            thread.join(timeout=5)


# Answers shaped like contract D, as the model would send them (before our mapping).


def ingredient_answer(**changes: Any) -> dict[str, Any]:
    item = {
        "name": "Tomate",
        "description": "Tomates rojos maduros",
        "quantity": 3,
        "type_unit": "unit",
        "storage_type": "Refrigerado",
        "expiration_time": 7,
        "time_unit": "Días",
        "tips": "Guárdalos sin lavar",
        "confidence": 0.92,
        "image": 1,
        "box_2d": [100, 200, 500, 600],
    }
    return {**item, **changes}


def food_answer(**changes: Any) -> dict[str, Any]:
    item = {
        "name": "Lomo saltado",
        "main_ingredients": ["carne de res", "cebolla", "tomate", "papas fritas"],
        "category": "Plato principal",
        "calories": 650,
        "description": "Salteado de carne con papas fritas",
        "storage_type": "Refrigerado",
        "expiration_time": 2,
        "time_unit": "Días",
        "tips": "Recaliéntalo en sartén",
        "serving_quantity": 2,
        "confidence": 0.8,
    }
    return {**item, **changes}


def advice_answer() -> dict[str, Any]:
    text = "Texto de consejo"
    return {
        "environmental_impact": {
            "carbon_kg_co2e_per_kg": 1.43,
            "water_l_per_kg": 214.0,
            "sustainability_message": "Aprovechar un kg de tomate ahorra 214 litros de agua.",
        },
        "utilization_ideas": [
            {"title": "Salsa criolla", "description": "Con cebolla y limón", "type": "preparation"},
            {"title": "Congelar en cubos", "description": "Tritúralos", "type": "preservation"},
            {"title": "Caldo", "description": "Usa las pieles", "type": "reuse"},
        ],
        "consumption_advice": {
            "optimal_consumption": text,
            "preparation_tips": text,
            "nutritional_benefits": text,
            "recommended_portions": text,
        },
        "before_consumption_advice": {
            "quality_check": text,
            "safety_tips": text,
            "preparation_notes": text,
            "special_considerations": text,
        },
    }


def recipe_answer(title: str = "Arroz con pollo", **changes: Any) -> dict[str, Any]:
    recipe = {
        "title": title,
        "duration": "45 min",
        "difficulty": "intermediate",
        "category": "almuerzo",
        "description": "Arroz verde con presas de pollo dorado",
        "ingredients": [
            {"name": "arroz", "quantity": 2, "type_unit": "tazas"},
            {"name": "pollo", "quantity": 0.5, "type_unit": "kg"},
        ],
        "steps": [
            {"step_order": 2, "description": "Cocina el arroz con el culantro."},
            {"step_order": 1, "description": "Dora el pollo."},
        ],
        "footer": "Usa el culantro que se está marchitando.",
    }
    return {**recipe, **changes}
