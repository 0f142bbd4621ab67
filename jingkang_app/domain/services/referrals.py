"""Referrals (转介, DOMAIN.md §3.7, §5): filing one (a draft, or submitted at once) and taking its steps. Only the
legal transitions of rules/referrals.py, each by a role allowed to take it from the side it belongs to
(referral_access); 退回 with a reason; the registration and referral deadlines fixed in working days when their
clock starts; the handover pack built when it is sent. Every step is kept in the history (referral_step),
versioned, audited and told to whoever holds the referral next, in one commit."""

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from jingkang_app.domain import audit, clock, settings
from jingkang_app.domain.errors import FieldError, PermissionDenied, StaleVersion, ValidationFailed
from jingkang_app.domain.models import Area, AreaLevel, Recipient, Referral, ReferralStepTaken
from jingkang_app.domain.permissions import Action, Actor, roles_allowed
from jingkang_app.domain.rules import fields
from jingkang_app.domain.rules import referrals as rules
from jingkang_app.domain.rules.referrals import (
    FIRST_STEP,
    ApplicationRoute,
    ReferralKind,
    ReferralStatus,
    ReferralStep,
)
from jingkang_app.domain.services import idempotency
from jingkang_app.domain.services.notifications import notify
from jingkang_app.domain.services.recipients import recipient_for, registered_on, target_of
from jingkang_app.domain.services.referral_access import ReferralReach, referral_for, staff_holding
from jingkang_app.domain.services.referral_deadlines import fix_dates
from jingkang_app.domain.services.referral_handover import build_handover

REASON_MAX, RECEIVER_MAX, NOTE_MAX = 500, 100, 500
# The steps that send the referral to the receiving side, with the handover pack.
SENDS = frozenset({ReferralStep.refer, ReferralStep.initiate})
KINDS = frozenset(k.value for k in ReferralKind)
ROUTES = frozenset(r.value for r in ApplicationRoute)


@dataclass(frozen=True)
class ReferralSaved:
    referral: Referral
    repeat: bool


# --- the application: what is filed, and changed when a returned referral is filed again ----------------------


def _default_receiver_area(session: Session, recipient: Recipient, kind: str) -> int:
    """Hospitals are the county's; a rehab site, community care, employment and aid offices the township's."""
    path = session.get(Area, recipient.area_id).path
    parts = path.strip("/").split("/")
    return int(parts[0] if kind == ReferralKind.hospital_up else parts[1])


def _receiver_area(
    session: Session, errors: fields.FieldErrors, data: dict, recipient: Recipient, kind: str
) -> int | None:
    raw = data.get("receiver_area_id")
    if raw in (None, ""):
        return _default_receiver_area(session, recipient, kind) if kind in KINDS else None
    area = session.get(Area, fields.whole_number(raw))
    county = settings.county_id_of(session.get(Area, recipient.area_id).path)
    if area is None or area.level == AreaLevel.village or settings.county_id_of(area.path) != county:
        errors.add("receiver_area_id", "error.referral_receiver_area")
        return None
    return area.id


def _applied_on(errors: fields.FieldErrors, data: dict, recipient: Recipient) -> date | None:
    if not str(data.get("applied_on") or "").strip():
        return clock.today()
    return fields.recorded_date(
        errors, data, "applied_on", today=clock.today(), registered_on=registered_on(recipient)
    )


def _read_application(
    session: Session, errors: fields.FieldErrors, data: dict, recipient: Recipient, kind: str
) -> dict:
    return {
        "reason": fields.text(errors, data, "reason", max_length=REASON_MAX),
        "receiver": fields.text(errors, data, "receiver", max_length=RECEIVER_MAX),
        "receiver_area_id": _receiver_area(session, errors, data, recipient, kind),
        "applied_on": _applied_on(errors, data, recipient),
    }


# --- steps -----------------------------------------------------------------------------------------------


def _advance(
    session: Session, actor: Actor, referral: Referral, recipient: Recipient, step: ReferralStep, note: str
) -> None:
    """Moves the referral on by ``step`` (already checked): its dates, the handover pack when it is sent, the
    history row, the version, the audit entry and the notice to whoever holds it next. The caller commits."""
    from_status = referral.status
    referral.status = rules.next_status(referral.kind, from_status, step)
    changed = ["status", *fix_dates(session, referral, step)]
    if step is ReferralStep.return_:
        referral.return_reason = note
        changed.append("return_reason")
    if step in SENDS:
        referral.handover = build_handover(session, referral, recipient)
        changed.append("handover")
    elif step is FIRST_STEP[referral.kind]:
        referral.handover = {}  # filed again: a fresh pack goes with it when it is sent
        changed.append("handover")
    referral.version += 1
    referral.updated_by, referral.updated_at = actor.user_id, clock.now()
    session.add(referral)
    session.add(
        ReferralStepTaken(
            referral_id=referral.id,
            step=step,
            from_status=from_status,
            to_status=referral.status,
            note=note,
            taken_on=referral.applied_on if step is FIRST_STEP[referral.kind] else clock.today(),
            taken_by=actor.user_id,
        )
    )
    audit.record(
        session,
        actor,
        f"referral.{step}",
        "referral",
        referral.id,
        recipient_id=recipient.id,
        area_id=referral.area_id,
        detail={"version": referral.version, "changed": changed, "status": referral.status},
    )
    _tell_holders(session, actor, referral, recipient)


