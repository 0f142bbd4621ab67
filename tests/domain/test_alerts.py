"""Relapse alerts: escalation timing on a fake clock, taking and closing, stale versions."""

from datetime import timedelta

import pytest
from sqlmodel import select

from jingkang_app.domain import settings
from jingkang_app.domain.errors import PermissionDenied, StaleVersion
from jingkang_app.domain.models import Notification, Role
from jingkang_app.domain.services import alerts, followups
from tests.domain.test_followups import stable_form
from tests.factories import make_recipient


@pytest.fixture
def raised(session, world):
    recipient = make_recipient(session, world)
    saved = followups.record_followup(
        session, world.actors[Role.community_doctor], stable_form(recipient.id, risk_level="3")
    )
    return saved.alert


def told(session, world, role: Role) -> list[str]:
    user_id = world.users[role].id
    return [n.kind for n in session.exec(select(Notification).where(Notification.user_id == user_id)).all()]


def test_an_alert_untaken_for_24_hours_escalates_to_the_township_then_the_county(
    session, world, raised, fake_clock
):
    fake_clock.advance(hours=23, minutes=59)
    assert alerts.escalate_overdue(session) == 0
    fake_clock.advance(minutes=1)
    assert alerts.escalate_overdue(session) == 1
    session.refresh(raised)
    assert raised.escalation_level == 1
    assert told(session, world, Role.township_coordinator) == ["alert_raised", "alert_escalated"]
    assert told(session, world, Role.county_coordinator) == []
    fake_clock.advance(hours=24)
    assert alerts.escalate_overdue(session) == 1
    assert told(session, world, Role.county_coordinator) == ["alert_escalated"]
    fake_clock.advance(hours=48)
    assert alerts.escalate_overdue(session) == 0  # the county is the top


def test_a_county_setting_shortens_the_deadline(session, world, fake_clock):
    settings.put(session, world.county.id, "alert.take_within_hours", 2)
    session.commit()
    recipient = make_recipient(session, world)
    saved = followups.record_followup(
        session, world.actors[Role.community_doctor], stable_form(recipient.id, risk_level="5")
    )
    assert saved.alert.deadline_at == fake_clock.current + timedelta(hours=2)


def test_a_taken_alert_does_not_escalate(session, world, raised, fake_clock):
    alerts.take(session, world.actors[Role.community_doctor], raised.id, raised.version)
    fake_clock.advance(hours=30)
    assert alerts.escalate_overdue(session) == 0


def test_closing_the_last_open_alert_clears_the_recipient_flag(session, world, raised):
    from jingkang_app.domain.models import Recipient

    closed = alerts.close(
        session,
        world.actors[Role.township_coordinator],
        raised.id,
        {"outcome": "home_response", "note": "已上门，家属陪同就医", "version": raised.version},
    )
    assert (closed.status, closed.outcome) == ("closed", "home_response")
    assert session.get(Recipient, raised.recipient_id).open_alert is False


def test_taking_on_a_stale_version_is_refused(session, world, raised):
    alerts.take(session, world.actors[Role.community_doctor], raised.id, raised.version)
    with pytest.raises(StaleVersion) as refused:
        alerts.take(session, world.actors[Role.township_coordinator], raised.id, 1)
    assert refused.value.params["changed"] == ["status", "taken_by"]


def test_a_grid_worker_cannot_handle_an_alert(session, world, raised):
    with pytest.raises(PermissionDenied):
        alerts.take(session, world.actors[Role.grid_worker], raised.id, raised.version)


def test_the_coordinator_sees_the_open_alert_and_it_is_late_after_the_deadline(
    session, world, raised, fake_clock
):
    coordinator = world.actors[Role.township_coordinator]
    [view] = alerts.open_alerts(session, coordinator)
    assert (view.recipient_id, view.risk_level, view.late) == (raised.recipient_id, 3, False)
    fake_clock.advance(hours=25)
    assert alerts.open_alerts(session, coordinator)[0].late is True
    elsewhere = make_recipient(session, world, village=world.village_b)
    assert all(v.recipient_id != elsewhere.id for v in alerts.open_alerts(session, coordinator))
