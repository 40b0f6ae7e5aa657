"""Recipe pages -> ScrapedRecipe with recipe-scrapers (v15), offline: `scrape_html` gets the
HTML the polite fetcher brought and never touches the network. A site recipe-scrapers knows is
read by its own scraper; any other by the generic schema.org Recipe reader (wild mode,
`supported_only=False`). A page without a title, ingredient lines or steps is NotARecipe.
Optional fields a page lacks (times, yields, language) stay empty rather than failing."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any

from recipe_scrapers import scrape_html
from recipe_scrapers._exceptions import RecipeScrapersExceptions

from zerowaste.application.scraping.ports import NotARecipe, ScrapedRecipe

log = logging.getLogger(__name__)
_NUMBER = re.compile(r"\d+")
NOT_A_RECIPE = "The page holds no recipe that can be read"


class RecipeScrapersReader:
    """Implements application.scraping.ports.RecipeReader."""

    def read(self, html: str, url: str) -> ScrapedRecipe:
        try:
            scraper = scrape_html(html, org_url=url, supported_only=False)
        except (RecipeScrapersExceptions, ValueError, TypeError, AttributeError) as exc:
            raise NotARecipe(NOT_A_RECIPE) from exc
        title = _optional(scraper.title, "")
        ingredients = [str(line).strip() for line in _optional(scraper.ingredients, [])]
        steps = [str(step).strip() for step in _optional(scraper.instructions_list, [])]
        ingredients, steps = [i for i in ingredients if i], [s for s in steps if s]
        if not (isinstance(title, str) and title.strip() and ingredients and steps):
            raise NotARecipe(NOT_A_RECIPE)
        minutes = _optional(scraper.total_time, None)
        return ScrapedRecipe(
            title=title.strip(),
            ingredients=ingredients,
            steps=steps,
            url=url,
            language=str(_optional(scraper.language, "") or ""),
            description=str(_optional(scraper.description, "") or ""),
            minutes=minutes if isinstance(minutes, int) and 0 < minutes < 10_000 else None,
            servings=servings_of(str(_optional(scraper.yields, "") or "")),
            site=str(_optional(scraper.host, "") or ""),
            image_url=_optional(scraper.image, None) or None,
        )


def servings_of(yields: str) -> int | None:
    """4 from "4 servings", "Serves 4-6" (the first number); None without one."""
    found = _NUMBER.search(yields)
    return int(found.group()) if found and 0 < int(found.group()) <= 100 else None


def _optional(read: Callable[[], Any], default: Any) -> Any:
    """A field recipe-scrapers may raise for when the page lacks it: its own exceptions, or the
    RuntimeError (NotImplemented...) its base scraper raises for a field the site's scraper does
    not read."""
    try:
        return read()
    except (RecipeScrapersExceptions, RuntimeError, ValueError, TypeError, AttributeError):
        return default
    except Exception:  # a site scraper's own bug must not fail the import of the rest
        log.exception("recipe-scrapers failed on an optional field")
        return default
