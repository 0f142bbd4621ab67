"""今日任务 order and scope, and home visits with the tasks their needs open."""

import uuid
from datetime import date, timedelta

import pytest
from sqlmodel import select

from jingkang_app.domain.errors import PermissionDenied, ValidationFailed
from jingkang_app.domain.models import CareTask, HomeVisit, Recipient, Role
from jingkang_app.domain.services import care_team, duelist, followups, visits
from tests.domain.test_followups import TODAY, stable_form
from tests.factories import make_recipient, team_member_moved_away


def due(session, recipient: Recipient, *, followup: date | None = None, visit: date | None = None, risk=None):
    recipient.next_followup_date, recipient.next_visit_date, recipient.risk_level = followup, visit, risk
    session.add(recipient)
    session.commit()


def visit_form(recipient_id: int, **overrides) -> dict:
    return {
        "client_id": str(uuid.uuid4()),
        "recipient_id": recipient_id,
        "visit_date": TODAY.isoformat(),
        "met": ["recipient", "family"],
        "condition": "stable",
        "treatment": "regular",
        "rehab": "at_home",
        "family": "strained",
        "aid": "needed",
        "needs": ["aid", "respite"],
        "satisfaction": "satisfied",
    } | overrides


@pytest.fixture
def people(session, world):
    names = ["甲", "乙", "丙", "丁", "戊"]
    return {n: make_recipient(session, world, name=f"王{n}") for n in names}


def test_the_doctors_list_puts_alerts_first_then_risk_then_most_overdue(session, world, people):
    due(session, people["甲"], followup=TODAY - timedelta(days=30), risk=1)
    due(session, people["乙"], followup=TODAY - timedelta(days=2), risk=4)
    due(session, people["丙"], followup=TODAY + timedelta(days=3), risk=1)
    due(session, people["丁"], followup=TODAY + timedelta(days=40), risk=0)  # not due this week
    followups.record_followup(
        session, world.actors[Role.community_doctor], stable_form(people["戊"].id, risk_level="3")
    )
    items, total = duelist.due_list(session, world.actors[Role.community_doctor])
    assert [i.name for i in items] == ["王戊", "王乙", "王甲", "王丙"]
    assert total == 4
    assert items[0].open_alert and items[0].form == "followup"
    assert (items[2].days_overdue, items[3].days_overdue) == (30, 0)


def test_a_grid_worker_sees_visits_and_alerts_but_no_risk_or_followup_dates(session, world, people):
    due(session, people["甲"], followup=TODAY - timedelta(days=5), risk=2)
    due(session, people["乙"], visit=TODAY - timedelta(days=1), risk=2)
    items, total = duelist.due_list(session, world.actors[Role.grid_worker])
    assert [(i.name, i.form, i.risk_level, i.followup_due) for i in items] == [("王乙", "visit", None, None)]
    assert total == 1


def test_an_open_alert_opens_the_follow_up_for_the_doctor_even_with_a_visit_due_first(session, world, people):
    followups.record_followup(
        session, world.actors[Role.community_doctor], stable_form(people["甲"].id, risk_level="3")
    )
    due(session, people["甲"], followup=TODAY + timedelta(days=14), visit=TODAY - timedelta(days=2), risk=3)
    [doctors] = duelist.due_list(session, world.actors[Role.community_doctor])[0]
    [grid_workers] = duelist.due_list(session, world.actors[Role.grid_worker])[0]
    assert (doctors.form, doctors.open_alert) == ("followup", True)
    assert grid_workers.form == "visit"


def test_withdrawn_followup_consent_takes_the_recipient_off_the_followup_list(session, world, people):
    due(session, people["甲"], followup=TODAY - timedelta(days=5))
    people["甲"].followup_withdrawn_on = TODAY
    session.add(people["甲"])
    session.commit()
    assert duelist.due_list(session, world.actors[Role.community_doctor])[1] == 0


def test_recipients_of_another_township_never_appear(session, world):
    other = make_recipient(session, world, village=world.village_b)
    due(session, other, followup=TODAY - timedelta(days=5), visit=TODAY)
    for role in (Role.community_doctor, Role.grid_worker, Role.township_coordinator):
        assert duelist.due_list(session, world.actors[role]) == ([], 0)


def test_paging_keeps_the_order(session, world, people):
    for n, person in enumerate(people.values()):
        due(session, person, visit=TODAY - timedelta(days=n))
    first, total = duelist.due_list(session, world.actors[Role.grid_worker], limit=2)
    second, _ = duelist.due_list(session, world.actors[Role.grid_worker], offset=2, limit=2)
    assert total == 5
    assert [i.name for i in first + second] == ["王戊", "王丁", "王丙", "王乙"]


def test_a_page_past_the_end_is_empty_but_still_tells_how_long_the_list_is(session, world, people):
    for person in people.values():
        due(session, person, visit=TODAY)
    assert duelist.due_list(session, world.actors[Role.grid_worker], offset=40, limit=20) == ([], 5)


def test_a_team_recipient_outside_the_doctors_area_is_listed_once_beside_those_in_it(session, world, people):
    elsewhere = make_recipient(session, world, village=world.village_b, name="李远")
    team_member_moved_away(session, world, elsewhere, Role.community_doctor, "doctor")
    due(session, elsewhere, followup=TODAY - timedelta(days=9))
    due(session, people["甲"], followup=TODAY - timedelta(days=3))
    # 甲 is both in the doctor's area and on their team: still one entry.
    care_team.add_team_member(
        session,
        world.actors[Role.county_coordinator],
        people["甲"].id,
        world.users[Role.community_doctor].id,
        "doctor",
    )
    items, total = duelist.due_list(session, world.actor(session, Role.community_doctor))
    assert [i.name for i in items] == ["李远", "王甲"]
    assert total == 2


def test_a_home_visit_opens_a_task_per_need_and_schedules_the_next_visit(session, world, people):
    recipient = people["甲"]
    saved = visits.record_visit(session, world.actors[Role.grid_worker], visit_form(recipient.id))
    session.refresh(recipient)
    assert sorted(t.kind for t in saved.tasks) == ["aid", "respite"]
    assert recipient.next_visit_date == TODAY + timedelta(days=30)


def test_the_same_visit_twice_is_stored_once(session, world, people):
    form = visit_form(people["甲"].id)
    visits.record_visit(session, world.actors[Role.grid_worker], form)
    again = visits.record_visit(session, world.actors[Role.grid_worker], form)
    assert again.repeat
    assert len(session.exec(select(HomeVisit)).all()) == 1
    assert len(session.exec(select(CareTask)).all()) == 2


def test_a_visit_in_the_future_or_without_who_was_met_is_refused_and_nothing_stored(session, world, people):
    form = visit_form(people["甲"].id, visit_date="2026-11-24", met=[], satisfaction="great")
    with pytest.raises(ValidationFailed) as refused:
        visits.record_visit(session, world.actors[Role.grid_worker], form)
    assert {f: e.key for f, e in refused.value.errors.items()} == {
        "visit_date": "error.date_in_future",
        "met": "error.required",
        "satisfaction": "error.invalid_choice",
    }
    assert session.exec(select(HomeVisit)).all() == []


def test_a_caregiver_cannot_record_a_visit(session, world, people):
    with pytest.raises(PermissionDenied):
        visits.record_visit(session, world.actors[Role.caregiver], visit_form(people["甲"].id))
