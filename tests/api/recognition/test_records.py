"""Rows 12, 14, 17-20, 9, 38 (L2): jobs, stored recognitions, history, feedback, add to stock."""

from __future__ import annotations

import pytest

from tests.fakes.ai import food, ingredient
from zerowaste.domain.recognition.items import Findings

pytestmark = pytest.mark.api


def recognize(client, headers, photo, path="/api/recognition/ingredients"):
    response = client.post(path, json={"images_paths": [photo]}, headers=headers)
    assert response.status_code == 200, response.json
    return response.json


def test_async_recognition_answers_202_and_its_status_completes(client, auth_headers, photo, ai):
    ai.vision.findings = Findings((ingredient("Zanahoria"),))

    started = client.post(
        "/api/recognition/ingredients/async", json={"images_paths": [photo]}, headers=auth_headers
    )

    assert started.status_code == 202
    task = started.json
    # Without a broker the job ran inline before the answer (the embedded default).
    assert task["status"] in ("pending", "completed")
    assert task["check_status_url"].endswith(task["task_id"])
    status = client.get(f"/api/recognition/status/{task['task_id']}", headers=auth_headers)
    assert status.status_code == 200
    job = status.json
    assert job["status"] == "completed" and job["progress_percentage"] == 100
    assert [i["name"] for i in job["result_data"]["ingredients"]] == ["Zanahoria"]
    stored = client.get(
        f"/api/recognition/recognition/{job['result_data']['recognition_id']}",
        headers=auth_headers,
    )
    assert stored.json["ingredients"][0]["name"] == "Zanahoria"


def test_jobs_and_recognitions_of_another_user_are_404(
    client, auth_headers, second_user, photo, ai
):
    ai.vision.findings = Findings((ingredient("Zanahoria"),))
    task = client.post(
        "/api/recognition/ingredients/async", json={"images_paths": [photo]}, headers=auth_headers
    ).json["task_id"]
    rid = recognize(client, auth_headers, photo)["recognition_id"]

    for path in (
        f"/api/recognition/status/{task}",
        f"/api/recognition/recognition/{rid}",
        f"/api/recognition/recognition/{rid}/images",
        f"/api/recognition/images/status/{rid}",
    ):
        assert client.get(path, headers=second_user).status_code == 404, path
    feedback = {"recognition_id": rid, "feedback": "bad"}
    assert (
        client.post("/api/recognition/feedback", json=feedback, headers=second_user).status_code
        == 404
    )


def test_picture_status_routes(client, auth_headers, photo, ai):
    ai.vision.findings = Findings((ingredient("Mango"),), (food("Tamales"),))
    body = recognize(client, auth_headers, photo, "/api/recognition/batch")
    rid = body["recognition_id"]

    images = client.get(f"/api/recognition/recognition/{rid}/images", headers=auth_headers).json
    l2_poll = client.get(f"/api/recognition/images/status/{rid}", headers=auth_headers).json

    assert images["images_status"] == "ready" and images["progress_percentage"] == 100
    assert images["ingredients"][0]["image_status"] == "ready"
    assert images["foods"][0]["image_status"] == "ready"
    assert l2_poll["recognition_id"] == rid


def test_picture_job_status_lists_each_picture(client, auth_headers, photo, ai):
    ai.vision.findings = Findings((ingredient("Guayaba"), ingredient("Nopal")))
    body = recognize(client, auth_headers, photo)

    job = client.get(f"/api/images/status/{body['images']['task_id']}", headers=auth_headers)
    by_query = client.get(
        f"/api/images/status?task_id={body['images']['task_id']}", headers=auth_headers
    )

    assert job.status_code == 200 and job.json == by_query.json
    assert job.json["status"] == "completed"
    pictures = {p["ingredient_name"]: p for p in job.json["images_data"]}
    assert set(pictures) == {"Guayaba", "Nopal"}
    assert all(p["generation_status"] == "ready" and p["image_path"] for p in pictures.values())


