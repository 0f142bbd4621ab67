"""Who reads the indicators and for which area, the drill-down by child area, the recipients behind a figure and
the monthly trend (period 2026-11, today 2026-11-23)."""

from datetime import UTC, date, datetime

import pytest

from jingkang_app.domain.errors import NotFound, PermissionDenied, ValidationFailed
from jingkang_app.domain.models import Role
from jingkang_app.domain.services import areas, indicator_lists, indicator_trend, indicators
from tests.domain.indicator_world import PERIOD, dashboard, followed_up, registered, rehab_session
from tests.factories import make_shift, make_sign_up, make_volunteer


def read(session, world, role, area=None, period=PERIOD):
    return indicators.dashboard(session, world.actors[role], area.id if area else None, period)


@pytest.mark.parametrize(
    "role", [Role.grid_worker, Role.community_doctor, Role.social_worker, Role.caregiver]
)
def test_only_coordinators_read_indicators(session, world, role):
    with pytest.raises(PermissionDenied):
        read(session, world, role, world.village_a)


@pytest.mark.parametrize("area", ["township_b", "county"])
def test_a_township_coordinator_reads_no_area_outside_their_township(session, world, area):
    with pytest.raises(PermissionDenied):
        read(session, world, Role.township_coordinator, getattr(world, area))


def test_without_an_area_a_coordinator_reads_the_widest_they_coordinate(session, world):
    township = read(session, world, Role.township_coordinator)
    county = read(session, world, Role.county_coordinator)

    assert (township.area_id, township.area_level) == (world.township_a.id, "township")
    assert (county.area_id, county.area_level) == (world.county.id, "county")


def test_an_unknown_area_is_not_found(session, world):
    with pytest.raises(NotFound):
        indicators.dashboard(session, world.actors[Role.county_coordinator], 9999, PERIOD)


@pytest.mark.parametrize(
    ("period", "key"), [("2026-13", "error.period_format"), ("1999", "error.period_year")]
)
def test_a_bad_period_is_refused_on_its_field(session, world, period, key):
    with pytest.raises(ValidationFailed) as refused:
        read(session, world, Role.county_coordinator, period=period)

    assert refused.value.errors["period"].key == key


def test_an_empty_period_reads_this_month(session, world):
    figures = read(session, world, Role.county_coordinator, period="")

    assert (figures.period, figures.start, figures.end) == ("2026-11", date(2026, 11, 1), date(2026, 11, 30))


# --- drill-down -----------------------------------------------------------------------------------------------


@pytest.fixture
def spread(session, world):
    """Recipients in three villages of two townships (a second village in township A), some served and managed
    to standard."""
    village_a2 = areas.create_area(session, "北山村", "330127001002", world.township_a)
    session.commit()
    people = {}
    for name, village, followed, rehab in [
        ("a_served", world.village_a, True, True),
        ("a_unserved", world.village_a, False, True),
        ("a2_served", village_a2, True, True),
        ("a2_idle", village_a2, False, False),
        ("b_served", world.village_b, True, True),
    ]:
        recipient = registered(session, world, village)
        days = [date(2026, 1, 10), date(2026, 4, 10), date(2026, 7, 9), date(2026, 10, 7)] if followed else []
        followed_up(session, world, recipient, *days)
        if rehab:
            rehab_session(session, world, date(2026, 11, 5), recipient)
        people[name] = recipient
    return village_a2, people


@pytest.mark.parametrize("key", ["standard_service_rate", "managed_rate"])
def test_the_townships_add_up_to_the_county(session, world, spread, key):
    county = getattr(dashboard(session, world), key)

    rows = indicators.breakdown(session, world.actors[Role.county_coordinator], None, PERIOD, key).rows

    assert [r.area_id for r in rows] == [world.township_a.id, world.township_b.id]
    assert sum(r.figure.numerator for r in rows) == county.numerator == 3
    assert sum(r.figure.denominator for r in rows) == county.denominator == 5


def test_a_township_breaks_down_into_its_villages(session, world, spread):
    village_a2, _ = spread

    result = indicators.breakdown(
        session, world.actors[Role.township_coordinator], world.township_a.id, PERIOD, "standard_service_rate"
    )

    by_village = {r.area_name: (r.figure.numerator, r.figure.denominator) for r in result.rows}
    assert by_village == {"南塘村": (1, 2), "北山村": (1, 2)}


