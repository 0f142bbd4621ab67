"""The family's page (DOMAIN.md §2, §8): their relative in plain words — who comes next and when, the care team to
call, the dates of recent visits and who made them, and the medicines the doctor recorded at the last follow-up
(the family gives them, so it sees names and doses). No diagnosis, risk level, classification or visit notes."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import literal, union_all
from sqlmodel import Session, select

from jingkang_app.domain import audit
from jingkang_app.domain.models import Area, Followup, HomeVisit, Recipient, TeamRole, User
from jingkang_app.domain.permissions import Action, Actor
from jingkang_app.domain.services.recipients import TeamMemberView, recipient_for, team_of, visible_filter

RECENT_VISITS = 3


@dataclass(frozen=True)
class RecentVisit:
    on: date
    kind: str  # "visit" (入户走访) or "followup" (随访)
    by: str  # the visitor's name


@dataclass(frozen=True)
class FamilyHome:
    recipient_id: int
    name: str
    village: str
    next_followup_date: date | None
    followup_by: str | None  # the team doctor, who comes for the follow-up
    next_visit_date: date | None
    visit_by: str | None  # the team grid worker, who makes the home visit
    team: tuple[TeamMemberView, ...]  # everyone but the family itself
    recent: tuple[RecentVisit, ...]
    medicines: tuple[dict, ...]  # Followup.medications of the latest follow-up that recorded any
    medicines_on: date | None


def relatives_of(session: Session, actor: Actor) -> list[int]:
    """The recipients whose family page the actor may open: a caregiver's own relatives."""
    return list(
        session.exec(
            select(Recipient.id).where(visible_filter(actor, Action.family_view)).order_by(Recipient.id)
        ).all()
    )


def _recent(session: Session, recipient_id: int) -> tuple[RecentVisit, ...]:
    visits = select(
        HomeVisit.visit_date.label("on"), literal("visit").label("kind"), User.name.label("by")
    ).join(User, User.id == HomeVisit.created_by)
    followups = (
        select(Followup.followup_date, literal("followup"), Followup.doctor_name)
        # 失访 and 死亡 records are not a visit the family received.
        .where(Followup.risk_level.is_not(None))
    )
    both = union_all(
        visits.where(HomeVisit.recipient_id == recipient_id),
        followups.where(Followup.recipient_id == recipient_id),
    ).subquery()
    rows = session.exec(
        select(both.c.on, both.c.kind, both.c.by).order_by(both.c.on.desc()).limit(RECENT_VISITS)
    )
    return tuple(RecentVisit(*row) for row in rows)


def latest_medicines(session: Session, recipient_id: int) -> tuple[tuple[dict, ...], date | None]:
    """The medicines of the latest follow-up that reached the patient, and its date (shown on the family's page,
    and sent with a referral's handover pack)."""
    latest = session.exec(
        select(Followup.medications, Followup.followup_date)
        .where(Followup.recipient_id == recipient_id, Followup.risk_level.is_not(None))
        .order_by(Followup.followup_date.desc(), Followup.id.desc())
        .limit(1)
    ).first()
    if not latest or not latest[0]:
        return (), None
    return tuple(latest[0]), latest[1]


def _first(team: tuple[TeamMemberView, ...], role: TeamRole) -> str | None:
    return next((m.name for m in team if m.team_role == role), None)


def family_home(session: Session, actor: Actor, recipient_id: object) -> FamilyHome:
    recipient = recipient_for(session, actor, Action.family_view, recipient_id)
    team = tuple(m for m in team_of(session, recipient.id) if m.team_role != TeamRole.guardian)
    medicines, medicines_on = latest_medicines(session, recipient.id)
    audit.record(
        session,
        actor,
        "family.view",
        "recipient",
        recipient.id,
        recipient_id=recipient.id,
        area_id=recipient.area_id,
    )
    session.commit()
    return FamilyHome(
        recipient_id=recipient.id,
        name=recipient.name,
        village=session.get(Area, recipient.area_id).name,
        next_followup_date=recipient.next_followup_date,
        followup_by=_first(team, TeamRole.doctor),
        next_visit_date=recipient.next_visit_date,
        visit_by=_first(team, TeamRole.grid_worker),
        team=team,
        recent=_recent(session, recipient.id),
        medicines=medicines,
        medicines_on=medicines_on,
    )
