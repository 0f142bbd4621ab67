"""Respite service (喘息服务, DOMAIN.md §3.9, §5): the family asks for days of relief, a coordinator of the area
approves (with a reason beyond the county's yearly quota) or rejects it, arranges the carer or place, and records
completion; the caregiver may cancel before it starts and rates it afterwards. Every step is versioned, audited
and told to the recipient's guardians."""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, select

from jingkang_app.domain import audit, clock, settings
from jingkang_app.domain.errors import FieldError, NotFound, StaleVersion, ValidationFailed
from jingkang_app.domain.models import Area, CareTeamMember, Recipient, RespiteRequest, TeamRole
from jingkang_app.domain.permissions import Action, Actor
from jingkang_app.domain.rules import fields
from jingkang_app.domain.rules import respite as rules
from jingkang_app.domain.rules.respite import RespiteKind, RespiteStatus, RespiteStep
from jingkang_app.domain.services import idempotency
from jingkang_app.domain.services.burden import answers_for, form_of
from jingkang_app.domain.services.notifications import notify
from jingkang_app.domain.services.recipients import recipient_for


@dataclass(frozen=True)
class RespiteSaved:
    request: RespiteRequest
    repeat: bool


@dataclass(frozen=True)
class QuotaView:
    year: int
    quota: int
    used: int
    left: int


# --- reading ----------------------------------------------------------------------------------------------


def quota_days(session: Session, recipient: Recipient) -> int:
    area_path = session.get(Area, recipient.area_id).path
    return settings.get(session, settings.county_id_of(area_path), "respite.quota_days")


def _holding(session: Session, recipient_id: int, statuses: frozenset[RespiteStatus]) -> list[RespiteRequest]:
    return list(
        session.exec(
            select(RespiteRequest).where(
                RespiteRequest.recipient_id == recipient_id, RespiteRequest.status.in_(statuses)
            )
        ).all()
    )


def used_days(session: Session, recipient_id: int, *, besides: int | None = None) -> Counter[int]:
    """Days per year of the recipient's approved (or later) requests, other than request ``besides``."""
    return rules.used_days(
        [
            (r.start_date, r.end_date)
            for r in _holding(session, recipient_id, rules.USING_QUOTA)
            if r.id != besides
        ]
    )


def quota_of(session: Session, actor: Actor, recipient_id: object, year: int | None = None) -> QuotaView:
    """Days used and left in ``year`` (this year by default) against the county's quota."""
    recipient = recipient_for(session, actor, Action.respite_request, recipient_id)
    year = year or clock.today().year
    quota = quota_days(session, recipient)
    used = used_days(session, recipient.id)
    return QuotaView(year, quota, used[year], rules.quota_left(used, year, quota))


def requests_of(session: Session, actor: Actor, recipient_id: object) -> list[RespiteRequest]:
    """One family's requests, newest dates first (only for those who may ask for that recipient)."""
    recipient = recipient_for(session, actor, Action.respite_request, recipient_id)
    return list(
        session.exec(
            select(RespiteRequest)
            .where(RespiteRequest.recipient_id == recipient.id)
            .order_by(RespiteRequest.start_date.desc(), RespiteRequest.id.desc())
        ).all()
    )


# --- asking -----------------------------------------------------------------------------------------------


def _read_dates(errors: fields.FieldErrors, data: dict) -> tuple[date | None, date | None]:
    start = fields.local_date(errors, data, "start_date")
    end = fields.local_date(errors, data, "end_date")
    if start and start < clock.today():
        errors.add("start_date", "error.respite_start_in_past")
    if start and end and end < start:
        errors.add("end_date", "error.respite_end_before_start")
    return start, end


def _check_overlap(
    session: Session, errors: fields.FieldErrors, recipient_id: int, start: date, end: date
) -> None:
    for other in _holding(session, recipient_id, rules.HOLDING):
        if rules.overlaps(start, end, other.start_date, other.end_date):
            errors.add(
                "start_date",
                "error.respite_overlaps",
                start=other.start_date.isoformat(),
                end=other.end_date.isoformat(),
            )
            return


