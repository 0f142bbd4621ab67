"""Respite, volunteer, training, satisfaction and feedback figures on hand-built data (period 2026-11, today
2026-11-23, the fake clock at 02:00 UTC = 10:00 in Shanghai)."""

import uuid
from datetime import UTC, date, datetime

from jingkang_app.domain.models import Feedback, Role, StaffTraining
from jingkang_app.domain.services import auth, respite, visits
from tests.domain.indicator_world import dashboard, registered
from tests.domain.test_duelist_and_visits import visit_form
from tests.factories import (
    make_family,
    make_shift,
    make_sign_up,
    make_volunteer,
    other_family,
    respite_form,
    user_with_role,
)


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


# --- respite ----------------------------------------------------------------------------------------------------


def test_respite_requests_days_used_against_the_quota_and_the_median_wait(session, world, fake_clock):
    coordinator = world.actors[Role.township_coordinator]
    family = make_family(session, world)
    caregiver = world.actors[Role.caregiver]
    first = respite.request_respite(
        session, caregiver, respite_form(family, date(2026, 11, 25), date(2026, 11, 27))
    )
    over_new_year = respite.request_respite(
        session, caregiver, respite_form(family, date(2026, 12, 30), date(2027, 1, 2))
    )
    others = []
    for n, days in enumerate(
        [(date(2026, 12, 1), date(2026, 12, 4)), (date(2026, 12, 10), date(2026, 12, 11))]
    ):
        recipient, guardian = other_family(session, world, n=n)
        asker = auth.actor_for_user(session, guardian, None)
        others.append(respite.request_respite(session, asker, respite_form(recipient, *days)).request)
    fake_clock.advance(days=1)
    respite.approve(session, coordinator, first.request.id, {"version": first.request.version})
    fake_clock.advance(days=1)
    respite.reject(session, coordinator, others[0].id, {"version": others[0].version, "reason": "名额已满"})
    fake_clock.advance(days=4)
    respite.approve(
        session, coordinator, over_new_year.request.id, {"version": over_new_year.request.version}
    )

    figure = dashboard(session, world).respite

    assert figure.requested == 4
    assert [(s.status, s.count) for s in figure.by_status] == [
        ("approved", 2),
        ("pending", 1),
        ("rejected", 1),
    ]
    # 3 days (11-25 … 11-27) + 2 of the New Year request in 2026, held by one family with 14 days a year.
    assert (figure.days_used, figure.families) == (5, 1)
    assert (figure.quota.numerator, figure.quota.denominator) == (5, 14)
    # Decided after 1, 2 and 6 days.
    assert figure.median_wait_days == 2.0


def test_an_even_number_of_decisions_waits_the_mean_of_the_middle_two(session, world, fake_clock):
    coordinator = world.actors[Role.township_coordinator]
    asked = []
    for n in range(4):
        recipient, guardian = other_family(session, world, n=n)
        asker = auth.actor_for_user(session, guardian, None)
        form = respite_form(recipient, date(2026, 12, 1), date(2026, 12, 2))
        asked.append(respite.request_respite(session, asker, form).request)
    for request, days in zip(asked, (1, 1, 1, 2), strict=True):  # decided 1, 2, 3 and 5 days after asking
        fake_clock.advance(days=days)
        respite.approve(session, coordinator, request.id, {"version": request.version})

    figure = dashboard(session, world).respite

    assert figure.median_wait_days == 2.5  # (2 + 3) / 2


def test_no_decisions_give_no_median_wait(session, world):
    assert dashboard(session, world).respite.median_wait_days is None


# --- volunteers ---------------------------------------------------------------------------------------------------


def test_volunteer_hours_active_volunteers_and_shifts(session, world):
    active = make_volunteer(session, world)
    signed_only = make_volunteer(session, world, n=2, user_id=None)
    paused = make_volunteer(session, world, n=3, user_id=None, status="paused")
    full = make_shift(session, world, utc(2026, 11, 10, 1), capacity=3, seats_taken=3)
    half = make_shift(session, world, utc(2026, 11, 12, 1), capacity=3, seats_taken=1)
    october = make_shift(session, world, utc(2026, 10, 28, 1))
    make_shift(session, world, utc(2026, 11, 15, 1), status="cancelled")
    township_b = make_shift(session, world, utc(2026, 11, 11, 1), area_id=world.village_b.id)
    verified = {"status": "verified"}
    make_sign_up(
        session, world, full, active, **verified, verified_minutes=120, verified_at=utc(2026, 11, 10, 8)
    )
    make_sign_up(
        session, world, october, active, **verified, verified_minutes=90, verified_at=utc(2026, 10, 29, 8)
    )
    make_sign_up(session, world, half, signed_only)
    # 16:30 UTC on 10-31 is 00:30 on 11-01 in Shanghai: November's.
    make_sign_up(
        session, world, half, paused, **verified, verified_minutes=60, verified_at=utc(2026, 10, 31, 16, 30)
    )
    make_sign_up(
        session, world, township_b, active, **verified, verified_minutes=30, verified_at=utc(2026, 11, 11, 8)
    )

    township_a = dashboard(session, world, world.township_a).volunteers
    county = dashboard(session, world).volunteers

    # 120 + 60 minutes on township A's shifts; only `active` is approved and served; two shifts, one full.
    assert (township_a.verified_hours, township_a.active_volunteers) == (3.0, 1)
    assert (township_a.shifts, township_a.shifts_full) == (2, 1)
    # The county adds township B's shift and its 30 minutes (by a volunteer of village A, counted once).
    assert (county.verified_hours, county.active_volunteers, county.shifts) == (3.5, 1, 3)


