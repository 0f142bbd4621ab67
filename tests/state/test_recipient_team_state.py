"""The care team on the recipient page: handlers called directly, as any socket client could call them."""

import pytest

from jingkang_app.domain.models import Recipient, Role
from jingkang_app.domain.services import care_team, users
from jingkang_app.i18n.care_team_en import CARE_TEAM_EN
from jingkang_app.state.recipients import RecipientDetailState
from tests.domain.test_care_team import team
from tests.factories import make_recipient
from tests.state.test_recipient_page_state import DENIED_ZH, page


@pytest.fixture
def recipient(session, world) -> Recipient:
    recipient = make_recipient(session, world)
    guardian = world.users[Role.caregiver].id
    care_team.add_team_member(
        session, world.actors[Role.county_coordinator], recipient.id, guardian, "guardian"
    )
    return recipient


def add(state, member: str) -> None:
    RecipientDetailState.add_team_member.fn(state, {"member": member})


def remove(state, user_id: object, team_role: str) -> None:
    RecipientDetailState.remove_team_member.fn(state, {"user_id": str(user_id), "team_role": team_role})


def test_an_updater_sees_each_member_with_its_removal_question_and_who_may_join(
    session, world, make_state, recipient
):
    state = page(make_state, recipient, Role.village_cadre)
    caregiver = world.users[Role.caregiver]
    assert state.can_manage_team
    assert state.team == [
        {
            "name": caregiver.name,
            "role": "监护人",
            "phone": caregiver.phone,
            "user_id": str(caregiver.id),
            "team_role": "guardian",
            "question": f"将{caregiver.name}（监护人）移出综合管理小组？移出后此人不再以小组成员身份查看该服务对象。",
        }
    ]
    assert state.team_candidates[0] == {
        "value": f"{world.users[Role.grid_worker].id}:grid_worker",
        "label": "网格员：grid_worker用户（网格员 · 南塘村）",
    }
    assert len(state.team_candidates) == 7


@pytest.mark.parametrize("role", [Role.grid_worker, Role.caregiver])
def test_a_user_who_may_not_update_the_recipient_gets_no_team_management(
    session, world, make_state, recipient, role
):
    state = page(make_state, recipient, role)
    assert state.found and len(state.team) == 1
    assert (state.can_manage_team, state.team_candidates) == (False, [])


def test_an_added_member_appears_on_the_team_and_leaves_the_choices(session, world, make_state, recipient):
    state = page(make_state, recipient, Role.village_cadre)
    doctor = world.users[Role.community_doctor].id
    add(state, f"{doctor}:doctor")
    assert (state.team_saved, state.team_errors, state.page_error) == ("已加入综合管理小组。", {}, "")
    assert [row["team_role"] for row in state.team] == ["guardian", "doctor"]
    assert f"{doctor}:doctor" not in {c["value"] for c in state.team_candidates}
    assert (doctor, "doctor") in team(session, recipient)


def test_a_confirmed_removal_takes_the_member_off(session, world, make_state, recipient):
    state = page(make_state, recipient, Role.village_cadre)
    remove(state, world.users[Role.caregiver].id, "guardian")
    assert (state.team_saved, state.team, state.page_error) == ("已移出综合管理小组。", [], "")
    assert team(session, recipient) == set()
    assert f"{world.users[Role.caregiver].id}:guardian" in {c["value"] for c in state.team_candidates}


def test_a_user_who_may_not_update_the_recipient_is_refused_by_both_handlers(
    session, world, make_state, recipient
):
    state = page(make_state, recipient, Role.grid_worker)
    add(state, f"{world.users[Role.grid_worker].id}:grid_worker")
    assert (state.page_error, state.team_saved) == (DENIED_ZH, "")
    remove(state, world.users[Role.caregiver].id, "guardian")
    assert (state.page_error, state.team_saved) == (DENIED_ZH, "")
    assert team(session, recipient) == {(world.users[Role.caregiver].id, "guardian")}


@pytest.mark.parametrize(
    ("member", "message"),
    [
        ("{volunteer}:doctor", "此人的账户角色不能担任所选的小组角色，请从列表中选择。"),
        ("9999:doctor", "找不到这名在岗人员，请从列表中选择。"),
        ("{volunteer}:chief", "请从选项中选择。"),
        ("", "此项必填。"),
    ],
)
def test_a_forged_choice_is_refused_beside_it_in_chinese(
    session, world, make_state, recipient, member, message
):
    state = page(make_state, recipient, Role.village_cadre)
    add(state, member.format(volunteer=world.users[Role.volunteer].id))
    assert (state.team_errors, state.team_saved, state.page_error) == ({"member": message}, "", "")
    assert len(team(session, recipient)) == 1


def test_a_member_from_outside_the_village_is_refused_in_the_users_language(session, world, make_state):
    elsewhere = make_recipient(session, world, world.village_b, name="王伟")
    users.set_language(session, world.actors[Role.county_coordinator], "en")
    state = page(make_state, elsewhere, Role.county_coordinator)
    assert state.team_candidates == []
    add(state, f"{world.users[Role.grid_worker].id}:grid_worker")
    assert state.team_errors == {"member": CARE_TEAM_EN["error.team_area_unfit"]}
    assert team(session, elsewhere) == set()


def test_a_recipient_outside_the_users_scope_is_refused(session, world, make_state, recipient):
    elsewhere = make_recipient(session, world, world.village_b, name="王伟")
    state = make_state(RecipientDetailState, Role.village_cadre, f"/recipients/{elsewhere.id}")
    add(state, f"{world.users[Role.grid_worker].id}:grid_worker")
    assert state.page_error == DENIED_ZH
    assert team(session, elsewhere) == set()


def test_the_team_section_builds_with_its_labels(world):
    from jingkang_app.pages.recipients import recipient_detail_page

    rendered = str(recipient_detail_page().render())
    for key in (
        "recipient.team.empty",
        "recipient.team.remove",
        "recipient.team.remove_confirm",
        "recipient.team.add_title",
        "recipient.team.member",
        "recipient.team.member_help",
        "recipient.team.choose",
        "recipient.team.add",
        "recipient.team.no_candidates",
    ):
        assert CARE_TEAM_EN[key] in rendered, key
