"""Referral figures on hand-built rows (the referral services are written beside this; the rows carry the dates
and deadlines they would set). Period 2026-11, today 2026-11-23: a 精康转介 is late once today passes its
registration deadline while applied, or its referral deadline while registered, or when it was registered or
referred in the period after the deadline."""

from datetime import date

import pytest

from jingkang_app.domain.models import Role
from jingkang_app.domain.services import indicator_lists
from tests.domain.indicator_world import PERIOD, dashboard, referral, registered

D = date


@pytest.fixture
def referred(session, world) -> dict[str, int]:
    """Recipient id by the story of their referral."""
    stories = {
        "waiting_past_deadline": (
            "rehab",
            "applied",
            {"applied_on": D(2026, 11, 2), "register_by": D(2026, 11, 9)},
        ),
        "due_today": ("rehab", "applied", {"applied_on": D(2026, 11, 16), "register_by": D(2026, 11, 23)}),
        "not_referred_in_time": (
            "rehab",
            "registered",
            {
                "applied_on": D(2026, 10, 20),
                "register_by": D(2026, 10, 27),
                "registered_on": D(2026, 10, 28),  # late too, but in October
                "refer_by": D(2026, 11, 4),
            },
        ),
        "referred_late": (
            "rehab",
            "referred",
            {
                "applied_on": D(2026, 11, 2),
                "register_by": D(2026, 11, 9),
                "registered_on": D(2026, 11, 5),
                "refer_by": D(2026, 11, 12),
                "referred_on": D(2026, 11, 13),
            },
        ),
        "employment": ("employment", "initiated", {"applied_on": D(2026, 11, 10)}),
        "alert_draft": ("hospital_up", "draft", {}),
        "aid_closed": ("aid", "closed", {"applied_on": D(2026, 11, 3), "closed_on": D(2026, 11, 20)}),
    }
    ids = {}
    for story, (kind, status, dates) in stories.items():
        recipient = registered(session, world)
        referral(session, world, recipient, kind, status, **dates)
        ids[story] = recipient.id
    elsewhere = registered(session, world, world.village_b)
    referral(
        session, world, elsewhere, "rehab", "applied", applied_on=D(2026, 11, 2), register_by=D(2026, 11, 9)
    )
    ids["township_b"] = elsewhere.id
    return ids


def test_referrals_applied_in_the_period_by_kind_and_status(session, world, referred):
    figure = dashboard(session, world, world.township_a).referrals

    # Five submitted in November in township A (the draft was never submitted, one was applied in October).
    assert figure.applied == 5
    assert [(c.kind, c.status, c.count) for c in figure.by_kind_status] == [
        ("aid", "closed", 1),
        ("employment", "initiated", 1),
        ("rehab", "applied", 2),
        ("rehab", "referred", 1),
    ]
    assert figure.employment == 1


def test_open_and_late_referrals(session, world, referred):
    figure = dashboard(session, world, world.township_a).referrals

    # Open: all submitted but the closed one. Late now: waiting past its deadline and not referred in time;
    # taken late in November: referred late.
    assert (figure.open_now, figure.late_now, figure.taken_late, figure.late) == (5, 2, 1, 3)


def test_the_county_adds_the_other_townships_referrals(session, world, referred):
    figure = dashboard(session, world).referrals

    assert (figure.applied, figure.late) == (6, 4)


def test_the_late_referrals_list_names_their_recipients(session, world, referred):
    page = indicator_lists.recipients_behind(
        session, world.actors[Role.township_coordinator], world.township_a.id, PERIOD, "late_referrals"
    )

    expected = {referred[s] for s in ("waiting_past_deadline", "not_referred_in_time", "referred_late")}
    assert {row.id for row in page.items} == expected
    assert page.total == 3
