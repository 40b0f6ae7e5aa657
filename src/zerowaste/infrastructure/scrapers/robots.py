"""robots.txt rules (Protego), read as Google documents them: a 4xx answer (no file) allows
everything; a 5xx answer or a site that cannot be reached disallows everything for now (the
site may be down or overloaded) and is asked again on the next fetch; a 200 is parsed and cached
for a day. `Crawl-delay` for our agent (or `*`) slows the host's pace when it is longer."""

from __future__ import annotations

from dataclasses import dataclass

from protego import Protego

DISALLOW_ALL = "User-agent: *\nDisallow: /\n"


@dataclass(frozen=True)
class RobotsRules:
    body: str
    cacheable: bool  # False for the temporary "disallow all" of a failing site

    @classmethod
    def from_answer(cls, status: int | None, body: str) -> RobotsRules:
        """`status` None: the site could not be reached."""
        if status is None or status >= 500 or status == 429:
            return cls(DISALLOW_ALL, cacheable=False)
        if status >= 400:
            return cls("", cacheable=True)
        return cls(body if 200 <= status < 300 else "", cacheable=True)

    def allows(self, url: str, agent: str) -> bool:
        return bool(_parsed(self.body).can_fetch(url, agent))

    def crawl_delay(self, agent: str) -> float | None:
        delay = _parsed(self.body).crawl_delay(agent)
        return float(delay) if delay is not None else None


def _parsed(body: str) -> Protego:
    return Protego.parse(body)