def request_respite(
    session: Session, actor: Actor, data: dict, *, captured_at: datetime | None = None
) -> RespiteSaved:
    recipient = recipient_for(session, actor, Action.respite_request, data.get("recipient_id"))
    client_id = idempotency.client_id_of(data)
    existing = idempotency.stored_repeat(session, RespiteRequest, client_id, recipient.id)
    if existing:
        return RespiteSaved(existing, repeat=True)
    errors = fields.FieldErrors()
    idempotency.check_client_id(errors, client_id)
    kind = fields.choice(errors, data, "kind", {k.value for k in RespiteKind})
    start, end = _read_dates(errors, data)
    reason = fields.text(errors, data, "reason", max_length=500)
    burden = answers_for(errors, form_of(session, recipient), data.get("burden_answers"))
    if start and end and not errors.errors:
        _check_overlap(session, errors, recipient.id, start, end)
    errors.raise_if_any()
    request = RespiteRequest(
        client_id=client_id,
        recipient_id=recipient.id,
        area_id=recipient.area_id,
        captured_at=captured_at,
        created_by=actor.user_id,
        kind=kind,
        start_date=start,
        end_date=end,
        reason=reason,
        burden_answers=burden,
    )
    stored = idempotency.insert_once(session, request)
    if stored:
        return RespiteSaved(stored, repeat=True)
    audit.record(
        session,
        actor,
        "respite.request",
        "respite_request",
        request.id,
        recipient_id=recipient.id,
        area_id=recipient.area_id,
        detail={"kind": kind, "start": start, "end": end},
    )
    session.commit()
    return RespiteSaved(request, repeat=False)


# --- steps ------------------------------------------------------------------------------------------------


def _request_for(
    session: Session, actor: Actor, request_id: object, action: Action, version: object
) -> tuple[RespiteRequest, Recipient]:
    request = session.get(RespiteRequest, fields.whole_number(request_id))
    if request is None:
        raise NotFound()
    recipient = recipient_for(session, actor, action, request.recipient_id)
    version = fields.whole_number(version)
    if version != request.version:
        raise StaleVersion(
            field="version", changed=audit.changed_since(session, "respite_request", request.id, version)
        )
    return request, recipient


def _check_step(request: RespiteRequest, step: RespiteStep) -> None:
    try:
        rules.next_status(request.status, step)
    except rules.IllegalTransition:
        raise ValidationFailed(
            {"status": FieldError("error.respite_illegal_step", {"status": request.status})}
        ) from None


def _guardians(session: Session, recipient_id: int) -> set[int]:
    return set(
        session.exec(
            select(CareTeamMember.user_id).where(
                CareTeamMember.recipient_id == recipient_id, CareTeamMember.team_role == TeamRole.guardian
            )
        ).all()
    )


def _save(
    session: Session,
    actor: Actor,
    request: RespiteRequest,
    recipient: Recipient,
    step: RespiteStep,
    changed: list[str],
) -> RespiteRequest:
    """Moves the request to its next status, bumps the version, audits and tells the guardians, in one commit."""
    request.status = rules.next_status(request.status, step)
    request.version += 1
    request.updated_by, request.updated_at = actor.user_id, clock.now()
    session.add(request)
    audit.record(
        session,
        actor,
        f"respite.{step}",
        "respite_request",
        request.id,
        recipient_id=recipient.id,
        area_id=request.area_id,
        detail={"version": request.version, "changed": ["status", *changed]},
    )
    notify(
        session,
        _guardians(session, recipient.id) - {actor.user_id},
        f"respite_{request.status}",
        params={
            "name": recipient.name,
            "start": request.start_date.isoformat(),
            "end": request.end_date.isoformat(),
            "reason": request.decision_reason,
            "arrangement": request.carer or request.place,
        },
        link=f"/family/respite?rid={recipient.id}",  # only the guardians are told
        dedupe=f"respite:{request.id}:{request.status}",
    )
    session.commit()
    return request


