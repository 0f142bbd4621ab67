"""Eligibility screening (入组评估), configurable per county — DOMAIN.md §3.2, §4."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from jingkang_app.domain.rules.followup_schedule import add_months


class Verdict(StrEnum):
    met = "met"  # 符合
    not_met = "not_met"  # 不符合
    unknown = "unknown"  # 待核实


SEVERE_DIAGNOSES = frozenset(
    {
        "schizophrenia",
        "schizoaffective",
        "paranoid_psychosis",
        "bipolar",
        "epilepsy_psychosis",
        "intellectual_disability",
    }
)


@dataclass(frozen=True)
class EligibilityRules:
    """County settings; the defaults are the demo county's."""

    min_age: int = 18
    max_age: int = 60
    disability_levels: frozenset[int] = frozenset({3, 4})
    lookback_months: int = 6
    max_risk_level: int = 2


DEFAULT_RULES = EligibilityRules()


@dataclass(frozen=True)
class EligibilityFacts:
    today: date
    hukou_local: bool | None
    birth_date: date | None
    disability_level: int | None  # 残疾证 (精神) 1–4; None = no certificate recorded
    diagnosis: str | None  # one of SEVERE_DIAGNOSES, "other", or None (unknown)
    serious_physical_illness: bool | None  # None = not yet checked
    risk_levels: tuple[int, ...]  # 危险性评估 of every follow-up in the lookback window
    signed_by_recipient: bool  # service agreement signed and not withdrawn
    signed_by_guardian: bool


@dataclass(frozen=True)
class Criterion:
    key: str
    verdict: Verdict


def _verdict(passed: bool | None) -> Verdict:
    if passed is None:
        return Verdict.unknown
    return Verdict.met if passed else Verdict.not_met


def _full_years(birth_date: date, today: date) -> int:
    before_birthday = (today.month, today.day) < (birth_date.month, birth_date.day)
    return today.year - birth_date.year - before_birthday


def _age(facts: EligibilityFacts, rules: EligibilityRules) -> bool | None:
    if facts.birth_date is None:
        return None
    return rules.min_age <= _full_years(facts.birth_date, facts.today) <= rules.max_age


def _condition(facts: EligibilityFacts, rules: EligibilityRules) -> bool | None:
    if facts.disability_level in rules.disability_levels or facts.diagnosis in SEVERE_DIAGNOSES:
        return True
    if facts.disability_level is None and facts.diagnosis is None:
        return None
    return False


def _risk_history(facts: EligibilityFacts, rules: EligibilityRules) -> bool | None:
    # With no follow-up in the window there is nothing to judge the risk by.
    if not facts.risk_levels:
        return None
    return all(level <= rules.max_risk_level for level in facts.risk_levels)


def screen(facts: EligibilityFacts, rules: EligibilityRules = DEFAULT_RULES) -> tuple[Criterion, ...]:
    physical_health = None if facts.serious_physical_illness is None else not facts.serious_physical_illness
    results = (
        ("hukou", facts.hukou_local),
        ("age", _age(facts, rules)),
        ("condition", _condition(facts, rules)),
        ("physical_health", physical_health),
        ("risk_history", _risk_history(facts, rules)),
        # An unsigned agreement is a known fact, never "to be checked".
        ("agreement", facts.signed_by_recipient and facts.signed_by_guardian),
    )
    return tuple(Criterion(key, _verdict(passed)) for key, passed in results)


def lookback_start(today: date, rules: EligibilityRules = DEFAULT_RULES) -> date:
    """First day of the window whose follow-ups feed EligibilityFacts.risk_levels."""
    return add_months(today, -rules.lookback_months)


def eligible(criteria: Iterable[Criterion]) -> bool:
    """Every criterion met; an empty screen admits no one."""
    verdicts = [c.verdict for c in criteria]
    return bool(verdicts) and all(v is Verdict.met for v in verdicts)
