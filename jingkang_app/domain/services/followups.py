"""Follow-ups (随访, DOMAIN.md §3.5, §5): recorded once per client id, classified and scheduled by the rules (the
worker may override with a reason), raising a relapse alert at risk ≥ 3 or on dangerous behaviour."""

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col, select, update

from jingkang_app.domain import audit, clock
from jingkang_app.domain.errors import NotFound, StaleVersion
from jingkang_app.domain.models import Followup, Recipient, RecipientStatus, RiskAlert
from jingkang_app.domain.permissions import Action, Actor
from jingkang_app.domain.rules import fields
from jingkang_app.domain.rules.followup_chain import chain_summary
from jingkang_app.domain.rules.followup_form import (
    SOCIAL_FUNCTIONS,
    findings_of,
    form_values,
    medication_values,
    read_followup,
)
from jingkang_app.domain.rules.followup_schedule import (
    Classification,
    check_choices,
    needs_alert,
    propose_classification,
    propose_next_date,
)
from jingkang_app.domain.services import alerts, idempotency
from jingkang_app.domain.services.recipients import recipient_for, registered_on


@dataclass(frozen=True)
class FollowupSaved:
    followup: Followup
    alert: RiskAlert | None
    repeat: bool  # the same client id was stored before: nothing new was written


def _recipient(session: Session, actor: Actor, recipient_id: object) -> Recipient:
    return recipient_for(session, actor, Action.followup_record, recipient_id)


def _alert_of(session: Session, followup: Followup) -> RiskAlert | None:
    return session.exec(
        select(RiskAlert).where(RiskAlert.source == "followup", RiskAlert.source_id == followup.id)
    ).first()


def _read(session: Session, data: dict, recipient: Recipient) -> dict:
    """Every column of the follow-up from the form, with the rules' proposal and the worker's choice; raises
    ValidationFailed with every field's error."""
    errors = fields.FieldErrors()
    values = read_followup(errors, data, today=clock.today(), registered_on=registered_on(recipient))
    outcome = values.pop("outcome")
    findings = findings_of(values | {"outcome": outcome})
    proposed = propose_classification(findings)
    chosen = fields.optional_choice(
        errors, data, "classification", {c.value for c in Classification}, proposed
    )
    followup_date = values["followup_date"]
    proposed_next = (
        propose_next_date(proposed, followup_date) if followup_date and outcome != "dead" else None
    )
    chosen_next = fields.local_date(errors, data, "next_followup_date", required=False) or proposed_next
    if outcome == "dead":
        chosen_next = None
    elif chosen_next and followup_date and chosen_next <= followup_date:
        errors.add("next_followup_date", "error.next_after_followup")
    reason = fields.text(errors, data, "override_reason", max_length=200, required=False)
    if proposed_next and chosen_next:
        for field, key in check_choices(
            proposed, Classification(chosen or proposed), proposed_next, chosen_next, reason
        ).items():
            errors.add(field, key)
    errors.raise_if_any()
    return values | {
        "proposed_classification": proposed,
        "classification": chosen,
        "proposed_next_date": proposed_next,
        "next_followup_date": chosen_next,
        "override_reason": reason,
        "_alert": needs_alert(findings),
        "_dead": outcome == "dead",
    }


def _update_recipient(session: Session, recipient: Recipient, followup: Followup, dead: bool) -> None:
    """The recipient row carries the latest follow-up's result, which the due-list and headers read."""
    if recipient.last_followup_date and followup.followup_date < recipient.last_followup_date:
        return
    recipient.last_followup_date = followup.followup_date
    recipient.classification = followup.classification
    if followup.risk_level is not None:
        recipient.risk_level = followup.risk_level
    recipient.next_followup_date = followup.next_followup_date
    if dead:
        recipient.status, recipient.status_reason = RecipientStatus.exited, "death"
    session.add(recipient)


def _raise_alert(
    session: Session, recipient: Recipient, followup: Followup, actor: Actor, raised_at: datetime
) -> RiskAlert:
    """The follow-up's relapse alert; raising it again (an edit) returns the one already open."""
    return alerts.raise_alert(
        session,
        recipient,
        source="followup",
        source_id=followup.id,
        risk_level=followup.risk_level,
        reason="",
        raised_at=raised_at,
        raised_by=actor.user_id,
    )


