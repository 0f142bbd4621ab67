"""Volunteer service time and points (DOMAIN.md §3.11, §5): when a volunteer may check in and out, the service
time a coordinator verifies by default, and the points it earns. Pure: no database, every time in UTC.

- Check-in opens ``CHECK_IN_EARLY`` (60 min) before the shift starts and closes when it ends; check-out runs
  from the check-in until ``CHECK_OUT_LATE`` (6 h) after the end. Past that the coordinator corrects the times.
- The server's clock decides. A device that was offline may send the moment it captured (``captured_at``): it
  is taken only when it lies inside the window, is not ahead of the server by more than ``CLOCK_SKEW``, and
  arrives before the check-out deadline — otherwise the server's own time is judged against the window.
- Service time counts in hours, excluding travel: the volunteer checks in at the meeting place, so the default
  verified time is check-out − check-in, capped at the shift's length plus ``TOLERANCE`` (30 min: helping a
  little before or after counts, a long wait or a forgotten check-out does not), rounded down to 5 minutes.
- Points are verified minutes × points per hour ÷ 60, rounded down to a whole point: time not served is never
  paid (2 h 25 min at 10 an hour earns 24, not 24.17 or 25).
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

CHECK_IN_EARLY = timedelta(minutes=60)
CHECK_OUT_LATE = timedelta(hours=6)
CLOCK_SKEW = timedelta(minutes=2)
TOLERANCE = timedelta(minutes=30)
STEP_MINUTES = 5
RATINGS = range(1, 6)
REASON_MAX = 200


@dataclass(frozen=True)
class Window:
    opens: datetime
    closes: datetime

    def holds(self, moment: datetime) -> bool:
        return self.opens <= moment <= self.closes


def check_in_window(starts_at: datetime, ends_at: datetime) -> Window:
    return Window(starts_at - CHECK_IN_EARLY, ends_at)


def check_out_window(check_in_at: datetime, ends_at: datetime) -> Window:
    return Window(check_in_at, ends_at + CHECK_OUT_LATE)


def correction_window(starts_at: datetime, ends_at: datetime) -> Window:
    """Times a coordinator may record: anything the volunteer could have checked in or out at themselves."""
    return Window(starts_at - CHECK_IN_EARLY, ends_at + CHECK_OUT_LATE)


def moment_of(
    now: datetime, captured_at: datetime | None, window: Window, deadline: datetime
) -> tuple[datetime | None, str | None]:
    """The moment to record and, when refused, why: "early", "late" or "future" (a device clock ahead).
    ``deadline``: the last moment an offline capture may still arrive at the server."""
    if captured_at is not None:
        if captured_at > now + CLOCK_SKEW:
            return None, "future"
        captured_at = min(captured_at, now)
        if now <= deadline and window.holds(captured_at):
            return captured_at, None
    if now < window.opens:
        return None, "early"
    if now > window.closes:
        return None, "late"
    return now, None


def shift_minutes(starts_at: datetime, ends_at: datetime) -> int:
    return int((ends_at - starts_at).total_seconds() // 60)


def proposed_minutes(
    check_in_at: datetime, check_out_at: datetime, starts_at: datetime, ends_at: datetime
) -> int:
    """The verified time a coordinator is offered: the checked time within the shift (see the module)."""
    checked = max(check_out_at - check_in_at, timedelta(0))
    capped = min(checked, ends_at - starts_at + TOLERANCE)
    minutes = int(capped.total_seconds() // 60)
    return minutes - minutes % STEP_MINUTES


def max_minutes(starts_at: datetime, ends_at: datetime) -> int:
    """The most a coordinator may verify: the widest time the check-in and check-out windows allow."""
    window = correction_window(starts_at, ends_at)
    return int((window.closes - window.opens).total_seconds() // 60)


def points_for(minutes: int, points_per_hour: int) -> int:
    return max(minutes, 0) * max(points_per_hour, 0) // 60


def hours_and_minutes(minutes: int) -> tuple[int, int]:
    """For display: 145 → (2, 25), shown as "2 小时 25 分钟"."""
    return divmod(max(minutes, 0), 60)
