"""A recipient's service records (服务记录) in one list: home visits, follow-ups, relapse alerts and rehab sessions,
newest first, ordered and paged in SQL so a long history is never loaded whole.

Least view (DOMAIN.md §8): a viewer without clinical access (grid worker, village cadre, caregiver) sees that a
record exists, its date, who recorded it and its non-clinical facts — never a risk level, a classification, the
condition or medication found on a visit, or what an alert's handling found. Rehab sessions are care information
(as rehab_services.services_for_recipient decides), so they are left out for such viewers altogether."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Date, literal_column, union_all
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement
from sqlmodel import Session, col, func, select

from jingkang_app.domain import audit, clock
from jingkang_app.domain.models import Followup, HomeVisit, RehabAttendance, RehabService, RiskAlert, User
from jingkang_app.domain.permissions import Action, Actor, can
from jingkang_app.domain.services.recipients import recipient_for, target_of

MAX_LIMIT = 100

Fact = tuple[str, str]  # (what, code), e.g. ("condition", "stable"); the page turns codes into words


@dataclass(frozen=True)
class _Viewer:
    recipient_id: int
    clinical: bool  # may see clinical detail on this recipient


@dataclass(frozen=True)
class TimelineEntry:
    kind: str  # visit / followup / alert / service
    record_id: int
    day: date  # the record's own date; an alert's is the local day it was raised
    recorded_by: str  # who recorded it; for an alert, the owner who handles it
    facts: tuple[Fact, ...]  # in display order, least view applied
    risk_level: int | None = None  # clinical viewers only


class local_date(FunctionElement):  # noqa: N801  (reads as the SQL function it compiles to)
    """The Asia/Shanghai calendar day of a UTC timestamp column, in SQL (China keeps no summer time)."""

    type = Date()
    inherit_cache = True


@compiles(local_date, "sqlite")
def _local_date_sqlite(element, compiler, **kw) -> str:
    return f"date({compiler.process(element.clauses, **kw)}, '+8 hours')"


@compiles(local_date, "postgresql")
def _local_date_postgresql(element, compiler, **kw) -> str:
    return f"CAST(({compiler.process(element.clauses, **kw)}) AT TIME ZONE 'Asia/Shanghai' AS DATE)"


def _keys(kind: str, record_id, day, at):
    return select(
        literal_column(f"'{kind}'").label("kind"), record_id.label("id"), day.label("day"), at.label("at")
    )


def _key_queries(viewer: _Viewer) -> list:
    """(kind, id, day, created-at) of every record of the recipient the viewer may see, one SELECT per table."""
    recipient_id = viewer.recipient_id
    queries = [
        _keys("visit", HomeVisit.id, HomeVisit.visit_date, HomeVisit.created_at).where(
            HomeVisit.recipient_id == recipient_id
        ),
        _keys("followup", Followup.id, Followup.followup_date, Followup.created_at).where(
            Followup.recipient_id == recipient_id
        ),
        _keys("alert", RiskAlert.id, local_date(RiskAlert.raised_at), RiskAlert.raised_at).where(
            RiskAlert.recipient_id == recipient_id
        ),
    ]
    if viewer.clinical:
        queries.append(
            _keys("service", RehabService.id, RehabService.service_date, RehabService.created_at)
            .join(RehabAttendance, RehabAttendance.service_id == RehabService.id)
            .where(RehabAttendance.recipient_id == recipient_id)
        )
    return queries


def _with_names(session: Session, model, user_id_column, ids: list[int]) -> list:
    """The records with these ids, each beside the name of the user in ``user_id_column``."""
    return session.exec(
        select(model, User.name).join(User, User.id == user_id_column).where(col(model.id).in_(ids))
    ).all()


def _visits(session: Session, ids: list[int], viewer: _Viewer) -> list[TimelineEntry]:
    entries = []
    for visit, by in _with_names(session, HomeVisit, HomeVisit.created_by, ids):
        seen = [("condition", visit.condition), ("treatment", visit.treatment)] if viewer.clinical else []
        needs = [("needs", need) for need in visit.needs]
        facts = (*seen, *needs, ("satisfaction", visit.satisfaction))
        entries.append(TimelineEntry("visit", visit.id, visit.visit_date, by, facts))
    return entries


def _followups(session: Session, ids: list[int], viewer: _Viewer) -> list[TimelineEntry]:
    entries = []
    for followup, by in _with_names(session, Followup, Followup.created_by, ids):
        facts: list[Fact] = [("form", str(followup.form))]
        if viewer.clinical:
            facts.append(("classification", followup.classification))
            if followup.adherence:
                facts.append(("adherence", followup.adherence))
        risk = followup.risk_level if viewer.clinical else None
        entries.append(TimelineEntry("followup", followup.id, followup.followup_date, by, tuple(facts), risk))
    return entries


def _alerts(session: Session, ids: list[int], viewer: _Viewer) -> list[TimelineEntry]:
    entries = []
    for alert, owner in _with_names(session, RiskAlert, RiskAlert.owner_id, ids):
        facts: list[Fact] = [("status", alert.status)]
        if viewer.clinical and alert.outcome:
            facts.append(("outcome", alert.outcome))
        day = alert.raised_at.astimezone(clock.LOCAL_TZ).date()
        risk = alert.risk_level if viewer.clinical else None
        entries.append(TimelineEntry("alert", alert.id, day, owner, tuple(facts), risk))
    return entries


def _services(session: Session, ids: list[int], viewer: _Viewer) -> list[TimelineEntry]:
    rows = session.exec(
        select(RehabService, RehabAttendance.attended, User.name)
        .join(RehabAttendance, RehabAttendance.service_id == RehabService.id)
        .join(User, User.id == RehabService.provider_id)
        .where(col(RehabService.id).in_(ids), RehabAttendance.recipient_id == viewer.recipient_id)
    )
    return [
        TimelineEntry(
            "service",
            service.id,
            service.service_date,
            by,
            (
                ("place", service.place),
                *(("content", content) for content in service.contents),
                ("attendance", "attended" if attended else "absent"),
            ),
        )
        for service, attended, by in rows
    ]


_LOADERS: dict[str, Callable[[Session, list[int], _Viewer], list[TimelineEntry]]] = {
    "visit": _visits,
    "followup": _followups,
    "alert": _alerts,
    "service": _services,
}


def timeline(
    session: Session, actor: Actor, recipient_id: object, offset: int = 0, limit: int = 20
) -> tuple[list[TimelineEntry], int]:
    """One page of the recipient's records, newest first (by the record's date, then when it was stored), and
    the total for paging. The read is audited, as every read of a recipient's care records is."""
    recipient = recipient_for(session, actor, Action.recipient_view, recipient_id)
    viewer = _Viewer(recipient.id, can(actor, Action.recipient_view_clinical, target_of(session, recipient)))
    keys = union_all(*_key_queries(viewer)).subquery()
    total = session.exec(select(func.count()).select_from(keys)).one()
    page = session.exec(
        select(keys.c.kind, keys.c.id)
        .order_by(keys.c.day.desc(), keys.c.at.desc(), keys.c.kind, keys.c.id.desc())
        .offset(max(0, offset))
        .limit(max(1, min(limit, MAX_LIMIT)))
    ).all()
    ids_by_kind: dict[str, list[int]] = {}
    for kind, record_id in page:
        ids_by_kind.setdefault(kind, []).append(record_id)
    loaded = {
        (entry.kind, entry.record_id): entry
        for kind, ids in ids_by_kind.items()
        for entry in _LOADERS[kind](session, ids, viewer)
    }
    audit.record(
        session,
        actor,
        "recipient.timeline",
        "recipient",
        recipient.id,
        recipient_id=recipient.id,
        area_id=recipient.area_id,
        detail={"clinical": viewer.clinical, "offset": offset, "rows": len(page)},
    )
    session.commit()
    return [loaded[(kind, record_id)] for kind, record_id in page], total
