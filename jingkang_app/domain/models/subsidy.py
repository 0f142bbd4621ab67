"""Guardian subsidy tables (监护补贴/以奖代补, DOMAIN.md §3.13): the guardian's yearly application, the village
committee's quarterly check of care duties (看护管理记录), and the yearly payment."""

from datetime import date, datetime

from sqlalchemy import JSON, UniqueConstraint
from sqlmodel import Field

from jingkang_app.domain.models.care import Recorded
from jingkang_app.domain.models.types import UTCDateTime


class GuardianSubsidy(Recorded, table=True):
    """One guardian's application for one year; decided by the township, then paid (or withheld) once a year."""

    __tablename__ = "guardian_subsidy"
    __table_args__ = (UniqueConstraint("recipient_id", "year"),)  # one application per recipient and year

    id: int | None = Field(default=None, primary_key=True)
    year: int = Field(index=True)
    guardian_id: int = Field(foreign_key="app_user.id")  # the applicant, who is paid
    status: str = Field(default="pending", max_length=16, index=True)  # rules.subsidy.SubsidyStatus
    # Fixed on approval (rules/subsidy.py): the class and the monthly amounts. What the class was decided from (the
    # risk level, a past 肇事肇祸) is clinical, so it is kept in the audit entry, not shown with the record (§8).
    risk_class: str | None = Field(default=None, max_length=8)  # rules.subsidy.RiskClass
    guardian_monthly_yuan: int | None = None  # 监护补助
    care_monthly_yuan: int | None = None  # 看护补贴
    decided_by: int | None = Field(default=None, foreign_key="app_user.id")
    decided_at: datetime | None = Field(default=None, sa_type=UTCDateTime, nullable=True)
    decision_reason: str = Field(default="", max_length=500)  # a rejection's (required), an approval's note


class SubsidyCheck(Recorded, table=True):
    """看护管理记录: the village committee's check of the guardian's care duties in one quarter."""

    __tablename__ = "subsidy_check"
    __table_args__ = (UniqueConstraint("subsidy_id", "quarter"),)  # one check per quarter

    id: int | None = Field(default=None, primary_key=True)
    subsidy_id: int = Field(foreign_key="guardian_subsidy.id", index=True)
    quarter: int  # 1–4 of the application's year
    reported_moves: bool = False  # 及时报告患者外出、迁居
    prevented_missing: bool = False  # 未发生走失
    reported_relapse_signs: bool = False  # 及时报告复发征兆
    cooperated_followups: bool = False  # 配合随访
    passed: bool
    note: str = Field(default="", max_length=500)  # required when the check fails


class SubsidyPayment(Recorded, table=True):
    """The year's payment as worked out by rules.subsidy.yearly_amount; amount 0 when withheld for 肇事肇祸."""

    __tablename__ = "subsidy_payment"

    id: int | None = Field(default=None, primary_key=True)
    subsidy_id: int = Field(foreign_key="guardian_subsidy.id", unique=True)
    year: int
    passed_quarters: list[int] = Field(default_factory=list, sa_type=JSON)
    months: int
    monthly_yuan: int
    amount_yuan: int
    withheld: bool = False
    incident_on: date | None = None  # the first follow-up of the year with 肇事 or 肇祸, when withheld
    paid_on: date
    note: str = Field(default="", max_length=500)
