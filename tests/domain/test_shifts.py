"""Shifts, sign-ups and transport through their services: creating shifts by hand and in one tap from what they
serve, the volunteer's least view, seats that are never over-booked, overlaps, the insurance and training gate, the
cancel window, invitations and the weekly cap warning, cancelling a shift, and transport requests."""

import uuid
from dataclasses import asdict, fields
from datetime import date, datetime, timedelta

import pytest
from sqlmodel import select

from jingkang_app.domain.clock import LOCAL_TZ
from jingkang_app.domain.errors import PermissionDenied, StaleVersion, ValidationFailed
from jingkang_app.domain.models import Notification, ShiftSignUp, TransportRequest, VolunteerShift
from jingkang_app.domain.models import Role as R
from jingkang_app.domain.services import (
    auth,
    events,
    shift_offers,
    shift_sign_ups,
    shift_sources,
    shift_views,
    shifts,
    sign_up_changes,
    transport,
    visits,
)
from jingkang_app.domain.services.shift_offers import VolunteerShiftView
from tests.domain.test_duelist_and_visits import visit_form
from tests.factories import (
    approved_respite,
    event_form,
    make_family,
    make_volunteer,
    other_family,
    shift_form,
    user_with_role,
)

TUESDAY_9 = datetime(2026, 12, 1, 9, 0, tzinfo=LOCAL_TZ)
INSURED = date(2027, 6, 30)
RECIPIENT_FIELDS = {"recipient_id", "diagnosis", "risk_level", "id_number", "address", "respite_request_id"}


@pytest.fixture
def coordinator(session, world):
    return world.actor(session, R.township_coordinator)


@pytest.fixture
def volunteer(session, world):
    """The world's volunteer account: 在册 in village A, insured, trained in the basics."""
    return make_volunteer(session, world, insured_until=INSURED, trainings=["volunteer_basics"])


def another_volunteer(session, world, n: int, **overrides):
    user = user_with_role(session, world, R.volunteer, world.village_a, n)
    record = make_volunteer(session, world, user, n=n + 1, insured_until=INSURED, **overrides)
    return record, auth.actor_for_user(session, user, None)


def new_shift(session, coordinator, world, start=TUESDAY_9, **overrides) -> shift_views.ShiftView:
    form = shift_form(start, area_id=world.village_a.id, **overrides)
    return shifts.create_shift(session, coordinator, form).shift


def take(session, actor, shift_id, client_id=None):
    return shift_sign_ups.sign_up(session, actor, shift_id, {"client_id": client_id or str(uuid.uuid4())})


# --- creating ---------------------------------------------------------------------------------------------


def test_a_coordinator_creates_a_shift_and_a_repeat_is_stored_once(session, world, coordinator):
    form = shift_form(TUESDAY_9, area_id=world.village_a.id)
    saved = shifts.create_shift(session, coordinator, form)
    again = shifts.create_shift(session, coordinator, dict(form))
    assert (saved.shift.kind, saved.shift.capacity, saved.shift.area_name) == ("companion", 2, "南塘村")
    assert again.repeat and again.shift.id == saved.shift.id
    assert len(session.exec(select(VolunteerShift)).all()) == 1


def test_a_shift_outside_the_coordinators_area_is_refused(session, world, coordinator):
    with pytest.raises(ValidationFailed) as refused:
        shifts.create_shift(session, coordinator, shift_form(TUESDAY_9, area_id=world.village_b.id))
    assert refused.value.errors["area_id"].key == "error.shift_area_out_of_scope"
    with pytest.raises(PermissionDenied):
        shifts.create_shift(session, world.actor(session, R.social_worker), shift_form(TUESDAY_9))


def test_a_shift_in_the_past_or_too_long_is_refused(session, world, coordinator):
    with pytest.raises(ValidationFailed) as refused:
        new_shift(session, coordinator, world, start=datetime(2026, 11, 20, 9, tzinfo=LOCAL_TZ), hours=13)
    assert refused.value.errors["starts_at"].key == "error.shift_start_in_past"
    assert refused.value.errors["ends_at"].key == "error.shift_too_long"


