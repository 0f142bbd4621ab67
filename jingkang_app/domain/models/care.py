"""The field workflow's tables (DOMAIN.md §3.4–3.8): home visits, follow-ups, relapse alerts, referrals drafted
from them, tasks opened by needs found, rehab service records, in-app notifications and county settings."""

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import JSON, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from jingkang_app.domain import clock
from jingkang_app.domain.models.types import UTCDateTime


class AlertStatus(StrEnum):
    open = "open"  # raised, not yet taken by anyone
    taken = "taken"  # someone is handling it
    closed = "closed"  # outcome recorded


class AlertOutcome(StrEnum):
    home_response = "home_response"  # 上门处置
    hospitalised = "hospitalised"  # 转诊住院
    resolved = "resolved"  # 解除


class TaskKind(StrEnum):
    """Needs found on a home visit (需求 → 任务)."""

    aid = "aid"  # 救助申请
    respite = "respite"  # 喘息服务
    referral = "referral"  # 转介


class Recorded(SQLModel):
    """What every field record carries (DOMAIN.md §3): who and when, its area, a version, and the device's
    client id (a repeat of the same submission returns the stored record) and capture time (set offline)."""

    client_id: str = Field(max_length=36, unique=True)
    recipient_id: int = Field(foreign_key="recipient.id", index=True)
    area_id: int = Field(foreign_key="area.id", index=True)
    captured_at: datetime | None = Field(default=None, sa_type=UTCDateTime, nullable=True)
    created_by: int = Field(foreign_key="app_user.id")
    created_at: datetime = Field(default_factory=clock.now, sa_type=UTCDateTime, nullable=False)
    updated_by: int | None = Field(default=None, foreign_key="app_user.id")
    updated_at: datetime | None = Field(default=None, sa_type=UTCDateTime, nullable=True)
    version: int = 1


class HomeVisit(Recorded, table=True):
    """入户走访 (DOMAIN.md §3.4)."""

    __tablename__ = "home_visit"
    # The satisfaction rate of an area's visits in a period, from this index alone.
    __table_args__ = (Index("ix_home_visit_area_date", "area_id", "visit_date", "satisfaction"),)

    id: int | None = Field(default=None, primary_key=True)
    visit_date: date = Field(index=True)
    companions: str = Field(default="", max_length=100)  # other visitors, by name
    met: list[str] = Field(default_factory=list, sa_type=JSON)  # recipient / family / other
    condition: str = Field(max_length=16)  # 病情
    treatment: str = Field(max_length=16)  # 诊治
    rehab: str = Field(max_length=16)  # 康复
    family: str = Field(max_length=16)  # 家庭情况
    aid: str = Field(max_length=16)  # 救治救助
    notes: str = Field(default="", max_length=1000)
    needs: list[str] = Field(default_factory=list, sa_type=JSON)  # TaskKind values
    satisfaction: str = Field(max_length=16)  # 满意度
    next_visit_date: date | None = None


class Followup(Recorded, table=True):
    """随访: the national 「严重精神障碍患者随访服务记录表」 (DOMAIN.md §3.5)."""

    # Indicators count an area's follow-ups in a period, per recipient, from this index alone.
    __table_args__ = (
        Index(
            "ix_followup_area_date", "area_id", "followup_date", "recipient_id", "previous_date", "gap_days"
        ),
        Index("ix_followup_recipient_date", "recipient_id", "followup_date"),
        Index("ix_followup_area_next", "area_id", "next_followup_date"),  # follow-ups falling due in a period
    )

    id: int | None = Field(default=None, primary_key=True)
    followup_date: date = Field(index=True)
    form: int  # 本次随访形式 1 门诊 2 家庭访视 3 电话
    subjects: list[str] = Field(default_factory=list, sa_type=JSON)  # patient / family / informant
    lost_reason: int | None = None  # 失访原因 1–5
    death_date: date | None = None
    death_cause: int | None = None  # 1–6
    death_disease: str | None = Field(default=None, max_length=16)  # under cause 1 (躯体疾病)
    risk_level: int | None = None  # 危险性评估 0–5; None when not reached
    symptoms: list[int] = Field(default_factory=list, sa_type=JSON)  # 目前症状 1–12
    symptoms_other: str = Field(default="", max_length=100)
    insight: str | None = Field(default=None, max_length=8)  # full / partial / none
    sleep: str | None = Field(default=None, max_length=8)  # good / fair / poor
    diet: str | None = Field(default=None, max_length=8)
    self_care: str | None = Field(default=None, max_length=8)  # 社会功能情况 …
    housework: str | None = Field(default=None, max_length=8)
    work: str | None = Field(default=None, max_length=8)  # also na (此项不适用)
    learning: str | None = Field(default=None, max_length=8)
    social: str | None = Field(default=None, max_length=8)
    minor_trouble: int = 0  # 危险行为 counts: 轻度滋事
    trouble: int = 0  # 肇事
    disaster: int = 0  # 肇祸
    other_harm: int = 0  # 其他危害行为
    self_harm: int = 0  # 自伤
    suicide_attempt: int = 0  # 自杀未遂
    lockup: str | None = Field(default=None, max_length=8)  # none / locked / released
    hospital: str | None = Field(default=None, max_length=8)  # none / current / past
    last_discharge_date: date | None = None
    lab: str = Field(default="", max_length=200)  # 实验室检查 (empty: 无)
    adherence: str | None = Field(default=None, max_length=16)  # regular / intermittent / none / not_needed
    adverse_reaction: str | None = Field(default=None, max_length=8)  # none / yes / na
    adverse_text: str = Field(default="", max_length=200)
    physical_illness: bool = False
    effect: str | None = Field(default=None, max_length=12)  # 治疗效果
    referred: bool = False
    referral_reason: str = Field(default="", max_length=200)
    referral_to: str = Field(default="", max_length=100)
    medications: list[dict] = Field(default_factory=list, sa_type=JSON)  # 用药情况, up to 3
    rehab_measures: list[str] = Field(default_factory=list, sa_type=JSON)
    proposed_classification: str = Field(max_length=16)
    classification: str = Field(max_length=16)  # 本次随访分类
    proposed_next_date: date | None = None
    next_followup_date: date | None = None
    override_reason: str = Field(default="", max_length=200)
    doctor_name: str = Field(max_length=32)  # 随访医生签名
    # The recipient's previous follow-up date and the days since it, kept by services.followups: 规范管理率 reads
    # the gaps between adjacent follow-ups from these rows alone, without a window over each recipient's history.
    previous_date: date | None = None
    gap_days: int | None = None