# --- staff training -----------------------------------------------------------------------------------------------


def _trained(session, world, user_id: int, minutes: int, day: date) -> None:
    session.add(
        StaffTraining(
            client_id=str(uuid.uuid4()),
            user_id=user_id,
            area_id=world.township_a.id,
            course="精神障碍社区康复服务规范",
            minutes=minutes,
            trained_on=day,
            recorded_by=world.users[Role.county_coordinator].id,
        )
    )
    session.commit()


def test_training_hours_against_the_yearly_twenty(session, world):
    users = world.users
    _trained(session, world, users[Role.community_doctor].id, 600, date(2026, 3, 10))
    _trained(session, world, users[Role.community_doctor].id, 600, date(2026, 10, 10))  # 20 h: enough
    _trained(session, world, users[Role.social_worker].id, 1170, date(2026, 6, 1))  # 19.5 h
    _trained(session, world, users[Role.grid_worker].id, 1200, date(2025, 11, 1))  # last year's
    _trained(session, world, users[Role.township_coordinator].id, 1500, date(2026, 12, 10))  # after November
    _trained(session, world, users[Role.county_coordinator].id, 1200, date(2026, 1, 15))
    elsewhere = user_with_role(session, world, Role.social_worker, world.township_b)
    _trained(session, world, elsewhere.id, 1200, date(2026, 5, 1))

    township_a = dashboard(session, world, world.township_a).training
    county = dashboard(session, world).training
    whole_year = dashboard(session, world, world.township_a, period="2026").training

    # Township A's staff: grid worker, village cadre, doctor, social worker, township coordinator — only the
    # doctor has 20 hours by 11-30; 1200 + 1170 minutes over five people is 7.9 hours each.
    assert (township_a.staff, township_a.meeting_target.numerator, township_a.average_hours) == (5, 1, 7.9)
    assert township_a.target_hours == 20
    # The county adds its coordinator and township B's social worker (both with 20 hours): 4770 min / 7.
    assert (county.staff, county.meeting_target.numerator, county.average_hours) == (7, 3, 11.4)
    # Over the whole of 2026 the township coordinator's December course counts too.
    assert whole_year.meeting_target.numerator == 2


# --- satisfaction and feedback ------------------------------------------------------------------------------------


def test_satisfaction_is_satisfied_and_basically_satisfied_over_the_answers(session, world):
    recipient = registered(session, world)
    grid_worker = world.actors[Role.grid_worker]
    for day, answer in [
        ("2026-11-02", "satisfied"),
        ("2026-11-09", "satisfied"),
        ("2026-11-16", "basically"),
        ("2026-11-20", "unsatisfied"),
        ("2026-10-20", "satisfied"),  # October's
    ]:
        visits.record_visit(
            session, grid_worker, visit_form(recipient.id, visit_date=day, satisfaction=answer)
        )

    figure = dashboard(session, world).satisfaction

    assert (figure.numerator, figure.denominator, figure.rate) == (3, 4, 0.75)


def _feedback(session, area, received: date, answer_by: date, answered: date | None = None) -> None:
    session.add(
        Feedback(
            client_id=str(uuid.uuid4()),
            area_id=area.id,
            kind="complaint",
            content="上门服务时间总是变动。",
            status="answered" if answered else "open",
            received_on=received,
            answer_by=answer_by,
            answered_on=answered,
            answer="已与服务站沟通，固定为每周二上午。" if answered else "",
        )
    )
    session.commit()


def test_feedback_answered_on_time(session, world):
    township_a, nov = world.township_a, (lambda day: date(2026, 11, day))
    _feedback(session, township_a, nov(1), nov(6), answered=nov(5))  # on time
    _feedback(session, township_a, nov(3), nov(10), answered=nov(12))  # late
    _feedback(session, township_a, nov(13), nov(20))  # open past its date
    _feedback(session, township_a, nov(20), nov(27))  # open, still has time: not yet counted
    _feedback(
        session, township_a, date(2026, 10, 20), date(2026, 10, 27), answered=date(2026, 10, 22)
    )  # October
    _feedback(session, world.township_b, nov(2), nov(9), answered=nov(3))  # township B, on time

    township = dashboard(session, world, township_a).feedback
    county = dashboard(session, world).feedback

    assert (township.received, township.on_time.numerator, township.on_time.denominator) == (4, 1, 3)
    assert (county.received, county.on_time.numerator, county.on_time.denominator) == (5, 2, 4)
