"""积分 (DOMAIN.md §3.8, §3.11): volunteers earn points by verified hours, recipients by attended rehab sessions
(through the real rehab service); a coordinator redeems them; a balance never goes below zero, also under two
redemptions at once; every ledger line is traceable to its shift, session or redemption."""

import threading
import time
import uuid
from datetime import UTC, date, datetime

import pytest
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from jingkang_app.domain import settings
from jingkang_app.domain.clock import LOCAL_TZ
from jingkang_app.domain.db import get_engine
from jingkang_app.domain.errors import PermissionDenied, ValidationFailed
from jingkang_app.domain.models import AuditLog, PointsEntry, Role
from jingkang_app.domain.services import points, rehab_services, service_records, service_review
from tests.factories import (
    make_recipient_registered_on,
    make_shift,
    make_sign_up,
    make_volunteer,
    user_with_role,
)


def local(hour: int, minute: int = 0, day: int = 23) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=LOCAL_TZ).astimezone(UTC)


@pytest.fixture
def volunteer(session, world):
    return make_volunteer(session, world)


@pytest.fixture
def coordinator(world):
    return world.actors[Role.township_coordinator]


@pytest.fixture
def verified(session, world, fake_clock, volunteer, coordinator):
    """verify(start, checked_minutes) → a 2-hour shift from ``start``, checked in at its start, checked out
    ``checked_minutes`` later and verified, through the services."""

    def verify(start: datetime, checked_minutes: int = 120):
        sign_up = make_sign_up(session, world, make_shift(session, world, start), volunteer)
        fake_clock.current = start
        service_records.check_in(session, world.actors[Role.volunteer], sign_up.id, {})
        fake_clock.advance(minutes=checked_minutes)
        service_records.check_out(session, world.actors[Role.volunteer], sign_up.id, {})
        return service_review.verify_hours(session, coordinator, sign_up.id, {"version": 3})

    return verify


def redemption(volunteer, points_spent: int, **overrides) -> dict:
    return {
        "client_id": str(uuid.uuid4()),
        "volunteer_id": volunteer.id,
        "points": points_spent,
        "redemption": "毛巾一条",
    } | overrides


# --- earning ----------------------------------------------------------------------------------------------


def test_verified_hours_earn_points_tied_to_the_sign_up(session, world, volunteer, verified):
    record = verified(local(14), checked_minutes=120)
    ledger = points.volunteer_ledger(session, world.actors[Role.volunteer], volunteer.id)
    assert ledger.balance == 20  # 2 h × 10 per hour
    [line] = ledger.lines
    assert (line.source, line.points, line.shift_sign_up_id, line.shift_id) == (
        "shift",
        20,
        record.id,
        record.shift_id,
    )
    assert (line.shift_kind, line.shift_starts_at) == ("companion", local(14))


def test_the_countys_rate_per_hour_applies(session, world, volunteer, verified):
    settings.put(session, world.county.id, "volunteer.points_per_hour", 12)
    session.commit()
    verified(local(14), checked_minutes=95)  # 95 → 95 min (under the cap), × 12 / 60 = 19
    assert points.balance(session, volunteer_id=volunteer.id) == 19


def test_a_second_earning_for_the_same_sign_up_is_impossible(session, world, volunteer, verified):
    record = verified(local(14))
    session.add(
        PointsEntry(
            client_id=str(uuid.uuid4()),
            volunteer_id=volunteer.id,
            points=20,
            shift_sign_up_id=record.id,
            area_id=volunteer.area_id,
            created_by=world.users[Role.township_coordinator].id,
        )
    )
    with pytest.raises(IntegrityError):
        session.flush()
    session.rollback()


def test_recipients_earn_points_for_attended_rehab_sessions_only(session, world):
    came, missed = (
        make_recipient_registered_on(session, world, date(2026, 3, 1), name=name)
        for name in ("张建国", "王伟")
    )
    form = {
        "client_id": str(uuid.uuid4()),
        "service_date": "2026-11-20",
        "place": "site",
        "site_name": "城关镇康复站",
        "contents": ["life_skills"],
        "duration_minutes": "90",
        "attendees": [
            {"recipient_id": came.id, "attended": True},
            {"recipient_id": missed.id, "attended": False},
        ],
    }
    service = rehab_services.record_service(session, world.actors[Role.social_worker], form)
    rehab_services.record_service(session, world.actors[Role.social_worker], form)  # resent: stored once
    ledger = points.recipient_ledger(session, world.actors[Role.social_worker], came.id)
    [line] = ledger.lines
    attendance = rehab_services.attendance_of(session, service.id)[0]
    assert (ledger.balance, line.source, line.points) == (5, "rehab_session", 5)
    assert (line.rehab_attendance_id, line.rehab_service_id, line.service_date) == (
        attendance.id,
        service.id,
        date(2026, 11, 20),
    )
    assert points.balance(session, recipient_id=missed.id) == 0


