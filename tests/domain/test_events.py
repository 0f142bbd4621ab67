"""Caregiver training and mutual-aid events through the services (DOMAIN.md §3.10, §8): publishing with checked
times and capacity, who sees which event, seats and the waiting list, cancelling and promotion, attendance after
the start, idempotency, versions, and a family never seeing who else comes."""

import threading
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, func, select

from jingkang_app.domain.db import get_engine
from jingkang_app.domain.errors import NotFound, PermissionDenied, StaleVersion, ValidationFailed
from jingkang_app.domain.models import AuditLog, EventSignUp, FamilyEvent, Notification, Role
from jingkang_app.domain.services import auth, event_sign_ups, event_views, events
from tests.factories import event_form, make_family, make_recipient, other_family, user_with_role

NOW = datetime(2026, 11, 23, 10, 0)  # the fake clock, in local (Shanghai) time


def at(days: int, hour: int = 14) -> datetime:
    """A local time ``days`` from today."""
    return NOW.replace(hour=hour) + timedelta(days=days)


def field_errors(excinfo) -> dict[str, str]:
    return {field: error.key for field, error in excinfo.value.errors.items()}


def stored(session, model) -> int:
    return session.exec(select(func.count()).select_from(model)).one()


@pytest.fixture
def organiser(world):
    return world.actors[Role.social_worker]


@pytest.fixture
def recipient(session, world):
    return make_family(session, world)


@pytest.fixture
def caregiver(session, world, recipient):
    return world.actor(session, Role.caregiver)


@pytest.fixture
def families(session, world):
    """Two more families of village A, each with a caregiver of its own: (recipient, actor) pairs."""
    pairs = []
    for n in (1, 2):
        family, guardian = other_family(session, world, n=n)
        pairs.append((family, auth.actor_for_user(session, guardian, None)))
    return pairs


@pytest.fixture
def publish(session, organiser):
    def publish(actor=organiser, **overrides):
        form = event_form(at(7), at(7, 16)) | overrides
        return events.publish_event(session, actor, form).event

    return publish


def join(session, actor, event, recipient, **overrides):
    form = {"client_id": f"sign-up-{actor.user_id}-{recipient.id}", "recipient_id": recipient.id} | overrides
    return event_sign_ups.sign_up(session, actor, event.id, form).sign_up


# --- publishing -------------------------------------------------------------------------------------------


def test_a_social_worker_publishes_an_event_for_their_township(session, world, organiser, publish):
    event = publish()
    assert (event.area_id, event.status, event.version, event.organiser) == (
        world.township_a.id,
        "scheduled",
        1,
        True,
    )
    assert (event.capacity, event.signed_up, event.seats_left, event.waiting, event.mine) == (
        20,
        0,
        20,
        0,
        None,
    )
    assert event.starts_at == datetime(2026, 11, 30, 6, 0, tzinfo=UTC)  # 14:00 in Shanghai


def test_an_organiser_may_publish_for_a_village_of_their_township(world, publish):
    assert publish(area_id=world.village_a.id).area_name == world.village_a.name


def test_an_area_outside_the_organisers_scope_is_refused(session, world, publish):
    with pytest.raises(ValidationFailed) as excinfo:
        publish(area_id=world.township_b.id)
    assert field_errors(excinfo) == {"area_id": "error.event_area_out_of_scope"}
    assert stored(session, FamilyEvent) == 0


def test_the_same_submission_twice_stores_one_event(session, organiser):
    form = event_form(at(7), at(7, 16))
    first = events.publish_event(session, organiser, form)
    again = events.publish_event(session, organiser, form)
    assert (again.repeat, again.event.id) == (True, first.event.id)
    assert stored(session, FamilyEvent) == 1


