"""紧急求助 through the service (DOMAIN.md §3.6, §5, §8): the family's call raises a relapse alert with an owner, the
county's deadline and escalation; a resent call is stored once; the family follows who took it; another family's
caregiver is refused."""

import uuid
from datetime import timedelta

import pytest
from sqlmodel import func, select

from jingkang_app.domain.errors import PermissionDenied, ValidationFailed
from jingkang_app.domain.models import AuditLog, HelpRequest, Notification, Recipient, RiskAlert, Role
from jingkang_app.domain.services import alerts, help_request
from tests.factories import make_family, make_recipient, on_team


@pytest.fixture
def recipient(session, world):
    return make_family(session, world, with_doctor=True)


@pytest.fixture
def caregiver(session, world, recipient):
    return world.actor(session, Role.caregiver)


def help_form(recipient, **overrides) -> dict:
    return {
        "client_id": str(uuid.uuid4()),
        "recipient_id": recipient.id,
        "signs": ["no_sleep", "violence"],
    } | (overrides)


def ask(session, actor, recipient, **overrides) -> help_request.HelpView:
    return help_request.ask_for_help(session, actor, help_form(recipient, **overrides)).help


def told(session, world, role: Role) -> list[str]:
    user_id = world.users[role].id
    return [n.kind for n in session.exec(select(Notification).where(Notification.user_id == user_id)).all()]


def field_errors(excinfo) -> dict[str, str]:
    return {field: error.key for field, error in excinfo.value.errors.items()}


def test_a_call_for_help_raises_an_alert_for_the_team_doctor_due_in_24_hours(
    session, world, fake_clock, caregiver, recipient
):
    view = ask(session, caregiver, recipient)
    alert = session.get(RiskAlert, view.alert_id)
    assert (alert.source, alert.source_id, alert.status, alert.risk_level) == (
        "caregiver",
        view.id,
        "open",
        None,
    )
    assert alert.owner_id == world.users[Role.community_doctor].id
    assert alert.deadline_at == fake_clock.current + timedelta(hours=24)
    assert session.get(Recipient, recipient.id).open_alert is True
    assert view.signs == ["no_sleep", "violence"] and view.owner_name == "community_doctor用户"


def test_the_doctor_and_the_township_are_told_of_the_call(session, world, caregiver, recipient):
    ask(session, caregiver, recipient)
    assert told(session, world, Role.community_doctor) == ["help_owner"]
    assert told(session, world, Role.township_coordinator) == ["help_raised"]
    assert told(session, world, Role.caregiver) == []


def test_an_untaken_call_escalates_like_a_risk_3_follow_up(session, world, fake_clock, caregiver, recipient):
    view = ask(session, caregiver, recipient)
    fake_clock.advance(hours=23, minutes=59)
    assert alerts.escalate_overdue(session) == 0
    fake_clock.advance(minutes=1)
    assert alerts.escalate_overdue(session) == 1
    assert session.get(RiskAlert, view.alert_id).escalation_level == 1
    assert told(session, world, Role.township_coordinator) == ["help_raised", "alert_escalated"]


def test_without_a_team_doctor_a_township_coordinator_owns_the_alert_not_the_family(session, world):
    recipient = make_recipient(session, world)
    on_team(session, world, recipient, Role.caregiver, "guardian")
    view = ask(session, world.actor(session, Role.caregiver), recipient)
    assert session.get(RiskAlert, view.alert_id).owner_id == world.users[Role.township_coordinator].id


def test_the_same_call_sent_twice_is_stored_once_with_one_alert(session, caregiver, recipient):
    form = help_form(recipient)
    first = help_request.ask_for_help(session, caregiver, form)
    again = help_request.ask_for_help(session, caregiver, form)
    assert (again.repeat, again.help.id, again.help.alert_id) == (True, first.help.id, first.help.alert_id)
    assert session.exec(select(func.count(HelpRequest.id))).one() == 1
    assert session.exec(select(func.count(RiskAlert.id))).one() == 1


def test_the_call_is_audited_with_its_alert(session, caregiver, recipient):
    view = ask(session, caregiver, recipient)
    entry = session.exec(select(AuditLog).where(AuditLog.action == "help.request")).one()
    assert (entry.entity_id, entry.recipient_id) == (view.id, recipient.id)


