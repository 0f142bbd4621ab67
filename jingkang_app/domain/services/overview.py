"""The coordinator's area overview: recipients per sub-area, by status. Indicators build on it later."""

from dataclasses import dataclass

from sqlmodel import Session, case, col, func, select

from jingkang_app.domain.errors import PermissionDenied
from jingkang_app.domain.models import Area, Recipient, RecipientStatus
from jingkang_app.domain.permissions import Action, Actor, area_scope_paths


@dataclass(frozen=True)
class AreaCount:
    area_id: int
    name: str
    registered: int
    applying: int
    high_risk: int  # risk level ≥ 3 at the latest follow-up


@dataclass(frozen=True)
class Overview:
    area_name: str
    rows: tuple[AreaCount, ...]
    total: AreaCount


def area_overview(session: Session, actor: Actor) -> Overview:
    """Counts for the actor's widest coordinated area, one row per child area."""
    paths = sorted(area_scope_paths(actor, Action.area_overview), key=len)
    if not paths:
        raise PermissionDenied()
    top = session.exec(select(Area).where(Area.path == paths[0])).one()
    children = list(session.exec(select(Area).where(Area.parent_id == top.id).order_by(Area.code)))
    rows = tuple(_count(session, child) for child in children)
    return Overview(area_name=top.name, rows=rows, total=_count(session, top))


def _count(session: Session, area: Area) -> AreaCount:
    registered, applying, high_risk = session.exec(
        select(
            func.count(case((Recipient.status == RecipientStatus.registered, 1))),
            func.count(case((Recipient.status == RecipientStatus.applying, 1))),
            func.count(case((col(Recipient.risk_level) >= 3, 1))),
        )
        .join(Area, Area.id == Recipient.area_id)
        .where(col(Area.path).startswith(area.path))
    ).one()
    return AreaCount(area.id, area.name, registered, applying, high_risk)
