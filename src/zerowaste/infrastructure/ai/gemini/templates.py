"""Prompt templates (prompts/<operation>.txt, filled by string.Template) and the data fence.

Why template files: the wording is reviewed and changed without touching code, and the tests
render the same files the service sends. Every template is written in English, which the
model follows best; the language of the answer comes from AiContext (`$language`), so one
template per operation serves Spanish and English users alike.

Prompt injection: text a user typed (names, descriptions, preferences, titles to avoid) never
goes into the instructions. It is sent in the user turn as JSON between the markers
<<<USER_DATA and USER_DATA>>>, after the markers (and any run of three angle brackets) and
control characters are removed from every value and its whitespace collapsed, so a value
cannot close the block early or fake a new line of instructions; JSON quoting keeps each value
inside its string. The system instruction (system.txt) tells the model that fenced content is
data, never instructions. No fence makes injection impossible; it makes it much harder and
keeps a user's text from ever being read as our own instruction.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping
from importlib import resources
from string import Template
from typing import Any

from zerowaste.application.ports.ai import AiContext

OPEN, CLOSE = "<<<USER_DATA", "USER_DATA>>>"
_MARKERS = re.compile(r"<{3,}\s*USER_DATA|USER_DATA\s*>{3,}|<{3,}|>{3,}", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MAX_TEXT = 500  # characters kept of one user value: a name or a description, never an essay
MAX_ITEMS = 40  # values kept of one user list (ingredients, titles to avoid...)

LANGUAGES = {"es": "Spanish, as spoken in Peru", "en": "English"}
MEASUREMENTS = {
    "metric": "Use metric units (g, kg, ml, l) for amounts that are weighed or measured.",
    "imperial": "Use US customary units (oz, lb, fl oz, cups) for amounts that are weighed or "
    "measured.",
}


@functools.cache
def template(name: str) -> Template:
    """The template prompts/<name>.txt, read once from the installed package."""
    text = resources.files(__package__).joinpath("prompts", f"{name}.txt").read_text("utf-8")
    return Template(text)


def render(name: str, **values: object) -> str:
    """Fill a template; a placeholder left without a value raises KeyError (a bug, not data)."""
    return template(name).substitute({k: str(v) for k, v in values.items()}).strip()


def language_of(context: AiContext) -> str:
    return "en" if context.language.casefold().startswith("en") else "es"


def system_instruction(operation: str, context: AiContext, **values: object) -> str:
    """The fixed rules (system.txt) followed by the operation's own template."""
    rules = render(
        "system",
        language=LANGUAGES[language_of(context)],
        measurement_rules=MEASUREMENTS.get(context.measurement, MEASUREMENTS["metric"]),
    )
    return f"{rules}\n\n{render(operation, **values)}"


def clean(text: str, limit: int = MAX_TEXT) -> str:
    """A user value as it may appear inside the fence: no markers, no control characters."""
    text = _CONTROL.sub(" ", _MARKERS.sub(" ", str(text)))
    return " ".join(text.split())[:limit]


def _cleaned(value: Any) -> Any:
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, Mapping):
        return {clean(str(k), 60): _cleaned(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_cleaned(v) for v in list(value)[:MAX_ITEMS]]
    return value


def fence(data: Mapping[str, Any]) -> str:
    """User data as a JSON block between the markers, each string value cleaned."""
    body = json.dumps(_cleaned(data), ensure_ascii=False, indent=1)
    return f"{OPEN}\n{body}\n{CLOSE}"
