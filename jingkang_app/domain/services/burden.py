"""The caregiver-burden check with the county's questions and threshold (rules/burden.py). Answers are kept only
on the respite request they come with; the check itself stores nothing."""

from dataclasses import dataclass

from sqlmodel import Session

from jingkang_app.domain import settings
from jingkang_app.domain.models import Area, Recipient
from jingkang_app.domain.permissions import Action, Actor
from jingkang_app.domain.rules import burden as rules
from jingkang_app.domain.rules import fields
from jingkang_app.domain.services.recipients import recipient_for


@dataclass(frozen=True)
class BurdenForm:
    questions: tuple[str, ...]
    respite_from: int


def form_of(session: Session, recipient: Recipient) -> BurdenForm:
    """The county's check for this recipient's family (the caller has authorised the recipient)."""
    county = settings.county_id_of(session.get(Area, recipient.area_id).path)
    return BurdenForm(
        rules.valid_questions(settings.get(session, county, "burden.questions")),
        settings.get(session, county, "burden.respite_from"),
    )


def answers_for(errors: fields.FieldErrors, form: BurdenForm, raw: object) -> dict[str, int]:
    try:
        return rules.read_answers(raw, form.questions)
    except rules.MissingAnswers:
        errors.add("burden_answers", "error.burden_incomplete")
        return {}
    except rules.InvalidAnswers:
        errors.add("burden_answers", "error.respite_burden_answers")
        return {}


def check_form(session: Session, actor: Actor, recipient_id: object) -> BurdenForm:
    return form_of(session, recipient_for(session, actor, Action.respite_request, recipient_id))


def assess(session: Session, actor: Actor, recipient_id: object, raw: object) -> rules.BurdenResult:
    """Scores a completed check; an incomplete one is refused beside the questions."""
    form = check_form(session, actor, recipient_id)
    errors = fields.FieldErrors()
    answers = answers_for(errors, form, raw)
    if not answers:
        errors.add("burden_answers", "error.burden_incomplete")
    errors.raise_if_any()
    return rules.assess(answers, form.questions, form.respite_from)
