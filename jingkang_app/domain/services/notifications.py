"""In-app notifications (通知): what needs a user's attention, with an unread count for the navigation."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, update
from sqlmodel import Session, select

from jingkang_app.domain import clock
from jingkang_app.domain.models import Area, Notification, Role, RoleAssignment
from jingkang_app.domain.permissions import Actor
from jingkang_app.domain.rules import fields


def notify(session: Session, user_ids: set[int], kind: str, *, params: dict, link: str, dedupe: str) -> None:
    """Adds one notice per user, skipping users who already have this ``dedupe`` key (the caller commits)."""
    if not user_ids:
        return
    already = set(
        session.exec(
            select(Notification.user_id).where(
                Notification.user_id.in_(user_ids), Notification.dedupe == dedupe
            )
        ).all()
    )
    for user_id in sorted(user_ids - already):
        session.add(Notification(user_id=user_id, kind=kind, params=params, link=link, dedupe=dedupe))


def coordinators_over(session: Session, area_path: str, role: Role) -> set[int]:
    """Users holding ``role`` on an area that contains ``area_path`` (the township or county above a village)."""
    rows = session.exec(
        select(RoleAssignment.user_id, Area.path)
        .join(Area, Area.id == RoleAssignment.area_id)
        .where(RoleAssignment.role == role)
    ).all()
    return {user_id for user_id, path in rows if area_path.startswith(path)}


@dataclass(frozen=True)
class NotificationView:
    id: int
    kind: str
    params: dict
    link: str
    created_at: datetime
    read: bool


def unread_count(session: Session, actor: Actor) -> int:
    return session.exec(
        select(func.count())
        .select_from(Notification)
        .where(Notification.user_id == actor.user_id, Notification.read_at.is_(None))
    ).one()


def list_notifications(session: Session, actor: Actor, limit: int = 50) -> list[NotificationView]:
    rows = session.exec(
        select(Notification)
        .where(Notification.user_id == actor.user_id)
        .order_by(Notification.created_at.desc(), Notification.id.desc())
        .limit(limit)
    ).all()
    return [
        NotificationView(n.id, n.kind, n.params, n.link, n.created_at, n.read_at is not None) for n in rows
    ]


def mark_all_read(session: Session, actor: Actor) -> None:
    for notice in session.exec(
        select(Notification).where(Notification.user_id == actor.user_id, Notification.read_at.is_(None))
    ).all():
        notice.read_at = clock.now()
        session.add(notice)
    session.commit()


def mark_read(session: Session, actor: Actor, notification_id: object) -> None:
    """Marks one of the actor's own notices read (as it is opened); another user's id matches nothing."""
    session.execute(
        update(Notification)
        .where(
            Notification.id == fields.whole_number(notification_id),
            Notification.user_id == actor.user_id,
            Notification.read_at.is_(None),
        )
        .values(read_at=clock.now())
    )
    session.commit()