def record_followup(
    session: Session, actor: Actor, data: dict, *, captured_at: datetime | None = None
) -> FollowupSaved:
    recipient = _recipient(session, actor, data.get("recipient_id"))
    client_id = idempotency.client_id_of(data)
    existing = idempotency.stored_repeat(session, Followup, client_id, recipient.id)
    if existing:
        return FollowupSaved(existing, _alert_of(session, existing), repeat=True)
    errors = fields.FieldErrors()
    idempotency.check_client_id(errors, client_id)
    errors.raise_if_any()
    values = _read(session, data, recipient)
    raise_alert, dead = values.pop("_alert"), values.pop("_dead")
    followup = Followup(
        client_id=client_id,
        recipient_id=recipient.id,
        area_id=recipient.area_id,
        captured_at=captured_at,
        created_by=actor.user_id,
        **values,
    )
    stored = idempotency.insert_once(session, followup)
    if stored:
        return FollowupSaved(stored, _alert_of(session, stored), repeat=True)
    _update_recipient(session, recipient, followup, dead)
    link_chain(session, recipient)
    alert = (
        _raise_alert(session, recipient, followup, actor, captured_at or clock.now()) if raise_alert else None
    )
    audit.record(
        session,
        actor,
        "followup.record",
        "followup",
        followup.id,
        recipient_id=recipient.id,
        area_id=recipient.area_id,
        detail={"classification": followup.classification, "risk": followup.risk_level},
    )
    session.commit()
    return FollowupSaved(followup, alert, repeat=False)


def link_chain(session: Session, recipient: Recipient) -> None:
    """Keeps each of the recipient's follow-ups pointing at the one before it (by date, then id) with the days
    between them, and the recipient's chain summary, after one was added or its date corrected (规范管理率:
    rules/followup_chain.py)."""
    rows = session.exec(
        select(Followup.id, Followup.followup_date, Followup.previous_date, Followup.gap_days)
        .where(Followup.recipient_id == recipient.id)
        .order_by(Followup.followup_date, Followup.id)
    ).all()
    previous = None
    for followup_id, day, stored_previous, stored_gap in rows:
        gap = (day - previous).days if previous else None
        if (stored_previous, stored_gap) != (previous, gap):
            session.exec(
                update(Followup)
                .where(col(Followup.id) == followup_id)
                .values(previous_date=previous, gap_days=gap)
            )
        previous = day
    summary = chain_summary([day for _id, day, _previous, _gap in rows])
    recipient.followup_fourth_latest, recipient.followup_long_gap_from = (
        summary.fourth_latest,
        summary.long_gap_from,
    )
    session.add(recipient)


@dataclass(frozen=True)
class Proposal:
    classification: Classification
    next_followup_date: date | None
    alert: bool


def propose(session: Session, actor: Actor, data: dict) -> Proposal:
    """What the rules propose for a form being filled in (shown beside the override fields while online): the
    same reading and rules as record_followup, with unanswered or invalid answers read as blank."""
    recipient = _recipient(session, actor, data.get("recipient_id"))
    values = read_followup(
        fields.FieldErrors(), data, today=clock.today(), registered_on=registered_on(recipient)
    )
    findings = findings_of(values)
    proposed = propose_classification(findings)
    followup_date = values.get("followup_date") or clock.today()
    dead = values.get("outcome") == "dead"
    return Proposal(
        proposed, None if dead else propose_next_date(proposed, followup_date), needs_alert(findings)
    )


def find_saved(session: Session, actor: Actor, recipient_id: object, client_id: str) -> FollowupSaved | None:
    """The follow-up the device's outbox stored under ``client_id``, for the page to say what was saved."""
    recipient = _recipient(session, actor, recipient_id)
    stored = idempotency.stored_for(session, Followup, client_id, recipient.id)
    return FollowupSaved(stored, _alert_of(session, stored), repeat=True) if stored else None