@pytest.mark.parametrize(
    ("starts_at", "ends_at", "errors"),
    [
        (at(0, 9), at(0, 11), {"starts_at": "error.event_start_in_past"}),
        (at(3, 14), at(3, 12), {"ends_at": "error.event_end_before_start"}),
        (at(3, 14), at(3, 14), {"ends_at": "error.event_end_before_start"}),
    ],
    ids=["start_in_past", "end_before_start", "end_at_start"],
)
def test_bad_times_are_refused_and_nothing_is_stored(session, organiser, starts_at, ends_at, errors):
    with pytest.raises(ValidationFailed) as excinfo:
        events.publish_event(session, organiser, event_form(starts_at, ends_at))
    assert field_errors(excinfo) == errors
    assert stored(session, FamilyEvent) == 0


@pytest.mark.parametrize(
    ("capacity", "key"),
    [
        (0, "error.event_capacity"),
        (501, "error.event_capacity"),
        ("十", "error.event_capacity"),
        ("", "error.required"),
    ],
)
def test_capacity_is_one_to_five_hundred(session, publish, capacity, key):
    with pytest.raises(ValidationFailed) as excinfo:
        publish(capacity=capacity)
    assert field_errors(excinfo) == {"capacity": key}


def test_every_missing_field_is_named_at_once(publish):
    with pytest.raises(ValidationFailed) as excinfo:
        publish(kind="", title=" ", place="", starts_at="下周一")
    assert field_errors(excinfo) == {
        "kind": "error.required",
        "title": "error.required",
        "place": "error.required",
        "starts_at": "error.datetime_format",
    }


@pytest.mark.parametrize("role", [Role.caregiver, Role.grid_worker, Role.community_doctor, Role.volunteer])
def test_only_coordinators_and_social_workers_publish(session, world, publish, role):
    with pytest.raises(PermissionDenied):
        publish(actor=world.actors[role])


def test_publishing_is_audited(session, publish):
    event = publish()
    actions = session.exec(select(AuditLog.action).where(AuditLog.entity == "family_event")).all()
    assert actions == ["event.publish"] and event.id


# --- who sees which event ---------------------------------------------------------------------------------


@pytest.fixture
def everywhere(session, world, publish):
    """One event in each area of the county, titled by its area."""
    county = world.actors[Role.county_coordinator]
    return {
        area.name: publish(actor=county, area_id=area.id, title=area.name)
        for area in (world.county, world.township_a, world.village_a, world.township_b, world.village_b)
    }


def test_a_family_sees_the_events_of_every_area_around_its_village(session, world, caregiver, everywhere):
    titles = [e.title for e in event_views.upcoming_events(session, caregiver)]
    assert sorted(titles) == sorted([world.county.name, world.township_a.name, world.village_a.name])


def test_an_organiser_sees_the_events_inside_their_area_only(session, world, organiser, everywhere):
    titles = [e.title for e in event_views.upcoming_events(session, organiser)]
    assert sorted(titles) == sorted([world.township_a.name, world.village_a.name])


def test_events_over_or_cancelled_are_not_upcoming(session, fake_clock, organiser, caregiver, publish):
    soon = publish(title="今天下午")
    publish(title="下周")
    events.cancel_event(session, organiser, soon.id, {"version": 1, "reason": "场地临时维修"})
    fake_clock.advance(days=7, hours=7)  # the second has ended too
    assert event_views.upcoming_events(session, caregiver) == []


def test_the_list_is_soonest_first(session, organiser, caregiver, publish):
    later = publish(starts_at=at(9).isoformat(), ends_at=at(9, 16).isoformat())
    sooner = publish(starts_at=at(2).isoformat(), ends_at=at(2, 16).isoformat())
    assert [e.id for e in event_views.upcoming_events(session, caregiver)] == [sooner.id, later.id]


@pytest.mark.parametrize("role", [Role.grid_worker, Role.volunteer, Role.admin])
def test_roles_that_neither_organise_nor_join_see_no_events(session, world, role):
    with pytest.raises(PermissionDenied):
        event_views.upcoming_events(session, world.actors[role])


def test_a_caregiver_cannot_ask_for_another_familys_events(session, world, caregiver, publish):
    other = make_recipient(session, world, world.village_b)
    with pytest.raises(PermissionDenied):
        event_views.upcoming_events(session, caregiver, recipient_id=other.id)


