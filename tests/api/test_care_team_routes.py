"""The care team routes: who could join, adding a member, taking one off."""

import pytest
from sqlmodel import func, select

from jingkang_app.domain.models import AuditLog, CareTeamMember, Role
from jingkang_app.domain.services import care_team, users
from tests.api.conftest import bearer
from tests.factories import make_recipient

pytestmark = pytest.mark.anyio


def written(check) -> tuple:
    return (
        check.exec(select(func.count()).select_from(AuditLog)).one(),
        check.exec(select(CareTeamMember.id).order_by(CareTeamMember.id)).all(),
    )


# --- GET /recipients/{id}/team/candidates ----------------------------------------------------------------------


async def test_candidates_are_listed_by_team_role_with_their_role_and_area(client, session, world, token_for):
    recipient = make_recipient(session, world)
    response = await client.get(
        f"/api/v1/recipients/{recipient.id}/team/candidates", headers=bearer(token_for(Role.village_cadre))
    )
    assert response.status_code == 200
    items = response.json()["items"]
    assert items[0] == {
        "user_id": world.users[Role.caregiver].id,
        "name": world.users[Role.caregiver].name,
        "role": "caregiver",
        "area": "南塘村",
        "team_role": "guardian",
    }
    assert [item["team_role"] for item in items] == [
        "guardian",
        "grid_worker",
        "disability_worker",
        "civil_affairs",
        "civil_affairs",
        "doctor",
        "social_worker",
        "volunteer",
    ]


@pytest.mark.parametrize(("path", "status"), [("{id}", 403), ("999", 404)])
async def test_candidates_are_refused_to_a_grid_worker_and_unknown_for_no_recipient(
    client, session, world, token_for, path, status
):
    recipient = make_recipient(session, world)
    response = await client.get(
        f"/api/v1/recipients/{path.format(id=recipient.id)}/team/candidates",
        headers=bearer(token_for(Role.grid_worker if status == 403 else Role.village_cadre)),
    )
    assert response.status_code == status


# --- POST /recipients/{id}/team --------------------------------------------------------------------------------


async def test_a_member_is_added_with_201_and_the_team_comes_back(
    client, session, world, token_for, fresh_session
):
    recipient = make_recipient(session, world)
    doctor = world.users[Role.community_doctor]
    response = await client.post(
        f"/api/v1/recipients/{recipient.id}/team",
        json={"user_id": doctor.id, "team_role": "doctor"},
        headers=bearer(token_for(Role.village_cadre)),
    )
    assert response.status_code == 201
    assert response.json() == {
        "recipient_id": recipient.id,
        "team": [{"user_id": doctor.id, "name": doctor.name, "team_role": "doctor", "phone": doctor.phone}],
    }
    with fresh_session() as check:
        assert check.exec(select(CareTeamMember.user_id, CareTeamMember.team_role)).all() == [
            (doctor.id, "doctor")
        ]


async def test_an_unfit_member_is_422_beside_the_user_in_the_callers_language(
    client, session, world, token_for, fresh_session
):
    recipient = make_recipient(session, world)
    users.set_language(session, world.actor(session, Role.village_cadre), "en")
    headers = bearer(token_for(Role.village_cadre))
    with fresh_session() as check:
        before = written(check)
    response = await client.post(
        f"/api/v1/recipients/{recipient.id}/team",
        json={"user_id": world.users[Role.volunteer].id, "team_role": "doctor"},
        headers=headers,
    )
    assert response.status_code == 422
    assert response.json()["fields"] == {
        "user_id": {
            "key": "error.team_role_unfit",
            "message": "This person's account role cannot fill the chosen team role; choose from the list.",
        }
    }
    with fresh_session() as check:
        assert written(check) == before


@pytest.mark.parametrize(
    ("role", "recipient_path", "status"),
    [(Role.grid_worker, "{id}", 403), (Role.village_cadre, "999", 404)],
)
async def test_adding_is_refused_to_a_grid_worker_and_unknown_for_no_recipient(
    client, session, world, token_for, fresh_session, role, recipient_path, status
):
    recipient = make_recipient(session, world)
    response = await client.post(
        f"/api/v1/recipients/{recipient_path.format(id=recipient.id)}/team",
        json={"user_id": world.users[Role.grid_worker].id, "team_role": "grid_worker"},
        headers=bearer(token_for(role)),
    )
    assert response.status_code == status
    with fresh_session() as check:
        assert check.exec(select(CareTeamMember)).all() == []


async def test_adding_without_a_token_is_401_before_the_body_is_read(client):
    response = await client.post(
        "/api/v1/recipients/1/team", content=b"{not json", headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 401


async def test_adding_with_a_body_that_is_not_an_object_is_400(client, session, world, token_for):
    recipient = make_recipient(session, world)
    response = await client.post(
        f"/api/v1/recipients/{recipient.id}/team",
        json=[1, "doctor"],
        headers=bearer(token_for(Role.village_cadre)),
    )
    assert response.status_code == 400


# --- DELETE /recipients/{id}/team/{user_id}/{team_role} ------------------------------------------------------


async def test_a_team_member_is_removed_with_204_and_a_second_time_is_404(
    client, session, world, token_for, fresh_session
):
    recipient = make_recipient(session, world)
    guardian = world.users[Role.caregiver].id
    care_team.add_team_member(session, world.actors[Role.village_cadre], recipient.id, guardian, "guardian")
    path = f"/api/v1/recipients/{recipient.id}/team/{guardian}/guardian"
    headers = bearer(token_for(Role.village_cadre))
    removed = await client.delete(path, headers=headers)
    assert (removed.status_code, removed.content) == (204, b"")
    with fresh_session() as check:
        assert check.exec(select(CareTeamMember)).all() == []
    again = await client.delete(path, headers=headers)
    assert again.status_code == 404


async def test_a_grid_worker_cannot_remove_a_team_member(client, session, world, token_for, fresh_session):
    recipient = make_recipient(session, world)
    guardian = world.users[Role.caregiver].id
    care_team.add_team_member(session, world.actors[Role.village_cadre], recipient.id, guardian, "guardian")
    response = await client.delete(
        f"/api/v1/recipients/{recipient.id}/team/{guardian}/guardian",
        headers=bearer(token_for(Role.grid_worker)),
    )
    assert response.status_code == 403
    with fresh_session() as check:
        assert len(check.exec(select(CareTeamMember)).all()) == 1
