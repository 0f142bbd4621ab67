"""Home visits (入户走访, DOMAIN.md §3.4): what the visitor found, the satisfaction survey, the next visit, and a task
for each need found (aid, respite, referral) in the same transaction."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func
from sqlmodel import Session, select

from jingkang_app.domain import audit, clock, settings
from jingkang_app.domain.models import Area, CareTask, HomeVisit, TaskKind
from jingkang_app.domain.permissions import Action, Actor
from jingkang_app.domain.rules import fields
from jingkang_app.domain.services import idempotency
from jingkang_app.domain.services.recipients import recipient_for, registered_on

MET = ("recipient", "family", "other")
# 「病情」「诊治」「康复」「家庭情况」「救治救助」 as short structured choices.
CONDITION = ("stable", "fluctuating", "worse", "unknown")
TREATMENT = ("regular", "irregular", "none", "not_needed")
REHAB = ("attending", "at_home", "none")
FAMILY = ("good", "strained", "hardship")
AID = ("none", "needed", "receiving")
NEEDS = tuple(k.value for k in TaskKind)
SATISFACTION = ("satisfied", "basically", "unsatisfied")
CHOICES = {
    "condition": CONDITION,
    "treatment": TREATMENT,
    "rehab": REHAB,
    "family": FAMILY,
    "aid": AID,
    "satisfaction": SATISFACTION,
}


@dataclass(frozen=True)
class VisitSaved:
    visit: HomeVisit
    tasks: list[CareTask]
    repeat: bool


def record_visit(
    session: Session, actor: Actor, data: dict, *, captured_at: datetime | None = None
) -> VisitSaved:
    recipient = recipient_for(session, actor, Action.visit_record, data.get("recipient_id"))
    client_id = idempotency.client_id_of(data)
    existing = idempotency.stored_repeat(session, HomeVisit, client_id, recipient.id)
    if existing:
        return VisitSaved(existing, _tasks_of(session, existing), repeat=True)
    errors = fields.FieldErrors()
    idempotency.check_client_id(errors, client_id)
    visit_date = fields.recorded_date(
        errors, data, "visit_date", today=clock.today(), registered_on=registered_on(recipient)
    )
    met = fields.many(errors, data, "met", MET)
    if not met:
        errors.add("met", "error.required")
    chosen = {field: fields.choice(errors, data, field, set(allowed)) for field, allowed in CHOICES.items()}
    needs = fields.many(errors, data, "needs", NEEDS)
    companions = fields.text(errors, data, "companions", max_length=100, required=False)
    notes = fields.text(errors, data, "notes", max_length=1000, required=False)
    next_visit = fields.local_date(errors, data, "next_visit_date", required=False)
    if next_visit and visit_date and next_visit <= visit_date:
        errors.add("next_visit_date", "error.next_after_visit")
    errors.raise_if_any()
    if next_visit is None:
        county = settings.county_id_of(session.get(Area, recipient.area_id).path)
        next_visit = visit_date + timedelta(days=settings.get(session, county, "visit.interval_days"))
    visit = HomeVisit(
        client_id=client_id,
        recipient_id=recipient.id,
        area_id=recipient.area_id,
        captured_at=captured_at,
        created_by=actor.user_id,
        visit_date=visit_date,
        companions=companions,
        met=met,
        needs=needs,
        notes=notes,
        next_visit_date=next_visit,
        **chosen,
    )
    stored = idempotency.insert_once(session, visit)
    if stored:
        return VisitSaved(stored, _tasks_of(session, stored), repeat=True)
    tasks = [
        CareTask(
            recipient_id=recipient.id,
            area_id=recipient.area_id,
            kind=need,
            visit_id=visit.id,
            created_by=actor.user_id,
        )
        for need in needs
    ]
    session.add_all(tasks)
    latest = session.exec(
        select(func.max(HomeVisit.visit_date)).where(HomeVisit.recipient_id == recipient.id)
    ).one()
    if visit_date >= latest:  # a late-synced older visit does not move the schedule back
        recipient.next_visit_date = next_visit
        session.add(recipient)
    audit.record(
        session,
        actor,
        "visit.record",
        "home_visit",
        visit.id,
        recipient_id=recipient.id,
        area_id=recipient.area_id,
        detail={"needs": needs},
    )
    session.commit()
    return VisitSaved(visit, tasks, repeat=False)


def find_saved(session: Session, actor: Actor, recipient_id: object, client_id: str) -> VisitSaved | None:
    """The visit the device's outbox stored under ``client_id``, for the page to say what was saved."""
    recipient = recipient_for(session, actor, Action.visit_record, recipient_id)
    stored = idempotency.stored_for(session, HomeVisit, client_id, recipient.id)
    return VisitSaved(stored, _tasks_of(session, stored), repeat=True) if stored else None


def _tasks_of(session: Session, visit: HomeVisit) -> list[CareTask]:
    return list(
        session.exec(select(CareTask).where(CareTask.visit_id == visit.id).order_by(CareTask.id)).all()
    )
