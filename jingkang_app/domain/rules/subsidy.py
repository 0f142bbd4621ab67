"""Guardian subsidy rules (监护补贴/以奖代补, DOMAIN.md §3.13): the status machine, the recipient's class, the
quarters the village committee checks, and the yearly amount. Pure: no database.

How a year is paid (local practice, so each county sets the amounts in domain/settings.py):
- the class (一般 or 高风险) and both monthly amounts are fixed when the township approves the application, so
  the guardian knows the rate from then on and the yearly payment can be worked out again from stored facts;
- coverage starts with the quarter the guardian applied in (the first quarter when they applied in an earlier
  year): there is no back pay for quarters before the application;
- only quarters whose check (看护管理记录) passed count, three months each: months × monthly amount;
- a year in which any follow-up recorded 肇事 or 肇祸 is withheld whole: amount 0, whatever the checks say.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class SubsidyStatus(StrEnum):
    pending = "pending"  # 待审核
    approved = "approved"  # 已批准
    rejected = "rejected"  # 已驳回
    paid = "paid"  # 已发放
    withheld = "withheld"  # 不予发放 (肇事肇祸)


class SubsidyStep(StrEnum):
    approve = "approve"
    reject = "reject"
    pay = "pay"
    withhold = "withhold"


class RiskClass(StrEnum):
    standard = "standard"  # 一般: risk 0–2, no 肇事肇祸 before
    high = "high"  # 高风险: risk ≥ the county's threshold, or a past 肇事肇祸


_S, _E = SubsidyStatus, SubsidyStep
# The only legal transitions: (from, step) → to. A rejection is final for that year (one application a year).
TRANSITIONS: dict[tuple[SubsidyStatus, SubsidyStep], SubsidyStatus] = {
    (_S.pending, _E.approve): _S.approved,
    (_S.pending, _E.reject): _S.rejected,
    (_S.approved, _E.pay): _S.paid,
    (_S.approved, _E.withhold): _S.withheld,
}
# The village committee checks duties while the application waits and once it is approved, until the year is paid.
CHECKABLE = frozenset({_S.pending, _S.approved})
# The township's queues: waiting for a decision, and approved ones waiting for the yearly payment.
QUEUES = (_S.pending, _S.approved)
QUARTERS = range(1, 5)
MONTHS_PER_QUARTER = 3
CHECK_DUTIES = ("reported_moves", "prevented_missing", "reported_relapse_signs", "cooperated_followups")


class IllegalTransition(ValueError):
    """The step is not allowed from the application's current status."""


def next_status(status: str, step: SubsidyStep) -> SubsidyStatus:
    try:
        return TRANSITIONS[(SubsidyStatus(status), step)]
    except (KeyError, ValueError):
        raise IllegalTransition(f"{step} from {status}") from None


def years_open(today: date) -> tuple[int, int]:
    """A guardian applies for this year or, ahead of time, the next one."""
    return today.year, today.year + 1


def risk_class(
    risk_level: int | None, past_incident: bool, *, high_from: int, incident_is_high: bool
) -> RiskClass:
    """高风险 from the county's risk level (3 by default) or, where the county counts it, any 肇事肇祸 on record;
    a recipient never assessed is 一般."""
    if (risk_level is not None and risk_level >= high_from) or (past_incident and incident_is_high):
        return RiskClass.high
    return RiskClass.standard


def guardian_monthly(amounts: Mapping[str, int], risk: RiskClass) -> int:
    """监护补助 per month for the class (county setting {"standard": 150, "high": 400} by default)."""
    return int(amounts[risk.value])


def quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1


def first_quarter(year: int, applied_on: date) -> int:
    """The first quarter the application covers."""
    return quarter_of(applied_on) if applied_on.year == year else QUARTERS.start


def covered_quarters(year: int, applied_on: date) -> range:
    """Every quarter the application covers, up to the end of the year."""
    return range(first_quarter(year, applied_on), QUARTERS.stop)


def checkable_quarters(year: int, applied_on: date, today: date) -> range:
    """Covered quarters that have begun by ``today``: a quarter is checked from its first day on."""
    if today.year < year:
        return range(0)
    last = QUARTERS.stop - 1 if today.year > year else quarter_of(today)
    return range(first_quarter(year, applied_on), last + 1)


def year_over(year: int, today: date) -> bool:
    """The yearly payment is recorded once the year has ended, when every quarter's check is known."""
    return today.year > year


def missing_checks(year: int, applied_on: date, checked: Iterable[int]) -> list[int]:
    """Covered quarters without a check: the year cannot be paid before the committee has recorded them."""
    done = set(checked)
    return [q for q in covered_quarters(year, applied_on) if q not in done]


@dataclass(frozen=True)
class YearlyAmount:
    months: int
    monthly_yuan: int
    amount_yuan: int
    withheld: bool


def yearly_amount(
    monthly_yuan: int, passed_quarters: Iterable[int], *, incident_in_year: bool
) -> YearlyAmount:
    """Months paid for (three per passed quarter, each quarter once) × the monthly amount; none at all when the
    year had a 肇事 or 肇祸. Always amount = months × monthly amount."""
    if incident_in_year:
        return YearlyAmount(0, monthly_yuan, 0, withheld=True)
    months = MONTHS_PER_QUARTER * len(set(passed_quarters) & set(QUARTERS))
    return YearlyAmount(months, monthly_yuan, months * monthly_yuan, withheld=False)
