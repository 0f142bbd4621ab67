"""Building blocks for the indicator tests: recipients registered on a past day, follow-ups and rehab sessions on
given days (through the services), and the dashboard as a county or township coordinator reads it. The fake
clock stands at 2026-11-23 10:00 in Shanghai; most tests read the period 2026-11."""

import uuid
from datetime import date

from sqlmodel import Session

from jingkang_app.domain.models import Area, Recipient, Referral, Role
from jingkang_app.domain.services import followups, indicators, rehab_services
from tests.domain.test_followups import stable_form
from tests.factories import World, make_recipient_registered_on

PERIOD = "2026-11"
LONG_AGO = date(2025, 1, 2)  # registration day of recipients whose history starts in 2025


def registered(session: Session, world: World, village: Area | None = None, day: date = LONG_AGO, **form):
    """A recipient of ``village`` (village A) registered on ``day``."""
    return make_recipient_registered_on(session, world, day, village=village or world.village_a, **form)


def followed_up(session: Session, world: World, recipient: Recipient, *days: date, **form) -> None:
    """A stable follow-up of ``recipient`` on each day, recorded by the county coordinator (who reaches both
    townships)."""
    for day in days:
        followups.record_followup(
            session,
            world.actors[Role.county_coordinator],
            stable_form(recipient.id, followup_date=day.isoformat(), **form),
        )


def rehab_session(
    session: Session,
    world: World,
    day: date,
    *attendees: Recipient,
    place: str = "site",
    attended: bool = True,
):
    """A rehab session on ``day`` for ``attendees``, recorded by the county coordinator."""
    return rehab_services.record_service(
        session,
        world.actors[Role.county_coordinator],
        {
            "client_id": str(uuid.uuid4()),
            "service_date": day.isoformat(),
            "place": place,
            "site_name": "城关镇康复站" if place == "site" else "",
            "contents": ["life_skills"],
            "duration_minutes": "60",
            "attendees": [{"recipient_id": r.id, "attended": attended} for r in attendees],
        },
    )


def dashboard(session: Session, world: World, area: Area | None = None, period: str = PERIOD, role=None):
    """The dashboard as the county coordinator (or ``role``) reads it for ``area`` (the county)."""
    actor = world.actor(session, role or Role.county_coordinator)
    return indicators.dashboard(session, actor, (area or world.county).id, period)


def set_status(session: Session, recipient: Recipient, status: str) -> None:
    """No service yet moves a recipient to 申请中 or 暂停: the row is set directly."""
    recipient.status = status
    session.add(recipient)
    session.commit()


def referral(
    session: Session, world: World, recipient: Recipient, kind: str, status: str, **dates
) -> Referral:
    """A referral row as the referral services leave it (they are written in parallel): kind, status and the
    step dates and deadlines given."""
    row = Referral(
        client_id=str(uuid.uuid4()),
        recipient_id=recipient.id,
        area_id=recipient.area_id,
        kind=kind,
        status=status,
        created_by=world.users[Role.township_coordinator].id,
        **dates,
    )
    session.add(row)
    session.commit()
    return row