class RiskAlert(SQLModel, table=True):
    """复发预警/绿色通道 (DOMAIN.md §3.6, §5): one per raising record."""

    __tablename__ = "risk_alert"
    __table_args__ = (UniqueConstraint("source", "source_id"),)

    id: int | None = Field(default=None, primary_key=True)
    recipient_id: int = Field(foreign_key="recipient.id", index=True)
    area_id: int = Field(foreign_key="area.id", index=True)
    source: str = Field(max_length=16)  # followup / caregiver / visitor
    source_id: int
    risk_level: int | None = None
    reason: str = Field(default="", max_length=200)
    raised_at: datetime = Field(sa_type=UTCDateTime, nullable=False)  # when it was captured, even offline
    deadline_at: datetime = Field(sa_type=UTCDateTime, nullable=False, index=True)
    owner_id: int = Field(foreign_key="app_user.id", index=True)
    escalation_level: int = 0  # 0 owner, 1 township coordinators, 2 county coordinators
    escalated_at: datetime | None = Field(default=None, sa_type=UTCDateTime, nullable=True)
    status: str = Field(default=AlertStatus.open, max_length=8, index=True)
    taken_by: int | None = Field(default=None, foreign_key="app_user.id")
    taken_at: datetime | None = Field(default=None, sa_type=UTCDateTime, nullable=True)
    outcome: str | None = Field(default=None, max_length=16)
    outcome_note: str = Field(default="", max_length=500)
    closed_at: datetime | None = Field(default=None, sa_type=UTCDateTime, nullable=True)
    version: int = 1


class Referral(SQLModel, table=True):
    """转介 (DOMAIN.md §3.7, rules/referrals.py). A relapse alert drafts a 上转 (绿色通道); the coordination workflow
    moves it through its steps. The deadlines are fixed when their clock starts, with the county's holiday list of
    that day; the handover pack is the record's summary as it was sent."""

    __table_args__ = (Index("ix_referral_area_status", "area_id", "status"),)

    id: int | None = Field(default=None, primary_key=True)
    client_id: str | None = Field(default=None, max_length=36, unique=True)  # None when drafted by an alert
    recipient_id: int = Field(foreign_key="recipient.id", index=True)
    area_id: int = Field(foreign_key="area.id", index=True)
    kind: str = Field(max_length=16)  # rules.referrals.ReferralKind
    route: str | None = Field(default=None, max_length=16)  # 精康转介: rules.referrals.ApplicationRoute
    status: str = Field(max_length=24, index=True)  # rules.referrals.ReferralStatus
    reason: str = Field(default="", max_length=500)
    receiver: str = Field(default="", max_length=100)  # 接收机构: the site, hospital or office it goes to
    # The receiving side's area (a township's rehab site, the county for hospitals): its authorised users
    # acknowledge, take the receiving steps and read the handover pack.
    receiver_area_id: int | None = Field(default=None, foreign_key="area.id", index=True)
    alert_id: int | None = Field(default=None, foreign_key="risk_alert.id", unique=True)
    applied_on: date | None = Field(default=None, index=True)  # 提出申请/发起 (local date)
    registered_on: date | None = None  # 初核登记
    referred_on: date | None = None  # 康复转介
    register_by: date | None = Field(default=None, index=True)
    refer_by: date | None = Field(default=None, index=True)
    handover: dict = Field(default_factory=dict, sa_type=JSON)  # summary, risk, medication, contacts
    return_reason: str = Field(default="", max_length=500)  # the latest 退回's
    closed_on: date | None = None
    created_by: int = Field(foreign_key="app_user.id")
    created_at: datetime = Field(default_factory=clock.now, sa_type=UTCDateTime, nullable=False)
    updated_by: int | None = Field(default=None, foreign_key="app_user.id")
    updated_at: datetime | None = Field(default=None, sa_type=UTCDateTime, nullable=True)
    version: int = 1