# --- signing up, the waiting list -------------------------------------------------------------------------


def test_a_caregiver_signs_up_and_takes_a_seat(session, caregiver, recipient, publish):
    event = publish()
    sign_up = join(session, caregiver, event, recipient)
    assert (sign_up.status, sign_up.position, sign_up.recipient_id, sign_up.version) == (
        "signed_up",
        None,
        recipient.id,
        1,
    )
    [seen] = event_views.upcoming_events(session, caregiver, recipient_id=recipient.id)
    assert (seen.signed_up, seen.seats_left, seen.mine) == (1, 19, sign_up)


def test_the_same_sign_up_twice_is_stored_once(session, caregiver, recipient, publish):
    event = publish()
    form = {"client_id": "7d2f8a0c-double-tap", "recipient_id": recipient.id}
    first = event_sign_ups.sign_up(session, caregiver, event.id, form)
    again = event_sign_ups.sign_up(session, caregiver, event.id, form)
    assert (again.repeat, again.sign_up.id) == (True, first.sign_up.id)
    assert stored(session, EventSignUp) == 1
    assert session.get(FamilyEvent, event.id).seats_taken == 1


def test_a_second_sign_up_by_the_same_caregiver_is_refused(session, caregiver, recipient, publish):
    event = publish()
    join(session, caregiver, event, recipient)
    with pytest.raises(ValidationFailed) as excinfo:
        join(session, caregiver, event, recipient, client_id="another-client-id")
    assert field_errors(excinfo) == {"status": "error.event_already_signed_up"}
    assert stored(session, EventSignUp) == 1
    assert session.get(FamilyEvent, event.id).seats_taken == 1


def test_a_second_sign_up_sent_at_the_same_moment_is_refused_and_gives_its_seat_back(
    session, monkeypatch, caregiver, recipient, publish
):
    event = publish()
    join(session, caregiver, event, recipient)
    # Both taps passed the check before either was stored: the database's unique index decides.
    monkeypatch.setattr(event_sign_ups, "_live_sign_up", lambda *_: None)
    with pytest.raises(ValidationFailed) as excinfo:
        join(session, caregiver, event, recipient, client_id="the-other-tap")
    assert field_errors(excinfo) == {"status": "error.event_already_signed_up"}
    assert stored(session, EventSignUp) == 1
    assert session.get(FamilyEvent, event.id).seats_taken == 1


def test_the_database_holds_one_live_sign_up_per_caregiver_and_event(session, caregiver, recipient, publish):
    event = publish()
    first = join(session, caregiver, event, recipient)
    twin = EventSignUp(
        client_id="written-around-the-service",
        recipient_id=recipient.id,
        area_id=recipient.area_id,
        created_by=caregiver.user_id,
        event_id=event.id,
        status="waiting",
    )
    session.add(twin)
    with pytest.raises(IntegrityError):
        session.flush()
    session.rollback()
    event_sign_ups.cancel_sign_up(session, caregiver, first.id, {"version": 1})
    assert join(session, caregiver, event, recipient, client_id="signing-up-again").status == "signed_up"


def test_a_full_event_refuses_unless_the_family_will_wait(session, caregiver, recipient, families, publish):
    event = publish(capacity=1)
    join(session, caregiver, event, recipient)
    (family, other_caregiver), _ = families
    with pytest.raises(ValidationFailed) as excinfo:
        join(session, other_caregiver, event, family)
    assert field_errors(excinfo) == {"waitlist": "error.event_full"}
    assert excinfo.value.errors["waitlist"].params == {"capacity": 1}
    assert stored(session, EventSignUp) == 1


