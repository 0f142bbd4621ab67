"""志愿服务记录 (DOMAIN.md §3.11, §5): the volunteer checks in and out of their own sign-up within its windows, at the
server's time; a coordinator corrects the times with a reason, records no-shows, and verifies the service time —
once, never their own. Volunteers, shifts and sign-ups are rows made by tests/factories.py."""

from datetime import UTC, datetime

import pytest
from sqlmodel import select

from jingkang_app.domain.clock import LOCAL_TZ
from jingkang_app.domain.errors import PermissionDenied, StaleVersion, ValidationFailed
from jingkang_app.domain.models import AuditLog, Notification, PointsEntry, Role, ShiftSignUp
from jingkang_app.domain.services import auth, service_records, service_review
from tests.factories import make_shift, make_sign_up, make_volunteer, user_with_role


def local(hour: int, minute: int = 0, day: int = 23) -> datetime:
    """A moment of November 2026 by the Shanghai clock, in UTC (the fake clock starts on the 23rd at 10:00)."""
    return datetime(2026, 11, day, hour, minute, tzinfo=LOCAL_TZ).astimezone(UTC)


@pytest.fixture
def volunteer(session, world):
    return make_volunteer(session, world)


@pytest.fixture
def shift(session, world):
    """14:00–16:00 today."""
    return make_shift(session, world, local(14), hours=2)


@pytest.fixture
def sign_up(session, world, shift, volunteer):
    return make_sign_up(session, world, shift, volunteer)


@pytest.fixture
def me(world):
    return world.actors[Role.volunteer]


@pytest.fixture
def coordinator(world):
    return world.actors[Role.township_coordinator]


def refusal(exc: pytest.ExceptionInfo, field: str = "status") -> str:
    return exc.value.errors[field].key


def checked_out(session, fake_clock, me, sign_up, check_in: datetime, check_out: datetime):
    fake_clock.current = check_in
    service_records.check_in(session, me, sign_up.id, {})
    fake_clock.current = check_out
    return service_records.check_out(session, me, sign_up.id, {})


# --- check-in ---------------------------------------------------------------------------------------------


def test_the_volunteer_checks_in_from_an_hour_before_the_start_at_the_servers_time(
    session, fake_clock, me, sign_up
):
    fake_clock.current = local(13)
    record = service_records.check_in(session, me, sign_up.id, {})
    assert (record.status, record.check_in_at, record.version) == ("checked_in", local(13), 2)
    entry = session.exec(select(AuditLog).where(AuditLog.action == "volunteer.check_in")).one()
    assert (entry.entity, entry.entity_id) == ("shift_sign_up", sign_up.id)


@pytest.mark.parametrize(
    ("moment", "key"),
    [
        (local(12, 59), "error.service_check_in_not_open"),
        (local(16, 1), "error.service_check_in_closed"),
    ],
)
def test_check_in_outside_its_window_is_refused_and_nothing_changes(
    session, fake_clock, me, sign_up, moment, key
):
    fake_clock.current = moment
    with pytest.raises(ValidationFailed) as refused:
        service_records.check_in(session, me, sign_up.id, {})
    assert refusal(refused) == key
    session.refresh(sign_up)
    assert (sign_up.status, sign_up.check_in_at) == ("signed_up", None)


def test_a_volunteer_cannot_check_in_on_another_volunteers_sign_up(session, world, fake_clock, shift):
    other_user = user_with_role(session, world, Role.volunteer, world.village_a, n=1)
    others = make_sign_up(session, world, shift, make_volunteer(session, world, other_user, n=2))
    make_volunteer(session, world, n=3)  # the world's volunteer has a record of their own
    fake_clock.current = local(13, 30)
    with pytest.raises(PermissionDenied):
        service_records.check_in(session, world.actors[Role.volunteer], others.id, {})


def test_a_coordinator_cannot_check_in_for_the_volunteer(session, fake_clock, coordinator, sign_up):
    fake_clock.current = local(13, 30)
    with pytest.raises(PermissionDenied):
        service_records.check_in(session, coordinator, sign_up.id, {})


