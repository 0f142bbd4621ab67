"""Respite service rules (喘息服务, DOMAIN.md §3.9, §5): kinds, the status machine, and days counted against the
county's yearly quota. Pure: no database.

Days are counted inclusively, both the first and the last wanted day: 12-30 to 01-03 is five days, two in the
first year and three in the next, because the family is relieved on each of those days.
"""

from collections import Counter
from datetime import date, timedelta
from enum import StrEnum


class RespiteKind(StrEnum):
    home = "home"  # 居家喘息: a carer comes home
    institution = "institution"  # 机构喘息: a short stay at a place


class RespiteStatus(StrEnum):
    pending = "pending"  # 待审核
    approved = "approved"  # 已批准
    rejected = "rejected"  # 已驳回
    arranged = "arranged"  # 已安排
    completed = "completed"  # 已完成
    rated = "rated"  # 已评价
    cancelled = "cancelled"  # 已取消


class RespiteStep(StrEnum):
    approve = "approve"
    reject = "reject"
    arrange = "arrange"
    complete = "complete"
    rate = "rate"
    cancel = "cancel"


_S, _E = RespiteStatus, RespiteStep
# The only legal transitions: (from, step) → to. Arranging follows approval, so over-quota approval is decided once.
TRANSITIONS: dict[tuple[RespiteStatus, RespiteStep], RespiteStatus] = {
    (_S.pending, _E.approve): _S.approved,
    (_S.pending, _E.reject): _S.rejected,
    (_S.pending, _E.cancel): _S.cancelled,
    (_S.approved, _E.arrange): _S.arranged,
    (_S.approved, _E.cancel): _S.cancelled,
    (_S.arranged, _E.complete): _S.completed,
    (_S.arranged, _E.cancel): _S.cancelled,
    (_S.completed, _E.rate): _S.rated,
}
# Requests whose dates are still taken: they block overlapping requests and approved ones use up the quota.
HOLDING = frozenset({_S.pending, _S.approved, _S.arranged, _S.completed, _S.rated})
USING_QUOTA = HOLDING - {_S.pending}
RATINGS = range(1, 6)
# The coordinator's three queues: to decide, to arrange, to complete.
QUEUES = (_S.pending, _S.approved, _S.arranged)


class IllegalTransition(ValueError):
    """The step is not allowed from the request's current status."""


def next_status(status: str, step: RespiteStep) -> RespiteStatus:
    try:
        return TRANSITIONS[(RespiteStatus(status), step)]
    except (KeyError, ValueError):
        raise IllegalTransition(f"{step} from {status}") from None


def days_per_year(start: date, end: date) -> Counter[int]:
    """Days of ``start``..``end`` (inclusive) in each calendar year they touch."""
    days: Counter[int] = Counter()
    year_start = start
    while year_start <= end:
        year_end = min(end, date(year_start.year, 12, 31))
        days[year_start.year] += (year_end - year_start).days + 1
        year_start = year_end + timedelta(days=1)
    return days


def used_days(ranges: list[tuple[date, date]]) -> Counter[int]:
    """Days per year over several requests (each counted on its own: held requests never overlap)."""
    total: Counter[int] = Counter()
    for start, end in ranges:
        total.update(days_per_year(start, end))
    return total


def overlaps(a_start: date, a_end: date, b_start: date, b_end: date) -> bool:
    """Inclusive ranges share a day (one ending on the day the other starts overlaps)."""
    return a_start <= b_end and b_start <= a_end


def over_quota_years(used: Counter[int], wanted: Counter[int], quota: int) -> dict[int, int]:
    """Years in which ``wanted`` on top of ``used`` passes ``quota``, with the days over in each."""
    over = {year: used[year] + days - quota for year, days in wanted.items()}
    return {year: days for year, days in sorted(over.items()) if days > 0}


def quota_left(used: Counter[int], year: int, quota: int) -> int:
    """Days still free in ``year``; never below zero (an approved over-quota request leaves none)."""
    return max(quota - used[year], 0)
