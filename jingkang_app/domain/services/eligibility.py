"""Eligibility screening (入组评估) from a recipient's own records, and admission 申请中 → 在册 (DOMAIN.md §3.2)."""

from dataclasses import dataclass

from sqlmodel import Session, col, select

from jingkang_app.domain import audit, clock, settings
from jingkang_app.domain.errors import FieldError, StaleVersion, ValidationFailed
from jingkang_app.domain.models import (
    ConsentKind,
    ConsentRecord,
    Followup,
    Recipient,
    RecipientStatus,
)
from jingkang_app.domain.permissions import Action, Actor, require
from jingkang_app.domain.rules import fields
from jingkang_app.domain.rules.eligibility import (
    Criterion,
    EligibilityFacts,
    EligibilityRules,
    eligible,
    lookback_start,
    screen,
)
from jingkang_app.domain.services.recipients import get_recipient, record_change, target_of

ADMISSION_REASON_MAX = 200


@dataclass(frozen=True)
class EligibilityView:
    recipient_id: int
    criteria: tuple[Criterion, ...]
    eligible: bool
    rules: EligibilityRules  # the county's, so labels can say "aged 18–60" as that county counts it

    def label_params(self) -> dict[str, int]:
        """Parameters of the criteria's catalogue labels (eligibility.age, eligibility.risk_history)."""
        return {
            "min_age": self.rules.min_age,
            "max_age": self.rules.max_age,
            "months": self.rules.lookback_months,
            "max_level": self.rules.max_risk_level,
        }


def _facts(session: Session, recipient: Recipient, rules: EligibilityRules) -> EligibilityFacts:
    today = clock.today()
    risk_levels = session.exec(
        select(Followup.risk_level).where(
            Followup.recipient_id == recipient.id,
            Followup.followup_date >= lookback_start(today, rules),
            Followup.followup_date <= today,
            col(Followup.risk_level).is_not(None),
        )
    ).all()
    # Recipient and guardian may sign one agreement together or one each.
    signatures = session.exec(
        select(ConsentRecord.signed_by_recipient, ConsentRecord.signed_by_guardian).where(
            ConsentRecord.recipient_id == recipient.id,
            ConsentRecord.kind == ConsentKind.service_agreement,
            col(ConsentRecord.withdrawn_on).is_(None),
        )
    ).all()
    return EligibilityFacts(
        today=today,
        hukou_local=recipient.hukou_local,
        birth_date=recipient.birth_date,
        disability_level=recipient.disability_level,
        diagnosis=recipient.diagnosis,
        serious_physical_illness=recipient.serious_physical_illness,
        risk_levels=tuple(risk_levels),
        signed_by_recipient=any(by_recipient for by_recipient, _ in signatures),
        signed_by_guardian=any(by_guardian for _, by_guardian in signatures),
    )


def _screen(session: Session, recipient: Recipient, area_path: str) -> EligibilityView:
    rules = settings.eligibility_rules(session, settings.county_id_of(area_path))
    criteria = screen(_facts(session, recipient, rules), rules)
    return EligibilityView(
        recipient_id=recipient.id, criteria=criteria, eligible=eligible(criteria), rules=rules
    )


def _verdicts(view: EligibilityView) -> dict[str, str]:
    return {c.key: c.verdict.value for c in view.criteria}


def screen_recipient(session: Session, actor: Actor, recipient_id: int) -> EligibilityView:
    """Which criteria are met, not met or still to be checked. The verdicts rest on diagnosis and risk, so
    only clinical roles see them, and every read is audited (DOMAIN.md §8)."""
    recipient = get_recipient(session, recipient_id)
    target = target_of(session, recipient)
    require(actor, Action.recipient_view_clinical, target)
    view = _screen(session, recipient, target.area_path)
    audit.record(
        session,
        actor,
        "recipient.screen",
        "recipient",
        recipient.id,
        recipient_id=recipient.id,
        area_id=recipient.area_id,
        detail={"criteria": _verdicts(view), "eligible": view.eligible},
    )
    session.commit()
    return view


def _check_version(session: Session, recipient: Recipient, version: int) -> None:
    if version != recipient.version:
        raise StaleVersion(changed=audit.changed_since(session, "recipient", recipient.id, version))


def admit(session: Session, actor: Actor, recipient_id: int, data: dict) -> Recipient:
    """申请中 → 在册. Inside the county's rules anyone who may update the recipient admits; outside them only a
    coordinator may, with a recorded reason. ``version``, when sent, must be the one the screen was read at."""
    recipient = get_recipient(session, recipient_id)
    target = target_of(session, recipient)
    require(actor, Action.recipient_update, target)
    if recipient.status != RecipientStatus.applying:
        raise ValidationFailed({"status": FieldError("error.not_applying")})
    if data.get("version") not in (None, ""):
        _check_version(session, recipient, fields.whole_number(data["version"]))
    view = _screen(session, recipient, target.area_path)
    reason = None
    if not view.eligible:
        require(actor, Action.recipient_admit, target)
        errors = fields.FieldErrors()
        reason = fields.text(errors, data, "reason", max_length=ADMISSION_REASON_MAX, required=False)
        if not reason:
            errors.add("reason", "error.admission_reason_required")
        errors.raise_if_any()
    recipient.status = RecipientStatus.registered
    recipient.admitted_on = clock.today()
    recipient.admitted_by = actor.user_id
    recipient.admission_reason = reason
    record_change(
        session,
        actor,
        recipient,
        "recipient.admit",
        ["status", "admitted_on", "admitted_by", "admission_reason"],
        criteria=_verdicts(view),
        eligible=view.eligible,
        reason=reason,
    )
    session.commit()
    return recipient


def set_physical_health(
    session: Session, actor: Actor, recipient_id: int, serious: bool | None, version: int
) -> Recipient:
    """Records 严重躯体疾病或传染病 for the screen: True, False, or None (not yet checked)."""
    recipient = get_recipient(session, recipient_id)
    target = target_of(session, recipient)
    require(actor, Action.recipient_view_clinical, target)
    require(actor, Action.recipient_update, target)
    if serious is not None and not isinstance(serious, bool):
        raise ValidationFailed({"serious_physical_illness": FieldError("error.invalid_choice")})
    _check_version(session, recipient, version)
    if recipient.serious_physical_illness is serious:
        return recipient
    recipient.serious_physical_illness = serious
    record_change(
        session,
        actor,
        recipient,
        "recipient.physical_health",
        ["serious_physical_illness"],
        serious_physical_illness=serious,
    )
    session.commit()
    return recipient
