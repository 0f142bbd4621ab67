"""Audit entries, added to the caller's session so they commit (or roll back) with the change itself."""

import json

from sqlmodel import Session, col, select

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


def changed_since(session: Session, entity: str, entity_id: int, version: int) -> list[str]:
    """Fields changed by the versioned writes after ``version``, oldest first, as their audit entries record
    them (``detail`` with "version" and "changed"); shown with a stale-version refusal."""
    changed: dict[str, None] = {}
    details = session.exec(
        select(AuditLog.detail)
        .where(
            AuditLog.entity == entity,
            AuditLog.entity_id == entity_id,
            col(AuditLog.detail).contains('"changed"'),
        )
        .order_by(AuditLog.id)
    ).all()
    for detail in details:
        entry = _loads(detail)
        if isinstance(entry.get("version"), int) and entry["version"] > version:
            changed.update(dict.fromkeys(entry.get("changed") or []))
    return list(changed)


def applied_by(session: Session, entity: str, entity_id: int, client_id: str) -> bool:
    """An edit sent under ``client_id`` was already applied to this record (its audit entry says so): a device
    that resends an edit whose acknowledgement it missed must not see its own edit as someone else's."""
    if not client_id:
        return False
    details = session.exec(
        select(AuditLog.detail).where(
            AuditLog.entity == entity,
            AuditLog.entity_id == entity_id,
            col(AuditLog.detail).contains(client_id),
        )
    ).all()
    return any(_loads(detail).get("client_id") == client_id for detail in details)


def _loads(detail: str) -> dict:
    try:
        entry = json.loads(detail)
    except ValueError:  # cut at the audit column's length
        return {}
    return entry if isinstance(entry, dict) else {}
