"""Referrals (转介) in the demo county, through the real services, so the coordinator's list and dashboard have
something to show: a 精康转介 the grid worker filed two weeks ago that nobody has registered yet (late: 初核登记 is
due within 5 working days), one registered, referred and in service at the township's rehab station, and an
employment referral (就业转介) the social worker sent last week.

Deterministic client ids; steps only when the referral was new, so loading twice adds nothing.
"""

from sqlmodel import Session

from jingkang_app.demo_history import days_ago
from jingkang_app.domain.models import Recipient, Referral
from jingkang_app.domain.permissions import Actor
from jingkang_app.domain.services import referrals

STATION = "城关镇精康融合服务站"
LATE_DAYS_AGO, SERVED_DAYS_AGO, EMPLOYMENT_DAYS_AGO = 14, 30, 6


def _file(session: Session, actor: Actor, key: str, recipient: Recipient, **form) -> Referral | None:
    saved = referrals.create_referral(
        session,
        actor,
        {"client_id": f"demo-referral-{key}", "recipient_id": recipient.id, "submit": True} | form,
    )
    return None if saved.repeat else saved.referral


def _step(session: Session, actor: Actor, referral: Referral, step: str) -> None:
    referrals.take_step(session, actor, referral.id, {"step": step, "version": referral.version})


def load_demo_referrals(
    session: Session,
    *,
    grid_worker: Actor,
    social_worker: Actor,
    coordinator: Actor,
    recipients: list[Recipient],
) -> None:
    """``recipients``: three of the home village's, other than the demo family's relative."""
    late, served, worker = recipients[:3]
    with days_ago(LATE_DAYS_AGO):
        _file(
            session,
            grid_worker,
            "late",
            late,
            kind="rehab",
            route="other",
            reason="病情稳定一年，家属希望参加康复站的日间康复训练。",
            receiver=STATION,
        )
    with days_ago(SERVED_DAYS_AGO):
        referral = _file(
            session,
            social_worker,
            "served",
            served,
            kind="rehab",
            route="other",
            reason="生活自理能力下降，需要生活技能训练。",
            receiver=STATION,
        )
    if referral is not None:
        for days, actor, step in (
            (SERVED_DAYS_AGO - 2, coordinator, "register"),
            (SERVED_DAYS_AGO - 4, coordinator, "refer"),
            (SERVED_DAYS_AGO - 5, social_worker, "acknowledge"),
            (SERVED_DAYS_AGO - 8, social_worker, "assess"),
            (SERVED_DAYS_AGO - 10, social_worker, "provide"),
        ):
            with days_ago(days):
                _step(session, actor, referral, step)
    with days_ago(EMPLOYMENT_DAYS_AGO):
        _file(
            session,
            social_worker,
            "employment",
            worker,
            kind="employment",
            reason="康复良好，希望到辅助性就业机构工作。",
            receiver="县残联辅助性就业中心",
        )
