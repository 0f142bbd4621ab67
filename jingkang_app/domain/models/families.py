"""Family support tables (DOMAIN.md §3.6, §3.9): respite requests (喘息服务申请) and the family's calls for help
(紧急求助)."""

from datetime import date, datetime

from sqlalchemy import JSON
from sqlmodel import Field

from jingkang_app.domain.models.care import Recorded
from jingkang_app.domain.models.types import UTCDateTime


class RespiteRequest(Recorded, table=True):
    """喘息服务申请: asked for by the caregiver (or staff for them), decided and arranged by a coordinator."""

    __tablename__ = "respite_request"

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=16)  # rules.respite.RespiteKind
    start_date: date = Field(index=True)
    end_date: date
    reason: str = Field(max_length=500)
    burden_answers: dict = Field(default_factory=dict, sa_type=JSON)  # question key → score 0–4
    status: str = Field(default="pending", max_length=16, index=True)  # rules.respite.RespiteStatus
    decided_by: int | None = Field(default=None, foreign_key="app_user.id")
    decided_at: datetime | None = Field(default=None, sa_type=UTCDateTime, nullable=True)
    decision_reason: str = Field(default="", max_length=500)  # a rejection's, or an over-quota approval's
    over_quota: bool = False
    carer: str = Field(default="", max_length=100)  # 居家喘息: who comes home
    place: str = Field(default="", max_length=100)  # 机构喘息: where the stay is
    arranged_by: int | None = Field(default=None, foreign_key="app_user.id")
    arranged_at: datetime | None = Field(default=None, sa_type=UTCDateTime, nullable=True)
    completed_at: datetime | None = Field(default=None, sa_type=UTCDateTime, nullable=True)
    rating: int | None = None  # 1–5
    comment: str = Field(default="", max_length=500)
    rated_at: datetime | None = Field(default=None, sa_type=UTCDateTime, nullable=True)
    cancelled_by: int | None = Field(default=None, foreign_key="app_user.id")
    cancelled_at: datetime | None = Field(default=None, sa_type=UTCDateTime, nullable=True)


class HelpRequest(Recorded, table=True):
    """紧急求助: what the family saw at home. It raises a relapse alert (source "caregiver", source_id this id), so a
    resent submission finds its alert through the client id and the family can follow who took it."""

    __tablename__ = "help_request"

    id: int | None = Field(default=None, primary_key=True)
    signs: list[str] = Field(default_factory=list, sa_type=JSON)  # services.help_request.SIGNS
    other_text: str = Field(default="", max_length=200)  # what "other" means, in the family's words
