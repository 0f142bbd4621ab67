"""The referral list (转介, DOMAIN.md §3.7, §5): the referrals an actor reaches — their area's, those sent to their
area, their care teams' — newest first, each with who holds it and whether a deadline step is late; filtered by
status (one, or a group: open or ended), kind, area and lateness (in SQL, so a county's list stays fast) and
paged; and the count of late open ones for the overview's card. Identity numbers are masked, and shown at all
only to those who may see them (DOMAIN.md §8)."""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, func, select

from jingkang_app.domain import clock
from jingkang_app.domain.errors import FieldError, NotFound, PermissionDenied, ValidationFailed
from jingkang_app.domain.models import Area, CareTeamMember, Recipient, Referral
from jingkang_app.domain.permissions import Action, Actor, Target, area_scope_paths, can, may_ever
from jingkang_app.domain.rules import fields
from jingkang_app.domain.rules.idcard import mask_id_number
from jingkang_app.domain.rules.referrals import ReferralKind, ReferralStatus
from jingkang_app.domain.services.referral_access import holders
from jingkang_app.domain.services.referral_deadlines import late_condition, late_steps_of

MAX_PAGE = 100
# Ended: nothing more to do unless its applicant files it again (退回) — everything else is still being worked.
ENDED = frozenset({ReferralStatus.closed.value, ReferralStatus.returned.value})
OPEN = frozenset(s.value for s in ReferralStatus) - ENDED


@dataclass(frozen=True)
class ReferralRow:
    id: int
    recipient_id: int
    recipient_name: str
    id_masked: str  # empty unless the reader may see identity numbers
    village: str
    kind: str
    route: str | None
    status: str
    receiver: str
    receiver_area_name: str
    applied_on: date | None
    register_by: date | None
    refer_by: date | None
    late: bool
    late_step: str | None  # the first late deadline step (初核登记 before 康复转介)
    holders: list[str]
    version: int


def _in_reach(actor: Actor):
    """Referrals whose own area or receiver area lies in the actor's scope, and those of the recipients on
    whose care team they are (as referral_access decides, read through indexes)."""
    ways_in = []
    paths = area_scope_paths(actor, Action.referral_work)
    if paths:
        areas = select(Area.id).where(or_(*[col(Area.path).startswith(p) for p in paths]))
        ways_in += [col(Referral.area_id).in_(areas), col(Referral.receiver_area_id).in_(areas)]
    teams = select(CareTeamMember.recipient_id).where(CareTeamMember.user_id == actor.user_id)
    ways_in.append(col(Referral.recipient_id).in_(teams))
    return or_(*ways_in)


def _filters(
    session: Session, actor: Actor, statuses: Collection[str], kind, late_only: bool, area_id
) -> list:
    if not may_ever(actor, Action.referral_work):
        raise PermissionDenied()
    conditions = [_in_reach(actor)]
    if statuses:
        if not set(statuses) <= {s.value for s in ReferralStatus}:
            raise ValidationFailed({"status": FieldError("error.invalid_choice")})
        conditions.append(col(Referral.status).in_(list(statuses)))
    if kind:
        if kind not in {k.value for k in ReferralKind}:
            raise ValidationFailed({"kind": FieldError("error.invalid_choice")})
        conditions.append(Referral.kind == kind)
    if late_only:
        conditions.append(late_condition(clock.today()))
    if area_id not in (None, ""):
        area = session.get(Area, fields.whole_number(area_id))
        if area is None:
            raise NotFound()
        conditions.append(
            col(Referral.area_id).in_(select(Area.id).where(col(Area.path).startswith(area.path)))
        )
    return conditions


def _statuses(status: str | None, statuses: Collection[str] | None) -> list[str]:
    return [*([status] if status else []), *(statuses or [])]


def referral_count(
    session: Session,
    actor: Actor,
    *,
    statuses: Collection[str] | None = None,
    kind: str | None = None,
    late_only: bool = False,
) -> int:
    """How many referrals the actor reaches with these filters (one COUNT: a tab's badge)."""
    conditions = _filters(session, actor, _statuses(None, statuses), kind, late_only, None)
    return session.exec(select(func.count()).select_from(Referral).where(*conditions)).one()


def late_count(session: Session, actor: Actor) -> int:
    """The open referrals with a late deadline step (the overview's card)."""
    return referral_count(session, actor, statuses=OPEN, late_only=True)


def _on_my_teams(session: Session, actor: Actor, recipient_ids: list[int]) -> set[int]:
    """Of these recipients, those on whose care team the actor is (the team grants what their roles may do)."""
    if not recipient_ids:
        return set()
    return set(
        session.exec(
            select(CareTeamMember.recipient_id).where(
                CareTeamMember.user_id == actor.user_id, col(CareTeamMember.recipient_id).in_(recipient_ids)
            )
        ).all()
    )


def referral_list(
    session: Session,
    actor: Actor,
    *,
    status: str | None = None,
    statuses: Collection[str] | None = None,
    kind: str | None = None,
    late_only: bool = False,
    area_id: object = None,
    offset: int = 0,
    limit: int = 20,
) -> tuple[list[ReferralRow], int]:
    """The referrals the actor reaches, newest first, with the total for paging. ``status`` and ``statuses``
    (e.g. OPEN) narrow them to those statuses; ``area_id`` to the recipients of that area (a township, a
    village); ``late_only`` to those with a late deadline step."""
    conditions = _filters(session, actor, _statuses(status, statuses), kind, late_only, area_id)
    total = session.exec(select(func.count()).select_from(Referral).where(*conditions)).one()
    village, receiver_area, home = aliased(Area), aliased(Area), aliased(Area)
    rows = session.exec(
        select(Referral, Recipient.name, Recipient.id_number, home.path, village.name, receiver_area.name)
        .join(Recipient, Recipient.id == Referral.recipient_id)
        .join(home, home.id == Recipient.area_id)
        .join(village, village.id == Referral.area_id)
        .outerjoin(receiver_area, receiver_area.id == Referral.receiver_area_id)
        .where(*conditions)
        .order_by(Referral.created_at.desc(), Referral.id.desc())
        .offset(max(0, offset))
        .limit(max(1, min(limit, MAX_PAGE)))
    ).all()
    today = clock.today()
    teams = _on_my_teams(session, actor, [referral.recipient_id for referral, *_ in rows])
    page = []
    for referral, name, id_number, home_path, village_name, receiver_name in rows:
        late = late_steps_of(referral, today)
        # As target_of decides for one recipient: their own area, and the actor if on their care team.
        target = Target(home_path, frozenset({actor.user_id} if referral.recipient_id in teams else ()))
        identity = can(actor, Action.recipient_view_identity, target)
        page.append(
            ReferralRow(
                id=referral.id,
                recipient_id=referral.recipient_id,
                recipient_name=name,
                id_masked=mask_id_number(id_number) if identity else "",
                village=village_name,
                kind=referral.kind,
                route=referral.route,
                status=referral.status,
                receiver=referral.receiver,
                receiver_area_name=receiver_name or "",
                applied_on=referral.applied_on,
                register_by=referral.register_by,
                refer_by=referral.refer_by,
                late=bool(late),
                late_step=late[0].value if late else None,
                holders=holders(referral.kind, referral.status),
                version=referral.version,
            )
        )
    return page, total