class ReferralStepTaken(SQLModel, table=True):
    """One step of a referral's history: who moved it from which status to which, when, and why (退回)."""

    __tablename__ = "referral_step"

    id: int | None = Field(default=None, primary_key=True)
    referral_id: int = Field(foreign_key="referral.id", index=True)
    step: str = Field(max_length=16)  # rules.referrals.ReferralStep
    from_status: str = Field(max_length=24)
    to_status: str = Field(max_length=24)
    note: str = Field(default="", max_length=500)
    taken_on: date  # local date the step counts from (deadlines)
    taken_by: int = Field(foreign_key="app_user.id")
    taken_at: datetime = Field(default_factory=clock.now, sa_type=UTCDateTime, nullable=False)


class CareTask(SQLModel, table=True):
    """A need found on a home visit, for the coordinator to act on (aid, respite, referral)."""

    __tablename__ = "care_task"
    __table_args__ = (UniqueConstraint("visit_id", "kind"),)

    id: int | None = Field(default=None, primary_key=True)
    recipient_id: int = Field(foreign_key="recipient.id", index=True)
    area_id: int = Field(foreign_key="area.id", index=True)
    kind: str = Field(max_length=16)
    visit_id: int = Field(foreign_key="home_visit.id")
    status: str = Field(default="open", max_length=8, index=True)  # open / done
    created_by: int = Field(foreign_key="app_user.id")
    created_at: datetime = Field(default_factory=clock.now, sa_type=UTCDateTime, nullable=False)
    version: int = 1


class RehabService(SQLModel, table=True):
    """康复服务记录 (DOMAIN.md §3.8): one session, for one recipient or a group."""

    __tablename__ = "rehab_service"

    id: int | None = Field(default=None, primary_key=True)
    client_id: str = Field(max_length=36, unique=True)
    area_id: int = Field(foreign_key="area.id", index=True)
    service_date: date = Field(index=True)
    place: str = Field(max_length=8)  # site 站点 / home 居家
    site_name: str = Field(default="", max_length=100)
    contents: list[str] = Field(default_factory=list, sa_type=JSON)
    duration_minutes: int
    notes: str = Field(default="", max_length=1000)
    provider_id: int = Field(foreign_key="app_user.id")
    created_at: datetime = Field(default_factory=clock.now, sa_type=UTCDateTime, nullable=False)
    version: int = 1


class RehabAttendance(SQLModel, table=True):
    __tablename__ = "rehab_attendance"
    __table_args__ = (UniqueConstraint("service_id", "recipient_id"),)

    id: int | None = Field(default=None, primary_key=True)
    service_id: int = Field(foreign_key="rehab_service.id", index=True)
    recipient_id: int = Field(foreign_key="recipient.id", index=True)
    attended: bool = True


class Notification(SQLModel, table=True):
    """An in-app notice for one user. ``dedupe`` makes raising it idempotent (a scheduled job in several
    workers, a resent submission)."""

    __table_args__ = (UniqueConstraint("user_id", "dedupe"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="app_user.id", index=True)
    kind: str = Field(max_length=32)  # a catalogue key suffix: notice.<kind>
    params: dict = Field(default_factory=dict, sa_type=JSON)
    link: str = Field(default="", max_length=200)
    dedupe: str = Field(max_length=64)
    created_at: datetime = Field(default_factory=clock.now, sa_type=UTCDateTime, nullable=False)
    read_at: datetime | None = Field(default=None, sa_type=UTCDateTime, nullable=True)


class Setting(SQLModel, table=True):
    """A county's setting (DOMAIN.md: configurable rules); absent keys take the defaults in domain/settings.py."""

    __table_args__ = (UniqueConstraint("area_id", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    area_id: int = Field(foreign_key="area.id")
    key: str = Field(max_length=64)
    value: str = Field(max_length=1000)  # JSON
    updated_by: int | None = Field(default=None, foreign_key="app_user.id")
    updated_at: datetime = Field(default_factory=clock.now, sa_type=UTCDateTime, nullable=False)
    version: int = 1