# Columns an edit may change (the rest — ids, who and when, the version, the links kept by link_chain — never
# change by hand).
_FIXED = {
    *("id", "client_id", "recipient_id", "area_id", "captured_at", "created_by", "created_at"),
    *("previous_date", "gap_days"),
}
EDITABLE = tuple(
    name for name in Followup.model_fields if name not in _FIXED | {"updated_by", "updated_at", "version"}
)


def edit_followup(session: Session, actor: Actor, followup_id: int, data: dict) -> FollowupSaved:
    """Corrects a stored follow-up. An edit based on an older version is refused with what changed since, never
    silently overwriting someone else's correction; the audit trail keeps every version's changes."""
    followup = session.get(Followup, fields.whole_number(followup_id))
    if followup is None:
        raise NotFound()
    recipient = _recipient(session, actor, followup.recipient_id)
    client_id = idempotency.client_id_of(data)
    if audit.applied_by(session, "followup", followup.id, client_id):
        return FollowupSaved(followup, _alert_of(session, followup), repeat=True)
    base = fields.whole_number(data.get("version"))
    if base != followup.version:
        raise StaleVersion(
            field="version", changed=audit.changed_since(session, "followup", followup.id, base)
        )
    values = _read(session, data, recipient)
    raise_alert, dead = values.pop("_alert"), values.pop("_dead")
    changed = [name for name in EDITABLE if name in values and getattr(followup, name) != values[name]]
    for name in EDITABLE:
        if name in values:
            setattr(followup, name, values[name])
        elif name in {"lost_reason", "death_date", "death_cause", "death_disease", "risk_level"}:
            setattr(followup, name, None)
    followup.version += 1
    followup.updated_by, followup.updated_at = actor.user_id, clock.now()
    session.add(followup)
    session.flush()
    _update_recipient(session, recipient, followup, dead)
    link_chain(session, recipient)
    alert = (
        _raise_alert(session, recipient, followup, actor, clock.now())
        if raise_alert
        else _alert_of(session, followup)
    )
    audit.record(
        session,
        actor,
        "followup.edit",
        "followup",
        followup.id,
        recipient_id=recipient.id,
        area_id=recipient.area_id,
        detail={"version": followup.version, "changed": changed, "client_id": client_id},
    )
    session.commit()
    return FollowupSaved(followup, alert, repeat=False)


# What the next form starts from: the last follow-up's answers that rarely change between visits. The risk level
# and the dangerous behaviour are never carried over: they must be assessed each time.
_CARRIED = (
    "form",
    "insight",
    "sleep",
    "diet",
    *SOCIAL_FUNCTIONS,
    "lockup",
    "hospital",
    "adherence",
    "effect",
)


def form_defaults(session: Session, actor: Actor, recipient_id: int) -> dict:
    """Starting values for a new follow-up form (strings and lists, as a form holds them)."""
    recipient = _recipient(session, actor, recipient_id)
    defaults: dict = {
        "followup_date": clock.today().isoformat(),
        "outcome": "reached",
        "form": "2",
        "subjects": ["patient"],
        "doctor_name": actor.name,
        "adverse_reaction": "none",
    }
    last = session.exec(
        select(Followup)
        .where(Followup.recipient_id == recipient.id, Followup.death_date.is_(None))
        .order_by(Followup.followup_date.desc(), Followup.id.desc())
    ).first()
    if last is None:
        return defaults
    previous = form_values(last)
    defaults |= {name: previous[name] for name in _CARRIED if name in previous}
    defaults["subjects"] = list(last.subjects) or ["patient"]
    defaults["rehab_measures"] = list(last.rehab_measures)
    return defaults | medication_values(last.medications)


def edit_values(session: Session, actor: Actor, followup_id: object) -> tuple[Followup, dict]:
    """A stored follow-up and its form's starting values for a correction, with the version it is based on."""
    followup = session.get(Followup, fields.whole_number(followup_id))
    if followup is None:
        raise NotFound()
    _recipient(session, actor, followup.recipient_id)
    return followup, form_values(followup) | {
        "followup_id": str(followup.id),
        "version": str(followup.version),
    }
