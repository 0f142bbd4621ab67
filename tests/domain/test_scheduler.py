"""The in-app escalation job, one tick at a time on the fake clock (no sleeping)."""

import asyncio
import logging

from jingkang_app import scheduler
from jingkang_app.domain.models import RiskAlert, Role
from jingkang_app.domain.services import followups
from tests.domain.test_followups import stable_form
from tests.factories import make_recipient


def test_a_tick_escalates_an_alert_once_it_is_past_its_deadline(session, world, database_url, fake_clock):
    recipient = make_recipient(session, world)
    alert = followups.record_followup(
        session, world.actors[Role.community_doctor], stable_form(recipient.id, risk_level="3")
    ).alert
    fake_clock.advance(hours=23)
    assert scheduler.escalate_once(database_url) == 0
    fake_clock.advance(hours=1)
    assert scheduler.escalate_once(database_url) == 1
    assert scheduler.escalate_once(database_url) == 0  # a second worker's tick finds nothing left to claim
    session.expire_all()
    assert session.get(RiskAlert, alert.id).escalation_level == 1


def test_a_failing_tick_is_logged_and_does_not_end_the_loop(monkeypatch, caplog):
    def broken(url=None):
        raise RuntimeError("database is locked")

    monkeypatch.setattr(scheduler, "escalate_once", broken)
    with caplog.at_level(logging.ERROR, logger=scheduler.__name__):
        asyncio.run(scheduler.tick())  # returns instead of raising
    assert "Escalating overdue relapse alerts failed" in caplog.text