def test_a_county_without_attendance_points_gives_none(session, world):
    settings.put(session, world.county.id, "rehab.points_per_session", 0)
    session.commit()
    recipient = make_recipient_registered_on(session, world, date(2026, 3, 1))
    form = {
        "client_id": str(uuid.uuid4()),
        "service_date": "2026-11-20",
        "place": "home",
        "contents": ["life_skills"],
        "duration_minutes": "60",
        "recipient_ids": [recipient.id],
    }
    rehab_services.record_service(session, world.actors[Role.social_worker], form)
    assert session.exec(select(PointsEntry)).all() == []


# --- redeeming --------------------------------------------------------------------------------------------


def test_a_redemption_lowers_the_balance_and_is_traceable(session, world, volunteer, coordinator, verified):
    verified(local(14))
    redeemed = points.redeem(session, coordinator, redemption(volunteer, 15))
    assert (redeemed.balance, redeemed.line.points, redeemed.line.source) == (5, -15, "redemption")
    assert (redeemed.line.redemption, redeemed.line.recorded_by) == ("毛巾一条", coordinator.name)
    ledger = points.volunteer_ledger(session, coordinator, volunteer.id)
    assert [(line.source, line.points) for line in ledger.lines] == [("redemption", -15), ("shift", 20)]
    assert session.exec(select(AuditLog).where(AuditLog.action == "points.redeem")).one().entity_id == (
        redeemed.line.id
    )


def test_redeeming_more_than_the_balance_is_refused_and_nothing_stored(
    session, volunteer, coordinator, verified
):
    verified(local(14))
    with pytest.raises(ValidationFailed) as refused:
        points.redeem(session, coordinator, redemption(volunteer, 21))
    assert refused.value.errors["points"].key == "error.points_insufficient"
    assert refused.value.errors["points"].params == {"balance": 20, "points": 21}
    assert points.balance(session, volunteer_id=volunteer.id) == 20


def test_a_resent_redemption_is_stored_once(session, volunteer, coordinator, verified):
    verified(local(14))
    form = redemption(volunteer, 10)
    first = points.redeem(session, coordinator, form)
    again = points.redeem(session, coordinator, form)
    assert (again.repeat, again.line.id, again.balance) == (True, first.line.id, 10)


@pytest.mark.parametrize(
    ("form", "field", "key"),
    [
        ({"points": 0}, "points", "error.points_amount"),
        ({"points": "abc"}, "points", "error.points_amount"),
        ({"redemption": ""}, "redemption", "error.required"),
        ({"recipient_id": 1}, "volunteer_id", "error.points_owner"),
    ],
)
def test_a_redemption_form_is_checked(session, volunteer, coordinator, form, field, key):
    with pytest.raises(ValidationFailed) as refused:
        points.redeem(session, coordinator, redemption(volunteer, 5) | form)
    assert refused.value.errors[field].key == key


def test_two_redemptions_at_once_cannot_overdraw(session, database_url, volunteer, coordinator, verified):
    """The first holds the ledger's lock (its owner row) while the second waits, then sees the first's line."""
    verified(local(14))  # 20 points
    outcome: dict = {}

    def second_redemption() -> None:
        with Session(get_engine(database_url), expire_on_commit=False) as other:
            try:
                points.redeem(other, coordinator, redemption(volunteer, 15))
                outcome["second"] = "stored"
            except ValidationFailed as refused:
                outcome["second"] = refused.errors["points"].key

    with Session(get_engine(database_url), expire_on_commit=False) as first:
        points.lock_ledger(first, volunteer)
        assert points.balance(first, volunteer_id=volunteer.id) == 20
        first.add(
            PointsEntry(
                client_id=str(uuid.uuid4()),
                volunteer_id=volunteer.id,
                points=-15,
                redemption="米一袋",
                area_id=volunteer.area_id,
                created_by=coordinator.user_id,
            )
        )
        first.flush()
        racer = threading.Thread(target=second_redemption)
        racer.start()
        time.sleep(0.5)  # the second is now waiting for the lock
        assert "second" not in outcome
        first.commit()
    racer.join(timeout=30)
    assert outcome["second"] == "error.points_insufficient"
    assert points.balance(session, volunteer_id=volunteer.id) == 5


# --- who may read and redeem ------------------------------------------------------------------------------


def test_a_volunteer_reads_their_own_ledger_but_not_anothers(session, world, volunteer):
    other = make_volunteer(
        session, world, user_with_role(session, world, Role.volunteer, world.village_a), n=2
    )
    assert points.volunteer_ledger(session, world.actors[Role.volunteer], volunteer.id).balance == 0
    with pytest.raises(PermissionDenied):
        points.volunteer_ledger(session, world.actors[Role.volunteer], other.id)


def test_a_volunteer_cannot_redeem_points(session, world, volunteer, verified):
    verified(local(14))
    with pytest.raises(PermissionDenied):
        points.redeem(session, world.actors[Role.volunteer], redemption(volunteer, 5))


def test_a_grid_worker_cannot_read_a_recipients_points(session, world):
    recipient = make_recipient_registered_on(session, world, date(2026, 3, 1))
    with pytest.raises(PermissionDenied):
        points.recipient_ledger(session, world.actors[Role.grid_worker], recipient.id)
