"""Who reaches a referral, from which side, and who holds it (转介, DOMAIN.md §3.7, rules/referrals.py).

A referral has two sides. The sending side is the recipient's: users whose scope covers the referral's area, and
the recipient's care team. The receiving side is the receiver area's (a township's rehab site; the county for
hospitals and for employment and aid offices, whose answers the county coordinator records): users whose scope
covers that area and, where it is wider than their own scope, those inside it who reach the recipient — the
community doctor records a 上转 patient's hospital stay and return. Steps belong to one side; 结案 and 退回 come from
either. A user takes a step when a scope of theirs reaching the step's side holds a role rules.referrals lets
take it; the handover pack is read only by those who may take a receiving step.
"""

from dataclasses import dataclass, replace

from sqlmodel import Session, select

from jingkang_app.domain.errors import NotFound, PermissionDenied
from jingkang_app.domain.models import Area, Recipient, Referral, Role, RoleAssignment, User
from jingkang_app.domain.permissions import Action, Actor, Target, roles_allowed
from jingkang_app.domain.rules import fields
from jingkang_app.domain.rules import referrals as rules
from jingkang_app.domain.rules.referrals import ReferralStep
from jingkang_app.domain.services.recipients import target_of

_S = ReferralStep
SENDING_STEPS = frozenset({_S.apply, _S.initiate, _S.register, _S.refer})
RECEIVING_STEPS = frozenset({_S.acknowledge, _S.assess, _S.provide, _S.review, _S.treat, _S.send_back})
WORK = Action.referral_work


def forward_steps(kind: str, status: str) -> list[ReferralStep]:
    """The steps that move the referral on from ``status`` (退回 sends it back instead)."""
    return [step for step in rules.steps_from(kind, status) if step is not ReferralStep.return_]


def holders(kind: str, status: str) -> list[str]:
    """The roles that may take the next forward step: who holds the referral now (none once closed)."""
    steps = forward_steps(kind, status)
    return [role.value for role in Role if any(rules.may_take(role, kind, step) for step in steps)]


@dataclass(frozen=True)
class ReferralReach:
    """One actor's reach on one referral: the roles their scopes give them on each side."""

    referral: Referral
    recipient: Recipient
    sending: frozenset[str]
    receiving: frozenset[str]

    def roles_for(self, step: str) -> frozenset[str]:
        if step in SENDING_STEPS:
            return self.sending
        if step in RECEIVING_STEPS:
            return self.receiving
        return self.sending | self.receiving

    def may_take(self, step: str) -> bool:
        """A role reaching the step's side may take it; filing a 精康转介 (again) also needs one filing on its
        application route."""
        kind, route = self.referral.kind, self.referral.route
        return any(
            rules.may_take(role, kind, step) and (step != ReferralStep.apply or rules.may_apply(role, route))
            for role in self.roles_for(step)
        )

    def next_steps(self) -> list[ReferralStep]:
        """The steps legal now that this actor may take (the buttons a page shows)."""
        return [s for s in rules.steps_from(self.referral.kind, self.referral.status) if self.may_take(s)]

    @property
    def reads_handover(self) -> bool:
        kind = self.referral.kind
        return any(rules.may_take(role, kind, step) for role in self.receiving for step in RECEIVING_STEPS)


def _path(session: Session, area_id: int | None) -> str | None:
    return session.exec(select(Area.path).where(Area.id == area_id)).first() if area_id else None


def reach_of(session: Session, actor: Actor, referral: Referral, recipient: Recipient) -> ReferralReach:
    own = target_of(session, recipient)
    referral_path = _path(session, referral.area_id)
    sending = roles_allowed(actor, WORK, Target(area_path=referral_path, team_user_ids=own.team_user_ids))
    receiving: set[Role] = set()
    receiver_path = _path(session, referral.receiver_area_id)
    if receiver_path:
        inside = replace(
            actor, scopes=tuple(s for s in actor.scopes if s.area_path.startswith(receiver_path))
        )
        receiving = roles_allowed(actor, WORK, Target(area_path=receiver_path)) | roles_allowed(
            inside, WORK, Target(area_path=referral_path)
        )
    return ReferralReach(referral, recipient, frozenset(sending), frozenset(receiving))


def referral_for(session: Session, actor: Actor, referral_id: object) -> ReferralReach:
    """The referral and the actor's reach on it, once they reach it from either side (else PermissionDenied)."""
    referral = session.get(Referral, fields.whole_number(referral_id))
    if referral is None:
        raise NotFound()
    reach = reach_of(session, actor, referral, session.get(Recipient, referral.recipient_id))
    if not (reach.sending or reach.receiving):
        raise PermissionDenied()
    return reach


def _ancestors(path: str) -> list[str]:
    """ "/1/4/17/" → the paths of the areas covering it: "/1/", "/1/4/", "/1/4/17/"."""
    parts = path.strip("/").split("/")
    return ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


def _side_paths(session: Session, referral: Referral, step: str) -> set[str]:
    """The areas whose users reach the step's side (as reach_of decides, without the care team)."""
    sending = _ancestors(_path(session, referral.area_id))
    receiver_path = _path(session, referral.receiver_area_id)
    receiving = set()
    if receiver_path:
        receiving = set(_ancestors(receiver_path)) | {p for p in sending if p.startswith(receiver_path)}
    if step in SENDING_STEPS:
        return set(sending)
    if step in RECEIVING_STEPS:
        return receiving
    return set(sending) | receiving


def staff_holding(session: Session, referral: Referral) -> set[int]:
    """The staff who may take the referral's next forward step where it now is (families are told through the
    care team's own notices, not by area)."""
    users: set[int] = set()
    for step in forward_steps(referral.kind, referral.status):
        roles = [r for r in Role if r is not Role.caregiver and rules.may_take(r, referral.kind, step)]
        paths = _side_paths(session, referral, step)
        if not roles or not paths:
            continue
        users |= set(
            session.exec(
                select(RoleAssignment.user_id)
                .join(Area, Area.id == RoleAssignment.area_id)
                .join(User, User.id == RoleAssignment.user_id)
                .where(RoleAssignment.role.in_(roles), Area.path.in_(paths), User.active)
            ).all()
        )
    return users
