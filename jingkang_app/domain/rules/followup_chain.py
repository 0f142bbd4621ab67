"""A recipient's chain of follow-ups and the health side's 规范管理 (DOMAIN.md §6): in the 12 months to a period's
end, at least 4 follow-ups, every two adjacent ones at most 3 months (92 days) apart — the national operating
definition. Pure: dates in, dates out.

Counting that from the follow-up rows of a whole county (hundreds of thousands a year) is too slow for a dashboard,
so each recipient row keeps two dates of its chain (``chain_summary``) from which a window that ends on or after
the recipient's latest follow-up is judged at once (``managed_by_summary``); ``managed`` is the definition itself,
used for windows that end earlier and as the reference in tests.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

MIN_FOLLOWUPS = 4
MAX_GAP_DAYS = 92


def managed(dates: Sequence[date], start: date, end: date) -> bool:
    """The definition: the follow-ups dated in [start, end] are at least 4 and adjacent ones ≤ 92 days apart."""
    inside = sorted(day for day in dates if start <= day <= end)
    gaps = [(later - earlier).days for earlier, later in zip(inside, inside[1:], strict=False)]
    return len(inside) >= MIN_FOLLOWUPS and all(gap <= MAX_GAP_DAYS for gap in gaps)


@dataclass(frozen=True)
class ChainSummary:
    fourth_latest: date | None  # the 4th most recent follow-up's date
    long_gap_from: date | None  # where the most recent gap of more than 92 days began (its earlier follow-up)


def chain_summary(dates: Sequence[date]) -> ChainSummary:
    ordered = sorted(dates)
    long_gap_from = None
    for earlier, later in zip(ordered, ordered[1:], strict=False):
        if (later - earlier).days > MAX_GAP_DAYS:
            long_gap_from = earlier
    fourth = ordered[-MIN_FOLLOWUPS] if len(ordered) >= MIN_FOLLOWUPS else None
    return ChainSummary(fourth, long_gap_from)


def managed_by_summary(summary: ChainSummary, start: date) -> bool:
    """``managed(dates, start, end)`` for any ``end`` on or after the latest follow-up: 4 follow-ups since ``start``
    and no long gap that begins inside the window."""
    return (
        summary.fourth_latest is not None
        and summary.fourth_latest >= start
        and (summary.long_gap_from is None or summary.long_gap_from < start)
    )