def test_one_tap_from_a_home_respite_fills_in_the_shift_without_clinical_data(session, world, coordinator):
    request = approved_respite(session, world, date(2026, 12, 1), date(2026, 12, 3))
    saved = shift_sources.shift_from_respite(
        session, coordinator, {"client_id": str(uuid.uuid4()), "respite_request_id": request.id}
    )
    shift = saved.shift
    assert (shift.kind, shift.first_name, shift.place, shift.area_id) == (
        "respite",
        "建国",
        "南塘村",
        world.village_a.id,
    )
    assert (shift.starts_at, shift.ends_at) == (TUESDAY_9, TUESDAY_9 + timedelta(hours=3))
    assert (shift.needs_insurance, shift.needs_training, shift.task) == (True, "respite_care", "")
    assert (shift.source, shift.source_id) == ("respite", request.id)


def test_one_tap_takes_another_day_of_the_respite_and_overrides(session, world, coordinator):
    request = approved_respite(session, world, date(2026, 12, 1), date(2026, 12, 3))
    data = {
        "client_id": str(uuid.uuid4()),
        "respite_request_id": request.id,
        "day": "2026-12-03",
        "capacity": 2,
    }
    shift = shift_sources.shift_from_respite(session, coordinator, data).shift
    assert (shift.starts_at.astimezone(LOCAL_TZ).date(), shift.capacity) == (date(2026, 12, 3), 2)
    with pytest.raises(ValidationFailed) as refused:
        shift_sources.shift_from_respite(
            session, coordinator, data | {"client_id": str(uuid.uuid4()), "day": "2026-12-09"}
        )
    assert refused.value.errors["day"].key == "error.shift_day_outside_respite"


def test_one_tap_needs_an_approved_home_respite_of_the_coordinators_area(session, world, coordinator):
    request = approved_respite(session, world, date(2026, 12, 1), date(2026, 12, 3), kind="institution")
    data = {"client_id": str(uuid.uuid4()), "respite_request_id": request.id}
    with pytest.raises(ValidationFailed) as refused:
        shift_sources.shift_from_respite(session, coordinator, data)
    assert refused.value.errors["respite_request_id"].key == "error.shift_respite_not_home"
    other = user_with_role(session, world, R.township_coordinator, world.township_b)
    with pytest.raises(PermissionDenied):
        shift_sources.shift_from_respite(session, auth.actor_for_user(session, other, None), data)


def test_one_tap_from_an_event_and_from_a_home_visit(session, world, coordinator):
    start = TUESDAY_9 + timedelta(hours=5)
    event = events.publish_event(session, coordinator, event_form(start, start + timedelta(hours=2))).event
    helpers = shift_sources.shift_from_event(
        session, coordinator, {"client_id": str(uuid.uuid4()), "event_id": event.id}
    )
    assert (helpers.shift.kind, helpers.shift.place, helpers.shift.capacity) == ("activity", event.place, 2)
    assert (helpers.shift.task, helpers.shift.starts_at) == (event.title, event.starts_at)
    recipient = make_family(session, world)
    visit = visits.record_visit(
        session, world.actors[R.grid_worker], visit_form(recipient.id, next_visit_date="2026-12-10")
    ).visit
    companion = shift_sources.shift_from_visit(
        session, coordinator, {"client_id": str(uuid.uuid4()), "home_visit_id": visit.id}
    ).shift
    assert (companion.kind, companion.first_name, companion.source) == ("visit_companion", "建国", "visit")


# --- the volunteer's view ---------------------------------------------------------------------------------


def test_the_volunteer_sees_only_what_the_task_needs(session, world, coordinator, volunteer):
    request = approved_respite(session, world, date(2026, 12, 1), date(2026, 12, 1))
    shift_sources.shift_from_respite(
        session, coordinator, {"client_id": str(uuid.uuid4()), "respite_request_id": request.id}
    )
    [offered] = shift_offers.offered_shifts(session, world.actor(session, R.volunteer))
    assert {f.name for f in fields(VolunteerShiftView)} & RECIPIENT_FIELDS == set()
    assert (offered.kind, offered.first_name, offered.place) == ("respite", "建国", "南塘村")
    assert "张" not in repr(asdict(offered))
    assert (offered.qualifies, offered.unmet) == (False, ("training",))