def _tell_holders(session: Session, actor: Actor, referral: Referral, recipient: Recipient) -> None:
    """The staff who hold the referral next; whoever filed it hears when it comes back (退回) or ends (结案)."""
    users = staff_holding(session, referral)
    if referral.status in (ReferralStatus.returned, ReferralStatus.closed):
        users = {referral.created_by}
    notify(
        session,
        users - {actor.user_id},
        f"referral_{referral.status}",
        params={"name": recipient.name, "receiver": referral.receiver, "reason": referral.return_reason},
        link=f"/referrals/{referral.id}",
        # A referral passes a status again after 退回 or another round of 服务提供: the version tells the rounds apart.
        dedupe=f"referral:{referral.id}:{referral.status}:{referral.version}",
    )


def _check_version(session: Session, referral: Referral, version: object) -> None:
    version = fields.whole_number(version)
    if version != referral.version:
        raise StaleVersion(
            field="version", changed=audit.changed_since(session, "referral", referral.id, version)
        )


def _legal_step(referral: Referral, data: dict) -> ReferralStep:
    step = str(data.get("step") or "").strip()
    try:
        rules.next_status(referral.kind, referral.status, step)
    except rules.IllegalTransition:
        key = f"error.referral_illegal_step.{referral.status}"
        raise ValidationFailed({"step": FieldError(key, {"status": referral.status})}) from None
    return ReferralStep(step)


def _step_note(errors: fields.FieldErrors, data: dict, step: ReferralStep) -> str:
    """退回 needs its reason (kept in the history as the step's note); any other step takes an optional note."""
    if step is not ReferralStep.return_:
        return fields.text(errors, data, "note", max_length=NOTE_MAX, required=False)
    try:
        return rules.return_reason(data.get("reason"))
    except ValueError:
        errors.add("reason", "error.referral_return_reason", max=rules.RETURN_REASON_MAX)
        return ""


def take_step(session: Session, actor: Actor, referral_id: object, data: dict) -> Referral:
    """One step (``data``: step, version, note; ``reason`` for 退回). Filing a draft or a returned referral again
    (its first step) may also change what was filed: reason, receiver, receiver_area_id, applied_on."""
    reach: ReferralReach = referral_for(session, actor, referral_id)
    referral, recipient = reach.referral, reach.recipient
    _check_version(session, referral, data.get("version"))
    step = _legal_step(referral, data)
    if not reach.may_take(step):
        raise PermissionDenied()
    errors = fields.FieldErrors()
    note = _step_note(errors, data, step)
    application = {}
    if step is FIRST_STEP[referral.kind]:
        filed = {"reason": referral.reason, "receiver": referral.receiver}
        filed |= {"receiver_area_id": referral.receiver_area_id} if referral.receiver_area_id else {}
        application = _read_application(session, errors, filed | data, recipient, referral.kind)
    errors.raise_if_any()
    for name, value in application.items():
        setattr(referral, name, value)
    _advance(session, actor, referral, recipient, step, note)
    session.commit()
    return referral


# --- filing ----------------------------------------------------------------------------------------------


def _check_roles(errors: fields.FieldErrors, roles: set, kind: str, data: dict) -> str | None:
    """The actor's roles on the recipient must file this kind (its first step) and, for 精康转介, on this route."""
    if kind in KINDS and not any(rules.may_take(r, kind, FIRST_STEP[kind]) for r in roles):
        raise PermissionDenied()
    if kind != ReferralKind.rehab:
        return None
    route = fields.choice(errors, data, "route", ROUTES)
    if route in ROUTES and not any(rules.may_apply(r, route) for r in roles):
        errors.add("route", "error.referral_route_not_allowed")
    return route


def create_referral(session: Session, actor: Actor, data: dict) -> ReferralSaved:
    """Files a referral as a draft, or (``submit``) takes its first step (提出申请/发起) at once. A repeat of the same
    ``client_id`` returns the stored referral."""
    recipient = recipient_for(session, actor, Action.referral_work, data.get("recipient_id"))
    client_id = idempotency.client_id_of(data)
    existing = idempotency.stored_repeat(session, Referral, client_id, recipient.id)
    if existing:
        return ReferralSaved(existing, repeat=True)
    errors = fields.FieldErrors()
    idempotency.check_client_id(errors, client_id)
    kind = fields.choice(errors, data, "kind", KINDS)
    roles = roles_allowed(actor, Action.referral_work, target_of(session, recipient))
    route = _check_roles(errors, roles, kind, data)
    application = _read_application(session, errors, data, recipient, kind)
    errors.raise_if_any()
    referral = Referral(
        client_id=client_id,
        recipient_id=recipient.id,
        area_id=recipient.area_id,
        kind=kind,
        route=route,
        status=ReferralStatus.draft,
        created_by=actor.user_id,
        **application,
    )
    stored = idempotency.insert_once(session, referral)
    if stored:
        return ReferralSaved(stored, repeat=True)
    audit.record(
        session,
        actor,
        "referral.create",
        "referral",
        referral.id,
        recipient_id=recipient.id,
        area_id=referral.area_id,
        detail={"kind": kind, "route": route, "receiver": referral.receiver},
    )
    if fields.flag(data, "submit"):
        _advance(session, actor, referral, recipient, FIRST_STEP[kind], "")
    session.commit()
    return ReferralSaved(referral, repeat=False)
