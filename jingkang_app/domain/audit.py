"""Audit entries, added to the caller's session so they commit (or roll back) with the change itself."""

import json

from sqlmodel import Session

from jingkang_app.domain import clock
from jingkang_app.domain.models import AuditLog
from jingkang_app.domain.permissions import Actor


def record(
    session: Session,
    actor: Actor | None,
    action: str,
    entity: str,
    entity_id: int | None = None,
    *,
    recipient_id: int | None = None,
    area_id: int | None = None,
    detail: dict | None = None,
    ip: str | None = None,
) -> None:
    session.add(
        AuditLog(
            at=clock.now(),
            actor_id=actor.user_id if actor else None,
            action=action,
            entity=entity,
            entity_id=entity_id,
            recipient_id=recipient_id,
            area_id=area_id,
            ip=ip or (actor.ip if actor else None),
            detail=json.dumps(detail, ensure_ascii=False, default=str)[:2000] if detail else "",
        )
    )
