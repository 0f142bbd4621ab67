"""Follow-ups done, due and overdue, the risk distribution and relapse alerts on hand-built data (period 2026-11,
today 2026-11-23 on the fake clock). A stable follow-up schedules the next in three months, a risk 1–2 one in
two weeks; a follow-up at risk ≥ 3 raises an alert to be taken within 24 hours."""

from datetime import UTC, date, datetime

import pytest
from sqlmodel import select

from jingkang_app.domain.models import RecipientStatus, RiskAlert, Role
from jingkang_app.domain.services import alerts, followups, indicator_lists
from jingkang_app.domain.services.consent_withdrawal import withdraw_consent
from tests.domain.indicator_world import PERIOD, dashboard, followed_up, registered, set_status
from tests.domain.test_followups import stable_form
from tests.factories import sign_consent


def test_follow_ups_done_and_due_in_the_period(session, world):
    twice, short, later = (registered(session, world) for _ in range(3))
    followed_up(session, world, twice, date(2026, 8, 10), date(2026, 11, 12))  # the first schedules 11-10
    followed_up(session, world, short, date(2026, 10, 25), risk_level="1")  # 基本稳定: next on 11-08
    followed_up(session, world, later, date(2026, 9, 1))  # next on 12-01

    figure = dashboard(session, world).followups

    # Done: the 11-12 follow-up. Due: those scheduled for 11-10 and 11-08.
    assert (figure.done, figure.due) == (1, 2)


def test_overdue_now_counts_registered_recipients_past_their_next_date(session, world):
    overdue, on_time, withdrawn, suspended = (registered(session, world) for _ in range(4))
    for recipient in (overdue, withdrawn, suspended):
        followed_up(session, world, recipient, date(2026, 8, 1))  # next follow-up 11-01, passed
    followed_up(session, world, on_time, date(2026, 9, 1))  # next 12-01
    consent = sign_consent(session, world, withdrawn, "followup_management", "2026-09-01")
    withdraw_consent(
        session,
        world.actors[Role.grid_worker],
        consent.id,
        {"withdrawn_on": "2026-11-20", "reason": "本人不愿继续", "version": consent.version},
    )
    set_status(session, suspended, RecipientStatus.suspended)

    figure = dashboard(session, world).followups

    # `withdrawn` stopped follow-up management and `suspended` is not registered: one is overdue.
    assert figure.overdue_now == 1


def test_the_risk_distribution_counts_registered_recipients_by_latest_level(session, world):
    for level in ("0", "1", "3", "5"):
        followed_up(session, world, registered(session, world), date(2026, 11, 2), risk_level=level)
    registered(session, world)  # never assessed
    suspended = registered(session, world)
    followed_up(session, world, suspended, date(2026, 11, 2), risk_level="4")
    set_status(session, suspended, RecipientStatus.suspended)

    figure = dashboard(session, world).risk_distribution

    assert figure.levels == (1, 1, 0, 1, 0, 1)
    assert (figure.unknown, figure.high) == (1, 2)


def _alert_of(session, recipient) -> RiskAlert:
    return session.exec(select(RiskAlert).where(RiskAlert.recipient_id == recipient.id)).one()


@pytest.fixture
def alerted(session, world, fake_clock) -> dict[str, int]:
    """Recipient ids by the state of their relapse alert, 30 hours after the first were raised."""
    coordinator = world.actors[Role.county_coordinator]
    left, taken, october = (registered(session, world) for _ in range(3))
    followed_up(session, world, left, date(2026, 11, 23), risk_level="3")
    followed_up(session, world, taken, date(2026, 11, 23), risk_level="3")
    followups.record_followup(  # captured offline in October, synced today
        session,
        coordinator,
        stable_form(october.id, followup_date="2026-10-20", risk_level="3"),
        captured_at=datetime(2026, 10, 20, 2, 0, tzinfo=UTC),
    )
    fake_clock.advance(hours=30)  # every deadline so far (24 h from syncing) has passed
    late_take = _alert_of(session, taken)
    alerts.take(session, coordinator, late_take.id, late_take.version)
    fresh = registered(session, world)
    followed_up(session, world, fresh, date(2026, 11, 24), risk_level="3")
    return {"left": left.id, "taken": taken.id, "october": october.id, "fresh": fresh.id}


def test_alerts_raised_taken_late_open_and_late(session, world, alerted):
    figure = dashboard(session, world).alerts

    # Raised in November: left, taken and the fresh one (October's was raised when captured).
    assert (figure.raised, figure.taken_late) == (3, 1)
    # Not yet taken: left, October's and the fresh one; of those, left and October's are past 24 hours.
    assert (figure.open_now, figure.in_hand_now, figure.late_now) == (3, 1, 2)


def test_the_alert_lists_name_whose_alert_waits_and_whose_is_late(session, world, alerted):
    actor = world.actors[Role.township_coordinator]

    waiting = indicator_lists.recipients_behind(session, actor, None, PERIOD, "open_alerts")
    late = indicator_lists.recipients_behind(session, actor, None, PERIOD, "late_alerts")

    assert {r.id for r in waiting.items} == {alerted["left"], alerted["october"], alerted["fresh"]}
    # Oldest first: October's raising date leads.
    assert (waiting.items[0].id, waiting.items[0].date) == (alerted["october"], date(2026, 10, 20))
    assert {r.id for r in late.items} == {alerted["left"], alerted["october"]}
