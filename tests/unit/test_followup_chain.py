"""规范管理 (rules/followup_chain.py): the definition on hand-built dates, and the recipient-row summary agreeing
with it for every window that ends on or after the latest follow-up."""

import random
from datetime import date, timedelta

import pytest

from jingkang_app.domain.rules.followup_chain import chain_summary, managed, managed_by_summary

END = date(2026, 11, 30)
START = END - timedelta(days=364)  # the 12 months to the period's end


def every(days: int, count: int, last: date = END) -> list[date]:
    return [last - timedelta(days=days * i) for i in range(count)][::-1]


def test_four_follow_ups_92_days_apart_are_managed():
    assert managed(every(92, 4), START, END)


def test_a_gap_of_93_days_is_not():
    dates = every(92, 4)
    dates[0] -= timedelta(days=1)
    assert not managed(dates, START, END)


def test_three_follow_ups_are_not_enough():
    assert not managed(every(30, 3), START, END)


def test_a_long_gap_before_the_window_does_not_count_against_it():
    dates = [START - timedelta(days=200), *every(60, 6)]
    assert managed(dates, START, END)


def test_follow_ups_after_the_window_are_not_counted():
    assert not managed(every(30, 4, last=END + timedelta(days=60)), START, END)


def test_summary_keeps_the_fourth_latest_and_where_the_latest_long_gap_began():
    dates = [date(2025, 1, 1), date(2025, 6, 1), date(2025, 7, 1), date(2025, 8, 1), date(2025, 12, 1)]
    assert chain_summary(dates) == chain_summary(dates[::-1])
    summary = chain_summary(dates)
    assert (summary.fourth_latest, summary.long_gap_from) == (date(2025, 6, 1), date(2025, 8, 1))


@pytest.mark.parametrize("seed", range(300))
def test_the_summary_judges_like_the_definition_for_windows_ending_after_the_latest(seed):
    rng = random.Random(seed)
    day, dates = date(2024, 1, 1), []
    for _ in range(rng.randint(0, 14)):
        day += timedelta(days=rng.choice((14, 30, 85, 92, 93, 120)))
        dates.append(day)
    end = (dates[-1] if dates else END) + timedelta(days=rng.randint(0, 40))
    start = end - timedelta(days=364)
    assert managed_by_summary(chain_summary(dates), start) == managed(dates, start, end)
