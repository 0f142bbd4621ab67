"""What the referral pages read besides the list itself (DOMAIN.md §3.7, §5): the open and ended groups of
statuses their tabs show, the late count of the overview's card (open referrals only), and the kinds and routes
the new-referral form offers each role. The clock stands on Monday 23 Nov 2026."""

from datetime import date

import pytest

from jingkang_app.domain.errors import PermissionDenied, ValidationFailed
from jingkang_app.domain.models import Role
from jingkang_app.domain.services import referral_filing, referral_queue, referrals
from jingkang_app.domain.services.referral_queue import ENDED, OPEN
from tests.factories import make_family, make_recipient_registered_on, referral_form, take_referral_step


@pytest.fixture
def recipient(session, world):
    return make_recipient_registered_on(session, world, date(2026, 11, 2))


def file(session, world, recipient, **overrides):
    form = referral_form(recipient, **overrides)
    return referrals.create_referral(session, world.actors[Role.grid_worker], form).referral


def closed_late(session, world, recipient):
    """Applied Fri 13 Nov (register by Fri 20 Nov), registered late today, then carried through to 结案."""
    referral = file(session, world, recipient, applied_on="2026-11-13")
    coordinator, social = world.actors[Role.township_coordinator], world.actors[Role.social_worker]
    for step in ("register", "refer"):
        referral = take_referral_step(session, coordinator, referral, step)
    for step in ("acknowledge", "assess", "provide", "review", "close"):
        referral = take_referral_step(session, social, referral, step)
    return referral


def test_the_late_count_counts_open_late_referrals_only(session, world, recipient):
    file(session, world, recipient, applied_on="2026-11-13")  # open, late since Mon 23 Nov
    file(session, world, recipient, applied_on="2026-11-16")  # due Mon 23 Nov: not late yet
    closed_late(session, world, recipient)
    assert referral_queue.late_count(session, world.actors[Role.township_coordinator]) == 1


def test_a_closed_referral_keeps_its_late_flag_under_the_ended_tab(session, world, recipient):
    closed = closed_late(session, world, recipient)
    open_one = file(session, world, recipient)
    coordinator = world.actors[Role.township_coordinator]
    ended, total = referral_queue.referral_list(session, coordinator, statuses=ENDED)
    assert ([(r.id, r.late, r.late_step) for r in ended], total) == ([(closed.id, True, "register")], 1)
    still_open, _ = referral_queue.referral_list(session, coordinator, statuses=OPEN)
    assert [r.id for r in still_open] == [open_one.id]


def test_a_returned_referral_is_ended_until_filed_again(session, world, recipient):
    referral = file(session, world, recipient)
    coordinator = world.actors[Role.township_coordinator]
    take_referral_step(session, coordinator, referral, "return", reason="缺少申请书")
    counts = [referral_queue.referral_count(session, coordinator, statuses=s) for s in (OPEN, ENDED)]
    assert counts == [0, 1]


def test_an_unknown_status_in_a_group_is_refused(session, world):
    with pytest.raises(ValidationFailed):
        referral_queue.referral_count(
            session, world.actors[Role.county_coordinator], statuses={"open", "lost"}
        )


@pytest.mark.parametrize(
    ("role", "kinds", "routes"),
    [
        (Role.grid_worker, ["rehab"], ["other"]),
        (Role.community_doctor, ["rehab", "hospital_up"], ["medical"]),
        (Role.social_worker, ["rehab", "employment", "aid"], ["other"]),
        (
            Role.county_coordinator,
            ["rehab", "hospital_up", "hospital_down", "employment", "aid"],
            ["personal", "medical", "other"],
        ),
    ],
)
def test_the_form_offers_each_role_the_kinds_and_routes_it_may_file(
    session, world, recipient, role, kinds, routes
):
    choices = referral_filing.filing_choices(session, world.actors[role], recipient.id)
    assert (choices.kinds, choices.routes, choices.today) == (kinds, routes, date(2026, 11, 23))


def test_a_family_applies_for_its_relative_on_the_personal_route_only(session, world):
    relative = make_family(session, world)
    choices = referral_filing.filing_choices(session, world.actor(session, Role.caregiver), relative.id)
    assert (choices.kinds, choices.routes) == (["rehab"], ["personal"])


@pytest.mark.parametrize("role", [Role.volunteer, Role.admin])
def test_those_who_work_no_referrals_are_offered_no_form(session, world, recipient, role):
    with pytest.raises(PermissionDenied):
        referral_filing.filing_choices(session, world.actors[role], recipient.id)