@pytest.mark.parametrize(
    ("overrides", "errors"),
    [
        ({"signs": ["other"]}, {"other_text": "error.help_other_text_required"}),
        ({"signs": ["other"], "other_text": "   "}, {"other_text": "error.help_other_text_required"}),
        ({"signs": []}, {"signs": "error.help_signs_required"}),
        ({"signs": ["no_sleep", "shouting"]}, {"signs": "error.invalid_choice"}),
        ({"signs": ["other"], "other_text": "说" * 201}, {"other_text": "error.too_long"}),
        ({"client_id": ""}, {"client_id": "error.required"}),
    ],
)
def test_a_bad_call_is_refused_beside_its_field_and_nothing_is_stored(
    session, caregiver, recipient, overrides, errors
):
    with pytest.raises(ValidationFailed) as refused:
        ask(session, caregiver, recipient, **overrides)
    assert field_errors(refused) == errors
    assert session.exec(select(func.count(RiskAlert.id))).one() == 0


def test_other_with_words_is_accepted_and_the_words_reach_the_alert(session, caregiver, recipient):
    view = ask(session, caregiver, recipient, signs=["other"], other_text="一直往外跑，拉不住")
    assert view.other_text == "一直往外跑，拉不住"
    assert session.get(RiskAlert, view.alert_id).reason == "一直往外跑，拉不住"


def test_another_familys_caregiver_can_neither_call_nor_read(session, world, caregiver, recipient):
    other = make_recipient(session, world)
    with pytest.raises(PermissionDenied):
        ask(session, caregiver, other)
    with pytest.raises(PermissionDenied):
        help_request.help_status(session, caregiver, other.id)


def test_staff_raise_alerts_by_their_own_records_not_by_this_button(session, world, recipient):
    with pytest.raises(PermissionDenied):
        ask(session, world.actors[Role.community_doctor], recipient)


def test_the_family_sees_who_took_the_alert_and_when(session, world, fake_clock, caregiver, recipient):
    view = ask(session, caregiver, recipient)
    assert help_request.help_status(session, caregiver, recipient.id)[0].status == "open"
    fake_clock.advance(minutes=40)
    alerts.take(session, world.actors[Role.community_doctor], view.alert_id, 1)
    [status] = help_request.help_status(session, caregiver, recipient.id)
    assert (status.id, status.status, status.taken_by_name, status.taken_at) == (
        view.id,
        "taken",
        "community_doctor用户",
        fake_clock.current,
    )


def test_the_family_is_told_once_who_took_its_call_even_when_it_is_closed_at_once(
    session, world, caregiver, recipient
):
    doctor = world.actors[Role.community_doctor]
    taken = ask(session, caregiver, recipient)
    alerts.take(session, doctor, taken.alert_id, 1)
    alerts.close(session, doctor, taken.alert_id, {"version": 2, "outcome": "home_response"})
    closed = ask(session, caregiver, recipient)
    alerts.close(session, doctor, closed.alert_id, {"version": 1, "outcome": "home_response"})
    notices = session.exec(
        select(Notification.kind, Notification.params, Notification.link).where(
            Notification.user_id == caregiver.user_id
        )
    ).all()
    told_family = (
        "help_taken",
        {"name": doctor.name, "relative": recipient.name},
        f"/family/help?rid={recipient.id}",
    )
    assert notices == [told_family, told_family]


def test_closed_calls_leave_the_list_after_30_days_open_ones_stay(
    session, world, fake_clock, caregiver, recipient
):
    closed = ask(session, caregiver, recipient)
    alerts.close(
        session, world.actors[Role.community_doctor], closed.alert_id, {"outcome": "resolved", "version": 1}
    )
    still_open = ask(session, caregiver, recipient)
    fake_clock.advance(days=29)
    assert [v.id for v in help_request.help_status(session, caregiver, recipient.id)] == [
        still_open.id,
        closed.id,
    ]
    fake_clock.advance(days=2)
    assert [v.id for v in help_request.help_status(session, caregiver, recipient.id)] == [still_open.id]
