"""在册居家患者, 在册服务对象 and 规范管理率 on hand-built data. For 2026-11 the managed window is 2025-12-01 …
2026-11-30; a patient is managed with ≥ 4 follow-ups in it, adjacent ones ≤ 92 days apart (the defaults)."""

from datetime import date, timedelta

from jingkang_app.domain.models import RecipientStatus
from jingkang_app.domain.services import indicator_conditions
from tests.domain.indicator_world import dashboard, followed_up, registered, set_status

WINDOW_START = date(2025, 12, 1)


def every(first: date, days: int, count: int) -> list[date]:
    return [first + timedelta(days=days * n) for n in range(count)]


def test_a_gap_of_exactly_the_limit_counts(session, world):
    patient = registered(session, world)
    followed_up(session, world, patient, *every(date(2026, 1, 10), 92, 4))  # 01-10 … 10-13, gaps of 92

    managed = dashboard(session, world).managed_rate

    assert (managed.numerator, managed.denominator, managed.rate) == (1, 1, 1.0)


def test_a_gap_one_day_over_the_limit_is_not_managed(session, world):
    patient = registered(session, world)
    first, second = date(2026, 1, 10), date(2026, 1, 10) + timedelta(days=93)
    followed_up(session, world, patient, first, *every(second, 92, 3))  # gaps 93, 92, 92

    managed = dashboard(session, world).managed_rate

    assert (managed.numerator, managed.denominator) == (0, 1)


def test_a_long_gap_to_a_follow_up_before_the_window_does_not_count(session, world):
    patient = registered(session, world)
    before = WINDOW_START - timedelta(days=30)  # 2025-11-01, outside the window
    first_inside = before + timedelta(days=150)  # 2026-03-31: 150 days after it, but that gap starts outside
    followed_up(session, world, patient, before, *every(first_inside, 70, 4))

    managed = dashboard(session, world).managed_rate

    assert (managed.numerator, managed.denominator) == (1, 1)


def test_three_follow_ups_in_the_year_are_not_enough(session, world):
    patient = registered(session, world)
    followed_up(session, world, patient, *every(date(2026, 5, 1), 60, 3))

    managed = dashboard(session, world).managed_rate

    assert (managed.numerator, managed.denominator) == (0, 1)


def test_a_year_reads_its_own_calendar_year(session, world):
    patient = registered(session, world)
    followed_up(session, world, patient, *every(date(2025, 2, 1), 80, 4))  # 02-01 … 09-29 in 2025

    in_2025 = dashboard(session, world, period="2025").managed_rate
    # 2026-11's window starts 2025-12-01: none of the four is in it.
    in_november = dashboard(session, world).managed_rate

    assert (in_2025.numerator, in_2025.denominator) == (1, 1)
    assert (in_november.numerator, in_november.denominator) == (0, 1)


def test_patients_without_a_diagnosis_are_left_out_of_the_managed_rate(session, world):
    confirmed = registered(session, world)
    undiagnosed = registered(session, world, diagnosis="")
    for patient in (confirmed, undiagnosed):
        followed_up(session, world, patient, *every(date(2026, 1, 10), 90, 4))

    managed = dashboard(session, world).managed_rate

    # Both are managed to standard, but only the confirmed patient is in the denominator.
    assert (managed.numerator, managed.denominator, managed.rate) == (1, 1, 1.0)


def test_a_patient_in_another_township_counts_for_the_county_only(session, world):
    here = registered(session, world)
    there = registered(session, world, world.village_b)
    for patient in (here, there):
        followed_up(session, world, patient, *every(date(2026, 1, 10), 90, 4))
    followed_up(session, world, registered(session, world), date(2026, 11, 2))  # one follow-up: not managed

    county = dashboard(session, world).managed_rate
    township_a = dashboard(session, world, world.township_a).managed_rate

    assert (county.numerator, county.denominator) == (2, 3)
    assert (township_a.numerator, township_a.denominator) == (1, 2)


def test_home_patients_are_everyone_not_exited_and_the_programme_those_registered(session, world):
    registered(session, world)
    registered(session, world)
    set_status(session, registered(session, world), RecipientStatus.applying)
    set_status(session, registered(session, world), RecipientStatus.suspended)
    died = registered(session, world)
    followed_up(
        session,
        world,
        died,
        date(2026, 11, 20),
        outcome="dead",
        death_date="2026-11-20",
        death_cause="1",
        death_disease="heart",
    )

    figures = dashboard(session, world)

    # Two registered, one applying, one suspended are at home; the one who died has exited.
    assert figures.home_patients == 4
    assert figures.in_programme == 2


def test_a_recipient_registered_after_the_period_is_not_counted_in_it(session, world):
    registered(session, world, day=date(2026, 10, 15))
    registered(session, world, day=date(2026, 11, 5))

    october = dashboard(session, world, period="2026-10")
    november = dashboard(session, world)

    assert (october.home_patients, october.in_programme) == (1, 1)
    assert (november.home_patients, november.in_programme) == (2, 2)


def test_no_confirmed_patients_give_no_rate(session, world):
    managed = dashboard(session, world).managed_rate

    assert (managed.numerator, managed.denominator, managed.rate) == (0, 0, None)


def test_a_running_period_read_from_the_chain_summary_agrees_with_the_follow_ups(session, world, monkeypatch):
    """This month is judged from each recipient row's chain summary; asked of the follow-ups themselves (as an
    earlier period is), the same patients count."""
    chains = {
        "managed": every(date(2026, 1, 10), 92, 4),
        "long gap inside": [date(2026, 1, 10), *every(date(2026, 4, 15), 60, 4)],
        "long gap before": [date(2025, 6, 1), *every(date(2025, 12, 20), 80, 5)],
        "three only": every(date(2026, 5, 1), 60, 3),
        "fourth before the window": [date(2025, 11, 20), *every(date(2026, 2, 10), 90, 3)],
    }
    for dates in chains.values():
        followed_up(session, world, registered(session, world), *dates)
    from_chain = dashboard(session, world).managed_rate
    monkeypatch.setattr(indicator_conditions, "_chain_answers", lambda scope: False)
    from_follow_ups = dashboard(session, world).managed_rate
    assert (from_chain.numerator, from_chain.denominator) == (2, 5)  # "managed" and "long gap before"
    assert from_follow_ups == from_chain