def test_a_full_event_puts_families_on_the_waiting_list_in_order(
    session, caregiver, recipient, families, publish
):
    event = publish(capacity=1)
    join(session, caregiver, event, recipient)
    waiting = [join(session, actor, event, family, waitlist=True) for family, actor in families]
    assert [(s.status, s.position) for s in waiting] == [("waiting", 1), ("waiting", 2)]
    [seen] = event_views.upcoming_events(session, families[1][1])
    assert (seen.signed_up, seen.seats_left, seen.waiting, seen.mine.position) == (1, 0, 2, 2)


def test_cancelling_a_seat_promotes_the_first_waiting_and_tells_them(
    session, caregiver, recipient, families, publish
):
    event = publish(capacity=1)
    mine = join(session, caregiver, event, recipient)
    (first_family, first_waiting), (second_family, second_waiting) = families
    join(session, first_waiting, event, first_family, waitlist=True)
    join(session, second_waiting, event, second_family, waitlist=True)

    cancelled = event_sign_ups.cancel_sign_up(session, caregiver, mine.id, {"version": mine.version})

    assert (cancelled.status, cancelled.version) == ("cancelled", 2)
    [seen] = event_views.upcoming_events(session, first_waiting)
    assert (seen.mine.status, seen.mine.position, seen.mine.version, seen.signed_up, seen.waiting) == (
        "signed_up",
        None,
        2,
        1,
        1,
    )
    assert event_views.upcoming_events(session, second_waiting)[0].mine.position == 1
    notices = session.exec(select(Notification.user_id, Notification.kind, Notification.params)).all()
    assert [(user_id, kind) for user_id, kind, _ in notices] == [(first_waiting.user_id, "event_promoted")]
    assert notices[0][2]["start"] == "2026-11-30 14:00"


def test_cancelling_a_waiting_sign_up_moves_the_queue_up(session, caregiver, recipient, families, publish):
    event = publish(capacity=1)
    join(session, caregiver, event, recipient)
    (first_family, first_waiting), (second_family, second_waiting) = families
    ahead = join(session, first_waiting, event, first_family, waitlist=True)
    event_sign_ups.cancel_sign_up(session, first_waiting, ahead.id, {"version": 1})
    [seen] = event_views.upcoming_events(session, second_waiting) or [None]
    assert seen.mine is None and seen.waiting == 0
    join(session, second_waiting, event, second_family, waitlist=True)
    assert event_views.upcoming_events(session, second_waiting)[0].mine.position == 1
    assert stored(session, Notification) == 0


def test_cancelling_with_no_one_waiting_frees_the_seat(session, caregiver, recipient, publish):
    event = publish(capacity=2)
    mine = join(session, caregiver, event, recipient)
    event_sign_ups.cancel_sign_up(session, caregiver, mine.id, {"version": 1})
    [seen] = event_views.upcoming_events(session, caregiver)
    assert (seen.signed_up, seen.seats_left, seen.mine) == (0, 2, None)


def test_a_stale_sign_up_version_is_refused(session, caregiver, recipient, families, publish):
    event = publish(capacity=1)
    (family, other), _ = families
    theirs = join(session, other, event, family)
    waiting = join(session, caregiver, event, recipient, waitlist=True)
    event_sign_ups.cancel_sign_up(session, other, theirs.id, {"version": 1})
    with pytest.raises(StaleVersion) as excinfo:  # promoted meanwhile: they may want to keep the seat now
        event_sign_ups.cancel_sign_up(session, caregiver, waiting.id, {"version": 1})
    assert excinfo.value.params["changed"] == ["status"]


def test_no_signing_up_or_cancelling_once_the_event_has_started(
    session, fake_clock, caregiver, recipient, families, publish
):
    event = publish()
    mine = join(session, caregiver, event, recipient)
    fake_clock.advance(days=7, hours=4)  # 14:00 on the day
    (family, other), _ = families
    with pytest.raises(ValidationFailed) as excinfo:
        join(session, other, event, family)
    assert field_errors(excinfo) == {"status": "error.event_started"}
    with pytest.raises(ValidationFailed):
        event_sign_ups.cancel_sign_up(session, caregiver, mine.id, {"version": 1})


