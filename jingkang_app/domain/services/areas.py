"""The area tree: county → township → village/community."""

from sqlmodel import Session, select

from jingkang_app.domain.models import Area, AreaLevel

_CHILD_LEVEL = {
    None: AreaLevel.county,
    AreaLevel.county: AreaLevel.township,
    AreaLevel.township: AreaLevel.village,
}


def create_area(session: Session, name: str, code: str, parent: Area | None = None) -> Area:
    """Adds an area under ``parent`` (flushes, the caller commits). The level follows from the parent."""
    level = _CHILD_LEVEL.get(AreaLevel(parent.level) if parent else None)
    if level is None:
        raise ValueError("villages have no child areas")
    area = Area(name=name, code=code, level=level, parent_id=parent.id if parent else None)
    session.add(area)
    session.flush()
    area.path = f"{parent.path if parent else '/'}{area.id}/"
    session.flush()
    return area


def children(session: Session, area_id: int) -> list[Area]:
    return list(session.exec(select(Area).where(Area.parent_id == area_id).order_by(Area.code)))


def within(session: Session, path: str) -> list[Area]:
    """The area with this path and every area below it."""
    return list(session.exec(select(Area).where(Area.path.startswith(path)).order_by(Area.path)))


def get_by_code(session: Session, code: str) -> Area | None:
    return session.exec(select(Area).where(Area.code == code)).first()