def approve(session: Session, actor: Actor, request_id: object, data: dict) -> RespiteRequest:
    """Beyond the quota in any year the request touches, approval needs the coordinator's reason (§5)."""
    request, recipient = _request_for(session, actor, request_id, Action.respite_decide, data.get("version"))
    _check_step(request, RespiteStep.approve)
    errors = fields.FieldErrors()
    reason = fields.text(errors, data, "reason", max_length=500, required=False)
    wanted = rules.days_per_year(request.start_date, request.end_date)
    quota = quota_days(session, recipient)
    over = rules.over_quota_years(used_days(session, recipient.id, besides=request.id), wanted, quota)
    if over and not reason:
        errors.add("reason", "error.respite_over_quota_reason", quota=quota, over=sum(over.values()))
    errors.raise_if_any()
    request.decided_by, request.decided_at = actor.user_id, clock.now()
    request.decision_reason, request.over_quota = reason, bool(over)
    return _save(session, actor, request, recipient, RespiteStep.approve, ["decision_reason", "over_quota"])


def reject(session: Session, actor: Actor, request_id: object, data: dict) -> RespiteRequest:
    request, recipient = _request_for(session, actor, request_id, Action.respite_decide, data.get("version"))
    _check_step(request, RespiteStep.reject)
    errors = fields.FieldErrors()
    reason = fields.text(errors, data, "reason", max_length=500)
    errors.raise_if_any()
    request.decided_by, request.decided_at, request.decision_reason = actor.user_id, clock.now(), reason
    return _save(session, actor, request, recipient, RespiteStep.reject, ["decision_reason"])


def arrange(session: Session, actor: Actor, request_id: object, data: dict) -> RespiteRequest:
    """居家喘息 names the carer who comes home; 机构喘息 the place of the stay."""
    request, recipient = _request_for(session, actor, request_id, Action.respite_decide, data.get("version"))
    _check_step(request, RespiteStep.arrange)
    errors = fields.FieldErrors()
    field = "carer" if request.kind == RespiteKind.home else "place"
    value = fields.text(errors, data, field, max_length=100)
    errors.raise_if_any()
    setattr(request, field, value)
    request.arranged_by, request.arranged_at = actor.user_id, clock.now()
    return _save(session, actor, request, recipient, RespiteStep.arrange, [field])


def complete(session: Session, actor: Actor, request_id: object, data: dict) -> RespiteRequest:
    request, recipient = _request_for(session, actor, request_id, Action.respite_decide, data.get("version"))
    _check_step(request, RespiteStep.complete)
    if clock.today() < request.start_date:
        raise ValidationFailed({"status": FieldError("error.respite_not_started")})
    request.completed_at = clock.now()
    return _save(session, actor, request, recipient, RespiteStep.complete, [])


def rate(session: Session, actor: Actor, request_id: object, data: dict) -> RespiteRequest:
    request, recipient = _request_for(session, actor, request_id, Action.respite_request, data.get("version"))
    _check_step(request, RespiteStep.rate)
    errors = fields.FieldErrors()
    rating = fields.whole_number(data.get("rating"))
    if rating not in rules.RATINGS:
        errors.add("rating", "error.respite_rating")
    comment = fields.text(errors, data, "comment", max_length=500, required=False)
    errors.raise_if_any()
    request.rating, request.comment, request.rated_at = rating, comment, clock.now()
    return _save(session, actor, request, recipient, RespiteStep.rate, ["rating", "comment"])


def cancel(session: Session, actor: Actor, request_id: object, data: dict) -> RespiteRequest:
    """Only before the first day: once a carer has come or the stay has begun, it is completed instead."""
    request, recipient = _request_for(session, actor, request_id, Action.respite_request, data.get("version"))
    _check_step(request, RespiteStep.cancel)
    if clock.today() >= request.start_date:
        raise ValidationFailed({"status": FieldError("error.respite_already_started")})
    request.cancelled_by, request.cancelled_at = actor.user_id, clock.now()
    return _save(session, actor, request, recipient, RespiteStep.cancel, [])
