"""Each follow-up points at the recipient's one before it with the days between them (规范管理率 reads these gaps):
kept when follow-ups arrive out of order (a back-dated paper form) and when a date is corrected."""

from datetime import timedelta

import pytest
from sqlmodel import select

from jingkang_app.domain.models import Followup, Role
from jingkang_app.domain.services import followups
from tests.domain.test_followup_edit import opened
from tests.domain.test_followups import TODAY, stable_form
from tests.factories import make_recipient_registered_on


@pytest.fixture
def doctor(world):
    return world.actors[Role.community_doctor]


@pytest.fixture
def recipient(session, world):
    return make_recipient_registered_on(session, world, TODAY - timedelta(days=400))


def chain(session, recipient_id: int) -> list[tuple]:
    return [
        (f.followup_date, f.previous_date, f.gap_days)
        for f in session.exec(
            select(Followup).where(Followup.recipient_id == recipient_id).order_by(Followup.followup_date)
        )
    ]


def record(session, doctor, recipient, day):
    return followups.record_followup(
        session, doctor, stable_form(recipient.id, followup_date=day.isoformat())
    )


def test_a_back_dated_follow_up_is_linked_between_its_neighbours(session, doctor, recipient):
    first, third, second = TODAY - timedelta(days=200), TODAY, TODAY - timedelta(days=90)
    for day in (first, third, second):
        record(session, doctor, recipient, day)
    session.expire_all()
    assert chain(session, recipient.id) == [
        (first, None, None),
        (second, first, 110),
        (third, second, 90),
    ]


def test_correcting_a_date_relinks_the_chain(session, doctor, recipient):
    first = record(session, doctor, recipient, TODAY - timedelta(days=120)).followup
    record(session, doctor, recipient, TODAY)
    values = opened(session, doctor, first.id) | {"followup_date": (TODAY - timedelta(days=30)).isoformat()}
    followups.edit_followup(session, doctor, first.id, values)
    session.expire_all()
    assert chain(session, recipient.id) == [
        (TODAY - timedelta(days=30), None, None),
        (TODAY, TODAY - timedelta(days=30), 30),
    ]


def test_the_recipient_row_keeps_its_chain_summary(session, doctor, recipient):
    days = [TODAY - timedelta(days=d) for d in (300, 180, 120, 60, 0)]  # gaps 120, 60, 60, 60
    for day in days:
        record(session, doctor, recipient, day)
    session.refresh(recipient)
    assert (recipient.followup_fourth_latest, recipient.followup_long_gap_from) == (days[1], days[0])
