"""Follow-ups through the service: classification and next date, overrides, alerts, idempotency, stale edits."""

import uuid
from datetime import date, timedelta

import pytest
from sqlmodel import select

from jingkang_app.domain.errors import PermissionDenied, StaleVersion, ValidationFailed
from jingkang_app.domain.models import (
    AuditLog,
    Followup,
    Notification,
    Recipient,
    Referral,
    RiskAlert,
    Role,
    TeamRole,
)
from jingkang_app.domain.services import care_team, followups
from tests.factories import make_recipient

TODAY = date(2026, 11, 23)  # the fake clock's local date


def stable_form(recipient_id: int, **overrides) -> dict:
    """A reached patient with nothing wrong: the rules propose 稳定 and a follow-up in three months."""
    return {
        "client_id": str(uuid.uuid4()),
        "recipient_id": recipient_id,
        "followup_date": TODAY.isoformat(),
        "outcome": "reached",
        "form": "2",
        "subjects": ["patient", "family"],
        "doctor_name": "刘医生",
        "risk_level": "0",
        "insight": "full",
        "sleep": "good",
        "diet": "good",
        "self_care": "good",
        "housework": "good",
        "work": "na",
        "learning": "good",
        "social": "good",
        "lockup": "none",
        "hospital": "none",
        "adherence": "regular",
        "adverse_reaction": "none",
        "med1_name": "利培酮",
        "med1_morning": "1",
        "med1_evening": "2",
    } | overrides


@pytest.fixture
def recipient(session, world, fake_clock) -> Recipient:
    return make_recipient(session, world)


@pytest.fixture
def doctor(world):
    return world.actors[Role.community_doctor]


def count(session, model) -> int:
    return len(session.exec(select(model)).all())


def test_stable_followup_is_scheduled_in_three_months_and_updates_the_recipient(session, recipient, doctor):
    saved = followups.record_followup(session, doctor, stable_form(recipient.id))
    session.refresh(recipient)
    assert saved.followup.classification == "stable"
    assert saved.followup.next_followup_date == date(2027, 2, 23)
    assert (recipient.classification, recipient.risk_level, recipient.next_followup_date) == (
        "stable",
        0,
        date(2027, 2, 23),
    )
    assert saved.followup.medications == [{"name": "利培酮", "morning": 1.0, "evening": 2.0}]
    assert saved.alert is None


def test_risk_3_is_unstable_and_opens_an_alert_with_owner_deadline_and_referral(
    session, world, recipient, fake_clock
):
    team_doctor = world.users[Role.community_doctor].id
    coordinator = world.actors[Role.township_coordinator]
    care_team.add_team_member(session, coordinator, recipient.id, team_doctor, TeamRole.doctor)
    saved = followups.record_followup(session, coordinator, stable_form(recipient.id, risk_level="3"))
    session.refresh(recipient)
    alert = saved.alert
    assert saved.followup.classification == "unstable"
    assert saved.followup.next_followup_date == TODAY + timedelta(days=14)
    assert alert.owner_id == team_doctor  # the team doctor, not the recorder
    assert alert.deadline_at == fake_clock.current + timedelta(hours=24)
    assert recipient.open_alert is True
    referral = session.exec(select(Referral).where(Referral.alert_id == alert.id)).one()
    assert (referral.kind, referral.status) == ("hospital_up", "draft")
    told = {n.user_id: n.kind for n in session.exec(select(Notification)).all()}
    assert told == {team_doctor: "alert_owner", coordinator.user_id: "alert_raised"}


def test_dangerous_behaviour_at_risk_1_also_opens_an_alert(session, recipient, doctor):
    saved = followups.record_followup(
        session, doctor, stable_form(recipient.id, risk_level="1", self_harm="1")
    )
    assert saved.followup.classification == "unstable"
    assert saved.alert is not None and saved.alert.owner_id == doctor.user_id


def test_the_same_submission_twice_is_stored_once_with_one_alert(session, recipient, doctor):
    form = stable_form(recipient.id, risk_level="4")
    first = followups.record_followup(session, doctor, form)
    again = followups.record_followup(session, doctor, form)
    assert again.repeat and again.followup.id == first.followup.id
    assert count(session, Followup) == 1
    assert count(session, RiskAlert) == 1


