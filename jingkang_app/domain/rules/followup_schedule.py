"""Follow-up classification (随访分类) and next dates — DOMAIN.md §3.5, §4, §5."""

import calendar
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum


class Classification(StrEnum):
    unstable = "unstable"  # 不稳定
    basic_stable = "basic_stable"  # 基本稳定
    stable = "stable"  # 稳定
    unreached = "unreached"  # 未访到


# 轻度滋事, 肇事, 肇祸, 其他危害行为, 自伤, 自杀未遂
DANGER_KINDS = ("minor_trouble", "trouble", "disaster", "other_harm", "self_harm", "suicide_attempt")
# Minor trouble (轻度滋事) is recorded but does not by itself raise an alert or make a patient unstable.
_DANGEROUS_KINDS = DANGER_KINDS[1:]

SYMPTOM_HARMS_OTHERS = 7  # 伤人毁物
SYMPTOM_PESSIMISM = 8  # 悲观厌世

FOLLOWUPS_PER_YEAR = 4
SHORT_INTERVAL = timedelta(days=14)
STABLE_INTERVAL_MONTHS = 3


@dataclass(frozen=True)
class Findings:
    reached: bool
    risk_level: int
    symptoms: frozenset[int] = frozenset()
    insight: str = "full"  # full / partial / none
    social_functions: tuple[str, ...] = ()  # good / fair / poor / na
    danger_counts: Mapping[str, int] = field(default_factory=dict)
    adverse_reaction: str = "none"  # none / yes / na
    physical_illness: bool = False


def dangerous_behaviour(f: Findings) -> bool:
    return any(f.danger_counts.get(kind, 0) > 0 for kind in _DANGEROUS_KINDS)


def acute_severe(f: Findings) -> bool:
    """Jingkang's operating definition of "acute severe symptoms" (急性期严重症状)."""
    return (
        dangerous_behaviour(f)
        or SYMPTOM_HARMS_OTHERS in f.symptoms
        or (SYMPTOM_PESSIMISM in f.symptoms and f.insight == "none")
    )


def _not_fully_recovered(f: Findings) -> bool:
    return (
        1 <= f.risk_level <= 2
        or bool(f.symptoms)
        or f.insight != "full"
        or any(level in ("fair", "poor") for level in f.social_functions)
        or f.adverse_reaction == "yes"
        or f.physical_illness
    )


def propose_classification(f: Findings) -> Classification:
    if not f.reached:
        return Classification.unreached
    if f.risk_level >= 3 or acute_severe(f):
        return Classification.unstable
    if _not_fully_recovered(f):
        return Classification.basic_stable
    return Classification.stable


def needs_alert(f: Findings) -> bool:
    """The relapse alert (复发预警) trigger."""
    return f.reached and (f.risk_level >= 3 or dangerous_behaviour(f))


def add_months(d: date, months: int) -> date:
    """Calendar months later, clamped to the last day of the target month."""
    month_index = d.year * 12 + d.month - 1 + months
    year, month = divmod(month_index, 12)
    month += 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def propose_next_date(c: Classification, followup_date: date) -> date:
    if c is Classification.stable:
        return add_months(followup_date, STABLE_INTERVAL_MONTHS)
    # Unstable, basic-stable and unreached patients are all seen again within two weeks.
    return followup_date + SHORT_INTERVAL


def check_choices(
    proposed_class: Classification,
    chosen_class: Classification,
    proposed_next: date,
    chosen_next: date,
    reason: str,
) -> dict[str, str]:
    """Field → catalogue error key; a next date must never be moved later silently (§5)."""
    errors: dict[str, str] = {}
    has_reason = bool(reason.strip())
    if chosen_class != proposed_class and not has_reason:
        errors["classification"] = "error.override_reason_required"
    if chosen_next > proposed_next and not has_reason:
        errors["next_followup_date"] = "error.later_date_reason_required"
    return errors


def days_overdue(due: date, today: date) -> int:
    """Overdue starts the day after the due date (§5)."""
    return max(0, (today - due).days)