def test_a_repeated_check_in_keeps_the_first_time(session, fake_clock, me, sign_up):
    fake_clock.current = local(13, 50)
    service_records.check_in(session, me, sign_up.id, {})
    fake_clock.current = local(14, 10)
    again = service_records.check_in(session, me, sign_up.id, {})
    assert (again.check_in_at, again.version) == (local(13, 50), 2)


def test_an_offline_check_in_keeps_the_moment_captured_inside_the_window(session, fake_clock, me, sign_up):
    fake_clock.current = local(16, 30)  # the phone found a signal after the shift
    record = service_records.check_in(session, me, sign_up.id, {"captured_at": "2026-11-23T13:55"})
    assert record.check_in_at == local(13, 55)
    detail = session.exec(select(AuditLog.detail).where(AuditLog.action == "volunteer.check_in")).one()
    assert '"captured": true' in detail


def test_an_offline_capture_outside_the_window_is_refused(session, fake_clock, me, sign_up):
    fake_clock.current = local(16, 30)
    with pytest.raises(ValidationFailed) as refused:
        service_records.check_in(session, me, sign_up.id, {"captured_at": "2026-11-23T12:30"})
    assert refusal(refused) == "error.service_check_in_closed"


def test_a_capture_from_a_clock_running_ahead_is_refused(session, fake_clock, me, sign_up):
    fake_clock.current = local(13, 30)
    with pytest.raises(ValidationFailed) as refused:
        service_records.check_in(session, me, sign_up.id, {"captured_at": "2026-11-23T13:40"})
    assert refusal(refused, "captured_at") == "error.service_captured_in_future"


def test_check_in_on_a_cancelled_shift_is_refused(session, world, fake_clock, me, volunteer):
    cancelled = make_shift(session, world, local(14), status="cancelled")
    sign_up = make_sign_up(session, world, cancelled, volunteer)
    fake_clock.current = local(13, 30)
    with pytest.raises(ValidationFailed) as refused:
        service_records.check_in(session, me, sign_up.id, {})
    assert refusal(refused) == "error.service_shift_cancelled"


# --- check-out --------------------------------------------------------------------------------------------


def test_check_out_before_checking_in_is_refused(session, fake_clock, me, sign_up):
    fake_clock.current = local(15)
    with pytest.raises(ValidationFailed) as refused:
        service_records.check_out(session, me, sign_up.id, {})
    assert refusal(refused) == "error.service_not_checked_in"


def test_check_out_records_the_servers_time_until_six_hours_after_the_end(session, fake_clock, me, sign_up):
    record = checked_out(session, fake_clock, me, sign_up, local(13, 52), local(16, 9))
    assert (record.status, record.check_out_at, record.proposed_minutes) == ("checked_out", local(16, 9), 135)


def test_check_out_after_six_hours_past_the_end_is_refused(session, fake_clock, me, sign_up):
    fake_clock.current = local(13, 55)
    service_records.check_in(session, me, sign_up.id, {})
    fake_clock.current = local(22, 1)
    with pytest.raises(ValidationFailed) as refused:
        service_records.check_out(session, me, sign_up.id, {})
    assert refusal(refused) == "error.service_check_out_closed"


# --- corrections --------------------------------------------------------------------------------------------


def test_a_coordinator_corrects_the_times_with_a_reason_audited_versioned_and_told(
    session, fake_clock, me, coordinator, sign_up
):
    fake_clock.current = local(13, 55)
    service_records.check_in(session, me, sign_up.id, {})
    fake_clock.current = local(18)
    form = {
        "version": 2,
        "check_in_at": "2026-11-23T13:55",
        "check_out_at": "2026-11-23T16:05",
        "reason": "志愿者手机没电，未能签退",
    }
    record = service_review.correct_times(session, coordinator, sign_up.id, form)
    assert (record.status, record.check_out_at, record.version) == ("checked_out", local(16, 5), 3)
    assert record.correction_reason == "志愿者手机没电，未能签退"
    entry = session.exec(select(AuditLog).where(AuditLog.action == "volunteer.correct")).one()
    assert "志愿者手机没电" in entry.detail and entry.actor_id == coordinator.user_id
    notice = session.exec(select(Notification).where(Notification.user_id == me.user_id)).one()
    assert notice.kind == "service_times_corrected"


