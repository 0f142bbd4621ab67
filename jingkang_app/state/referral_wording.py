"""How the referral pages word a referral's codes for the reader: its kind, status, steps, who holds it, and
which deadline step is late (catalogue keys of referrals_zh.py / _en.py, in the reader's language)."""

from datetime import date

from jingkang_app.domain.services.referral_views import step_label
from jingkang_app.state.base import AppState


def kind_text(state: AppState, kind: str) -> str:
    return state.tr(f"referral.kind.{kind}")


def status_text(state: AppState, status: str) -> str:
    return state.tr(f"referral.status.{status}")


def step_text(state: AppState, kind: str, step: str) -> str:
    return state.tr(step_label(kind, step))


def holders_text(state: AppState, roles: list[str]) -> str:
    """「乡镇(街道)管理员、县级管理员」; a closed referral is held by no one."""
    if not roles:
        return state.tr("referral.no_holders")
    return state.tr("timeline.separator").join(state.tr(f"role.{role}") for role in roles)


def late_text(state: AppState, kind: str, step: str | None) -> str:
    """「「初核登记」已逾期」, or "" when nothing is late."""
    return state.tr("referral.late_step", step=step_text(state, kind, step)) if step else ""


def day(value: date | None) -> str:
    return value.isoformat() if value else ""