def test_a_village_has_nothing_to_break_down(session, world, spread):
    result = indicators.breakdown(
        session, world.actors[Role.county_coordinator], world.village_a.id, PERIOD, "home_patients"
    )

    assert result.rows == ()


def test_an_unknown_indicator_is_not_found(session, world):
    with pytest.raises(NotFound):
        indicators.breakdown(session, world.actors[Role.county_coordinator], None, PERIOD, "happiness")


def behind(session, world, key, area, page=1, role=Role.county_coordinator):
    return indicator_lists.recipients_behind(session, world.actors[role], area.id, PERIOD, key, page)


def test_the_lists_behind_a_rate_hold_exactly_its_people(session, world, spread):
    _, people = spread

    met = behind(session, world, "standard_service_met", world.township_a)
    missed = behind(session, world, "standard_service_missed", world.township_a)

    assert {r.id for r in met.items} == {people["a_served"].id, people["a2_served"].id}
    assert {r.id for r in missed.items} == {people["a_unserved"].id, people["a2_idle"].id}
    assert (met.total, missed.total) == (2, 2)


def test_list_rows_are_masked_with_their_village_and_date(session, world, spread):
    _, people = spread

    row = behind(session, world, "managed", world.village_a).items[0]

    served = people["a_served"]
    assert (row.id, row.name, row.village, row.date) == (served.id, served.name, "南塘村", date(2026, 10, 7))
    assert row.id_masked == served.id_number[:4] + "*" * 10 + served.id_number[-4:]


def test_overdue_lists_page_by_twenty_longest_overdue_first(session, world):
    oldest = registered(session, world)
    followed_up(session, world, oldest, date(2026, 7, 1))  # due 10-01
    for _ in range(20):
        followed_up(session, world, registered(session, world), date(2026, 8, 1))  # due 11-01

    first = behind(session, world, "overdue_followups", world.village_a)
    second = behind(session, world, "overdue_followups", world.village_a, page=2)

    assert (first.total, len(first.items), len(second.items)) == (21, 20, 1)
    assert (first.items[0].id, first.items[0].date) == (oldest.id, date(2026, 10, 1))


def test_a_list_outside_the_coordinators_township_is_refused(session, world):
    with pytest.raises(PermissionDenied):
        behind(session, world, "overdue_followups", world.village_b, role=Role.township_coordinator)


def test_an_unknown_list_is_not_found(session, world):
    with pytest.raises(NotFound):
        behind(session, world, "everyone", world.village_a)


# --- trend ----------------------------------------------------------------------------------------------------


def test_the_trend_counts_each_month(session, world):
    patient = registered(session, world)
    followed_up(session, world, patient, date(2026, 8, 10), date(2026, 9, 5))  # next: 11-10 and 12-05
    followed_up(session, world, patient, date(2026, 10, 2), risk_level="1")  # next: 10-16
    followed_up(session, world, patient, date(2026, 11, 3))
    followed_up(session, world, patient, date(2026, 11, 20), risk_level="3")  # raises an alert today
    rehab_session(session, world, date(2026, 10, 8), patient)
    volunteer = make_volunteer(session, world)
    shift = make_shift(session, world, datetime(2026, 9, 30, 1, tzinfo=UTC))
    # 17:00 UTC on 09-30 is 01:00 on 10-01 in Shanghai: October's.
    make_sign_up(
        session,
        world,
        shift,
        volunteer,
        "verified",
        verified_minutes=90,
        verified_at=datetime(2026, 9, 30, 17, tzinfo=UTC),
    )

    trend = indicator_trend.trend(session, world.actors[Role.county_coordinator], None, 3, PERIOD)

    series = {s.key: s.values for s in trend.series}
    assert trend.months == ("2026-09", "2026-10", "2026-11")
    assert series["followups_done"] == (1, 1, 2)  # August's is before the first month
    assert series["followups_due"] == (0, 1, 1)  # 10-16 and 11-10
    assert series["alerts_raised"] == (0, 0, 1)
    assert series["rehab_attendances"] == (0, 1, 0)
    assert series["volunteer_hours"] == (0, 1.5, 0)


def test_trend_months_beyond_three_years_are_refused(session, world):
    with pytest.raises(ValidationFailed) as refused:
        indicator_trend.trend(session, world.actors[Role.county_coordinator], None, 37, PERIOD)

    assert refused.value.errors["months"].key == "error.trend_months"
