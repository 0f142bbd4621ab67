"""精康转介 deadlines (DOMAIN.md §5): 初核登记 within 5 working days of the application, 康复转介 within 5 more of the
registration, fixed in working days (weekends, the county's 2026 holidays and 调休 make-up days) when each clock
starts, and the late flag on the coordinator's list once the clock passes them. Expected dates are counted by
hand in each test."""

from datetime import UTC, date, datetime

import pytest

from jingkang_app.domain import settings
from jingkang_app.domain.models import Role
from jingkang_app.domain.services import referral_queue, referral_views, referrals
from tests.factories import make_recipient_registered_on, referral_form, take_referral_step


def set_today(fake_clock, day: date) -> None:
    """10:00 in Shanghai on ``day``."""
    fake_clock.current = datetime(day.year, day.month, day.day, 2, 0, tzinfo=UTC)


@pytest.fixture
def recipient(session, world):
    return make_recipient_registered_on(session, world, date(2026, 9, 1))


@pytest.fixture
def file(session, world, recipient):
    def file_one(**overrides):
        form = referral_form(recipient, **overrides)
        return referrals.create_referral(session, world.actors[Role.grid_worker], form).referral

    return file_one


def register(session, world, referral):
    return take_referral_step(session, world.actors[Role.township_coordinator], referral, "register")


def late_rows(session, world, **filters) -> dict[int, str | None]:
    rows, _ = referral_queue.referral_list(session, world.actors[Role.township_coordinator], **filters)
    return {row.id: row.late_step for row in rows if row.late}


def test_registration_is_due_five_working_days_after_a_weekday_application(session, world, fake_clock, file):
    # Monday 23 Nov: Tue 24, Wed 25, Thu 26, Fri 27, (weekend), Mon 30 is the fifth working day.
    referral = file()
    assert (referral.applied_on, referral.register_by) == (date(2026, 11, 23), date(2026, 11, 30))


def test_the_weekend_does_not_count(session, world, fake_clock, file):
    # A paper application of Friday 20 Nov: Mon 23, Tue 24, Wed 25, Thu 26, Fri 27.
    referral = file(applied_on="2026-11-20")
    assert referral.register_by == date(2026, 11, 27)


def test_the_mid_autumn_and_national_day_holidays_do_not_count(session, world, fake_clock, file):
    # Thursday 24 Sep 2026; 25–27 Sep 中秋节 (off), then Mon 28 (1), Tue 29 (2), Wed 30 (3); 1–7 Oct 国庆节 (off);
    # Thu 8 Oct (4), Fri 9 Oct (5).
    set_today(fake_clock, date(2026, 9, 24))
    referral = file()
    assert referral.register_by == date(2026, 10, 9)


def test_the_referral_clock_starts_at_registration_and_counts_a_make_up_saturday(
    session, world, fake_clock, file
):
    # Registered Friday 9 Oct: Sat 10 Oct is a 调休 working day (1), Mon 12 (2), Tue 13 (3), Wed 14 (4), Thu 15 (5).
    set_today(fake_clock, date(2026, 9, 24))
    referral = file()
    assert referral.refer_by is None
    set_today(fake_clock, date(2026, 10, 9))
    referral = register(session, world, referral)
    assert (referral.registered_on, referral.refer_by) == (date(2026, 10, 9), date(2026, 10, 15))


def test_the_countys_own_number_of_days_is_used(session, world, fake_clock, file):
    # 3 working days from Monday 23 Nov: Tue 24, Wed 25, Thu 26.
    settings.put(session, world.county.id, "referral.register_within_days", 3)
    session.commit()
    assert file().register_by == date(2026, 11, 26)


def test_a_deadline_once_fixed_keeps_its_date_when_the_holidays_change(session, world, fake_clock, file):
    referral = file()  # due Monday 30 Nov
    settings.put(session, world.county.id, "referral.holidays", ["2026-11-25", "2026-11-26"])
    session.commit()
    set_today(fake_clock, date(2026, 11, 30))
    detail = referral_views.referral_detail(session, world.actors[Role.township_coordinator], referral.id)
    assert (detail.register_by, detail.late_steps) == (date(2026, 11, 30), [])


def test_other_kinds_have_no_deadlines(session, world, fake_clock, recipient):
    form = referral_form(recipient, "hospital_up", receiver="县精神卫生中心")
    referral = referrals.create_referral(session, world.actors[Role.community_doctor], form).referral
    assert (referral.register_by, referral.refer_by) == (None, None)


# --- late flags on the list ----------------------------------------------------------------------------------


def test_an_application_is_not_late_on_its_last_day_and_late_the_day_after(session, world, fake_clock, file):
    referral = file(applied_on="2026-11-20")  # due Friday 27 Nov
    set_today(fake_clock, date(2026, 11, 27))
    assert late_rows(session, world) == {}
    set_today(fake_clock, date(2026, 11, 28))
    assert late_rows(session, world) == {referral.id: "register"}


def test_the_late_filter_lists_only_the_late_ones(session, world, fake_clock, file):
    late = file(applied_on="2026-11-20")  # due Friday 27 Nov
    file()  # due Monday 30 Nov
    set_today(fake_clock, date(2026, 11, 28))
    rows, total = referral_queue.referral_list(
        session, world.actors[Role.township_coordinator], late_only=True
    )
    assert ([row.id for row in rows], total) == ([late.id], 1)


def test_a_late_registration_stays_flagged_after_it_is_done(session, world, fake_clock, file):
    referral = file(applied_on="2026-11-20")  # due Friday 27 Nov
    set_today(fake_clock, date(2026, 11, 30))
    referral = register(session, world, referral)
    assert late_rows(session, world, late_only=True) == {referral.id: "register"}


def test_a_referral_not_made_within_five_days_of_registration_is_late(session, world, fake_clock, file):
    # Registered Monday 23 Nov on the day of application: refer by Monday 30 Nov; late on Tuesday 1 Dec.
    referral = register(session, world, file())
    set_today(fake_clock, date(2026, 11, 30))
    assert late_rows(session, world) == {}
    set_today(fake_clock, date(2026, 12, 1))
    assert late_rows(session, world, late_only=True) == {referral.id: "refer"}


def test_a_returned_application_waits_for_its_applicant_and_is_not_late(session, world, fake_clock, file):
    referral = file(applied_on="2026-11-20")
    coordinator = world.actors[Role.township_coordinator]
    take_referral_step(session, coordinator, referral, "return", reason="缺少监护人签字")
    set_today(fake_clock, date(2026, 12, 7))
    assert late_rows(session, world) == {}
    assert late_rows(session, world, late_only=True) == {}
