"""积分 (DOMAIN.md §3.8, §3.11, configurable): volunteers earn points per verified hour, recipients per attended rehab
session, and a coordinator redeems them for goods. Each line of a ledger points at what it came from — the
shift, the rehab session or the redemption — and a balance is the sum of its lines.

Earning happens inside the verification or the rehab record that causes it (same transaction); the unique
constraints on ``shift_sign_up_id`` and ``rehab_attendance_id`` make a second earning for the same service
impossible, whatever the callers do.

A balance never goes below zero, also under two redemptions at once. Reading the balance and then inserting
would let both pass, so a redemption first takes the ledger's lock with a no-op write on its owner's row

    UPDATE volunteer SET version = version WHERE id = :owner      (or recipient)

and only then reads the balance and inserts. On PostgreSQL the second redemption waits on that row lock until
the first commits, and its balance query (a new statement under READ COMMITTED) sees the first's line; on
SQLite the first write takes the database's write lock, so the second waits at its own first write and reads the
committed sum after it. The same code is right on both, without SELECT … FOR UPDATE (which SQLite lacks);
earning takes no lock, as it only raises a balance."""

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import update
from sqlmodel import Session, col, func, select

from jingkang_app.domain import audit, settings
from jingkang_app.domain.errors import FieldError, PermissionDenied, ValidationFailed
from jingkang_app.domain.models import (
    PointsEntry,
    Recipient,
    RehabAttendance,
    RehabService,
    ShiftSignUp,
    User,
    Volunteer,
    VolunteerShift,
)
from jingkang_app.domain.permissions import Action, Actor, can
from jingkang_app.domain.rules import fields
from jingkang_app.domain.rules import volunteer_hours as rules
from jingkang_app.domain.services import idempotency
from jingkang_app.domain.services.notifications import notify
from jingkang_app.domain.services.recipients import recipient_for, target_of
from jingkang_app.domain.services.volunteer_access import (
    SignUpContext,
    area_path_of,
    volunteer_for_reading,
    volunteer_to_manage,
)

MAX_REDEMPTION = 100_000
REDEMPTION_MAX = 100
LEDGER_MAX = 200


@dataclass(frozen=True)
class LedgerLine:
    """One line and what it came from: ``source`` is "shift", "rehab_session" or "redemption"."""

    id: int
    points: int
    source: str
    created_at: datetime
    recorded_by: str
    shift_sign_up_id: int | None
    shift_id: int | None
    shift_kind: str | None
    shift_starts_at: datetime | None
    rehab_attendance_id: int | None
    rehab_service_id: int | None
    service_date: date | None
    redemption: str


@dataclass(frozen=True)
class Ledger:
    balance: int
    lines: list[LedgerLine]  # newest first


@dataclass(frozen=True)
class Redeemed:
    line: LedgerLine
    balance: int
    repeat: bool


# --- earning (inside the caller's transaction) ----------------------------------------------------------------


def _new_entry(**values) -> PointsEntry:
    return PointsEntry(client_id=str(uuid.uuid4()), **values)


def earn_for_sign_up(
    session: Session, actor: Actor, context: SignUpContext, minutes: int
) -> PointsEntry | None:
    """Verified minutes × the county's points per hour (rounded down; none for 0 points)."""
    county = settings.county_id_of(context.area_path)
    points = rules.points_for(minutes, settings.get(session, county, "volunteer.points_per_hour"))
    if points <= 0:
        return None
    entry = _new_entry(
        volunteer_id=context.volunteer.id,
        points=points,
        shift_sign_up_id=context.sign_up.id,
        area_id=context.volunteer.area_id,
        created_by=actor.user_id,
    )
    session.add(entry)
    session.flush()
    return entry


def earn_for_attendance(session: Session, actor: Actor, attendance: RehabAttendance, area_id: int) -> None:
    """The county's points per attended session (none when the county sets 0, or the recipient did not come)."""
    if not attendance.attended:
        return
    points = settings.get(
        session, settings.county_id_of(area_path_of(session, area_id)), "rehab.points_per_session"
    )
    if points > 0:
        session.add(
            _new_entry(
                recipient_id=attendance.recipient_id,
                points=points,
                rehab_attendance_id=attendance.id,
                area_id=area_id,
                created_by=actor.user_id,
            )
        )


# --- reading --------------------------------------------------------------------------------------------------


def balance(session: Session, *, volunteer_id: int | None = None, recipient_id: int | None = None) -> int:
    """A volunteer's (given ``volunteer_id``) or a recipient's points: the sum of their ledger's lines."""
    owned = (
        PointsEntry.volunteer_id == volunteer_id
        if volunteer_id is not None
        else PointsEntry.recipient_id == recipient_id
    )
    return session.exec(select(func.coalesce(func.sum(PointsEntry.points), 0)).where(owned)).one()


def _source(entry: PointsEntry) -> str:
    if entry.shift_sign_up_id:
        return "shift"
    return "rehab_session" if entry.rehab_attendance_id else "redemption"


