"""The foundation's tables: areas, accounts and sessions, recipients with care team and consent, the audit log."""

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from jingkang_app.domain import clock
from jingkang_app.domain.models.types import utc_column


class Role(StrEnum):
    caregiver = "caregiver"
    grid_worker = "grid_worker"
    village_cadre = "village_cadre"
    community_doctor = "community_doctor"
    social_worker = "social_worker"
    volunteer = "volunteer"
    township_coordinator = "township_coordinator"
    county_coordinator = "county_coordinator"
    admin = "admin"


class AreaLevel(StrEnum):
    county = "county"
    township = "township"
    village = "village"


class RecipientStatus(StrEnum):
    applying = "applying"  # 申请中
    registered = "registered"  # 在册
    suspended = "suspended"  # 暂停
    exited = "exited"  # 退出


class TeamRole(StrEnum):
    """Roles inside a recipient's care team (综合管理小组)."""

    guardian = "guardian"
    grid_worker = "grid_worker"
    disability_worker = "disability_worker"
    civil_affairs = "civil_affairs"
    doctor = "doctor"
    police = "police"
    social_worker = "social_worker"
    volunteer = "volunteer"


class ConsentKind(StrEnum):
    service_agreement = "service_agreement"  # 服务协议
    sensitive_information = "sensitive_information"  # 敏感个人信息处理 (PIPL Art. 29)
    followup_management = "followup_management"  # 随访管理
    # 参与志愿服务: a recipient in stable recovery volunteering (DOMAIN.md §3.11); its withdrawal ends their shifts
    volunteering = "volunteering"


class Area(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    parent_id: int | None = Field(default=None, foreign_key="area.id", index=True)
    level: str = Field(max_length=16)
    name: str = Field(max_length=64)
    code: str = Field(max_length=24, unique=True)
    # Materialised path "/1/4/17/": a scope covers every area whose path starts with its own.
    path: str = Field(default="", max_length=255, index=True)


class User(SQLModel, table=True):
    __tablename__ = "app_user"  # "user" is reserved in PostgreSQL

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=64)
    phone: str = Field(max_length=16, unique=True, index=True)
    password_hash: str = Field(max_length=255)
    active: bool = True
    lang: str = Field(default="zh-CN", max_length=8)
    created_at: datetime = Field(default_factory=clock.now, sa_column=utc_column())
    version: int = 1


class RoleAssignment(SQLModel, table=True):
    __tablename__ = "role_assignment"
    __table_args__ = (UniqueConstraint("user_id", "role", "area_id"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="app_user.id", index=True)
    role: str = Field(max_length=32)
    area_id: int = Field(foreign_key="area.id", index=True)
    created_at: datetime = Field(default_factory=clock.now, sa_column=utc_column())


class LoginSession(SQLModel, table=True):
    __tablename__ = "login_session"

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True, index=True)
    user_id: int = Field(foreign_key="app_user.id", index=True)
    created_at: datetime = Field(sa_column=utc_column())
    last_seen_at: datetime = Field(sa_column=utc_column())
    revoked_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    ip: str | None = Field(default=None, max_length=64)
    user_agent: str | None = Field(default=None, max_length=255)


class LoginAttempt(SQLModel, table=True):
    __tablename__ = "login_attempt"

    id: int | None = Field(default=None, primary_key=True)
    phone: str = Field(max_length=32, index=True)
    at: datetime = Field(sa_column=utc_column(index=True))
    success: bool
    ip: str | None = Field(default=None, max_length=64)


