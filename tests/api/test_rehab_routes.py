from datetime import date

import httpx
import pytest
from sqlmodel import func, select
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import Mount

from jingkang_app.api import routes_rehab
from jingkang_app.api.app import PREFIX
from jingkang_app.api.body import BodySizeLimit
from jingkang_app.api.errors import EXCEPTION_HANDLERS
from jingkang_app.domain.models import RehabAttendance, RehabService, Role
from jingkang_app.i18n import t
from jingkang_app.i18n.en import EN
from jingkang_app.i18n.rehab_en import REHAB_EN
from jingkang_app.i18n.rehab_zh import REHAB_ZH
from jingkang_app.i18n.zh_cn import ZH_CN
from tests.api.conftest import bearer
from tests.factories import make_recipient, make_recipient_registered_on

pytestmark = pytest.mark.anyio

CLIENT_ID = "7d1e2f30-1111-4222-8333-444455556666"


@pytest.fixture(autouse=True)
def rehab_catalogue(monkeypatch):
    """The rehab keys, whether or not the main catalogues have merged them yet."""
    for catalogue, extra in ((ZH_CN, REHAB_ZH), (EN, REHAB_EN)):
        for key, text in extra.items():
            monkeypatch.setitem(catalogue, key, catalogue.get(key, text))


@pytest.fixture
async def client(anyio_backend, world):
    """The rehab routes mounted as build_api() mounts every route: same prefix, error handlers, body limit."""
    api = Starlette(
        routes=routes_rehab.ROUTES,
        middleware=[Middleware(BodySizeLimit)],
        exception_handlers=EXCEPTION_HANDLERS,
    )
    app = Starlette(routes=[Mount(PREFIX, app=api)])
    transport = httpx.ASGITransport(app=app, client=("10.0.0.9", 50000))
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        yield client


@pytest.fixture
def registered(session, world):
    """make(**overrides) → a recipient registered on 2026-03-01, well before the sessions recorded here."""
    return lambda **overrides: make_recipient_registered_on(session, world, date(2026, 3, 1), **overrides)


def form(*recipient_ids: int, **overrides) -> dict:
    return {
        "client_id": CLIENT_ID,
        "service_date": "2026-11-20",
        "place": "site",
        "site_name": "城关镇康复站",
        "contents": ["life_skills", "social_adaptation"],
        "duration_minutes": 90,
        "notes": "",
        "attendees": [{"recipient_id": rid, "attended": True} for rid in recipient_ids],
    } | overrides


def stored_counts(fresh_session) -> tuple[int, int]:
    with fresh_session() as check:
        return (
            check.exec(select(func.count()).select_from(RehabService)).one(),
            check.exec(select(func.count()).select_from(RehabAttendance)).one(),
        )


async def test_a_group_session_is_stored_and_returned_with_its_attendees(
    client, world, registered, token_for
):
    people = [registered(), registered(name="王伟"), registered(name="李娜")]
    data = form(*(p.id for p in people))
    data["attendees"][1]["attended"] = False
    response = await client.post(
        "/api/v1/rehab-services", json=data, headers=bearer(token_for(Role.social_worker))
    )
    assert response.status_code == 201
    body = response.json()
    assert body["id"] > 0
    assert (body["client_id"], body["service_date"], body["place"], body["duration_minutes"]) == (
        CLIENT_ID,
        "2026-11-20",
        "site",
        90,
    )
    assert body["contents"] == ["life_skills", "social_adaptation"]
    assert body["provider_id"] == world.users[Role.social_worker].id
    assert body["created_at"].startswith("2026-11-23T02:00:00")
    assert body["attendees"] == [
        {"recipient_id": people[0].id, "attended": True},
        {"recipient_id": people[1].id, "attended": False},
        {"recipient_id": people[2].id, "attended": True},
    ]
    assert set(body) == set(routes_rehab.REHAB_SERVICE_FIELDS) | {"attendees"}


async def test_a_repeat_with_the_same_client_id_returns_the_same_record_once(
    client, registered, token_for, fresh_session
):
    recipient = registered()
    headers = bearer(token_for(Role.social_worker))
    first = await client.post("/api/v1/rehab-services", json=form(recipient.id), headers=headers)
    again = await client.post("/api/v1/rehab-services", json=form(recipient.id), headers=headers)
    assert again.status_code == 201
    assert again.json() == first.json()
    assert stored_counts(fresh_session) == (1, 1)


async def test_recipient_ids_record_everyone_as_attended(client, registered, token_for):
    first, second = registered(), registered(name="王伟")
    response = await client.post(
        "/api/v1/rehab-services",
        json=form(attendees=None, recipient_ids=[first.id, second.id]),
        headers=bearer(token_for(Role.social_worker)),
    )
    assert response.status_code == 201
    assert [a["attended"] for a in response.json()["attendees"]] == [True, True]


async def test_invalid_input_is_422_beside_each_field_and_nothing_is_stored(
    client, registered, token_for, fresh_session
):
    recipient = registered()
    response = await client.post(
        "/api/v1/rehab-services",
        json=form(recipient.id, contents=[], duration_minutes=5, service_date="2026-12-01"),
        headers=bearer(token_for(Role.social_worker)),
    )
    assert response.status_code == 422
    body = response.json()
    assert body["error"] == "error.validation_failed"
    assert body["message"] not in ("", "error.validation_failed")
    assert {name: f["key"] for name, f in body["fields"].items()} == {
        "contents": "error.content_required",
        "duration_minutes": "error.duration_range",
        "service_date": "error.date_in_future",
    }
    assert body["fields"]["contents"]["message"] == t("error.content_required")
    assert body["fields"]["duration_minutes"]["message"] == t("error.duration_range", min=10, max=480)
    assert stored_counts(fresh_session) == (0, 0)