def test_no_signing_up_for_a_cancelled_event(session, organiser, caregiver, recipient, publish):
    event = publish()
    events.cancel_event(session, organiser, event.id, {"version": 1, "reason": "讲师生病"})
    with pytest.raises(ValidationFailed) as excinfo:
        join(session, caregiver, event, recipient)
    assert field_errors(excinfo) == {"status": "error.event_cancelled"}


def test_two_families_racing_for_the_last_seat_do_not_overbook(
    database_url, session, caregiver, recipient, families, publish
):
    event = publish(capacity=1)
    (family, other), _ = families
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def race(actor, who) -> None:
        with Session(get_engine(database_url), expire_on_commit=False) as own:
            start.wait()
            try:
                outcomes.append(join(own, actor, event, who).status)
            except ValidationFailed as refusal:
                outcomes.append(next(iter(refusal.errors.values())).key)

    racers = [threading.Thread(target=race, args=pair) for pair in ((caregiver, recipient), (other, family))]
    for racer in racers:
        racer.start()
    for racer in racers:
        racer.join()
    session.expire_all()
    assert sorted(outcomes) == ["error.event_full", "signed_up"]
    assert session.get(FamilyEvent, event.id).seats_taken == 1


# --- a family never sees another's ------------------------------------------------------------------------


def test_a_caregiver_cannot_sign_up_a_family_that_is_not_theirs(session, world, caregiver, publish):
    event = publish()
    stranger = make_recipient(session, world)
    with pytest.raises(PermissionDenied):
        join(session, caregiver, event, stranger)
    assert stored(session, EventSignUp) == 0


def test_a_family_outside_the_events_area_cannot_sign_up(session, world, caregiver, recipient, publish):
    elsewhere = publish(actor=world.actors[Role.county_coordinator], area_id=world.township_b.id)
    with pytest.raises(PermissionDenied):
        join(session, caregiver, elsewhere, recipient)
    with pytest.raises(PermissionDenied):
        event_views.event_detail(session, caregiver, elsewhere.id)


def test_a_caregiver_sees_counts_and_their_own_sign_up_never_the_roster(
    session, caregiver, recipient, families, publish
):
    event = publish()
    (family, other), _ = families
    join(session, other, event, family)
    mine = join(session, caregiver, event, recipient)
    detail = event_views.event_detail(session, caregiver, event.id)
    assert detail.roster is None
    assert (detail.event.signed_up, detail.event.mine) == (2, mine)


def test_a_caregiver_cannot_cancel_another_familys_sign_up(session, caregiver, recipient, families, publish):
    event = publish()
    (family, other), _ = families
    theirs = join(session, other, event, family)
    with pytest.raises(PermissionDenied):
        event_sign_ups.cancel_sign_up(session, caregiver, theirs.id, {"version": 1})


def test_the_organiser_sees_the_roster_seated_first_then_the_waiting_list(
    session, organiser, caregiver, recipient, families, publish
):
    event = publish(capacity=1)
    (first_family, first), (second_family, second) = families
    join(session, first, event, first_family)
    join(session, caregiver, event, recipient, waitlist=True)
    join(session, second, event, second_family, waitlist=True)
    roster = event_views.event_detail(session, organiser, event.id).roster
    assert [(r.recipient_id, r.status, r.position) for r in roster] == [
        (first_family.id, "signed_up", None),
        (recipient.id, "waiting", 1),
        (second_family.id, "waiting", 2),
    ]
    assert roster[1].recipient_name == recipient.name and roster[1].caregiver_name == caregiver.name


def test_an_unknown_event_is_not_found(session, caregiver, recipient):
    with pytest.raises(NotFound):
        event_sign_ups.sign_up(session, caregiver, 999, {"client_id": "x" * 12, "recipient_id": recipient.id})


# --- organisers of another area ---------------------------------------------------------------------------