def _lines(session: Session, *conditions, limit: int = LEDGER_MAX) -> list[LedgerLine]:
    rows = session.exec(
        select(
            PointsEntry,
            User.name,
            VolunteerShift.id,
            VolunteerShift.kind,
            VolunteerShift.starts_at,
            RehabService.id,
            RehabService.service_date,
        )
        .join(User, User.id == PointsEntry.created_by)
        .outerjoin(ShiftSignUp, ShiftSignUp.id == PointsEntry.shift_sign_up_id)
        .outerjoin(VolunteerShift, VolunteerShift.id == ShiftSignUp.shift_id)
        .outerjoin(RehabAttendance, RehabAttendance.id == PointsEntry.rehab_attendance_id)
        .outerjoin(RehabService, RehabService.id == RehabAttendance.service_id)
        .where(*conditions)
        .order_by(col(PointsEntry.created_at).desc(), col(PointsEntry.id).desc())
        .limit(max(1, min(limit, LEDGER_MAX)))
    ).all()
    return [
        LedgerLine(
            id=entry.id,
            points=entry.points,
            source=_source(entry),
            created_at=entry.created_at,
            recorded_by=recorded_by,
            shift_sign_up_id=entry.shift_sign_up_id,
            shift_id=shift_id,
            shift_kind=shift_kind,
            shift_starts_at=starts_at,
            rehab_attendance_id=entry.rehab_attendance_id,
            rehab_service_id=service_id,
            service_date=service_date,
            redemption=entry.redemption,
        )
        for entry, recorded_by, shift_id, shift_kind, starts_at, service_id, service_date in rows
    ]


def volunteer_ledger(session: Session, actor: Actor, volunteer_id: object, limit: int = 50) -> Ledger:
    """The volunteer's own ledger, or one in a coordinator's area; newest lines first."""
    volunteer = volunteer_for_reading(session, actor, volunteer_id)
    return Ledger(
        balance(session, volunteer_id=volunteer.id),
        _lines(session, PointsEntry.volunteer_id == volunteer.id, limit=limit),
    )


def _recipient_reader(session: Session, actor: Actor, recipient_id: object) -> Recipient:
    """Care staff who see the recipient's rehab record, or the family on its care team."""
    recipient = recipient_for(session, actor, Action.recipient_view, recipient_id)
    target = target_of(session, recipient)
    if not (can(actor, Action.recipient_view_clinical, target) or can(actor, Action.family_view, target)):
        raise PermissionDenied()
    return recipient


def recipient_ledger(session: Session, actor: Actor, recipient_id: object, limit: int = 50) -> Ledger:
    recipient = _recipient_reader(session, actor, recipient_id)
    return Ledger(
        balance(session, recipient_id=recipient.id),
        _lines(session, PointsEntry.recipient_id == recipient.id, limit=limit),
    )


# --- redeeming ------------------------------------------------------------------------------------------------


def _read_owner(session: Session, actor: Actor, data: dict) -> tuple[str, Volunteer | Recipient]:
    """Exactly one of ``volunteer_id`` and ``recipient_id``, whom the coordinator manages."""
    given = [name for name in ("volunteer_id", "recipient_id") if data.get(name) not in (None, "")]
    if len(given) != 1:
        raise ValidationFailed({"volunteer_id": FieldError("error.points_owner")})
    if given == ["volunteer_id"]:
        return "volunteer_id", volunteer_to_manage(session, actor, data["volunteer_id"])
    return "recipient_id", recipient_for(session, actor, Action.volunteer_manage, data["recipient_id"])


def lock_ledger(session: Session, owner: Volunteer | Recipient) -> None:
    """Takes the ledger's lock until commit or rollback (see the module)."""
    model = type(owner)
    session.execute(
        update(model)
        .where(model.id == owner.id)
        .values(version=model.version)
        .execution_options(synchronize_session=False)
    )


def _read_points(errors: fields.FieldErrors, data: dict) -> int:
    raw = data.get("points")
    points = 0 if isinstance(raw, bool) else fields.whole_number(raw)
    if not 1 <= points <= MAX_REDEMPTION:
        errors.add("points", "error.points_amount", max=MAX_REDEMPTION)
    return points


def redeem(session: Session, actor: Actor, data: dict) -> Redeemed:
    """A coordinator records goods given for points; refused when the balance does not cover them. The same
    ``client_id`` sent again by the same coordinator returns the stored redemption."""
    owner_field, owner = _read_owner(session, actor, data)
    client_id = idempotency.client_id_of(data)
    existing = idempotency.stored_repeat(session, PointsEntry, client_id, actor.user_id, owner="created_by")
    if existing:
        return _redeemed(session, existing, repeat=True)
    errors = fields.FieldErrors()
    idempotency.check_client_id(errors, client_id)
    points = _read_points(errors, data)
    redemption = fields.text(errors, data, "redemption", max_length=REDEMPTION_MAX)
    errors.raise_if_any()
    lock_ledger(session, owner)
    held = balance(session, **{owner_field: owner.id})
    if held < points:
        session.rollback()
        raise ValidationFailed(
            {"points": FieldError("error.points_insufficient", {"balance": held, "points": points})}
        )
    entry = PointsEntry(
        client_id=client_id,
        points=-points,
        redemption=redemption,
        area_id=owner.area_id,
        created_by=actor.user_id,
        **{owner_field: owner.id},
    )
    stored = idempotency.insert_once(session, entry, owner="created_by")
    if stored:
        return _redeemed(session, stored, repeat=True)
    audit.record(
        session,
        actor,
        "points.redeem",
        "points_entry",
        entry.id,
        recipient_id=entry.recipient_id,
        area_id=entry.area_id,
        detail={owner_field: owner.id, "points": points, "redemption": redemption},
    )
    if isinstance(owner, Volunteer) and owner.user_id:
        notify(
            session,
            {owner.user_id},
            "points_redeemed",
            params={"points": points, "redemption": redemption, "balance": held - points},
            link="/volunteer",
            dedupe=f"points:{entry.id}",
        )
    session.commit()
    return _redeemed(session, entry, repeat=False)


def _redeemed(session: Session, entry: PointsEntry, *, repeat: bool) -> Redeemed:
    owner = (
        {"volunteer_id": entry.volunteer_id} if entry.volunteer_id else {"recipient_id": entry.recipient_id}
    )
    line = _lines(session, PointsEntry.id == entry.id)[0]
    return Redeemed(line, balance(session, **owner), repeat)