async def test_a_session_before_registration_is_422_beside_the_date(client, session, world, token_for):
    recipient = make_recipient(session, world, name="王伟")  # registered today
    response = await client.post(
        "/api/v1/rehab-services",
        json=form(recipient.id, service_date="2026-11-01"),
        headers=bearer(token_for(Role.social_worker)),
    )
    assert response.status_code == 422
    field = response.json()["fields"]["service_date"]
    assert (field["key"], field["message"]) == ("error.before_registration", t("error.before_registration"))


async def test_errors_follow_the_users_language(client, session, world, registered, token_for):
    from jingkang_app.domain.services import users

    users.set_language(session, world.actors[Role.social_worker], "en")
    response = await client.post(
        "/api/v1/rehab-services",
        json=form(registered().id, contents=[]),
        headers=bearer(token_for(Role.social_worker)),
    )
    assert response.json()["fields"]["contents"]["message"] == REHAB_EN["error.content_required"]


async def test_an_out_of_scope_attendee_is_403_and_nothing_is_stored(
    client, world, registered, token_for, fresh_session
):
    own, elsewhere = registered(), registered(village=world.village_b)
    response = await client.post(
        "/api/v1/rehab-services",
        json=form(own.id, elsewhere.id),
        headers=bearer(token_for(Role.social_worker)),
    )
    assert response.status_code == 403
    assert response.json()["error"] == "error.permission_denied"
    assert stored_counts(fresh_session) == (0, 0)


@pytest.mark.parametrize("role", [Role.grid_worker, Role.caregiver])
async def test_a_grid_worker_or_caregiver_is_403(client, registered, token_for, fresh_session, role):
    response = await client.post(
        "/api/v1/rehab-services", json=form(registered().id), headers=bearer(token_for(role))
    )
    assert response.status_code == 403
    assert stored_counts(fresh_session) == (0, 0)


async def test_an_unknown_attendee_is_404(client, token_for):
    response = await client.post(
        "/api/v1/rehab-services", json=form(999_999), headers=bearer(token_for(Role.social_worker))
    )
    assert response.status_code == 404
    assert response.json()["error"] == "error.not_found"


async def test_a_record_without_a_token_is_401_before_the_body_is_read(client):
    response = await client.post(
        "/api/v1/rehab-services", content=b"{not json", headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 401
    assert response.json()["error"] == "error.not_authenticated"


async def test_a_body_that_is_not_json_is_415(client, token_for):
    response = await client.post(
        "/api/v1/rehab-services",
        content=b"client_id=x",
        headers=bearer(token_for(Role.social_worker)) | {"Content-Type": "text/plain"},
    )
    assert response.status_code == 415


async def test_a_recipients_history_is_listed_newest_first(client, world, registered, token_for):
    recipient = registered()
    headers = bearer(token_for(Role.social_worker))
    await client.post(
        "/api/v1/rehab-services", json=form(recipient.id, service_date="2026-10-05"), headers=headers
    )
    await client.post(
        "/api/v1/rehab-services",
        json=form(recipient.id, client_id="7d1e2f30-2222-4222-8333-444455556666", place="home"),
        headers=headers,
    )
    response = await client.get(f"/api/v1/recipients/{recipient.id}/rehab-services", headers=headers)
    assert response.status_code == 200
    items = response.json()["items"]
    assert [(i["service_date"], i["place"], i["site_name"]) for i in items] == [
        ("2026-11-20", "home", ""),
        ("2026-10-05", "site", "城关镇康复站"),
    ]
    assert items[0]["provider_name"] == world.users[Role.social_worker].name
    assert set(items[0]) == {
        "id",
        "service_date",
        "place",
        "site_name",
        "contents",
        "duration_minutes",
        "attended",
        "provider_name",
    }


async def test_the_history_limit_is_applied_and_a_bad_one_is_400(client, registered, token_for):
    recipient = registered()
    headers = bearer(token_for(Role.social_worker))
    for n in range(2):
        await client.post(
            "/api/v1/rehab-services",
            json=form(recipient.id, client_id=f"7d1e2f30-000{n}-4222-8333-444455556666"),
            headers=headers,
        )
    url = f"/api/v1/recipients/{recipient.id}/rehab-services"
    assert len((await client.get(url + "?limit=1", headers=headers)).json()["items"]) == 1
    assert (await client.get(url + "?limit=lots", headers=headers)).status_code == 400


async def test_a_grid_worker_may_not_read_the_history(client, registered, token_for):
    recipient = registered()
    response = await client.get(
        f"/api/v1/recipients/{recipient.id}/rehab-services", headers=bearer(token_for(Role.grid_worker))
    )
    assert response.status_code == 403


async def test_the_history_of_an_unknown_recipient_is_404(client, token_for):
    response = await client.get(
        "/api/v1/recipients/999999/rehab-services", headers=bearer(token_for(Role.social_worker))
    )
    assert response.status_code == 404