def test_an_organiser_of_another_township_cannot_see_or_change_the_event(session, world, fake_clock, publish):
    event = publish()
    outsider = auth.actor_for_user(
        session, user_with_role(session, world, Role.social_worker, world.township_b), None
    )
    assert event_views.upcoming_events(session, outsider) == []
    with pytest.raises(PermissionDenied):
        event_views.event_detail(session, outsider, event.id)
    with pytest.raises(PermissionDenied):
        events.update_event(session, outsider, event.id, event_form(at(8), at(8, 16), version=1))
    with pytest.raises(PermissionDenied):
        events.cancel_event(session, outsider, event.id, {"version": 1, "reason": "不办了"})
    fake_clock.advance(days=7, hours=5)
    with pytest.raises(PermissionDenied):
        events.record_attendance(session, outsider, event.id, {"version": 1, "attendance": []})


def test_a_coordinator_of_the_township_organises_a_social_workers_event(session, world, publish):
    event = publish()
    detail = event_views.event_detail(session, world.actors[Role.township_coordinator], event.id)
    assert detail.event.organiser and detail.roster == ()


# --- changing and cancelling ------------------------------------------------------------------------------


def test_more_seats_go_to_the_waiting_list(session, organiser, caregiver, recipient, families, publish):
    event = publish(capacity=1)
    (family, first), _ = families
    join(session, first, event, family)
    join(session, caregiver, event, recipient, waitlist=True)
    changed = events.update_event(
        session, organiser, event.id, event_form(at(7), at(7, 16), capacity=2, version=1)
    )
    assert (changed.capacity, changed.signed_up, changed.waiting, changed.version) == (2, 2, 0, 2)
    kinds = session.exec(select(Notification.kind).where(Notification.user_id == caregiver.user_id)).all()
    assert kinds == ["event_promoted"]


def test_the_capacity_never_drops_below_the_seats_taken(
    session, organiser, caregiver, recipient, families, publish
):
    event = publish(capacity=3)
    join(session, caregiver, event, recipient)
    join(session, families[0][1], event, families[0][0])
    with pytest.raises(ValidationFailed) as excinfo:
        events.update_event(session, organiser, event.id, event_form(at(7), at(7, 16), capacity=1, version=1))
    assert field_errors(excinfo) == {"capacity": "error.event_capacity_below_taken"}
    assert excinfo.value.errors["capacity"].params["taken"] == 2


def test_families_are_told_of_a_new_time(session, organiser, caregiver, recipient, publish):
    event = publish()
    join(session, caregiver, event, recipient)
    events.update_event(session, organiser, event.id, event_form(at(8, 9), at(8, 11), version=1))
    notice = session.exec(select(Notification).where(Notification.user_id == caregiver.user_id)).one()
    assert (notice.kind, notice.params["start"]) == ("event_changed", "2026-12-01 09:00")


def test_a_new_time_in_the_past_is_refused(session, organiser, publish):
    event = publish()
    with pytest.raises(ValidationFailed) as excinfo:
        events.update_event(session, organiser, event.id, event_form(at(-1), at(-1, 16), version=1))
    assert field_errors(excinfo) == {"starts_at": "error.event_start_in_past"}
    assert session.get(FamilyEvent, event.id).version == 1


def test_a_stale_event_version_is_refused_and_says_what_changed(session, world, organiser, publish):
    event = publish()
    events.update_event(
        session, organiser, event.id, event_form(at(7), at(7, 16), place="村委会活动室", version=1)
    )
    with pytest.raises(StaleVersion) as excinfo:
        events.cancel_event(
            session, world.actors[Role.township_coordinator], event.id, {"version": 1, "reason": "重复"}
        )
    assert excinfo.value.params["changed"] == ["place"]


def test_cancelling_tells_every_family_signed_up_or_waiting(
    session, organiser, caregiver, recipient, families, publish
):
    event = publish(capacity=1)
    (family, other), _ = families
    join(session, caregiver, event, recipient)
    join(session, other, event, family, waitlist=True)
    cancelled = events.cancel_event(session, organiser, event.id, {"version": 1, "reason": "场地临时维修"})
    assert (cancelled.status, cancelled.cancel_reason, cancelled.version) == ("cancelled", "场地临时维修", 2)
    notices = session.exec(select(Notification.user_id, Notification.kind, Notification.params)).all()
    assert {(user_id, kind) for user_id, kind, _ in notices} == {
        (caregiver.user_id, "event_cancelled"),
        (other.user_id, "event_cancelled"),
    }
    assert notices[0][2]["reason"] == "场地临时维修"