def test_a_correction_needs_a_reason_and_times_in_order(session, fake_clock, coordinator, sign_up):
    fake_clock.current = local(18)
    form = {"version": 1, "check_in_at": "2026-11-23T16:00", "check_out_at": "2026-11-23T14:00", "reason": ""}
    with pytest.raises(ValidationFailed) as refused:
        service_review.correct_times(session, coordinator, sign_up.id, form)
    assert refusal(refused, "reason") == "error.required"
    assert refusal(refused, "check_out_at") == "error.service_times_order"


def test_a_correction_at_a_stale_version_names_what_changed(session, fake_clock, me, coordinator, sign_up):
    fake_clock.current = local(13, 55)
    service_records.check_in(session, me, sign_up.id, {})  # after the coordinator read version 1
    form = {
        "version": 1,
        "check_in_at": "2026-11-23T14:00",
        "check_out_at": "2026-11-23T16:00",
        "reason": "补登",
    }
    fake_clock.current = local(17)
    with pytest.raises(StaleVersion) as stale:
        service_review.correct_times(session, coordinator, sign_up.id, form)
    assert stale.value.params["changed"] == ["status", "check_in_at"]


# --- verification -------------------------------------------------------------------------------------------


def test_verification_counts_the_checked_time_rounded_down_and_earns_points(
    session, fake_clock, me, coordinator, sign_up
):
    checked_out(session, fake_clock, me, sign_up, local(13, 52), local(16, 9))
    record = service_review.verify_hours(session, coordinator, sign_up.id, {"version": 3, "rating": 5})
    # 13:52 → 16:09 is 137 minutes, under the cap of 120 + 30; rounded down to 135. 135 × 10 / 60 = 22.5 → 22.
    assert (record.status, record.verified_minutes, record.points, record.rating) == ("verified", 135, 22, 5)
    notice = session.exec(select(Notification).where(Notification.kind == "service_hours_verified")).one()
    assert notice.params["points"] == 22 and (notice.params["hours"], notice.params["minutes"]) == (2, 15)


def test_the_checked_time_is_capped_at_the_shift_plus_half_an_hour(
    session, fake_clock, me, coordinator, sign_up
):
    checked_out(session, fake_clock, me, sign_up, local(13), local(17, 40))
    record = service_review.verify_hours(session, coordinator, sign_up.id, {"version": 3})
    assert record.verified_minutes == 150  # 4 h 40 min checked; a 2-hour shift counts at most 2 h 30 min


def test_another_verified_time_needs_a_reason(session, fake_clock, me, coordinator, sign_up):
    checked_out(session, fake_clock, me, sign_up, local(13, 52), local(16, 9))
    with pytest.raises(ValidationFailed) as refused:
        service_review.verify_hours(session, coordinator, sign_up.id, {"version": 3, "verified_minutes": 90})
    assert refusal(refused, "reason") == "error.service_minutes_reason"
    form = {"version": 3, "verified_minutes": 90, "reason": "途中接送时间不计入"}
    record = service_review.verify_hours(session, coordinator, sign_up.id, form)
    assert (record.verified_minutes, record.points, record.correction_reason) == (
        90,
        15,
        "途中接送时间不计入",
    )


def test_verifying_twice_is_refused_and_counted_once(session, fake_clock, me, coordinator, sign_up):
    checked_out(session, fake_clock, me, sign_up, local(14), local(16))
    first = service_review.verify_hours(session, coordinator, sign_up.id, {"version": 3})
    with pytest.raises(ValidationFailed) as refused:
        service_review.verify_hours(session, coordinator, sign_up.id, {"version": first.version})
    assert refusal(refused) == "error.service_already_verified"
    with pytest.raises(StaleVersion):
        service_review.verify_hours(session, coordinator, sign_up.id, {"version": 3})
    assert session.exec(select(PointsEntry.points)).all() == [20]


def test_a_volunteer_cannot_verify_their_own_hours(session, fake_clock, me, sign_up):
    checked_out(session, fake_clock, me, sign_up, local(14), local(16))
    with pytest.raises(PermissionDenied):
        service_review.verify_hours(session, me, sign_up.id, {"version": 3})


