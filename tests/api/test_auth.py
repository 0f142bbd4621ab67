import pytest
from sqlmodel import select

from jingkang_app.domain.models import LoginAttempt, Role
from jingkang_app.domain.services import auth, users
from jingkang_app.i18n import t
from tests.api.conftest import bearer
from tests.factories import PASSWORD

pytestmark = pytest.mark.anyio


async def test_login_returns_a_token_and_the_user(client, world):
    response = await client.post(
        "/api/v1/auth/login", json={"phone": world.users[Role.community_doctor].phone, "password": PASSWORD}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["token"]
    assert body["user"] == {
        "id": world.users[Role.community_doctor].id,
        "name": world.users[Role.community_doctor].name,
        "roles": ["community_doctor"],
        "lang": "zh-CN",
    }


async def test_the_login_token_opens_me(client, world):
    login = await client.post(
        "/api/v1/auth/login", json={"phone": world.users[Role.grid_worker].phone, "password": PASSWORD}
    )
    response = await client.get("/api/v1/me", headers=bearer(login.json()["token"]))
    assert response.status_code == 200
    assert response.json()["id"] == world.users[Role.grid_worker].id


async def test_a_wrong_password_is_401_with_a_translated_message(client, world):
    response = await client.post(
        "/api/v1/auth/login",
        json={"phone": world.users[Role.grid_worker].phone, "password": "wrong-password"},
        headers={"Accept-Language": "en-GB,en;q=0.9"},
    )
    assert response.status_code == 401
    body = response.json()
    assert body["error"] == "error.login_failed"
    assert body["message"] == t("error.login_failed", "en")
    assert body["message"] not in ("", "error.login_failed")


async def test_after_five_failures_the_account_is_locked_with_429(client, world):
    phone = world.users[Role.grid_worker].phone
    for _ in range(auth.LOCKOUT_FAILURES):
        await client.post("/api/v1/auth/login", json={"phone": phone, "password": "wrong-password"})
    response = await client.post("/api/v1/auth/login", json={"phone": phone, "password": PASSWORD})
    assert response.status_code == 429
    assert response.json()["error"] == "error.too_many_failed_logins"
    assert int(response.headers["Retry-After"]) > 0


async def test_a_missing_password_is_422_and_does_not_count_as_a_failed_login(client, world, fresh_session):
    phone = world.users[Role.grid_worker].phone
    response = await client.post("/api/v1/auth/login", json={"phone": phone})
    assert response.status_code == 422
    assert response.json()["fields"]["password"]["key"] == "error.required"
    with fresh_session() as check:
        assert check.exec(select(LoginAttempt)).all() == []


async def test_a_route_without_a_token_is_401(client):
    response = await client.get("/api/v1/me")
    assert response.status_code == 401
    assert response.json()["error"] == "error.not_authenticated"


async def test_an_unknown_token_is_401(client):
    response = await client.get("/api/v1/me", headers=bearer("not-a-real-token"))
    assert response.status_code == 401


async def test_me_describes_the_caller_from_the_token_alone(client, world, token_for):
    response = await client.get("/api/v1/me", headers=bearer(token_for(Role.township_coordinator)))
    assert response.status_code == 200
    assert response.json() == {
        "id": world.users[Role.township_coordinator].id,
        "name": world.users[Role.township_coordinator].name,
        "roles": ["township_coordinator"],
        "lang": "zh-CN",
    }


async def test_the_session_cookie_of_the_web_app_authenticates(client, world, token_for):
    client.cookies.set("jk_session", token_for(Role.social_worker))
    response = await client.get("/api/v1/me", headers={"Sec-Fetch-Site": "same-origin"})
    assert response.status_code == 200
    assert response.json()["id"] == world.users[Role.social_worker].id


async def test_the_cookie_is_ignored_on_a_request_from_another_site(client, token_for):
    client.cookies.set("jk_session", token_for(Role.social_worker))
    response = await client.get("/api/v1/me", headers={"Sec-Fetch-Site": "same-site"})
    assert response.status_code == 401


async def test_a_bearer_token_wins_over_the_cookie(client, world, token_for):
    client.cookies.set("jk_session", token_for(Role.social_worker))
    response = await client.get("/api/v1/me", headers=bearer(token_for(Role.grid_worker)))
    assert response.json()["id"] == world.users[Role.grid_worker].id


async def test_after_logout_the_token_is_refused(client, token_for):
    token = token_for(Role.grid_worker)
    assert (await client.post("/api/v1/auth/logout", headers=bearer(token))).status_code == 204
    response = await client.get("/api/v1/me", headers=bearer(token))
    assert response.status_code == 401
    assert response.json()["error"] == "error.session_expired"


async def test_errors_after_login_follow_the_users_language(client, session, world, token_for):
    volunteer = world.actor(session, Role.volunteer)
    users.set_language(session, volunteer, "en")
    response = await client.get("/api/v1/overview", headers=bearer(token_for(Role.volunteer)))
    assert response.status_code == 403
    assert response.json()["message"] == t("error.permission_denied", "en")