def test_a_volunteer_is_offered_their_areas_shifts_only(session, world, coordinator, volunteer):
    new_shift(session, coordinator, world)
    shifts.create_shift(session, coordinator, shift_form(TUESDAY_9 + timedelta(days=1)))  # township A's
    county = world.actor(session, R.county_coordinator)
    shifts.create_shift(session, county, shift_form(TUESDAY_9, area_id=world.village_b.id))
    offered = shift_offers.offered_shifts(session, world.actor(session, R.volunteer))
    assert len(offered) == 2
    with pytest.raises(PermissionDenied):
        take(
            session,
            world.actor(session, R.volunteer),
            session.exec(select(VolunteerShift.id).where(VolunteerShift.area_id == world.village_b.id)).one(),
        )


# --- signing up -------------------------------------------------------------------------------------------


def test_a_shift_is_never_over_booked(session, world, coordinator, volunteer):
    shift = new_shift(session, coordinator, world, capacity=2)
    take(session, world.actor(session, R.volunteer), shift.id)
    _, second = another_volunteer(session, world, 1)
    _, third = another_volunteer(session, world, 2)
    take(session, second, shift.id)
    with pytest.raises(ValidationFailed) as refused:
        take(session, third, shift.id)
    assert refused.value.errors["status"].key == "error.shift_full"
    assert session.get(VolunteerShift, shift.id).seats_taken == 2
    assert shift_views.shift_detail(session, coordinator, shift.id).shift.seats_left == 0


def test_a_repeated_sign_up_is_stored_once(session, world, coordinator, volunteer):
    shift = new_shift(session, coordinator, world)
    actor = world.actor(session, R.volunteer)
    first = take(session, actor, shift.id, "sign-up-repeat-1")
    again = take(session, actor, shift.id, "sign-up-repeat-1")
    assert again.repeat and again.sign_up.id == first.sign_up.id
    assert session.get(VolunteerShift, shift.id).seats_taken == 1
    with pytest.raises(ValidationFailed) as refused:
        take(session, actor, shift.id)
    assert refused.value.errors["status"].key == "error.shift_already_signed_up"


def test_overlapping_shifts_are_refused(session, world, coordinator, volunteer):
    actor = world.actor(session, R.volunteer)
    take(session, actor, new_shift(session, coordinator, world).id)
    later = new_shift(session, coordinator, world, start=TUESDAY_9 + timedelta(hours=1))
    with pytest.raises(ValidationFailed) as refused:
        take(session, actor, later.id)
    assert refused.value.errors["status"].key == "error.shift_overlaps"
    take(session, actor, new_shift(session, coordinator, world, start=TUESDAY_9 + timedelta(hours=2)).id)


def test_uninsured_or_untrained_volunteers_cannot_take_a_shift_that_needs_it(session, world, coordinator):
    make_volunteer(session, world, insured_until=date(2026, 11, 30), trainings=[])
    actor = world.actor(session, R.volunteer)
    insured_only = new_shift(session, coordinator, world, needs_insurance=True)
    trained_only = new_shift(
        session, coordinator, world, start=TUESDAY_9 + timedelta(days=1), needs_training="first_aid"
    )
    with pytest.raises(ValidationFailed) as refused:
        take(session, actor, insured_only.id)
    assert refused.value.errors["status"].key == "error.shift_needs_insurance"
    with pytest.raises(ValidationFailed) as refused:
        take(session, actor, trained_only.id)
    assert refused.value.errors["status"].key == "error.shift_needs_training"


def test_only_an_active_volunteer_signs_up(session, world, coordinator):
    make_volunteer(session, world, status="paused")
    shift = new_shift(session, coordinator, world)
    with pytest.raises(ValidationFailed) as refused:
        take(session, world.actor(session, R.volunteer), shift.id)
    assert refused.value.errors["status"].key == "error.volunteer_not_active"


