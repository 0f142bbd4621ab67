"""Every legal transition of rules.referrals.TRANSITIONS through the service: taken by a role the rules allow, and
refused to every role they do not (DOMAIN.md §3.7). Each referral is brought to the status under test by the
shortest run of steps from a draft; all the world's users reach both sides (village A, township A, the county)."""

from collections import deque

import pytest
from sqlmodel import select

from jingkang_app.domain.errors import PermissionDenied
from jingkang_app.domain.models import ReferralStepTaken, Role
from jingkang_app.domain.rules.referrals import TRANSITIONS, may_apply, may_take
from jingkang_app.domain.services import referrals
from tests.factories import make_family, referral_form, take_referral_step

ROUTE = "other"  # 其他主体协助: the drafts below are filed on it
CASES = sorted(TRANSITIONS.items())


def allowed(role: Role, kind: str, step: str) -> bool:
    return may_take(role, kind, step) and (step != "apply" or may_apply(role, ROUTE))


def taker(kind: str, step: str) -> Role:
    return next(role for role in Role if allowed(role, kind, step))


def shortest_run(kind: str, status: str) -> list[str]:
    """The steps from a draft to ``status``, fewest first."""
    paths, queue = {"draft": []}, deque(["draft"])
    while queue:
        here = queue.popleft()
        for (k, frm, step), to in TRANSITIONS.items():
            if k == kind and frm == here and to not in paths:
                paths[to] = [*paths[here], step]
                queue.append(to)
    return paths[status]


def data_for(step: str) -> dict:
    return {"reason": "需要补充材料"} if step == "return" else {}


@pytest.fixture
def at_status(session, world):
    """A referral of the world's family (its guardian is the world's caregiver) brought to a status."""

    def bring(kind: str, status: str):
        recipient = make_family(session, world)
        form = referral_form(recipient, kind, submit=False, route=ROUTE, receiver="县级接收机构")
        referral = referrals.create_referral(session, world.actors[Role.county_coordinator], form).referral
        for step in shortest_run(kind, status):
            actor = world.actor(session, taker(kind, step))
            referral = take_referral_step(session, actor, referral, step, **data_for(step))
        return referral

    return bring


@pytest.mark.parametrize(("transition", "to"), CASES, ids=["-".join(t) for t, _ in CASES])
def test_an_allowed_role_takes_each_legal_step(session, world, at_status, transition, to):
    kind, status, step = transition
    referral = at_status(kind, status)
    role = taker(kind, step)
    referral = take_referral_step(session, world.actor(session, role), referral, step, **data_for(step))
    last = session.exec(select(ReferralStepTaken).order_by(ReferralStepTaken.id.desc())).first()
    assert (referral.status, last.step, last.from_status, last.to_status) == (to, step, status, to)
    assert last.taken_by == world.users[role].id


@pytest.mark.parametrize(("transition", "to"), CASES, ids=["-".join(t) for t, _ in CASES])
def test_every_other_role_is_refused_each_legal_step(session, world, at_status, transition, to):
    kind, status, step = transition
    referral = at_status(kind, status)
    refused = []
    for role in Role:
        if allowed(role, kind, step):
            continue
        try:
            take_referral_step(session, world.actor(session, role), referral, step, **data_for(step))
        except PermissionDenied:
            refused.append(role)
    assert refused == [role for role in Role if not allowed(role, kind, step)]
    assert session.get(type(referral), referral.id).status == status
