"""RecipeImport on fakes: the URL is checked before anything is queued, and a failed job's
code is read back from its message."""

from __future__ import annotations

from typing import Any

import pytest

from tests.fakes.jobs import JobsWorld
from zerowaste.application.scraping.ports import FetchFailed, NotARecipe, Page
from zerowaste.application.scraping.recipe_import import JOB_TYPE, RecipeImport
from zerowaste.domain.recipes.recipe import RecipeNotFound
from zerowaste.domain.scraping.urls import UrlRefused
from zerowaste.domain.shared.errors import NotFound, PermissionDenied

pytestmark = pytest.mark.unit


class FakeFetcher:
    def __init__(self, failure: Exception | None = None) -> None:
        self.checked: list[str] = []
        self.failure = failure

    def check(self, url: str) -> None:
        self.checked.append(url)
        if "private" in url:
            raise UrlRefused("private", code="url_private")

    def fetch(self, url: str, kind: str) -> Page:
        if self.failure:
            raise self.failure
        return Page(url, 200, "text/html", "<html></html>")


class EmptyBook:
    """The book with nothing saved yet (the job looks for its recipe first); `viewers` may
    not change it."""

    def __init__(self, viewers: frozenset[str] = frozenset()) -> None:
        self.viewers = viewers

    def require_change(self, user_uid: str) -> None:
        if user_uid in self.viewers:
            raise PermissionDenied("A household viewer may not change recipes")

    def get(self, user_uid: str, uid: str) -> Any:
        raise RecipeNotFound("Recipe not found")


class NoRecipe:
    def read(self, html: str, url: str) -> Any:
        raise NotARecipe("no recipe")


def importer(
    world: JobsWorld, fetcher: FakeFetcher, viewers: frozenset[str] = frozenset(), **kwargs: Any
) -> RecipeImport:
    book: Any = EmptyBook(viewers)
    service = RecipeImport(world.jobs, fetcher, NoRecipe(), None, book, **kwargs)  # type: ignore[arg-type]
    world.jobs.register(JOB_TYPE, service.run_job)
    return service


@pytest.mark.parametrize("url", ["ftp://a.example/r", "http://u:p@a.example/r", "http://10.0.0.1/"])
def test_a_malformed_or_private_literal_url_is_refused_before_any_lookup(url):
    world, fetcher = JobsWorld(), FakeFetcher()

    with pytest.raises(UrlRefused):
        importer(world, fetcher).start("u1", url)

    assert fetcher.checked == [] and world.store.jobs == {}


def test_a_host_resolving_privately_is_refused_and_nothing_queued():
    world, fetcher = JobsWorld(), FakeFetcher()

    with pytest.raises(UrlRefused) as refused:
        importer(world, fetcher).start("u1", "https://private.example/r")

    assert refused.value.code == "url_private" and world.store.jobs == {}


@pytest.mark.parametrize(
    ("failure", "code"),
    [
        (FetchFailed("x", code="robots_disallowed"), "robots_disallowed"),
        (FetchFailed("x", code="too_large"), "too_large"),
        (UrlRefused("x", code="url_private"), "url_private"),
        (None, "not_a_recipe"),
        (RuntimeError("a bug"), "import_failed"),
    ],
)
def test_a_failed_job_says_its_code(failure, code):
    world = JobsWorld()
    service = importer(world, FakeFetcher(failure))
    started = service.start("u1", " https://cooking.example/soup ")

    world.jobs.run(started.job.id, final_attempt=True)
    polled = service.status("u1", started.job.id)

    assert started.job.payload == {"url": "https://cooking.example/soup"}
    assert polled.job.status == "failed" and polled.error_code == code
    assert polled.recipe_uid is None
    with pytest.raises(NotFound):
        service.status("u2", started.job.id)


def test_turned_off_it_refuses_before_checking():
    world, fetcher = JobsWorld(), FakeFetcher()

    with pytest.raises(PermissionDenied):
        importer(world, fetcher, enabled=False).start("u1", "https://cooking.example/soup")

    assert fetcher.checked == []


def test_a_viewer_is_refused_before_the_url_is_checked_and_nothing_is_queued():
    world, fetcher = JobsWorld(), FakeFetcher()

    with pytest.raises(PermissionDenied):
        importer(world, fetcher, frozenset({"u1"})).start("u1", "https://cooking.example/soup")

    assert fetcher.checked == [] and world.store.jobs == {}