def test_pictures_are_drawn_once_per_name_for_everyone(
    client, auth_headers, second_user, photo, ai
):
    from tests.api.recognition.conftest import upload

    ai.vision.findings = Findings((ingredient("Papaya"),))
    recognize(client, auth_headers, photo)
    recognize(client, second_user, upload(client, second_user))
    ai.vision.findings = Findings((ingredient("PAPAYA "),))
    recognize(client, auth_headers, upload(client, auth_headers, "scan_3"))

    assert ai.primary.images.calls == ["Papaya"]


def test_history_pages_newest_first(client, auth_headers, photo, ai):
    for name in ("Uno", "Dos", "Tres"):
        ai.vision.findings = Findings((ingredient(name),))
        recognize(client, auth_headers, photo)

    page = client.get("/api/recognition/history?page=2&per_page=2", headers=auth_headers).json
    bad = client.get("/api/recognition/history?per_page=500", headers=auth_headers)

    assert page["total"] == 3 and [r["names"] for r in page["recognitions"]] == [["Uno"]]
    assert bad.status_code == 400


def test_l2_adds_selected_items_of_a_stored_recognition(client, auth_headers, photo, ai):
    ai.vision.findings = Findings((ingredient("Lechuga"), ingredient("Pepino")))
    rid = recognize(client, auth_headers, photo)["recognition_id"]

    added = client.post(
        "/api/inventory/ingredients/from-recognition",
        json={"recognition_id": rid, "selected_ingredients": ["pepino"]},
        headers=auth_headers,
    )

    assert added.status_code == 201, added.json
    assert added.json["ingredients_count"] == 1
    names = [
        i["name"] for i in client.get("/api/inventory", headers=auth_headers).json["ingredients"]
    ]
    assert names == ["Pepino"]


def test_l2_names_not_in_the_recognition_are_400_and_add_nothing(client, auth_headers, photo, ai):
    ai.vision.findings = Findings((ingredient("Lechuga"),))
    rid = recognize(client, auth_headers, photo)["recognition_id"]

    response = client.post(
        "/api/inventory/ingredients/from-recognition",
        json={"recognition_id": rid, "selected_ingredients": ["Lechuga", "Caviar"]},
        headers=auth_headers,
    )

    assert response.status_code == 400 and response.json["code"] == "not_recognized"
    assert client.get("/api/inventory", headers=auth_headers).json["ingredients"] == []


def test_l2_foods_from_a_recognition(client, auth_headers, photo, ai):
    ai.vision.findings = Findings(foods=(food("Pozole"),))
    rid = recognize(client, auth_headers, photo, "/api/recognition/foods")["recognition_id"]

    added = client.post(
        "/api/inventory/foods/from-recognition",
        json={"recognition_id": rid, "selected_foods": []},
        headers=auth_headers,
    )

    assert added.status_code == 201 and added.json["foods_count"] == 1


def test_usage_counts_this_months_calls(client, auth_headers, photo, ai):
    ai.vision.findings = Findings((ingredient("Chayote"),))
    recognize(client, auth_headers, photo)

    usage = client.get("/api/ai/usage", headers=auth_headers).json

    operations = {o["operation"]: o for o in usage["by_operation"]}
    assert operations["recognize_ingredients"]["calls"] == 1
    assert operations["recognize_ingredients"]["tokens_in"] == 1000
    assert usage["provider"] == "gemini" and usage["remaining_usd"] <= usage["budget_usd"]


def test_a_redelivered_recognition_job_answers_its_stored_recognition(
    client, app, auth_headers, photo, ai
):
    """A worker that died after storing the recognition: the retry must not insert it again."""
    ai.vision.findings = Findings((ingredient("Zanahoria"),))
    task = client.post(
        "/api/recognition/ingredients/async", json={"images_paths": [photo]}, headers=auth_headers
    ).json["task_id"]
    services = app.extensions["zerowaste.services"]
    job = services.jobs.get(client.get("/api/user/profile", headers=auth_headers).json["uid"], task)

    class Progress:
        def report(self, percent, step):
            return None

    again = services.recognition.run_job(job.owner_uid, job.payload, Progress())

    assert again["recognition_id"] == job.result["recognition_id"]
    assert len(ai.vision.calls) == 1  # no second recognition
