"""Working-day arithmetic for referral deadlines: weekends, holidays, 调休 make-up days, year ends, the start-day
convention (the event's own day never counts) and the between-count. Expected dates are worked out by hand."""

from datetime import date, timedelta

import pytest

from jingkang_app.domain.rules.working_days import (
    add_working_days,
    is_late,
    is_working_day,
    iso_range,
    parse_days,
    working_days_between,
)
from jingkang_app.domain.settings import DEFAULTS

D = date.fromisoformat
H2026 = parse_days(DEFAULTS["referral.holidays"])
M2026 = parse_days(DEFAULTS["referral.make_up_days"])
# 元旦 2027 as a test's own list (not a shipped default): Fri 2027-01-01 to Sun 01-03.
H2027 = parse_days(iso_range("2027-01-01", "2027-01-03"))


def brute_between(a: date, b: date, holidays=frozenset(), make_up=frozenset()) -> int:
    lo, hi, sign = (a, b, 1) if a <= b else (b, a, -1)
    days = ((lo + timedelta(days=i)) for i in range(1, (hi - lo).days + 1))
    return sign * sum(is_working_day(d, holidays, make_up) for d in days)


# --- is_working_day ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2026-11-23", True),  # Monday
        ("2026-11-27", True),  # Friday
        ("2026-11-28", False),  # Saturday
        ("2026-11-29", False),  # Sunday
    ],
)
def test_weekends_without_lists(day, expected):
    assert is_working_day(D(day)) is expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2026-10-01", False),  # Thursday, 国庆节
        ("2026-10-07", False),  # Wednesday, 国庆节
        ("2026-10-08", True),  # Thursday after 国庆
        ("2026-10-10", True),  # Saturday, 调休 make-up day
        ("2026-10-11", False),  # Sunday, ordinary weekend
        ("2026-09-20", True),  # Sunday, 调休 make-up day
        ("2026-02-14", True),  # Saturday before 春节, make-up
        ("2026-02-23", False),  # Monday, last day of 春节
        ("2026-02-28", True),  # Saturday, make-up
        ("2026-04-06", False),  # Monday, 清明节
        ("2026-01-04", True),  # Sunday, make-up for 元旦
        ("2026-05-09", True),  # Saturday, make-up for 劳动节
    ],
)
def test_2026_defaults(day, expected):
    assert is_working_day(D(day), H2026, M2026) is expected


def test_holiday_wins_over_a_make_up_listing_and_make_up_on_weekday_is_harmless():
    sat = D("2026-11-28")
    assert not is_working_day(sat, {sat}, {sat})
    assert is_working_day(D("2026-11-27"), (), {D("2026-11-27")})


def test_defaults_are_the_2026_notice():
    assert len(DEFAULTS["referral.holidays"]) == 3 + 9 + 3 + 5 + 3 + 3 + 7
    assert len(H2026) == 33
    assert {d.isoformat() for d in H2026 if d.month == 2} == set(iso_range("2026-02-15", "2026-02-23"))
    assert sorted(DEFAULTS["referral.make_up_days"]) == [
        "2026-01-04",
        "2026-02-14",
        "2026-02-28",
        "2026-05-09",
        "2026-09-20",
        "2026-10-10",
    ]
    assert all(d.weekday() >= 5 for d in M2026)
    assert not H2026 & M2026
    assert DEFAULTS["referral.register_within_days"] == DEFAULTS["referral.refer_within_days"] == 5


def test_parse_days_and_iso_range():
    assert parse_days(["2026-01-01", D("2026-01-02")]) == {D("2026-01-01"), D("2026-01-02")}
    assert iso_range("2026-12-31", "2027-01-01") == ["2026-12-31", "2027-01-01"]
    assert iso_range("2026-05-01", "2026-05-01") == ["2026-05-01"]


# --- add_working_days -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        ("2026-11-23", 5, "2026-11-30"),  # Monday application → following Monday: start day does not count
        ("2026-11-23", 1, "2026-11-24"),
        ("2026-11-23", 0, "2026-11-23"),
        ("2026-11-27", 1, "2026-11-30"),  # Friday + 1 → Monday
        ("2026-11-27", 5, "2026-12-04"),
        ("2026-11-28", 1, "2026-11-30"),  # Saturday application counts from Monday
        ("2026-11-28", 5, "2026-12-04"),
        ("2026-11-29", 5, "2026-12-04"),  # Sunday likewise
        ("2026-11-23", 10, "2026-12-07"),  # register 5 + refer 5 back to back
    ],
)
def test_add_plain_weekends(start, n, expected):
    assert add_working_days(D(start), n) == D(expected)


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        # Wed 09-30: 10-01..07 off; Thu 10-08 (1), Fri 10-09 (2), Sat 10-10 make-up (3), Mon 10-12 (4), Tue 10-13 (5)
        ("2026-09-30", 5, "2026-10-13"),
        # Mon 09-14: Tue–Fri (4), Sun 09-20 make-up (5): a deadline on a Sunday
        ("2026-09-14", 5, "2026-09-20"),
        # Fri 02-13: Sat 02-14 make-up (1), 02-15..23 off, Tue 02-24..Fri 02-27 (5)
        ("2026-02-13", 5, "2026-02-27"),
        # Thu 04-02: Fri 04-03 (1), 04-04..06 off, Tue 04-07..Fri 04-10 (5)
        ("2026-04-02", 5, "2026-04-10"),
        # Thu 04-30: 05-01..05 off, Wed 05-06 (1), Thu (2), Fri (3), Sat 05-09 make-up (4), Mon 05-11 (5)
        ("2026-04-30", 5, "2026-05-11"),
        # Wed 12-31-2025: 01-01..03 off, Sun 01-04 make-up (1), Mon 01-05..Thu 01-08 (5)
        ("2025-12-31", 5, "2026-01-08"),
    ],
)
def test_add_2026_holidays_and_make_up_days(start, n, expected):
    assert add_working_days(D(start), n, H2026, M2026) == D(expected)


