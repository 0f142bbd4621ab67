"""Volunteer service time and points, the pure rules (DOMAIN.md §3.11, §5): check-in and check-out windows, the
offline device's captured moment, the proposed verified time and the points it earns. Every figure is worked out
by hand in the test."""

from datetime import UTC, datetime, timedelta

import pytest

from jingkang_app.domain.clock import LOCAL_TZ
from jingkang_app.domain.rules import volunteer_hours as rules

START = datetime(2026, 12, 5, 1, 0, tzinfo=UTC)  # 09:00 in Shanghai
END = START + timedelta(hours=2)  # 11:00


def at(hour: int, minute: int = 0) -> datetime:
    """A moment on the shift's day, by the Shanghai clock."""
    return datetime(2026, 12, 5, hour, minute, tzinfo=LOCAL_TZ).astimezone(UTC)


# --- windows ----------------------------------------------------------------------------------------------


def test_check_in_opens_an_hour_before_the_start_and_closes_at_the_end():
    window = rules.check_in_window(START, END)
    assert (window.opens, window.closes) == (at(8), at(11))
    assert window.holds(at(8)) and window.holds(at(11))
    assert not window.holds(at(7, 59)) and not window.holds(at(11, 1))


def test_check_out_runs_from_the_check_in_until_six_hours_after_the_end():
    window = rules.check_out_window(at(8, 50), END)
    assert (window.opens, window.closes) == (at(8, 50), at(17))


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (at(7, 59), (None, "early")),
        (at(8), (at(8), None)),
        (at(11), (at(11), None)),
        (at(11, 1), (None, "late")),
    ],
)
def test_without_a_captured_moment_the_servers_time_is_judged(now, expected):
    window = rules.check_in_window(START, END)
    assert rules.moment_of(now, None, window, deadline=at(17)) == expected


def test_an_offline_capture_inside_the_window_is_kept_when_it_arrives_later():
    window = rules.check_in_window(START, END)
    assert rules.moment_of(at(12), at(8, 55), window, deadline=at(17)) == (at(8, 55), None)


def test_an_offline_capture_outside_the_window_is_not_taken():
    window = rules.check_in_window(START, END)
    assert rules.moment_of(at(12), at(7, 30), window, deadline=at(17)) == (None, "late")
    # Inside the window by the server's clock: the server's own time is recorded instead.
    assert rules.moment_of(at(9), at(7, 30), window, deadline=at(17)) == (at(9), None)


def test_an_offline_capture_arriving_after_the_deadline_is_not_taken():
    window = rules.check_in_window(START, END)
    assert rules.moment_of(at(17, 1), at(8, 55), window, deadline=at(17)) == (None, "late")


def test_a_capture_ahead_of_the_server_beyond_the_skew_is_refused_and_within_it_is_the_servers_time():
    window = rules.check_in_window(START, END)
    assert rules.moment_of(at(9), at(9, 3), window, deadline=at(17)) == (None, "future")
    assert rules.moment_of(at(9), at(9, 2), window, deadline=at(17)) == (at(9), None)


# --- the proposed verified time ---------------------------------------------------------------------------


def test_the_proposed_time_is_the_checked_time_rounded_down_to_five_minutes():
    # 08:52 → 10:59 is 127 minutes, rounded down to 125.
    assert rules.proposed_minutes(at(8, 52), at(10, 59), START, END) == 125


def test_the_proposed_time_is_capped_at_the_shift_length_plus_half_an_hour():
    # 08:00 → 12:30 is 270 minutes; the 2-hour shift allows 120 + 30 = 150.
    assert rules.proposed_minutes(at(8), at(12, 30), START, END) == 150


def test_seconds_never_round_up():
    # 09:00:00 → 09:04:59 is 4 minutes 59 seconds: nothing to count.
    assert rules.proposed_minutes(at(9), at(9, 4) + timedelta(seconds=59), START, END) == 0


def test_the_most_a_coordinator_may_verify_spans_both_windows():
    # 08:00 (an hour before) to 17:00 (six hours after the end): 9 hours.
    assert rules.max_minutes(START, END) == 540


# --- points -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("minutes", "per_hour", "points"),
    [(120, 10, 20), (145, 10, 24), (5, 10, 0), (6, 10, 1), (90, 3, 4), (0, 10, 0), (60, 0, 0)],
)
def test_points_are_verified_hours_times_the_rate_rounded_down(minutes, per_hour, points):
    # 145 min × 10 / 60 = 24.17 → 24; 6 min → exactly 1; 90 min × 3 / 60 = 4.5 → 4.
    assert rules.points_for(minutes, per_hour) == points


def test_minutes_are_shown_as_hours_and_minutes():
    assert rules.hours_and_minutes(145) == (2, 25)
