"""A recipient's service records: four kinds merged newest first, paged in SQL, scoped and least-view."""

import uuid
from datetime import UTC, datetime

import pytest
from sqlmodel import select

from jingkang_app.domain.errors import NotFound, PermissionDenied
from jingkang_app.domain.models import AuditLog, Recipient, RiskAlert, Role
from jingkang_app.domain.services import alerts, care_team, followups, rehab_services, visits
from jingkang_app.domain.services.timeline import timeline
from tests.domain.test_duelist_and_visits import visit_form
from tests.domain.test_followups import stable_form
from tests.factories import make_recipient

DOCTOR = "community_doctor用户"


@pytest.fixture
def recipient(session, world, fake_clock) -> Recipient:
    """Registered on 2026-03-01, well before the records made here (the clock then says 2026-11-23)."""
    now = fake_clock.current
    fake_clock.current = datetime(2026, 3, 1, 2, 0, tzinfo=UTC)
    try:
        return make_recipient(session, world)
    finally:
        fake_clock.current = now


def visit(session, world, recipient, day: str, **overrides):
    form = visit_form(recipient.id, visit_date=day, **overrides)
    return visits.record_visit(session, world.actors[Role.grid_worker], form).visit


def followup(session, world, recipient, day: str, **overrides):
    form = stable_form(recipient.id, followup_date=day, **overrides)
    return followups.record_followup(session, world.actors[Role.community_doctor], form)


def rehab(session, world, recipient, day: str, attended: bool = True):
    form = {
        "client_id": str(uuid.uuid4()),
        "service_date": day,
        "place": "site",
        "site_name": "城关镇康复站",
        "contents": ["life_skills", "counselling"],
        "duration_minutes": "60",
        "attendees": [{"recipient_id": recipient.id, "attended": attended}],
    }
    return rehab_services.record_service(session, world.actors[Role.social_worker], form)


@pytest.fixture
def history(session, world, recipient, fake_clock):
    """Six records entered out of order; the alert is raised by the 11-20 follow-up today (11-23)."""
    old_visit = visit(session, world, recipient, "2026-11-01")
    first = followup(session, world, recipient, "2026-11-10")
    service = rehab(session, world, recipient, "2026-11-15")
    risky = followup(session, world, recipient, "2026-11-20", risk_level="3")
    fake_clock.advance(minutes=5)
    late_visit = visit(session, world, recipient, "2026-11-20")  # same day as the follow-up, stored later
    return {
        "alert": risky.alert.id,
        "late_visit": late_visit.id,
        "risky": risky.followup.id,
        "service": service.id,
        "first": first.followup.id,
        "old_visit": old_visit.id,
    }


def kinds_and_ids(entries) -> list[tuple[str, int]]:
    return [(e.kind, e.record_id) for e in entries]


def test_records_of_every_kind_come_newest_first_by_their_date_then_when_stored(
    session, world, recipient, history
):
    entries, total = timeline(session, world.actors[Role.community_doctor], recipient.id)
    assert kinds_and_ids(entries) == [
        ("alert", history["alert"]),
        ("visit", history["late_visit"]),
        ("followup", history["risky"]),
        ("service", history["service"]),
        ("followup", history["first"]),
        ("visit", history["old_visit"]),
    ]
    assert total == 6
    assert [e.day.isoformat() for e in entries] == [
        "2026-11-23",
        "2026-11-20",
        "2026-11-20",
        "2026-11-15",
        "2026-11-10",
        "2026-11-01",
    ]


def test_pages_carry_the_total_and_continue_where_the_last_one_ended(session, world, recipient, history):
    doctor = world.actors[Role.community_doctor]
    whole, _ = timeline(session, doctor, recipient.id)
    first, total_1 = timeline(session, doctor, recipient.id, offset=0, limit=4)
    second, total_2 = timeline(session, doctor, recipient.id, offset=4, limit=4)
    assert (len(first), len(second), total_1, total_2) == (4, 2, 6, 6)
    assert kinds_and_ids(first + second) == kinds_and_ids(whole)


def test_a_clinical_viewer_sees_risk_classification_condition_and_medication(
    session, world, recipient, history
):
    entries, _ = timeline(session, world.actors[Role.community_doctor], recipient.id)
    by_id = {(e.kind, e.record_id): e for e in entries}
    risky = by_id[("followup", history["risky"])]
    assert (risky.risk_level, risky.recorded_by) == (3, DOCTOR)
    assert risky.facts == (("form", "2"), ("classification", "unstable"), ("adherence", "regular"))
    assert by_id[("alert", history["alert"])].risk_level == 3
    assert by_id[("alert", history["alert"])].facts == (("status", "open"),)
    assert by_id[("visit", history["late_visit"])].facts == (
        ("condition", "stable"),
        ("treatment", "regular"),
        ("needs", "aid"),
        ("needs", "respite"),
        ("satisfaction", "satisfied"),
    )
    service = by_id[("service", history["service"])]
    assert service.recorded_by == "social_worker用户"
    assert service.facts == (
        ("place", "site"),
        ("content", "life_skills"),
        ("content", "counselling"),
        ("attendance", "attended"),
    )