def test_cancelling_needs_a_reason(session, organiser, publish):
    event = publish()
    with pytest.raises(ValidationFailed) as excinfo:
        events.cancel_event(session, organiser, event.id, {"version": 1})
    assert field_errors(excinfo) == {"reason": "error.required"}


# --- attendance -------------------------------------------------------------------------------------------


@pytest.fixture
def seated(session, caregiver, recipient, families, publish):
    """An event of capacity 2 with two families seated and one waiting: (event, [seated…], waiting)."""
    event = publish(capacity=2)
    (first_family, first), (second_family, second) = families
    seats = [join(session, caregiver, event, recipient), join(session, first, event, first_family)]
    return event, seats, join(session, second, event, second_family, waitlist=True)


def marks(*pairs) -> list[dict]:
    return [{"sign_up_id": sign_up.id, "attended": attended} for sign_up, attended in pairs]


def test_attendance_waits_for_the_start(session, organiser, seated):
    event, (mine, _), _ = seated
    with pytest.raises(ValidationFailed) as excinfo:
        events.record_attendance(
            session, organiser, event.id, {"version": 1, "attendance": marks((mine, True))}
        )
    assert field_errors(excinfo) == {"status": "error.event_not_started"}


def test_the_organiser_records_who_came_once_it_has_started(session, fake_clock, organiser, seated):
    event, (mine, theirs), _ = seated
    fake_clock.advance(days=7, hours=4)
    detail = events.record_attendance(
        session, organiser, event.id, {"version": 1, "attendance": marks((mine, True), (theirs, False))}
    )
    assert [(r.id, r.attended, r.version) for r in detail.roster if r.status == "signed_up"] == [
        (mine.id, True, 2),
        (theirs.id, False, 2),
    ]
    assert (detail.event.version, detail.event.attendance_taken_at) == (2, fake_clock.current)
    audited = session.exec(
        select(AuditLog.recipient_id).where(
            AuditLog.entity == "event_sign_up", AuditLog.action == "event.attendance"
        )
    ).all()
    assert sorted(audited) == sorted([mine.recipient_id, theirs.recipient_id])


@pytest.mark.parametrize("role", [Role.caregiver, Role.grid_worker, Role.community_doctor])
def test_only_organisers_take_attendance(session, world, fake_clock, seated, role):
    event, (mine, _), _ = seated
    fake_clock.advance(days=7, hours=4)
    with pytest.raises(PermissionDenied):
        events.record_attendance(
            session, world.actor(session, role), event.id, {"version": 1, "attendance": marks((mine, True))}
        )


@pytest.mark.parametrize(
    ("attendance", "key"),
    [
        ("waiting", "error.event_attendance_unknown"),
        ("unknown", "error.event_attendance_unknown"),
        ("not_a_flag", "error.event_attendance_invalid"),
        ("empty", "error.required"),
    ],
)
def test_attendance_is_for_seated_sign_ups_with_yes_or_no(
    session, fake_clock, organiser, seated, attendance, key
):
    event, (mine, _), waiting = seated
    fake_clock.advance(days=7, hours=4)
    sent = {
        "waiting": marks((waiting, True)),
        "unknown": [{"sign_up_id": 999, "attended": True}],
        "not_a_flag": [{"sign_up_id": mine.id, "attended": "yes"}],
        "empty": [],
    }[attendance]
    with pytest.raises(ValidationFailed) as excinfo:
        events.record_attendance(session, organiser, event.id, {"version": 1, "attendance": sent})
    assert field_errors(excinfo) == {"attendance": key}
    assert session.get(FamilyEvent, event.id).version == 1