def test_a_volunteer_cancels_only_until_the_cancel_window(session, world, coordinator, volunteer, fake_clock):
    actor = world.actor(session, R.volunteer)
    shift = new_shift(session, coordinator, world)
    first = take(session, actor, shift.id).sign_up
    fake_clock.current = shift.starts_at - timedelta(hours=12)
    cancelled = sign_up_changes.cancel_sign_up(session, actor, first.id, {"version": first.version})
    assert cancelled.status == "cancelled" and session.get(VolunteerShift, shift.id).seats_taken == 0
    second = take(session, actor, shift.id).sign_up
    fake_clock.advance(minutes=1)
    with pytest.raises(ValidationFailed) as refused:
        sign_up_changes.cancel_sign_up(session, actor, second.id, {"version": second.version})
    assert refused.value.errors["status"].key == "error.shift_cancel_too_late"
    by_coordinator = sign_up_changes.cancel_sign_up(
        session, coordinator, second.id, {"version": second.version}
    )
    assert by_coordinator.status == "cancelled"
    told = session.exec(
        select(Notification.kind).where(Notification.user_id == world.users[R.volunteer].id)
    ).all()
    assert told == ["shift_called_off"]


# --- invitations and the weekly cap -----------------------------------------------------------------------


def test_an_invitation_holds_no_seat_until_accepted(session, world, coordinator, volunteer):
    shift = new_shift(session, coordinator, world, capacity=1)
    invited = shift_sign_ups.invite(
        session, coordinator, shift.id, {"client_id": str(uuid.uuid4()), "volunteer_id": volunteer.id}
    )
    assert invited.sign_up.status == "invited" and session.get(VolunteerShift, shift.id).seats_taken == 0
    actor = world.actor(session, R.volunteer)
    [offered] = shift_offers.offered_shifts(session, actor)
    assert offered.mine.status == "invited"
    accepted = sign_up_changes.accept(
        session, actor, invited.sign_up.id, {"version": invited.sign_up.version}
    )
    assert accepted.status == "signed_up" and session.get(VolunteerShift, shift.id).seats_taken == 1
    with pytest.raises(StaleVersion):
        sign_up_changes.decline(session, actor, accepted.id, {"version": invited.sign_up.version})


def test_an_invitation_cannot_be_accepted_once_the_shift_is_full(session, world, coordinator, volunteer):
    shift = new_shift(session, coordinator, world, capacity=1)
    invited = shift_sign_ups.invite(
        session, coordinator, shift.id, {"client_id": str(uuid.uuid4()), "volunteer_id": volunteer.id}
    )
    _, other = another_volunteer(session, world, 1)
    take(session, other, shift.id)
    with pytest.raises(ValidationFailed) as refused:
        sign_up_changes.accept(session, world.actor(session, R.volunteer), invited.sign_up.id, {"version": 1})
    assert refused.value.errors["status"].key == "error.shift_full"
    declined = sign_up_changes.decline(
        session, world.actor(session, R.volunteer), invited.sign_up.id, {"version": 1}
    )
    assert declined.status == "cancelled"


def test_the_weekly_cap_warns_the_coordinator_but_does_not_refuse(session, world, coordinator, volunteer):
    actor = world.actor(session, R.volunteer)
    take(session, actor, new_shift(session, coordinator, world, hours=6).id)
    take(
        session,
        actor,
        new_shift(session, coordinator, world, start=TUESDAY_9 + timedelta(days=1), hours=6).id,
    )
    third = new_shift(session, coordinator, world, start=TUESDAY_9 + timedelta(days=2), hours=3)
    invited = shift_sign_ups.invite(
        session, coordinator, third.id, {"client_id": str(uuid.uuid4()), "volunteer_id": volunteer.id}
    )
    assert invited.sign_up.status == "invited"
    assert (invited.weekly.planned, invited.weekly.with_shift, invited.weekly.cap, invited.weekly.over) == (
        12,
        15,
        12,
        True,
    )


def test_a_coordinator_of_another_township_cannot_invite(session, world, coordinator, volunteer):
    shift = new_shift(session, coordinator, world)
    other = auth.actor_for_user(
        session, user_with_role(session, world, R.township_coordinator, world.township_b), None
    )
    with pytest.raises(PermissionDenied):
        shift_sign_ups.invite(
            session, other, shift.id, {"client_id": str(uuid.uuid4()), "volunteer_id": volunteer.id}
        )


# --- cancelling a shift -----------------------------------------------------------------------------------


