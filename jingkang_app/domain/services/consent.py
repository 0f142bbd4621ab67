"""Consent and service agreements (知情同意/服务协议, DOMAIN.md §3.3)."""

from sqlmodel import Session, col, select

from jingkang_app.domain import audit, clock
from jingkang_app.domain.models import ConsentKind, ConsentRecord
from jingkang_app.domain.permissions import Action, Actor
from jingkang_app.domain.rules import fields
from jingkang_app.domain.services import consent_withdrawal, idempotency
from jingkang_app.domain.services.recipients import recipient_for

EARLIEST_SIGNING = 2000


def record_consent(session: Session, actor: Actor, data: dict) -> ConsentRecord:
    """Stores a signed consent; the same ``client_id`` sent twice is stored once and returns the first."""
    recipient = recipient_for(session, actor, Action.consent_record, data.get("recipient_id"))
    client_id = idempotency.client_id_of(data)
    existing = idempotency.stored_repeat(session, ConsentRecord, client_id, recipient.id)
    if existing:
        return existing
    errors = fields.FieldErrors()
    idempotency.check_client_id(errors, client_id)
    kind = fields.choice(errors, data, "kind", {k.value for k in ConsentKind})
    signed_on = fields.local_date(errors, data, "signed_on")
    if signed_on and signed_on > clock.today():
        errors.add("signed_on", "error.date_in_future")
    elif signed_on and signed_on.year < EARLIEST_SIGNING:
        errors.add("signed_on", "error.date_too_early")
    by_recipient = fields.flag(data, "signed_by_recipient")
    by_guardian = fields.flag(data, "signed_by_guardian")
    if not (by_recipient or by_guardian):
        errors.add("signed_by", "error.signer_required")
    scope = fields.text(errors, data, "scope", max_length=500, required=False)
    errors.raise_if_any()
    consent = ConsentRecord(
        client_id=client_id,
        recipient_id=recipient.id,
        kind=kind,
        signed_by_recipient=by_recipient,
        signed_by_guardian=by_guardian,
        signed_on=signed_on,
        scope=scope,
        recorded_by=actor.user_id,
    )
    stored = idempotency.insert_once(session, consent)
    if stored:
        return stored
    audit.record(
        session,
        actor,
        "consent.record",
        "consent",
        consent.id,
        recipient_id=recipient.id,
        area_id=recipient.area_id,
        detail={"kind": kind},
    )
    consent_withdrawal.followup_consent_restored(session, recipient, actor)
    session.commit()
    return consent


RECENT_CONSENTS = 20


def consents_of(
    session: Session, actor: Actor, recipient_id: object, limit: int = RECENT_CONSENTS
) -> list[ConsentRecord]:
    """The recipient's latest consents, withdrawn ones included, newest signing first: for those who record
    them. A page lists the recent ones; each change stays in the audit trail."""
    recipient = recipient_for(session, actor, Action.consent_record, recipient_id)
    return list(
        session.exec(
            select(ConsentRecord)
            .where(ConsentRecord.recipient_id == recipient.id)
            .order_by(col(ConsentRecord.signed_on).desc(), col(ConsentRecord.id).desc())
            .limit(limit)
        )
    )
