import pytest
from sqlmodel import func, select

from jingkang_app.domain.errors import NotFound, PermissionDenied, ValidationFailed
from jingkang_app.domain.models import AuditLog, CareTeamMember, Role, TeamRole
from jingkang_app.domain.services import care_team, recipients, users
from jingkang_app.domain.services.care_team import add_team_member, candidates, remove_team_member
from tests.factories import build_world, make_recipient, team_member_moved_away


@pytest.fixture
def world(session, fake_clock):
    return build_world(session)


@pytest.fixture
def recipient(session, world):
    recipient = make_recipient(session, world)
    coordinator = world.actors[Role.township_coordinator]
    add_team_member(session, coordinator, recipient.id, world.users[Role.caregiver].id, "guardian")
    add_team_member(session, coordinator, recipient.id, world.users[Role.volunteer].id, "volunteer")
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
    cadre = world.users[Role.village_cadre].id
    coordinator = world.actors[Role.township_coordinator]
    add_team_member(session, coordinator, recipient.id, cadre, "disability_worker")
    add_team_member(session, coordinator, recipient.id, cadre, "civil_affairs")
    remove_team_member(session, coordinator, recipient.id, cadre, "civil_affairs")
    assert (cadre, "disability_worker") in team(session, recipient)
    assert (cadre, "civil_affairs") not in team(session, recipient)


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


def change(session, world, actor, recipient, how: str) -> None:
    """Adds the grid worker to the recipient's team, or takes the guardian off it."""
    if how == "add":
        add_team_member(session, actor, recipient.id, world.users[Role.grid_worker].id, "grid_worker")
    else:
        remove_team_member(session, actor, recipient.id, world.users[Role.caregiver].id, "guardian")


@pytest.mark.parametrize("how", ["add", "remove"])
@pytest.mark.parametrize("role", [Role.grid_worker, Role.caregiver, Role.volunteer])
def test_roles_that_may_not_update_the_recipient_cannot_change_the_team(session, world, recipient, role, how):
    before = written(session)
    with pytest.raises(PermissionDenied):
        change(session, world, world.actors[role], recipient, how)
    assert written(session) == before


@pytest.mark.parametrize("how", ["add", "remove"])
def test_a_village_cadre_cannot_change_a_team_in_another_village(session, world, how):
    elsewhere = make_recipient(session, world, world.village_b, name="王伟")
    team_member_moved_away(session, world, elsewhere, Role.caregiver, "guardian")
    before = written(session)
    with pytest.raises(PermissionDenied):
        change(session, world, world.actors[Role.village_cadre], elsewhere, how)
    assert written(session) == before


# --- who may join ---------------------------------------------------------------------------------------------


def offered(session, world, recipient, role: Role = Role.township_coordinator) -> list[tuple[str, str, str]]:
    """The candidates as (account role, area, team role)."""
    found = candidates(session, world.actors[role], recipient.id)
    by_user = {user.id: role for role, user in world.users.items()}
    assert all(c.name == world.users[by_user[c.user_id]].name for c in found)
    return [(by_user[c.user_id], c.area, c.team_role) for c in found]


def test_candidates_are_active_users_whose_role_fits_and_whose_area_covers_the_village(
    session, world, recipient
):
    # The guardian and the volunteer are on the team already; county coordinators and administrators fit no role.
    assert offered(session, world, recipient) == [
        (Role.grid_worker, "南塘村", "grid_worker"),
        (Role.village_cadre, "南塘村", "disability_worker"),
        (Role.township_coordinator, "城关镇", "civil_affairs"),
        (Role.village_cadre, "南塘村", "civil_affairs"),
        (Role.community_doctor, "城关镇", "doctor"),
        (Role.social_worker, "城关镇", "social_worker"),
    ]


def test_no_one_from_another_township_is_a_candidate(session, world):
    elsewhere = make_recipient(session, world, world.village_b, name="王伟")
    assert offered(session, world, elsewhere, Role.county_coordinator) == []


def test_a_deactivated_user_is_no_candidate(session, world, recipient):
    users.set_active(session, world.admin, world.users[Role.grid_worker].id, False)
    assert Role.grid_worker not in {role for role, _, _ in offered(session, world, recipient)}


def test_every_candidate_can_be_added_and_then_no_one_is_left(session, world, recipient):
    coordinator = world.actors[Role.township_coordinator]
    for candidate in candidates(session, coordinator, recipient.id):
        add_team_member(session, coordinator, recipient.id, candidate.user_id, candidate.team_role)
    assert candidates(session, coordinator, recipient.id) == []
    assert len(team(session, recipient)) == 8


def test_every_team_role_but_police_has_an_account_role_that_fills_it():
    filled = {team_role for team_roles in care_team.TEAM_ROLES.values() for team_role in team_roles}
    assert set(TeamRole) - filled == {TeamRole.police}


