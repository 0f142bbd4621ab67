"""The respite rules (DOMAIN.md §3.9, §5) without a database: transitions, days per year, overlap, quota."""

from collections import Counter
from datetime import date

import pytest

from jingkang_app.domain.rules.respite import (
    TRANSITIONS,
    IllegalTransition,
    RespiteStatus,
    RespiteStep,
    days_per_year,
    next_status,
    over_quota_years,
    overlaps,
    quota_left,
    used_days,
)

S, E = RespiteStatus, RespiteStep
LEGAL = {
    (S.pending, E.approve): S.approved,
    (S.pending, E.reject): S.rejected,
    (S.pending, E.cancel): S.cancelled,
    (S.approved, E.arrange): S.arranged,
    (S.approved, E.cancel): S.cancelled,
    (S.arranged, E.complete): S.completed,
    (S.arranged, E.cancel): S.cancelled,
    (S.completed, E.rate): S.rated,
}
ILLEGAL = [(status, step) for status in S for step in E if (status, step) not in LEGAL]


def test_the_transition_table_is_exactly_the_legal_one():
    assert TRANSITIONS == LEGAL


@pytest.mark.parametrize(("status", "step"), list(LEGAL), ids=lambda v: str(v))
def test_a_legal_step_moves_to_its_status(status, step):
    assert next_status(status, step) is LEGAL[(status, step)]


@pytest.mark.parametrize(("status", "step"), ILLEGAL, ids=lambda v: str(v))
def test_every_other_step_is_refused(status, step):
    with pytest.raises(IllegalTransition):
        next_status(status, step)


def test_an_unknown_status_is_refused():
    with pytest.raises(IllegalTransition):
        next_status("lost", E.approve)


def test_days_are_counted_inclusively():
    assert days_per_year(date(2026, 12, 1), date(2026, 12, 1)) == {2026: 1}


def test_days_across_new_year_count_in_each_year():
    assert days_per_year(date(2026, 12, 30), date(2027, 1, 3)) == {2026: 2, 2027: 3}


def test_used_days_add_up_per_year():
    used = used_days([(date(2026, 12, 30), date(2027, 1, 3)), (date(2027, 3, 1), date(2027, 3, 4))])
    assert used == {2026: 2, 2027: 7}


@pytest.mark.parametrize(
    ("other", "expected"),
    [
        ((date(2026, 12, 5), date(2026, 12, 9)), True),  # inside
        ((date(2026, 12, 10), date(2026, 12, 12)), True),  # starts on the last day
        ((date(2026, 11, 28), date(2026, 12, 1)), True),  # ends on the first day
        ((date(2026, 12, 11), date(2026, 12, 12)), False),  # the day after
        ((date(2026, 11, 20), date(2026, 11, 30)), False),  # the days before
    ],
)
def test_overlap_of_inclusive_ranges(other, expected):
    assert overlaps(date(2026, 12, 1), date(2026, 12, 10), *other) is expected


def test_over_quota_is_judged_in_each_year_touched():
    used = Counter({2026: 12})
    assert over_quota_years(used, days_per_year(date(2026, 12, 30), date(2027, 1, 3)), 14) == {}
    assert over_quota_years(used, days_per_year(date(2026, 12, 29), date(2027, 1, 3)), 14) == {2026: 1}


def test_quota_left_never_goes_below_zero():
    assert quota_left(Counter({2026: 10}), 2026, 14) == 4
    assert quota_left(Counter({2026: 20}), 2026, 14) == 0
    assert quota_left(Counter({2026: 20}), 2027, 14) == 14