def test_a_coordinator_who_volunteers_cannot_verify_their_own_hours(session, world, fake_clock, shift):
    coordinator_user = world.users[Role.township_coordinator]
    own = make_sign_up(session, world, shift, make_volunteer(session, world, coordinator_user), "checked_out")
    own.check_in_at, own.check_out_at = local(14), local(16)
    session.add(own)
    session.commit()
    fake_clock.current = local(17)
    with pytest.raises(PermissionDenied):
        service_review.verify_hours(session, world.actors[Role.township_coordinator], own.id, {"version": 1})


def test_a_coordinator_of_another_township_cannot_verify(session, world, fake_clock, me, sign_up):
    checked_out(session, fake_clock, me, sign_up, local(14), local(16))
    elsewhere = user_with_role(session, world, Role.township_coordinator, world.township_b)
    with pytest.raises(PermissionDenied):
        service_review.verify_hours(
            session, auth.actor_for_user(session, elsewhere, None), sign_up.id, {"version": 3}
        )


def test_verification_needs_a_check_out(session, fake_clock, me, coordinator, sign_up):
    fake_clock.current = local(14)
    service_records.check_in(session, me, sign_up.id, {})
    with pytest.raises(ValidationFailed) as refused:
        service_review.verify_hours(session, coordinator, sign_up.id, {"version": 2})
    assert refusal(refused) == "error.service_not_checked_out"


# --- no-shows and the review list ---------------------------------------------------------------------------


def test_a_no_show_is_recorded_once_the_shift_started_without_a_check_in(
    session, fake_clock, coordinator, sign_up
):
    fake_clock.current = local(13, 59)
    with pytest.raises(ValidationFailed) as refused:
        service_review.record_no_show(session, coordinator, sign_up.id, {"version": 1})
    assert refusal(refused) == "error.service_shift_not_started"
    fake_clock.current = local(14, 30)
    record = service_review.record_no_show(session, coordinator, sign_up.id, {"version": 1})
    assert (record.status, record.version) == ("no_show", 2)
    assert session.exec(select(Notification.kind)).all() == ["service_no_show"]


def test_a_checked_in_volunteer_is_no_no_show(session, fake_clock, me, coordinator, sign_up):
    fake_clock.current = local(14)
    service_records.check_in(session, me, sign_up.id, {})
    with pytest.raises(ValidationFailed) as refused:
        service_review.record_no_show(session, coordinator, sign_up.id, {"version": 2})
    assert refusal(refused) == "error.service_record_status"


def test_a_no_show_recorded_by_mistake_is_corrected_into_service_time(
    session, fake_clock, coordinator, sign_up
):
    fake_clock.current = local(14, 30)
    service_review.record_no_show(session, coordinator, sign_up.id, {"version": 1})
    fake_clock.current = local(17)
    form = {
        "version": 2,
        "check_in_at": "2026-11-23T14:05",
        "check_out_at": "2026-11-23T16:00",
        "reason": "误登记",
    }
    assert service_review.correct_times(session, coordinator, sign_up.id, form).status == "checked_out"


def test_the_review_list_holds_what_needs_the_coordinator(
    session, world, fake_clock, me, coordinator, volunteer
):
    later = make_sign_up(session, world, make_shift(session, world, local(14, day=24)), volunteer)
    due = make_sign_up(
        session, world, make_shift(session, world, local(9)), volunteer
    )  # started, no check-in
    done = make_sign_up(session, world, make_shift(session, world, local(8)), volunteer, "checked_out")
    done.check_in_at, done.check_out_at = local(8), local(9, 30)
    session.add(done)
    session.commit()
    rows = service_review.to_review(session, coordinator)
    assert [row.id for row in rows] == [done.id, due.id]
    assert later.id not in {row.id for row in rows}
    with pytest.raises(PermissionDenied):
        service_review.to_review(session, me)


def test_the_volunteer_reads_their_own_record_and_not_anothers(session, world, me, sign_up, shift):
    assert service_records.service_record(session, me, sign_up.id).first_name == "建国"
    others = make_sign_up(
        session,
        world,
        shift,
        make_volunteer(session, world, user_with_role(session, world, Role.volunteer, world.village_a), n=2),
    )
    with pytest.raises(PermissionDenied):
        service_records.service_record(session, me, others.id)
    assert session.get(ShiftSignUp, others.id).status == "signed_up"