def test_cancelling_a_shift_calls_off_its_volunteers_and_tells_them(session, world, coordinator, volunteer):
    shift = new_shift(session, coordinator, world)
    take(session, world.actor(session, R.volunteer), shift.id)
    cancelled = shifts.cancel_shift(
        session, coordinator, shift.id, {"version": shift.version, "reason": "天气原因"}
    )
    assert (cancelled.status, cancelled.cancel_reason) == ("cancelled", "天气原因")
    assert session.exec(select(ShiftSignUp.status)).all() == ["cancelled"]
    told = session.exec(
        select(Notification.kind).where(Notification.user_id == world.users[R.volunteer].id)
    ).all()
    assert told == ["shift_cancelled"]
    assert shift_offers.offered_shifts(session, world.actor(session, R.volunteer)) == []


# --- transport --------------------------------------------------------------------------------------------


def transport_form(recipient, **overrides) -> dict:
    return {
        "client_id": str(uuid.uuid4()),
        "recipient_id": recipient.id,
        "pickup": "南塘村村委会门口",
        "destination": "城关镇精康融合服务站",
        "wanted_at": "2026-12-01T08:30",
        "accompanied": True,
        "note": "老人腿脚不便",
    } | overrides


def test_a_family_asks_for_a_ride_and_the_coordinator_fills_it_in_one_call(
    session, world, coordinator, volunteer
):
    recipient = make_family(session, world)
    caregiver = world.actors[R.caregiver]
    form = transport_form(recipient)
    asked = transport.request_transport(session, caregiver, form)
    assert transport.request_transport(session, caregiver, dict(form)).repeat
    queue, total = transport.transport_queue(session, coordinator)
    assert total == 1 and queue[0].id == asked.request.id
    filled = transport.fill_transport(
        session, coordinator, asked.request.id, {"client_id": str(uuid.uuid4()), "version": 1}
    )
    assert (filled.request.status, filled.request.shift_id) == ("filled", filled.shift.id)
    assert (filled.shift.kind, filled.shift.place, filled.shift.first_name) == (
        "transport",
        "南塘村村委会门口",
        "建国",
    )
    assert filled.shift.task == "南塘村村委会门口 → 城关镇精康融合服务站" and "腿脚" not in filled.shift.task
    assert (filled.shift.source, filled.shift.source_id) == ("transport", asked.request.id)
    told = session.exec(
        select(Notification.kind).where(Notification.user_id == world.users[R.caregiver].id)
    ).all()
    assert "transport_filled" in told
    with pytest.raises(ValidationFailed) as refused:
        transport.cancel_transport(session, caregiver, asked.request.id, {"version": filled.request.version})
    assert refused.value.errors["status"].key == "error.transport_not_requested"


def test_the_requester_cancels_before_it_is_filled_and_another_family_cannot(session, world):
    recipient = make_family(session, world)
    asked = transport.request_transport(session, world.actors[R.caregiver], transport_form(recipient)).request
    _, stranger = other_family(session, world)
    with pytest.raises(PermissionDenied):
        transport.cancel_transport(
            session, auth.actor_for_user(session, stranger, None), asked.id, {"version": 1}
        )
    cancelled = transport.cancel_transport(session, world.actors[R.caregiver], asked.id, {"version": 1})
    assert cancelled.status == "cancelled"


def test_a_social_worker_asks_for_a_recipient_of_their_area(session, world):
    recipient = make_family(session, world)
    asked = transport.request_transport(session, world.actors[R.social_worker], transport_form(recipient))
    assert asked.request.requested_by == world.users[R.social_worker].name
    assert session.exec(select(TransportRequest.area_id)).one() == world.village_a.id


def test_a_cancelled_transport_shift_puts_the_request_back_in_the_queue(session, world, coordinator):
    recipient = make_family(session, world)
    asked = transport.request_transport(session, world.actors[R.caregiver], transport_form(recipient)).request
    filled = transport.fill_transport(
        session, coordinator, asked.id, {"client_id": str(uuid.uuid4()), "version": 1}
    )
    shifts.cancel_shift(
        session, coordinator, filled.shift.id, {"version": filled.shift.version, "reason": "车坏了"}
    )
    _, total = transport.transport_queue(session, coordinator)
    assert total == 1
