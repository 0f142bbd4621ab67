"""The home-visit and follow-up pages' states: who may open which form, the starting values a form mounts with,
and what the page says once the outbox reports the server stored a record. Handlers are called as any socket
client could call them."""

from datetime import timedelta

import pytest

from jingkang_app.domain.models import Role
from jingkang_app.domain.services import followups, visits
from jingkang_app.state.field_forms import FollowupEditState, FollowupFormState, VisitFormState, form_start
from tests.domain.test_duelist_and_visits import visit_form
from tests.domain.test_followups import TODAY, stable_form
from tests.factories import make_recipient

DENIED_ZH = "您没有权限查看或修改这条记录。"


@pytest.fixture
def recipient(session, world):
    return make_recipient(session, world)


def opened(make_state, state_cls, role: Role, recipient_id: int, kind: str):
    state = make_state(state_cls, role, f"/recipients/{recipient_id}/{kind}/")
    state_cls.load_user.fn(state)
    state_cls.load.fn(state)
    return state


def test_a_grid_worker_opens_the_visit_form_with_todays_date_and_a_draft_key_for_this_recipient(
    make_state, recipient
):
    state = opened(make_state, VisitFormState, Role.grid_worker, recipient.id, "visit")
    assert state.loaded and state.page_error == ""
    assert state.recipient_name == recipient.name
    assert state.values == {"visit_date": TODAY.isoformat()}
    assert state.draft_key == f"visit:{recipient.id}"


def test_a_grid_worker_may_not_open_the_follow_up_form(make_state, recipient):
    state = opened(make_state, FollowupFormState, Role.grid_worker, recipient.id, "followup")
    assert not state.loaded
    assert state.page_error == DENIED_ZH
    assert state.values == {}


def test_a_doctor_of_another_township_cannot_open_either_form(session, make_state, world):
    elsewhere = make_recipient(session, world, village=world.village_b)
    for state_cls, kind in ((VisitFormState, "visit"), (FollowupFormState, "followup")):
        state = opened(make_state, state_cls, Role.community_doctor, elsewhere.id, kind)
        assert not state.loaded
        assert state.recipient_name == ""


def test_the_follow_up_form_starts_from_the_last_follow_up(session, world, make_state, recipient):
    doctor = world.actors[Role.community_doctor]
    followups.record_followup(
        session,
        doctor,
        stable_form(recipient.id, sleep="fair", subjects=["family"], rehab_measures=["social"]),
    )
    state = opened(make_state, FollowupFormState, Role.community_doctor, recipient.id, "followup")
    assert state.loaded
    assert state.values["followup_date"] == TODAY.isoformat()
    assert state.values["med1_name"] == "利培酮"
    assert {"sleep=fair", "subjects=family", "rehab_measures=social", "outcome=reached"} <= set(state.checked)
    assert "subjects=patient" not in state.checked


def test_form_start_ticks_radios_and_every_checked_box():
    values, checked = form_start({"outcome": "reached", "subjects": ["patient", "family"], "symptoms": []})
    assert values == {"outcome": "reached"}
    assert checked == ["outcome=reached", "subjects=patient", "subjects=family"]


def test_after_the_outbox_stored_a_risk_3_follow_up_the_page_says_what_was_saved_and_that_an_alert_went_out(
    session, world, make_state, recipient
):
    doctor = world.actors[Role.community_doctor]
    form = stable_form(recipient.id, risk_level="3")
    followups.record_followup(session, doctor, form)
    state = opened(make_state, FollowupFormState, Role.community_doctor, recipient.id, "followup")
    FollowupFormState.show_saved.fn(state, {"client_id": form["client_id"]})
    assert state.saved == f"随访已保存：不稳定，下次随访 {(TODAY + timedelta(days=14)).isoformat()}。"
    assert state.alert_raised


def test_after_a_visit_the_page_names_the_tasks_it_opened(session, world, make_state, recipient):
    form = visit_form(recipient.id, needs=["respite"])
    visits.record_visit(session, world.actors[Role.grid_worker], form)
    state = opened(make_state, VisitFormState, Role.grid_worker, recipient.id, "visit")
    VisitFormState.show_saved.fn(state, {"client_id": form["client_id"]})
    assert "喘息服务" in state.saved
    assert "下次走访" in state.saved


def test_a_client_id_of_another_recipients_record_reveals_nothing(session, world, make_state, recipient):
    other = make_recipient(session, world)
    form = stable_form(other.id, risk_level="4")
    followups.record_followup(session, world.actors[Role.community_doctor], form)
    state = opened(make_state, FollowupFormState, Role.community_doctor, recipient.id, "followup")
    FollowupFormState.show_saved.fn(state, {"client_id": form["client_id"]})
    assert state.saved == ""
    assert not state.alert_raised


def test_the_correction_page_opens_on_the_record_and_its_version(session, world, make_state, recipient):
    doctor = world.actors[Role.community_doctor]
    saved = followups.record_followup(session, doctor, stable_form(recipient.id, sleep="poor"))
    state = make_state(FollowupEditState, Role.community_doctor, f"/followups/{saved.followup.id}/edit")
    FollowupEditState.load_user.fn(state)
    FollowupEditState.load.fn(state)
    assert state.loaded
    assert (state.recipient_id, state.recipient_name) == (str(recipient.id), recipient.name)
    assert (state.values["followup_id"], state.values["version"]) == (str(saved.followup.id), "1")
    assert "sleep=poor" in state.checked
    assert state.draft_key == f"followup-edit:{saved.followup.id}:1"


def test_a_grid_worker_cannot_open_a_follow_up_for_correction(session, world, make_state, recipient):
    saved = followups.record_followup(session, world.actors[Role.community_doctor], stable_form(recipient.id))
    state = make_state(FollowupEditState, Role.grid_worker, f"/followups/{saved.followup.id}/edit")
    FollowupEditState.load_user.fn(state)
    FollowupEditState.load.fn(state)
    assert not state.loaded
    assert state.values == {}
    assert state.page_error == DENIED_ZH
