"""Working-day arithmetic for referral deadlines (DOMAIN.md §5). Pure: no database.

A working day is a Monday–Friday that is not a public holiday, or a weekend day listed as a 调休 make-up working
day. China moves working days around its public holidays: the State Council's yearly notice closes some weekdays
(放假调休) and in exchange makes some Saturdays or Sundays working days (e.g. 2026-02-14, a Saturday, before the
Spring Festival, "2月14日(周六)上班"). Both lists are county settings (``referral.holidays``,
``referral.make_up_days``) because the notice is published yearly and provinces add local days. A date listed as
a holiday is never a working day, even if it is also listed as a make-up day.

Start-day convention: the day of the event itself never counts. "Within n working days of" a day means by the n-th
working day *after* it: an application on Monday is due within 5 working days by the following Monday (Tue, Wed,
Thu, Fri, Mon), and the step is on time when done on that day, late from the day after. An event on a non-working
day (a Saturday application) starts counting at the next working day. ``working_days_between(a, b)`` counts the
working days in (a, b] — so ``working_days_between(a, add_working_days(a, n)) == n`` — and is antisymmetric:
``working_days_between(b, a) == -working_days_between(a, b)``.
"""

from collections.abc import Collection, Iterable
from datetime import date, timedelta

_NONE: frozenset[date] = frozenset()
SATURDAY = 5


def parse_days(values: Iterable[str | date]) -> frozenset[date]:
    """ISO date strings (as stored in the county settings) or dates → a set of dates."""
    return frozenset(v if isinstance(v, date) else date.fromisoformat(v) for v in values)


def iso_range(first: str, last: str) -> list[str]:
    """Every day of ``first``..``last`` (inclusive) as ISO strings: a holiday period as a settings value."""
    start, end = date.fromisoformat(first), date.fromisoformat(last)
    return [(start + timedelta(days=i)).isoformat() for i in range((end - start).days + 1)]


def is_working_day(
    day: date, holidays: Collection[date] = _NONE, make_up_days: Collection[date] = _NONE
) -> bool:
    if day in holidays:
        return False
    return day.weekday() < SATURDAY or day in make_up_days


def add_working_days(
    start: date, n: int, holidays: Collection[date] = _NONE, make_up_days: Collection[date] = _NONE
) -> date:
    """The n-th working day after ``start`` (``start`` itself never counts); ``n == 0`` gives ``start``."""
    if n < 0:
        raise ValueError("n must not be negative")
    day, left = start, n
    while left:
        day += timedelta(days=1)
        if is_working_day(day, holidays, make_up_days):
            left -= 1
    return day


def _weekdays_after(a: date, b: date) -> int:
    """Mondays–Fridays in (a, b] for a <= b, in constant time."""
    days = (b - a).days
    weeks, rest = divmod(days, 7)
    count = weeks * 5
    for i in range(1, rest + 1):
        if (a + timedelta(days=i)).weekday() < SATURDAY:
            count += 1
    return count


def working_days_between(
    a: date, b: date, holidays: Collection[date] = _NONE, make_up_days: Collection[date] = _NONE
) -> int:
    """Working days in (a, b]; negative when ``b`` is before ``a``; 0 when they are the same day."""
    if b < a:
        return -working_days_between(b, a, holidays, make_up_days)
    count = _weekdays_after(a, b)
    holidays = set(holidays)
    for day in holidays:
        if a < day <= b and day.weekday() < SATURDAY:
            count -= 1
    for day in set(make_up_days) - holidays:
        if a < day <= b and day.weekday() >= SATURDAY:
            count += 1
    return count


def is_late(
    started: date,
    deadline_days: int,
    today: date,
    holidays: Collection[date] = _NONE,
    make_up_days: Collection[date] = _NONE,
) -> bool:
    """Whether a step due within ``deadline_days`` working days of ``started`` is late on ``today``: late from the
    day after the deadline. For a step already taken, pass the day it was taken as ``today``."""
    return today > add_working_days(started, deadline_days, holidays, make_up_days)
