"""Recipe import from a URL (issue #13): `POST /api/recipes/import {url}` answers 202 with a job.

The request only checks that the caller may change their household's recipe book (a viewer
may not: 403, nothing queued) and the URL (http(s), no credentials, a host that resolves to
public addresses) and queues the job; the job fetches the page through the polite fetcher
(robots.txt, per-host pace, cache; the address is checked again when it connects), reads its
schema.org Recipe, maps each ingredient line to the ingredient master with the recipe-line
reader the catalog uses, and saves the recipe as the caller's household's own (the book's
`save`).

A failed job's message is one of FAILURES, so its code can be told from the job row, which
keeps a message only: the status view maps it back (`failure_code`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from zerowaste.application.jobs.ports import Progress
from zerowaste.application.jobs.service import JobService
from zerowaste.application.recipes.book import RecipeBook, RecipeDraft
from zerowaste.application.recipes.lines import RecipeLineReader
from zerowaste.application.scraping.ports import (
    FetchFailed,
    NotARecipe,
    PageFetcher,
    RecipeReader,
    ScrapedRecipe,
)
from zerowaste.domain.jobs import Job, JobStatus
from zerowaste.domain.recipes.lines import MappedLine
from zerowaste.domain.recipes.recipe import (
    MAX_LINES,
    MAX_STEPS,
    MAX_TITLE,
    Recipe,
    RecipeIngredient,
    RecipeNotFound,
)
from zerowaste.domain.scraping.urls import check_url
from zerowaste.domain.shared.errors import NotFound, PermissionDenied, RuleViolation

JOB_TYPE = "recipes.import"
FAILURES = {
    "not_a_recipe": "The page holds no recipe that can be read",
    "robots_disallowed": "The site's robots.txt does not allow reading this page",
    "url_invalid": "The URL cannot be fetched",
    "url_private": "The URL points at a private address",
    "url_unresolvable": "The URL's host could not be found",
    "fetch_timeout": "The site took too long to answer",
    "fetch_failed": "The page could not be fetched",
    "http_error": "The site answered with an error",
    "upstream_busy": "The site asked us to come back later",
    "too_large": "The page is too large to import",
    "too_many_redirects": "The page redirects too many times",
    "not_html": "The URL is not a web page",
}
_CODES = {message: code for code, message in FAILURES.items()}


class ImportFailed(RuleViolation):
    """The job's failure, with one of FAILURES' messages."""

    def __init__(self, code: str) -> None:
        super().__init__(FAILURES.get(code, FAILURES["fetch_failed"]), code=code)


@dataclass(frozen=True)
class ImportJob:
    """An import job as its owner polls it."""

    job: Job

    @property
    def recipe_uid(self) -> str | None:
        result = self.job.result or {}
        return str(result["recipe_uid"]) if result.get("recipe_uid") else None

    @property
    def error_code(self) -> str | None:
        if self.job.status is not JobStatus.FAILED:
            return None
        return _CODES.get(self.job.error or "", "import_failed")


class RecipeImport:
    def __init__(
        self,
        jobs: JobService,
        fetcher: PageFetcher,
        reader: RecipeReader,
        lines: RecipeLineReader,
        book: RecipeBook,
        *,
        enabled: bool = True,
    ) -> None:
        self._jobs = jobs
        self._fetcher = fetcher
        self._reader = reader
        self._lines = lines
        self._book = book
        self._enabled = enabled

    def start(self, user_uid: str, url: str) -> ImportJob:
        """Check the caller may add to their household's book (403 for a viewer) and the URL
        (422 when refused), then queue its import."""
        if not self._enabled:
            raise PermissionDenied(
                "Recipe import is turned off here", code="recipe_import_disabled"
            )
        self._book.require_change(user_uid)
        check_url(url)
        self._fetcher.check(url.strip())
        return ImportJob(self._jobs.start(user_uid, JOB_TYPE, {"url": url.strip()}))

    def status(self, user_uid: str, job_id: str) -> ImportJob:
        """The caller's import job (anyone else's, or another kind of job, is 404)."""
        job = self._jobs.get(user_uid, job_id)
        if job.type != JOB_TYPE:
            raise NotFound("Job not found", code="job_not_found")
        return ImportJob(job)

    def run_job(self, job: Job, progress: Progress) -> dict[str, Any]:
        """The worker's `recipes.import`: fetch, read, map, save. The recipe's uid is the
        job's id, so a rerun (a redelivered message) finds the recipe instead of a copy."""
        url = str(job.payload["url"])
        saved = self._saved(job)
        if saved is not None:
            return _result(saved, url, len(saved.ingredients), None)
        progress.report(10, "fetching")
        try:
            page = self._fetcher.fetch(url, "recipe")
            progress.report(50, "reading")
            scraped = self._reader.read(page.text, page.url)
        except (FetchFailed, NotARecipe, RuleViolation) as exc:  # refused at connect time too
            raise ImportFailed(exc.code) from exc
        progress.report(70, "matching ingredients")
        lang = "es" if scraped.language.casefold().startswith("es") else "en"
        texts = [t.strip() for t in scraped.ingredients if t.strip()][:MAX_LINES]
        lines = [self._lines.read_line(text, lang) for text in texts]
        recipe = self._book.save(job.owner_uid, _draft(scraped, lines), uid=job.id)
        mapped = sum(1 for line in lines if line.ingredient_id)
        return _result(recipe, scraped.url, len(lines), mapped)

    def _saved(self, job: Job) -> Recipe | None:
        try:
            return self._book.get(job.owner_uid, job.id)
        except RecipeNotFound:
            return None


def _result(recipe: Recipe, url: str, lines: int, mapped: int | None) -> dict[str, Any]:
    return {
        "recipe_uid": recipe.uid,
        "title": recipe.title,
        "url": url,
        "ingredients": lines,
        "mapped": mapped,
    }


def _draft(scraped: ScrapedRecipe, lines: list[MappedLine]) -> RecipeDraft:
    return RecipeDraft(
        title=scraped.title.strip()[:MAX_TITLE],
        description=scraped.description.strip()[:2000],
        ingredients=[_ingredient(line) for line in lines],
        steps=[s.strip() for s in scraped.steps if s.strip()][:MAX_STEPS],
        duration=f"{scraped.minutes} min" if scraped.minutes else "",
        servings=scraped.servings,
        footer=f"Importada de {scraped.url}"[:500],
    )


def _ingredient(mapped: MappedLine) -> RecipeIngredient:
    """As the catalog keeps its lines (infrastructure.recipes.catalog.reading_with): the
    master's id as the food key, else the folded name."""
    line = mapped.line
    name = (mapped.food or line.food or line.text).strip()[:200]
    return RecipeIngredient(
        name=name,
        quantity=line.quantity,
        unit=line.unit,
        food_key=mapped.ingredient_id or " ".join(name.casefold().split()),
        optional=line.optional,
        text=line.text[:300],
        grams=mapped.grams,
    )
