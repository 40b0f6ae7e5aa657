"""POST /api/recipes/import: 202 and a job (run in-process by the embedded queue), the recipe
saved as the caller's own, read from recipe-scrapers' own test pages served on 127.0.0.1."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from tests.api.scraping.conftest import FIXTURES, PAGES, start
from tests.fakes.sites import Reply
from zerowaste.infrastructure.db.recipes import RecipeRow

pytestmark = pytest.mark.api


@pytest.mark.parametrize("name", PAGES)
def test_a_recipe_page_is_imported_as_the_callers_recipe(client, auth_headers, site, name):
    expected = json.loads((FIXTURES / f"{name}.json").read_text())

    response = start(client, auth_headers, site.url(f"/recipes/{name}"))
    polled = client.get(response.json["status_url"], headers=auth_headers)

    assert response.status_code == 202
    assert response.headers["Location"] == response.json["status_url"]
    assert polled.status_code == 200 and polled.json["status"] == "completed", polled.json
    assert polled.json["error_code"] is None
    recipe = client.get(polled.json["recipe_url"], headers=auth_headers).json
    recipe = recipe.get("recipe", recipe)
    assert recipe["uid"] == polled.json["recipe_uid"]
    assert recipe["title"] == expected["title"] and recipe["source"] == "saved"
    assert [line["text"] for line in recipe["ingredients"]] == expected["ingredients"]
    assert [s["description"] for s in recipe["steps"]] == expected["instructions_list"]
    saved = client.get("/api/recipes/saved", headers=auth_headers).json
    assert [r["uid"] for r in saved["recipes"]] == [recipe["uid"]]


def test_ingredient_lines_are_mapped_to_the_ingredient_master(client, auth_headers, site):
    job = start(client, auth_headers, site.url("/recipes/archanaskitchen_2")).json
    done = client.get(job["status_url"], headers=auth_headers).json
    recipe = client.get(done["recipe_url"], headers=auth_headers).json
    recipe = recipe.get("recipe", recipe)

    lines = {line["text"]: line for line in recipe["ingredients"]}
    tomatoes = lines["2 Tomatoes, cut into chunks"]
    assert tomatoes["quantity"] == 2 and "tomato" in tomatoes["name"].lower()
    stored = stored_lines(client.application, done["recipe_uid"])
    assert stored["2 Tomatoes, cut into chunks"]["food_key"] == "tomato"
    assert stored["1 English Cucumber, chopped"]["food_key"] == "cucumber"
    assert done["progress"] == 100


def stored_lines(app, uid):
    """The recipe's lines as stored (the API shows no master key)."""
    with app.extensions["zerowaste.engine"].connect() as conn:
        lines = conn.execute(select(RecipeRow.lines).where(RecipeRow.uid == uid)).scalar_one()
    return {line["text"]: line for line in lines}


def test_another_user_cannot_read_the_job_or_the_recipe(client, auth_headers, other_headers, site):
    job = start(client, auth_headers, site.url("/recipes/strongrfastr")).json
    done = client.get(job["status_url"], headers=auth_headers).json

    theirs_job = client.get(job["status_url"], headers=other_headers)
    theirs_recipe = client.get(done["recipe_url"], headers=other_headers)

    assert theirs_job.status_code == 404 and theirs_job.json["code"] == "job_not_found"
    assert theirs_recipe.status_code == 404


@pytest.mark.parametrize(
    ("path", "code"),
    [
        ("/plain", "not_a_recipe"),
        ("/members/secret-recipe", "robots_disallowed"),
        ("/missing", "http_error"),
        ("/file.pdf", "not_html"),
    ],
)
def test_a_failed_import_says_why_with_a_stable_code(client, auth_headers, site, path, code):
    site.page("/plain", "<html><head><title>News</title></head><body><p>No recipe</p></body>")
    site.page("/members/secret-recipe", (FIXTURES / "strongrfastr.testhtml").read_text())
    site.serve("/file.pdf", Reply(body=b"%PDF-1.4", content_type="application/pdf"))

    response = start(client, auth_headers, site.url(path))
    polled = client.get(response.json["status_url"], headers=auth_headers).json

    assert response.status_code == 202
    assert polled["status"] == "failed" and polled["error_code"] == code
    assert polled["recipe_uid"] is None and polled["error"]
    assert client.get("/api/recipes/saved", headers=auth_headers).json["count"] == 0
    assert site.requests("/members/secret-recipe") == []


def test_a_rerun_of_the_job_finds_its_recipe_instead_of_saving_a_copy(
    client, user, auth_headers, site
):
    job = start(client, auth_headers, site.url("/recipes/foodrepublic_1")).json
    services = client.application.extensions["zerowaste.services"]
    done = services.jobs.get(user["user"]["uid"], job["job_id"])

    class Progress:
        def report(self, percent: int, step: str) -> None:
            raise AssertionError("a rerun fetches nothing")

    again = services.recipe_import.run_job(done, Progress())

    assert again["recipe_uid"] == done.result["recipe_uid"] == job["job_id"]
    assert client.get("/api/recipes/saved", headers=auth_headers).json["count"] == 1
    assert len(site.requests("/recipes/foodrepublic_1")) == 1