@pytest.mark.parametrize("role", [Role.grid_worker, Role.caregiver, Role.volunteer])
def test_roles_that_may_not_update_the_recipient_see_no_candidates(session, world, recipient, role):
    with pytest.raises(PermissionDenied):
        candidates(session, world.actors[role], recipient.id)


def test_a_village_cadre_sees_no_candidates_for_another_village(session, world):
    elsewhere = make_recipient(session, world, world.village_b, name="王伟")
    with pytest.raises(PermissionDenied):
        candidates(session, world.actors[Role.village_cadre], elsewhere.id)


# --- adding ---------------------------------------------------------------------------------------------------


def test_a_village_cadre_adds_a_member_which_is_audited_and_returns_the_team(session, world, recipient):
    doctor = world.users[Role.community_doctor]
    members = add_team_member(
        session, world.actors[Role.village_cadre], recipient.id, str(doctor.id), "doctor"
    )
    assert [(m.user_id, m.name, m.team_role, m.phone) for m in members][-1] == (
        doctor.id,
        doctor.name,
        "doctor",
        doctor.phone,
    )
    entry = session.exec(
        select(AuditLog).where(AuditLog.action == "team.add").order_by(AuditLog.id.desc())
    ).first()
    assert (entry.recipient_id, entry.actor_id, entry.area_id) == (
        recipient.id,
        world.users[Role.village_cadre].id,
        world.village_a.id,
    )
    assert f'"user_id": {doctor.id}' in entry.detail and '"team_role": "doctor"' in entry.detail


def test_adding_a_member_twice_changes_nothing(session, world, recipient):
    before = written(session)
    members = add_team_member(
        session, world.actors[Role.village_cadre], recipient.id, world.users[Role.caregiver].id, "guardian"
    )
    assert written(session) == before
    assert [m.team_role for m in members] == ["guardian", "volunteer"]


def refusal(session, world, recipient, user_id: object, team_role: object) -> dict[str, str]:
    """The field errors of a refused addition, after checking it wrote nothing."""
    before = written(session)
    with pytest.raises(ValidationFailed) as refused:
        add_team_member(session, world.actors[Role.county_coordinator], recipient.id, user_id, team_role)
    assert written(session) == before
    return {field: error.key for field, error in refused.value.errors.items()}


@pytest.mark.parametrize(
    ("role", "team_role"),
    [
        (Role.volunteer, "doctor"),
        (Role.grid_worker, "guardian"),
        (Role.county_coordinator, "civil_affairs"),  # above the township: joins no team
        (Role.community_doctor, "police"),  # no account role fills it yet
    ],
)
def test_a_user_whose_role_does_not_fit_the_team_role_is_refused(session, world, recipient, role, team_role):
    assert refusal(session, world, recipient, world.users[role].id, team_role) == {
        "user_id": "error.team_role_unfit"
    }


@pytest.mark.parametrize(
    ("role", "team_role"), [(Role.grid_worker, "grid_worker"), (Role.community_doctor, "doctor")]
)
def test_a_user_whose_area_does_not_cover_the_recipient_is_refused(session, world, role, team_role):
    elsewhere = make_recipient(session, world, world.village_b, name="王伟")
    assert refusal(session, world, elsewhere, world.users[role].id, team_role) == {
        "user_id": "error.team_area_unfit"
    }


def test_an_unknown_or_deactivated_user_is_refused(session, world, recipient):
    assert refusal(session, world, recipient, 9999, "doctor") == {"user_id": "error.team_member_unknown"}
    users.set_active(session, world.admin, world.users[Role.community_doctor].id, False)
    doctor = world.users[Role.community_doctor].id
    assert refusal(session, world, recipient, doctor, "doctor") == {"user_id": "error.team_member_unknown"}


def test_a_missing_user_and_an_unknown_team_role_are_refused_beside_their_fields(session, world, recipient):
    assert refusal(session, world, recipient, "", "chief") == {
        "user_id": "error.required",
        "team_role": "error.invalid_choice",
    }


# --- what membership gives --------------------------------------------------------------------------------------


def listed_for(session, world, role: Role) -> set[int]:
    rows, _ = recipients.list_recipients(session, world.actor(session, role))
    return {row.id for row in rows}


def test_a_newly_added_guardian_finds_the_recipient_in_their_list(session, world):
    recipient = make_recipient(session, world)
    assert listed_for(session, world, Role.caregiver) == set()
    add_team_member(
        session, world.actors[Role.village_cadre], recipient.id, world.users[Role.caregiver].id, "guardian"
    )
    assert listed_for(session, world, Role.caregiver) == {recipient.id}


def test_a_volunteer_on_the_team_still_lists_and_opens_no_recipient(session, world, recipient):
    # Least view (DOMAIN.md §8): a volunteer sees only what a task needs, never the recipient record.
    assert listed_for(session, world, Role.volunteer) == set()
    with pytest.raises(PermissionDenied):
        recipients.get_recipient_detail(session, world.actor(session, Role.volunteer), recipient.id)