@pytest.mark.parametrize("role", [Role.grid_worker, Role.village_cadre])
def test_a_field_worker_sees_no_clinical_detail_and_no_rehab_sessions(
    session, world, recipient, history, role
):
    entries, total = timeline(session, world.actors[role], recipient.id)
    assert total == 5
    assert "service" not in {e.kind for e in entries}
    assert {e.risk_level for e in entries} == {None}
    facts = {what for e in entries for what, _ in e.facts}
    assert facts == {"needs", "satisfaction", "form", "status"}
    assert facts.isdisjoint({"condition", "treatment", "classification", "adherence", "outcome"})


def test_an_alerts_entry_names_its_owner_and_hides_its_outcome_from_a_grid_worker(
    session, world, recipient, history
):
    alert = session.get(RiskAlert, history["alert"])
    doctor = world.actors[Role.community_doctor]
    alert = alerts.take(session, doctor, alert.id, alert.version)
    alerts.close(
        session, doctor, alert.id, {"version": alert.version, "outcome": "hospitalised", "note": "已住院"}
    )
    for role, facts in (
        (Role.community_doctor, (("status", "closed"), ("outcome", "hospitalised"))),
        (Role.grid_worker, (("status", "closed"),)),
    ):
        entries, _ = timeline(session, world.actors[role], recipient.id, limit=1)
        assert (entries[0].kind, entries[0].recorded_by, entries[0].facts) == ("alert", DOCTOR, facts)


def test_a_caregiver_on_the_team_sees_their_relatives_records_without_clinical_detail(
    session, world, recipient, history
):
    coordinator = world.actors[Role.county_coordinator]
    care_team.add_team_member(session, coordinator, recipient.id, world.users[Role.caregiver].id, "guardian")
    entries, total = timeline(session, world.actor(session, Role.caregiver), recipient.id)
    assert (total, {e.risk_level for e in entries}) == (5, {None})


def test_a_session_the_recipient_missed_says_so(session, world, recipient):
    rehab(session, world, recipient, "2026-11-15", attended=False)
    entries, _ = timeline(session, world.actors[Role.social_worker], recipient.id)
    assert entries[0].facts[-1] == ("attendance", "absent")


def test_a_recipient_with_no_records_has_an_empty_timeline(session, world, recipient):
    assert timeline(session, world.actors[Role.community_doctor], recipient.id) == ([], 0)


def test_someone_outside_the_recipients_area_is_refused(session, world):
    elsewhere = make_recipient(session, world, village=world.village_b)
    with pytest.raises(PermissionDenied):
        timeline(session, world.actors[Role.grid_worker], elsewhere.id)


@pytest.mark.parametrize("role", [Role.volunteer, Role.admin, Role.caregiver])
def test_roles_without_a_view_of_the_recipient_are_refused(session, world, recipient, role):
    with pytest.raises(PermissionDenied):
        timeline(session, world.actors[role], recipient.id)


def test_an_unknown_recipient_is_not_found(session, world):
    with pytest.raises(NotFound):
        timeline(session, world.actors[Role.community_doctor], 999_999)


def test_the_read_is_audited_with_whether_clinical_detail_was_shown(session, world, recipient, history):
    timeline(session, world.actors[Role.grid_worker], recipient.id)
    entry = session.exec(select(AuditLog).where(AuditLog.action == "recipient.timeline")).one()
    assert (entry.recipient_id, entry.actor_id) == (recipient.id, world.users[Role.grid_worker].id)
    assert '"clinical": false' in entry.detail


def test_an_alert_raised_just_after_local_midnight_sorts_on_the_local_day(
    session, world, recipient, fake_clock
):
    fake_clock.current = datetime(2026, 11, 22, 16, 30, tzinfo=UTC)  # 00:30 on 11-23 in Shanghai
    raised = followup(session, world, recipient, "2026-11-22", risk_level="4")
    fake_clock.current = datetime(2026, 11, 22, 17, 0, tzinfo=UTC)
    newer_but_earlier_day = visit(session, world, recipient, "2026-11-22")
    entries, _ = timeline(session, world.actors[Role.community_doctor], recipient.id)
    assert kinds_and_ids(entries) == [
        ("alert", raised.alert.id),
        ("visit", newer_but_earlier_day.id),
        ("followup", raised.followup.id),
    ]
    assert entries[0].day.isoformat() == "2026-11-23"
