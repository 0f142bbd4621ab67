"""What the new-referral form offers (转介, DOMAIN.md §3.7): the kinds the actor may file for this recipient, and
for a 精康转介 the application routes their roles may file on — as create_referral will decide (which checks them
again), so the form never offers a choice the service refuses."""

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from jingkang_app.domain import clock
from jingkang_app.domain.errors import PermissionDenied
from jingkang_app.domain.permissions import Action, Actor, roles_allowed
from jingkang_app.domain.rules import referrals as rules
from jingkang_app.domain.rules.referrals import FIRST_STEP, ApplicationRoute, ReferralKind
from jingkang_app.domain.services.recipients import recipient_for, target_of


@dataclass(frozen=True)
class FilingChoices:
    recipient_id: int
    recipient_name: str
    kinds: list[str]  # ReferralKind values, in declaration order
    routes: list[str]  # ApplicationRoute values for a 精康转介 (empty when rehab is not among the kinds)
    today: date


def filing_choices(session: Session, actor: Actor, recipient_id: object) -> FilingChoices:
    """PermissionDenied when the actor may file no kind of referral for the recipient."""
    recipient = recipient_for(session, actor, Action.referral_work, recipient_id)
    roles = roles_allowed(actor, Action.referral_work, target_of(session, recipient))
    kinds = [k.value for k in ReferralKind if any(rules.may_take(r, k, FIRST_STEP[k]) for r in roles)]
    if not kinds:
        raise PermissionDenied()
    routes = [
        route.value
        for route in ApplicationRoute
        if ReferralKind.rehab in kinds and any(rules.may_apply(r, route) for r in roles)
    ]
    return FilingChoices(recipient.id, recipient.name, kinds, routes, clock.today())
