"""robots.txt rules (Protego), read as Google documents them: a 4xx answer (no file) allows
everything; a 200 is parsed (and cached a day by the fetcher); a 5xx is "not now", which the
fetcher handles before this. `Crawl-delay` for our agent (or `*`) slows the host's pace when it
is longer than ours."""

from __future__ import annotations

from dataclasses import dataclass

from protego import Protego


@dataclass(frozen=True)
class RobotsRules:
    body: str

    @classmethod
    def from_answer(cls, status: int, body: str) -> RobotsRules:
        return cls(body if 200 <= status < 300 else "")

    def allows(self, url: str, agent: str) -> bool:
        return bool(_parsed(self.body).can_fetch(url, agent))

    def crawl_delay(self, agent: str) -> float | None:
        delay = _parsed(self.body).crawl_delay(agent)
        return float(delay) if delay is not None else None


def _parsed(body: str) -> Protego:
    return Protego.parse(body)
