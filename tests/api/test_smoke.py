import pytest

from tests.api.conftest import bearer

pytestmark = pytest.mark.api


def test_status_answers_success_without_revealing_hosts_or_versions(client):
    response = client.get("/status")
    assert response.status_code == 200
    assert response.json["status"] == "success"
    assert set(response.json) == {"status", "message"}


def test_profile_of_a_new_user_has_the_defaults_the_client_reads(client, user):
    response = client.get("/api/user/profile", headers=bearer(user["access_token"]))
    assert response.status_code == 200
    assert response.json["email"] == user["email"]
    assert response.json["language"] == "es"
    assert response.json["allergies"] == []