def test_add_without_the_make_up_day_is_a_day_later():
    assert add_working_days(D("2026-09-30"), 5, H2026) == D("2026-10-14")


@pytest.mark.parametrize(
    ("start", "holidays", "expected"),
    [
        # Wed 12-30: Thu 12-31 (1), Fri 01-01 (2), Mon 01-04 (3), Tue (4), Wed 01-06 (5)
        ("2026-12-30", frozenset(), "2027-01-06"),
        # with 元旦 2027 off: Thu 12-31 (1), Mon 01-04 (2) .. Thu 01-07 (5)
        ("2026-12-30", H2027, "2027-01-07"),
        # Mon 12-28: Tue–Thu (3), 01-01 off, Mon 01-04 (4), Tue 01-05 (5)
        ("2026-12-28", H2027, "2027-01-05"),
        # Thu 12-24: Fri 12-25 (1) .. Thu 12-31 (5) — just inside the year
        ("2026-12-24", H2027, "2026-12-31"),
    ],
)
def test_add_across_the_year_end(start, holidays, expected):
    assert add_working_days(D(start), 5, holidays) == D(expected)


def test_add_refuses_a_negative_count():
    with pytest.raises(ValueError):
        add_working_days(D("2026-11-23"), -1)


# --- working_days_between ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("2026-11-23", "2026-11-23", 0),
        ("2026-11-23", "2026-11-30", 5),  # Mon → next Mon
        ("2026-11-27", "2026-11-28", 0),  # Fri → Sat
        ("2026-11-28", "2026-11-29", 0),  # Sat → Sun
        ("2026-11-28", "2026-11-30", 1),  # Sat → Mon
        ("2026-11-23", "2027-11-22", 260),  # 52 whole weeks
    ],
)
def test_between_plain_and_symmetric(a, b, expected):
    assert working_days_between(D(a), D(b)) == expected
    assert working_days_between(D(b), D(a)) == -expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("2026-09-30", "2026-10-13", 5),
        ("2026-09-30", "2026-10-08", 1),
        ("2026-10-01", "2026-10-07", 0),  # inside 国庆
        ("2026-10-09", "2026-10-10", 1),  # Fri → make-up Sat
        ("2026-02-13", "2026-02-27", 5),
        ("2026-01-01", "2026-12-31", 248),  # 2026: 261 weekdays − 19 weekday holidays + 6 make-up days
    ],
)
def test_between_with_2026_lists(a, b, expected):
    assert working_days_between(D(a), D(b), H2026, M2026) == expected
    assert working_days_between(D(b), D(a), H2026, M2026) == -expected


def test_2026_weekday_count_behind_the_yearly_figure():
    weekdays = sum((D("2026-01-01") + timedelta(days=i)).weekday() < 5 for i in range(365))
    # 元旦 2 (Thu, Fri), 春节 6 (02-16..20, 02-23), 清明 1, 劳动 3 (05-01, 04, 05), 端午 1, 中秋 1, 国庆 5
    weekday_holidays = sum(d.weekday() < 5 for d in H2026)
    assert (weekdays, weekday_holidays, len(M2026)) == (261, 19, 6)
    # 01-01 itself is a holiday, so (01-01, 12-31] has the same count as the whole year.
    assert working_days_between(D("2025-12-31"), D("2026-12-31"), H2026, M2026) == 261 - 19 + 6


def test_between_across_the_year_end_with_a_test_holiday_list():
    assert working_days_between(D("2026-12-30"), D("2027-01-07"), H2027) == 5
    assert working_days_between(D("2026-12-30"), D("2027-01-07")) == 6


def test_between_inverts_add_and_matches_day_by_day_counting():
    start = D("2025-12-20")
    for offset in range(0, 400, 3):
        a = start + timedelta(days=offset)
        for n in (0, 1, 5, 10):
            assert working_days_between(a, add_working_days(a, n, H2026, M2026), H2026, M2026) == n
        for span in (-17, -6, -1, 1, 2, 6, 9, 23):
            b = a + timedelta(days=span)
            assert working_days_between(a, b, H2026, M2026) == brute_between(a, b, H2026, M2026)


# --- is_late ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("started", "today", "late"),
    [
        ("2026-11-23", "2026-11-27", False),
        ("2026-11-23", "2026-11-30", False),  # on the deadline day: on time
        ("2026-11-23", "2026-12-01", True),  # the day after: late
        ("2026-09-30", "2026-10-13", False),
        ("2026-09-30", "2026-10-14", True),
    ],
)
def test_is_late_2026(started, today, late):
    assert is_late(D(started), 5, D(today), H2026, M2026) is late


def test_is_late_across_the_year_end():
    assert not is_late(D("2026-12-30"), 5, D("2027-01-07"), H2027)
    assert is_late(D("2026-12-30"), 5, D("2027-01-08"), H2027)
    assert is_late(D("2026-12-30"), 5, D("2027-01-07"))  # without the holiday list it was due on 01-06
