"""登记康复对象接受规范服务率 and coverage on hand-built data. For 2026-11 a recipient in the programme is served
to standard with an attended rehab session in November and a follow-up in the 92 days ending 2026-11-30, i.e.
from 2026-08-31 (the default)."""

from datetime import date

from jingkang_app.domain.models import RecipientStatus
from tests.domain.indicator_world import dashboard, followed_up, registered, rehab_session, set_status

IN_PERIOD = date(2026, 11, 5)


def test_standard_service_needs_an_attended_session_in_the_period_and_a_recent_follow_up(session, world):
    served, session_in_october, absent = (registered(session, world) for _ in range(3))
    for recipient in (served, session_in_october, absent):
        followed_up(session, world, recipient, date(2026, 9, 10))
    rehab_session(session, world, IN_PERIOD, served)
    rehab_session(session, world, date(2026, 10, 28), session_in_october)
    rehab_session(session, world, IN_PERIOD, absent, attended=False)

    rate = dashboard(session, world).standard_service_rate

    # Only `served` attended in November; all three are in the programme.
    assert (rate.numerator, rate.denominator) == (1, 3)
    assert rate.rate == 1 / 3


def test_the_follow_up_must_fall_in_the_92_days_ending_with_the_period(session, world):
    on_the_first_day, a_day_before = registered(session, world), registered(session, world)
    followed_up(session, world, on_the_first_day, date(2026, 8, 31))
    followed_up(session, world, a_day_before, date(2026, 8, 30))
    rehab_session(session, world, IN_PERIOD, on_the_first_day, a_day_before)

    rate = dashboard(session, world).standard_service_rate

    assert (rate.numerator, rate.denominator) == (1, 2)


def test_suspended_recipients_are_not_in_the_programme(session, world):
    served, suspended = registered(session, world), registered(session, world)
    for recipient in (served, suspended):
        followed_up(session, world, recipient, date(2026, 11, 2))
    rehab_session(session, world, IN_PERIOD, served, suspended)
    set_status(session, suspended, RecipientStatus.suspended)

    rate = dashboard(session, world).standard_service_rate

    assert (rate.numerator, rate.denominator, rate.rate) == (1, 1, 1.0)


def test_the_rate_carries_the_target_of_its_year(session, world):
    this_year = dashboard(session, world).standard_service_rate
    in_2024 = dashboard(session, world, period="2024").standard_service_rate

    # 精康融合行动: 45 % in 2024, 60 % in 2025 and after.
    assert (this_year.target, in_2024.target) == (0.60, 0.45)


def test_an_empty_programme_gives_no_rate(session, world):
    rate = dashboard(session, world).standard_service_rate

    assert (rate.numerator, rate.denominator, rate.rate) == (0, 0, None)


def test_coverage_counts_townships_with_a_site_session_in_the_period(session, world):
    here, there = registered(session, world), registered(session, world, world.village_b)
    rehab_session(session, world, IN_PERIOD, here)  # a site in township A in November
    rehab_session(session, world, IN_PERIOD, there, place="home")  # township B: at home only …
    rehab_session(session, world, date(2026, 10, 20), there)  # … and its site session was in October

    county = dashboard(session, world).coverage
    township_a = dashboard(session, world, world.township_a).coverage
    township_b = dashboard(session, world, world.township_b).coverage
    village = dashboard(session, world, world.village_a).coverage

    assert (county.numerator, county.denominator, county.rate, county.target) == (1, 2, 0.5, 0.8)
    assert (township_a.numerator, township_a.denominator) == (1, 1)
    assert (township_b.numerator, township_b.denominator) == (0, 1)
    assert (village.denominator, village.rate) == (0, None)  # a village has no township to cover