def test_invalid_answers_store_nothing_and_name_every_field(session, recipient, doctor):
    form = stable_form(recipient.id, followup_date="2026-12-01", risk_level="7", insight="", self_harm="-1")
    audit_rows = count(session, AuditLog)
    with pytest.raises(ValidationFailed) as refused:
        followups.record_followup(session, doctor, form)
    assert {f: e.key for f, e in refused.value.errors.items()} == {
        "followup_date": "error.date_in_future",
        "risk_level": "error.invalid_choice",
        "insight": "error.required",
        "self_harm": "error.count_range",
    }
    assert count(session, Followup) == 0
    assert count(session, AuditLog) == audit_rows


def test_a_different_class_needs_a_reason(session, recipient, doctor):
    form = stable_form(recipient.id, classification="basic_stable")
    with pytest.raises(ValidationFailed) as refused:
        followups.record_followup(session, doctor, form)
    assert refused.value.errors["classification"].key == "error.override_reason_required"
    saved = followups.record_followup(session, doctor, form | {"override_reason": "家属反映近期睡眠差"})
    assert (saved.followup.proposed_classification, saved.followup.classification) == (
        "stable",
        "basic_stable",
    )


def test_a_later_next_date_needs_a_reason_but_an_earlier_one_does_not(session, recipient, doctor):
    later = stable_form(recipient.id, risk_level="2", next_followup_date="2026-12-31")
    with pytest.raises(ValidationFailed) as refused:
        followups.record_followup(session, doctor, later)
    assert refused.value.errors["next_followup_date"].key == "error.later_date_reason_required"
    earlier = stable_form(recipient.id, risk_level="2", next_followup_date="2026-11-30")
    assert followups.record_followup(session, doctor, earlier).followup.next_followup_date == date(
        2026, 11, 30
    )


def test_lost_patient_is_unreached_and_retried_in_two_weeks(session, recipient, doctor):
    form = {k: v for k, v in stable_form(recipient.id).items() if k not in {"risk_level", "insight"}}
    saved = followups.record_followup(session, doctor, form | {"outcome": "lost", "lost_reason": "1"})
    assert saved.followup.classification == "unreached"
    assert saved.followup.next_followup_date == TODAY + timedelta(days=14)
    assert saved.followup.risk_level is None


def test_death_ends_management(session, recipient, doctor):
    form = stable_form(
        recipient.id, outcome="dead", death_date="2026-11-20", death_cause="1", death_disease="heart"
    )
    saved = followups.record_followup(session, doctor, form)
    session.refresh(recipient)
    assert saved.followup.next_followup_date is None
    assert (recipient.status, recipient.next_followup_date) == ("exited", None)


def test_a_grid_worker_cannot_record_a_followup(session, world, recipient):
    with pytest.raises(PermissionDenied):
        followups.record_followup(session, world.actors[Role.grid_worker], stable_form(recipient.id))
    assert count(session, Followup) == 0


def test_a_doctor_of_another_township_cannot_record_one(session, world, doctor):
    elsewhere = make_recipient(session, world, village=world.village_b)
    with pytest.raises(PermissionDenied):
        followups.record_followup(session, doctor, stable_form(elsewhere.id))


def test_an_edit_on_a_stale_version_is_refused_with_what_changed(session, recipient, doctor, world):
    saved = followups.record_followup(session, doctor, stable_form(recipient.id))
    base = stable_form(recipient.id) | {"version": saved.followup.version}  # each edit has its own client id
    followups.edit_followup(session, doctor, saved.followup.id, base | {"self_care": "poor"})
    with pytest.raises(StaleVersion) as refused:
        followups.edit_followup(
            session,
            world.actors[Role.township_coordinator],
            saved.followup.id,
            base | {"client_id": str(uuid.uuid4())},
        )
    assert refused.value.params["changed"] == [
        "self_care",
        "proposed_classification",
        "classification",
        "proposed_next_date",
        "next_followup_date",
    ]
    stored = session.get(Followup, saved.followup.id)
    session.refresh(stored)
    assert (stored.self_care, stored.version, stored.classification) == ("poor", 2, "basic_stable")


def test_the_next_form_starts_from_the_last_answers_but_not_the_risk(session, recipient, doctor):
    followups.record_followup(session, doctor, stable_form(recipient.id, sleep="fair", risk_level="1"))
    defaults = followups.form_defaults(session, doctor, recipient.id)
    assert defaults["sleep"] == "fair"
    assert defaults["med1_name"] == "利培酮" and defaults["med1_evening"] == "2"
    assert "risk_level" not in defaults
    assert defaults["followup_date"] == TODAY.isoformat()
