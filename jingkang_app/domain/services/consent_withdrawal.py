"""Withdrawing a consent (撤回同意, DOMAIN.md §3.3). Withdrawing consent to follow-up management stops follow-up
management; a new consent to it, signed on or after that day, resumes it."""

from datetime import date

from sqlmodel import Session, col, select

from jingkang_app.domain import audit, clock
from jingkang_app.domain.errors import FieldError, NotFound, StaleVersion, ValidationFailed
from jingkang_app.domain.models import ConsentKind, ConsentRecord, Recipient
from jingkang_app.domain.permissions import Action, Actor, require
from jingkang_app.domain.rules import fields
from jingkang_app.domain.services.recipients import record_change, target_of

WITHDRAWAL_REASON_MAX = 200


def _followup_consent_in_force(
    session: Session, recipient_id: int, *, signed_from: date | None = None, other_than: int | None = None
) -> bool:
    query = select(ConsentRecord.id).where(
        ConsentRecord.recipient_id == recipient_id,
        ConsentRecord.kind == ConsentKind.followup_management,
        col(ConsentRecord.withdrawn_on).is_(None),
    )
    if signed_from is not None:
        query = query.where(ConsentRecord.signed_on >= signed_from)
    if other_than is not None:
        query = query.where(ConsentRecord.id != other_than)
    return session.exec(query.limit(1)).first() is not None


def _read_withdrawal(session: Session, consent: ConsentRecord, data: dict) -> tuple[date, str]:
    errors = fields.FieldErrors()
    version = fields.whole_number(data.get("version"))
    if not version:
        errors.add("version", "error.required")
    elif version != consent.version:
        raise StaleVersion(changed=audit.changed_since(session, "consent", consent.id, version))
    withdrawn_on = fields.local_date(errors, data, "withdrawn_on")
    if withdrawn_on and withdrawn_on > clock.today():
        errors.add("withdrawn_on", "error.date_in_future")
    elif withdrawn_on and withdrawn_on < consent.signed_on:
        errors.add("withdrawn_on", "error.withdrawal_before_signing")
    reason = fields.text(errors, data, "reason", max_length=WITHDRAWAL_REASON_MAX)
    errors.raise_if_any()
    return withdrawn_on, reason


def withdraw_consent(session: Session, actor: Actor, consent_id: int, data: dict) -> ConsentRecord:
    """Records the withdrawal on the consent itself (it is never deleted)."""
    consent = session.get(ConsentRecord, consent_id)
    if consent is None:
        raise NotFound()
    recipient = session.get(Recipient, consent.recipient_id)
    require(actor, Action.consent_record, target_of(session, recipient))
    if consent.withdrawn_on is not None:
        raise ValidationFailed({"withdrawn_on": FieldError("error.already_withdrawn")})
    withdrawn_on, reason = _read_withdrawal(session, consent, data)
    # Another consent to follow-up management still in force keeps it going.
    stops_followup = (
        consent.kind == ConsentKind.followup_management
        and recipient.followup_withdrawn_on is None
        and not _followup_consent_in_force(session, recipient.id, other_than=consent.id)
    )
    consent.withdrawn_on = withdrawn_on
    consent.withdrawn_reason = reason
    consent.version += 1
    session.add(consent)
    audit.record(
        session,
        actor,
        "consent.withdraw",
        "consent",
        consent.id,
        recipient_id=recipient.id,
        area_id=recipient.area_id,
        detail={
            "kind": consent.kind,
            "withdrawn_on": withdrawn_on,
            "reason": reason,
            "followup_stopped": stops_followup,
            "version": consent.version,
            "changed": ["withdrawn_on", "withdrawn_reason"],
        },
    )
    if stops_followup:
        recipient.followup_withdrawn_on = withdrawn_on
        record_change(
            session,
            actor,
            recipient,
            "recipient.followup_withdrawn",
            ["followup_withdrawn_on"],
            consent_id=consent.id,
        )
    session.commit()
    return consent


def followup_consent_restored(session: Session, recipient: Recipient, actor: Actor | None = None) -> bool:
    """Resumes follow-up management when a consent to it, signed on or after the withdrawal, is in force.
    record_consent calls this after storing a consent, inside its transaction (the caller commits)."""
    withdrawn_on = recipient.followup_withdrawn_on
    if withdrawn_on is None or not _followup_consent_in_force(
        session, recipient.id, signed_from=withdrawn_on
    ):
        return False
    recipient.followup_withdrawn_on = None
    record_change(
        session, actor, recipient, "recipient.followup_restored", ["followup_withdrawn_on"], consent_id=None
    )
    return True
