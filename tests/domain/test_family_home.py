"""The family's page (DOMAIN.md §2, §8): who comes next and when, the team to call, recent visit dates, the
doctor's medicines — and nothing clinical, and never another family's."""

import pytest
from sqlmodel import select

from jingkang_app.domain.errors import PermissionDenied
from jingkang_app.domain.models import AuditLog, Role
from jingkang_app.domain.services import family_home, followups, visits
from tests.domain.test_duelist_and_visits import visit_form
from tests.domain.test_followups import TODAY, stable_form
from tests.factories import make_family, on_team, other_family


@pytest.fixture
def recipient(session, world, fake_clock):
    recipient = make_family(session, world, with_doctor=True)
    on_team(session, world, recipient, Role.grid_worker, "grid_worker")
    return recipient


@pytest.fixture
def caregiver(session, world, recipient):
    return world.actor(session, Role.caregiver)


def test_the_family_sees_who_comes_next_and_the_team_without_itself(session, world, recipient, caregiver):
    followups.record_followup(session, world.actors[Role.community_doctor], stable_form(recipient.id))
    visits.record_visit(session, world.actors[Role.grid_worker], visit_form(recipient.id))
    home = family_home.family_home(session, caregiver, recipient.id)
    doctor, grid_worker = world.users[Role.community_doctor].name, world.users[Role.grid_worker].name
    assert (home.name, home.followup_by, home.visit_by) == (recipient.name, doctor, grid_worker)
    assert home.next_followup_date is not None and home.next_followup_date > TODAY
    assert [m.team_role for m in home.team] == ["doctor", "grid_worker"]  # the guardian is the reader


def test_recent_visits_are_dates_and_names_only_and_medicines_come_from_the_last_follow_up(
    session, world, recipient, caregiver
):
    followups.record_followup(
        session, world.actors[Role.community_doctor], stable_form(recipient.id, doctor_name="孙医生")
    )
    visits.record_visit(
        session, world.actors[Role.grid_worker], visit_form(recipient.id, notes="家庭矛盾较多")
    )
    home = family_home.family_home(session, caregiver, recipient.id)
    assert {(r.on, r.kind, r.by) for r in home.recent} == {
        (TODAY, "followup", "孙医生"),
        (TODAY, "visit", world.users[Role.grid_worker].name),
    }
    # stable_form prescribes 利培酮 1 mg in the morning and 2 mg in the evening.
    assert home.medicines == ({"name": "利培酮", "morning": 1.0, "evening": 2.0},)
    assert home.medicines_on == TODAY
    shown = {f for f in vars(home)}
    assert not shown & {"diagnosis", "risk_level", "classification", "notes", "id_number"}


def test_a_family_without_visits_or_medicines_gets_empty_sections(session, recipient, caregiver):
    home = family_home.family_home(session, caregiver, recipient.id)
    assert (home.recent, home.medicines, home.medicines_on) == ((), (), None)


def test_another_familys_page_is_refused_and_each_read_is_audited(session, world, recipient, caregiver):
    theirs, _guardian = other_family(session, world)
    with pytest.raises(PermissionDenied):
        family_home.family_home(session, caregiver, theirs.id)
    family_home.family_home(session, caregiver, recipient.id)
    reads = session.exec(select(AuditLog.recipient_id).where(AuditLog.action == "family.view")).all()
    assert reads == [recipient.id]
    assert family_home.relatives_of(session, caregiver) == [recipient.id]


def test_staff_do_not_open_the_family_page(session, world, recipient):
    with pytest.raises(PermissionDenied):
        family_home.family_home(session, world.actors[Role.community_doctor], recipient.id)
    assert family_home.relatives_of(session, world.actors[Role.community_doctor]) == []
