import pytest
from sqlmodel import func, select

from jingkang_app.domain.errors import NotFound, PermissionDenied
from jingkang_app.domain.models import AuditLog, CareTeamMember, Role
from jingkang_app.domain.services import recipients
from jingkang_app.domain.services.care_team import remove_team_member
from tests.factories import build_world, make_recipient


@pytest.fixture
def world(session, fake_clock):
    return build_world(session)


@pytest.fixture
def recipient(session, world):
    recipient = make_recipient(session, world)
    coordinator = world.actors[Role.township_coordinator]
    recipients.add_team_member(session, coordinator, recipient.id, world.users[Role.caregiver].id, "guardian")
    recipients.add_team_member(
        session, coordinator, recipient.id, world.users[Role.volunteer].id, "volunteer"
    )
    return recipient


def team(session, recipient) -> set[tuple[int, str]]:
    return set(
        session.exec(
            select(CareTeamMember.user_id, CareTeamMember.team_role).where(
                CareTeamMember.recipient_id == recipient.id
            )
        ).all()
    )


def written(session) -> tuple:
    return (
        session.exec(select(func.count()).select_from(AuditLog)).one(),
        session.exec(select(CareTeamMember.id).order_by(CareTeamMember.id)).all(),
    )


def test_a_coordinator_takes_a_member_off_the_team_and_it_is_audited(session, world, recipient):
    caregiver = world.users[Role.caregiver].id
    remove_team_member(session, world.actors[Role.township_coordinator], recipient.id, caregiver, "guardian")
    assert team(session, recipient) == {(world.users[Role.volunteer].id, "volunteer")}
    entry = session.exec(select(AuditLog).where(AuditLog.action == "team.remove")).one()
    assert (entry.recipient_id, entry.actor_id) == (recipient.id, world.users[Role.township_coordinator].id)
    assert f'"user_id": {caregiver}' in entry.detail and '"team_role": "guardian"' in entry.detail


def test_a_former_guardian_no_longer_sees_the_recipient(session, world, recipient):
    caregiver = world.actor(session, Role.caregiver)
    recipients.get_recipient_detail(session, caregiver, recipient.id)
    remove_team_member(session, world.actors[Role.village_cadre], recipient.id, caregiver.user_id, "guardian")
    with pytest.raises(PermissionDenied):
        recipients.get_recipient_detail(session, caregiver, recipient.id)


def test_only_the_named_role_is_removed(session, world, recipient):
    volunteer = world.users[Role.volunteer].id
    coordinator = world.actors[Role.township_coordinator]
    recipients.add_team_member(session, coordinator, recipient.id, volunteer, "social_worker")
    remove_team_member(session, coordinator, recipient.id, volunteer, "volunteer")
    assert (volunteer, "social_worker") in team(session, recipient)
    assert (volunteer, "volunteer") not in team(session, recipient)


@pytest.mark.parametrize(
    ("user_role", "team_role"),
    [
        (Role.caregiver, "volunteer"),  # on the team, but in another role
        (Role.grid_worker, "grid_worker"),  # not on the team
        (Role.caregiver, "no_such_role"),
    ],
)
def test_removing_someone_not_on_the_team_is_not_found(session, world, recipient, user_role, team_role):
    before = written(session)
    with pytest.raises(NotFound):
        remove_team_member(
            session,
            world.actors[Role.township_coordinator],
            recipient.id,
            world.users[user_role].id,
            team_role,
        )
    assert written(session) == before


def test_removing_from_an_unknown_recipient_is_not_found(session, world):
    with pytest.raises(NotFound):
        remove_team_member(
            session, world.actors[Role.county_coordinator], 999, world.users[Role.caregiver].id, "guardian"
        )


@pytest.mark.parametrize("role", [Role.grid_worker, Role.caregiver, Role.volunteer])
def test_roles_that_may_not_update_the_recipient_cannot_change_the_team(session, world, recipient, role):
    before = written(session)
    with pytest.raises(PermissionDenied):
        remove_team_member(
            session, world.actors[role], recipient.id, world.users[Role.caregiver].id, "guardian"
        )
    assert written(session) == before


def test_a_village_cadre_cannot_change_a_team_in_another_village(session, world):
    elsewhere = make_recipient(session, world, world.village_b, name="王伟")
    recipients.add_team_member(
        session,
        world.actors[Role.county_coordinator],
        elsewhere.id,
        world.users[Role.caregiver].id,
        "guardian",
    )
    before = written(session)
    with pytest.raises(PermissionDenied):
        remove_team_member(
            session,
            world.actors[Role.village_cadre],
            elsewhere.id,
            world.users[Role.caregiver].id,
            "guardian",
        )
    assert written(session) == before