class Recipient(SQLModel, table=True):
    """服务对象 (DOMAIN.md §3.1)."""

    # The due-list reads a scope's recipients village by village and decides who is due, and in which order, from
    # this index alone (an index-only scan); it reads names for one page only.
    __table_args__ = (
        Index(
            "ix_recipient_due_list",
            "area_id",
            "status",
            "open_alert",
            "risk_level",
            "next_followup_date",
            "next_visit_date",
            "followup_withdrawn_on",
            "id",  # PostgreSQL's index-only scan needs it in the index (SQLite's rowid always is)
        ),
        # The dashboard counts an area's recipients (register, risk, overdue, 规范管理) from this index alone.
        Index(
            "ix_recipient_indicators",
            "area_id",
            "status",
            "created_at",
            "diagnosis",
            "risk_level",
            "next_followup_date",
            "followup_withdrawn_on",
            "followup_fourth_latest",
            "followup_long_gap_from",
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    client_id: str = Field(max_length=36, unique=True)
    area_id: int = Field(foreign_key="area.id", index=True)
    name: str = Field(max_length=32)
    name_initials: str = Field(default="", max_length=16, index=True)  # pinyin initials for search
    id_number: str = Field(max_length=18, unique=True)
    id_last4: str = Field(max_length=4, index=True)
    sex: str = Field(max_length=8)
    birth_date: date
    phone: str | None = Field(default=None, max_length=16)
    address: str = Field(default="", max_length=200)
    hukou_local: bool = True  # 户籍 in this county
    household_type: str = Field(default="rural", max_length=8)  # 户别: urban 城镇 / rural 农村
    diagnosis: str | None = Field(default=None, max_length=32)
    diagnosis_hospital: str | None = Field(default=None, max_length=100)
    diagnosis_date: date | None = None
    disability_level: int | None = None  # 残疾证 (精神) level 1–4
    economic_status: str = Field(default="unknown", max_length=16)  # poor / not_poor / unknown
    low_income: bool = False  # 低保
    extreme_poverty: bool = False  # 特困
    employment: int = 9  # 就业情况 code 1–9
    status: str = Field(default=RecipientStatus.registered, max_length=16, index=True)
    status_reason: str | None = Field(default=None, max_length=200)
    guardian_name: str | None = Field(default=None, max_length=32)
    guardian_relation: str | None = Field(default=None, max_length=16)
    guardian_phone: str | None = Field(default=None, max_length=16)
    guardian_address: str | None = Field(default=None, max_length=200)
    village_contact_name: str | None = Field(default=None, max_length=32)
    village_contact_phone: str | None = Field(default=None, max_length=16)
    risk_level: int | None = None  # latest 危险性评估, 0–5
    classification: str | None = Field(default=None, max_length=16)  # latest 随访分类
    last_followup_date: date | None = None
    # Two dates of the follow-up chain (rules/followup_chain.py, kept by services.followups.link_chain): 规范管理率
    # of a period that ends after the latest follow-up is read from the recipient rows alone.
    followup_fourth_latest: date | None = None
    followup_long_gap_from: date | None = None
    next_followup_date: date | None = Field(default=None, index=True)
    next_visit_date: date | None = Field(default=None, index=True)
    # An open 复发预警: such recipients come first on every due-list, so the flag is kept on the row.
    open_alert: bool = Field(default=False, index=True)
    # Consent to follow-up management withdrawn (DOMAIN.md §3.3): no longer due for follow-ups.
    followup_withdrawn_on: date | None = None
    serious_physical_illness: bool | None = None  # 严重躯体疾病或传染病 (入组评估); None until checked
    admitted_on: date | None = None
    admitted_by: int | None = Field(default=None, foreign_key="app_user.id")
    admission_reason: str | None = Field(default=None, max_length=200)  # admitted outside the rules
    created_by: int | None = Field(default=None, foreign_key="app_user.id")
    created_at: datetime = Field(default_factory=clock.now, sa_column=utc_column())
    updated_by: int | None = Field(default=None, foreign_key="app_user.id")
    updated_at: datetime = Field(default_factory=clock.now, sa_column=utc_column())
    version: int = 1


class CareTeamMember(SQLModel, table=True):
    """综合管理小组: a named user with a role on one recipient."""

    __tablename__ = "care_team_member"
    __table_args__ = (UniqueConstraint("recipient_id", "user_id", "team_role"),)

    id: int | None = Field(default=None, primary_key=True)
    recipient_id: int = Field(foreign_key="recipient.id", index=True)
    user_id: int = Field(foreign_key="app_user.id", index=True)
    team_role: str = Field(max_length=32)
    created_at: datetime = Field(default_factory=clock.now, sa_column=utc_column())


class ConsentRecord(SQLModel, table=True):
    """知情同意/服务协议 (DOMAIN.md §3.3)."""

    __tablename__ = "consent_record"

    id: int | None = Field(default=None, primary_key=True)
    client_id: str = Field(max_length=36, unique=True)
    recipient_id: int = Field(foreign_key="recipient.id", index=True)
    kind: str = Field(max_length=32)
    signed_by_recipient: bool = False
    signed_by_guardian: bool = False
    signed_on: date
    scope: str = Field(default="", max_length=500)
    withdrawn_on: date | None = None
    withdrawn_reason: str | None = Field(default=None, max_length=200)
    recorded_by: int = Field(foreign_key="app_user.id")
    created_at: datetime = Field(default_factory=clock.now, sa_column=utc_column())
    version: int = 1


class AuditLog(SQLModel, table=True):
    """审计日志: who read or changed what, when, from where. Written in the same transaction as the change."""

    __tablename__ = "audit_log"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(sa_column=utc_column(index=True))
    actor_id: int | None = Field(default=None, foreign_key="app_user.id", index=True)
    action: str = Field(max_length=48)
    entity: str = Field(max_length=32)
    entity_id: int | None = None
    recipient_id: int | None = Field(default=None, index=True)
    area_id: int | None = None
    ip: str | None = Field(default=None, max_length=64)
    detail: str = Field(default="", max_length=2000)
