"""robots.txt rules (Protego), read as Google documents them: a 4xx answer (no file) allows
everything; a 200 is parsed (and cached a day by the fetcher); a 5xx is "not now", which the
fetcher handles before this. `Crawl-delay` for our agent (or `*`) slows the host's pace when it
is longer than ours."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from protego import Protego


@dataclass(frozen=True)
class RobotsRules:
    body: str

    @cached_property
    def _parsed(self) -> Protego:
        """Parsed once: the fetcher asks for both rules on every hop of a redirect chain."""
        return Protego.parse(self.body)

    @classmethod
    def from_answer(cls, status: int, body: str) -> RobotsRules:
        return cls(body if 200 <= status < 300 else "")

    def allows(self, url: str, agent: str) -> bool:
        return bool(self._parsed.can_fetch(url, agent))

    def crawl_delay(self, agent: str) -> float | None:
        delay = self._parsed.crawl_delay(agent)
        return float(delay) if delay is not None else None
