from datetime import date

import pytest
from sqlmodel import func, select

from jingkang_app.domain.errors import NotFound, PermissionDenied, ValidationFailed
from jingkang_app.domain.models import AuditLog, RehabAttendance, RehabService, Role
from jingkang_app.domain.services import care_team, rehab_services
from tests.factories import build_world, make_recipient, make_recipient_registered_on

CLIENT_ID = "7d1e2f30-1111-4222-8333-444455556666"


@pytest.fixture
def world(session, fake_clock):
    return build_world(session)


@pytest.fixture
def registered(session, world):
    """make(**overrides) → a recipient registered on 2026-03-01, well before the sessions recorded here."""
    return lambda **overrides: make_recipient_registered_on(session, world, date(2026, 3, 1), **overrides)


def form(*recipient_ids: int, **overrides) -> dict:
    return {
        "client_id": CLIENT_ID,
        "service_date": "2026-11-20",
        "place": "site",
        "site_name": "城关镇康复站",
        "contents": ["life_skills", "social_skills"],
        "duration_minutes": "90",
        "notes": "手工小组，气氛良好。",
        "attendees": [{"recipient_id": rid, "attended": True} for rid in recipient_ids],
    } | overrides


def count(session, table) -> int:
    return session.exec(select(func.count()).select_from(table)).one()


def record(session, world, data, role=Role.social_worker):
    return rehab_services.record_service(session, world.actors[role], data)


def test_a_group_session_is_stored_with_each_attendance_and_one_audit_entry_each(session, world, registered):
    people = [registered(name=name) for name in ("张建国", "王伟", "李娜")]
    data = form(*(p.id for p in people))
    data["attendees"][2]["attended"] = False
    stored = record(session, world, data)
    assert (stored.place, stored.site_name, stored.duration_minutes, stored.service_date) == (
        "site",
        "城关镇康复站",
        90,
        date(2026, 11, 20),
    )
    assert stored.contents == ["life_skills", "social_skills"]
    assert (stored.provider_id, stored.area_id) == (world.users[Role.social_worker].id, people[0].area_id)
    attendance = {a.recipient_id: a.attended for a in rehab_services.attendance_of(session, stored.id)}
    assert attendance == {people[0].id: True, people[1].id: True, people[2].id: False}
    entries = session.exec(select(AuditLog).where(AuditLog.action == "rehab.record")).all()
    assert sorted(e.recipient_id for e in entries) == sorted(p.id for p in people)
    assert {e.entity_id for e in entries} == {stored.id}


def test_recipient_ids_mean_everyone_listed_attended(session, world, registered):
    first, second = registered(), registered(name="王伟")
    stored = record(session, world, form(attendees=None, recipient_ids=[str(first.id), second.id]))
    assert [a.attended for a in rehab_services.attendance_of(session, stored.id)] == [True, True]


def test_a_single_content_sent_as_a_string_is_accepted(session, world, registered):
    stored = record(session, world, form(registered().id, contents="counselling"))
    assert stored.contents == ["counselling"]


def test_a_home_session_keeps_no_site_name(session, world, registered):
    stored = record(session, world, form(registered().id, place="home", site_name="忘了清空"))
    assert (stored.place, stored.site_name) == ("home", "")


@pytest.mark.parametrize(
    ("overrides", "field", "key"),
    [
        ({"service_date": "2026-11-24"}, "service_date", "error.date_in_future"),
        ({"service_date": "1999-12-31"}, "service_date", "error.date_too_early"),
        ({"service_date": "20/11/2026"}, "service_date", "error.date_format"),
        ({"service_date": ""}, "service_date", "error.required"),
        ({"place": ""}, "place", "error.required"),
        ({"place": "park"}, "place", "error.invalid_choice"),
        ({"site_name": ""}, "site_name", "error.required"),
        ({"site_name": "站" * 101}, "site_name", "error.too_long"),
        ({"contents": []}, "contents", "error.content_required"),
        ({"contents": ["life_skills", "karaoke"]}, "contents", "error.invalid_choice"),
        ({"duration_minutes": ""}, "duration_minutes", "error.required"),
        ({"duration_minutes": "9"}, "duration_minutes", "error.duration_range"),
        ({"duration_minutes": "481"}, "duration_minutes", "error.duration_range"),
        ({"duration_minutes": "45.5"}, "duration_minutes", "error.duration_range"),
        ({"duration_minutes": True}, "duration_minutes", "error.duration_range"),
        ({"notes": "字" * 1001}, "notes", "error.too_long"),
        ({"client_id": "short"}, "client_id", "error.required"),
        ({"attendees": []}, "attendees", "error.attendee_required"),
        ({"attendees": "3"}, "attendees", "error.invalid_choice"),
        ({"attendees": [{"recipient_id": "abc"}]}, "attendees", "error.invalid_choice"),
    ],
)
def test_bad_input_is_refused_beside_its_field_and_nothing_is_stored(
    session, world, registered, overrides, field, key
):
    recipient = registered()
    with pytest.raises(ValidationFailed) as refused:
        record(session, world, form(recipient.id, **overrides))
    assert refused.value.errors[field].key == key
    assert (count(session, RehabService), count(session, RehabAttendance)) == (0, 0)
    assert session.exec(select(AuditLog).where(AuditLog.action == "rehab.record")).all() == []


def test_the_duration_error_names_its_limits(session, world, registered):
    with pytest.raises(ValidationFailed) as refused:
        record(session, world, form(registered().id, duration_minutes="5"))
    assert refused.value.errors["duration_minutes"].params == {"min": 10, "max": 480}


def test_a_home_session_with_two_recipients_is_refused(session, world, registered):
    first, second = registered(), registered(name="王伟")
    with pytest.raises(ValidationFailed) as refused:
        record(session, world, form(first.id, second.id, place="home"))
    assert refused.value.errors["attendees"].key == "error.home_single_attendee"
    assert count(session, RehabService) == 0


def test_a_session_before_an_attendees_registration_is_refused_and_names_them(session, world, registered):
    early = registered()
    late = make_recipient(session, world, name="王伟")  # registered today, 2026-11-23
    with pytest.raises(ValidationFailed) as refused:
        record(session, world, form(early.id, late.id, service_date="2026-11-22"))
    error = refused.value.errors["service_date"]
    assert (error.key, error.params) == ("error.before_registration", {"name": "王伟", "date": "2026-11-23"})
    assert (count(session, RehabService), count(session, RehabAttendance)) == (0, 0)


def test_every_error_is_reported_at_once(session, world, registered):
    with pytest.raises(ValidationFailed) as refused:
        record(session, world, form(registered().id, place="", contents=[], duration_minutes="0"))
    assert set(refused.value.errors) == {"place", "contents", "duration_minutes"}


def test_the_same_session_sent_twice_is_stored_once(session, world, registered):
    people = [registered(), registered(name="王伟")]
    first = record(session, world, form(*(p.id for p in people)))
    again = record(session, world, form(*(p.id for p in people)))
    assert again.id == first.id
    assert (count(session, RehabService), count(session, RehabAttendance)) == (1, 2)
    assert len(session.exec(select(AuditLog).where(AuditLog.action == "rehab.record")).all()) == 2


def test_a_client_id_reused_with_other_attendees_is_refused(session, world, registered):
    first, second = registered(), registered(name="王伟")
    record(session, world, form(first.id))
    with pytest.raises(ValidationFailed) as refused:
        record(session, world, form(first.id, second.id))
    assert refused.value.errors["client_id"].key == "error.client_id_reused"
    assert (count(session, RehabService), count(session, RehabAttendance)) == (1, 1)


def test_one_attendee_out_of_scope_refuses_the_whole_record(session, world, registered):
    own = registered()
    elsewhere = registered(village=world.village_b)
    with pytest.raises(PermissionDenied):
        record(session, world, form(own.id, elsewhere.id))
    assert (count(session, RehabService), count(session, RehabAttendance)) == (0, 0)
    assert session.exec(select(AuditLog).where(AuditLog.action == "rehab.record")).all() == []


def test_an_unknown_attendee_refuses_the_whole_record(session, world, registered):
    with pytest.raises(NotFound):
        record(session, world, form(registered().id, 999_999))
    assert count(session, RehabService) == 0


@pytest.mark.parametrize("role", [Role.grid_worker, Role.caregiver, Role.village_cadre, Role.volunteer])
def test_roles_that_do_not_provide_rehab_services_are_refused(session, world, registered, role):
    recipient = registered()
    with pytest.raises(PermissionDenied):
        record(session, world, form(recipient.id), role=role)
    assert count(session, RehabService) == 0


def test_a_grid_worker_is_refused_even_with_an_empty_form(session, world):
    with pytest.raises(PermissionDenied):
        record(session, world, {}, role=Role.grid_worker)


@pytest.mark.parametrize("role", [Role.community_doctor, Role.township_coordinator, Role.county_coordinator])
def test_doctors_and_coordinators_record_rehab_services_too(session, world, registered, role):
    assert record(session, world, form(registered().id), role=role).id


def test_a_caregiver_on_the_care_team_still_cannot_record(session, world, registered):

    recipient = registered()
    care_team.add_team_member(
        session,
        world.actors[Role.county_coordinator],
        recipient.id,
        world.users[Role.caregiver].id,
        "guardian",
    )
    with pytest.raises(PermissionDenied):
        record(session, world, form(recipient.id), role=Role.caregiver)


def test_two_simultaneous_copies_of_one_submission_store_one_record(session, world, registered, database_url):
    from sqlmodel import Session

    from jingkang_app.domain.db import get_engine

    recipient = registered()
    actor = world.actors[Role.social_worker]
    with Session(get_engine(database_url), expire_on_commit=False) as other:
        original = rehab_services._by_client_id
        missed = []

        def miss_once(s, cid):
            if s is session and not missed:
                missed.append(cid)
                return None
            return original(s, cid)

        rehab_services._by_client_id = miss_once
        try:
            stored_elsewhere = rehab_services.record_service(other, actor, form(recipient.id))
            again = rehab_services.record_service(session, actor, form(recipient.id))
        finally:
            rehab_services._by_client_id = original
    assert missed
    assert again.id == stored_elsewhere.id
    assert (count(session, RehabService), count(session, RehabAttendance)) == (1, 1)


# --- reading ----------------------------------------------------------------------------------------------


def test_a_recipients_history_is_newest_first_with_their_own_attendance(session, world, registered):
    recipient, other = registered(), registered(name="王伟")
    data = form(recipient.id, other.id, service_date="2026-10-05")
    data["attendees"][0]["attended"] = False
    record(session, world, data)
    record(
        session,
        world,
        form(
            recipient.id,
            client_id="7d1e2f30-2222-4222-8333-444455556666",
            place="home",
            contents="counselling",
        ),
    )
    history = rehab_services.services_for_recipient(session, world.actors[Role.social_worker], recipient.id)
    assert [(v.service_date, v.place, v.attended) for v in history] == [
        (date(2026, 11, 20), "home", True),
        (date(2026, 10, 5), "site", False),
    ]
    assert history[0].contents == ("counselling",)
    assert history[0].provider_name == world.users[Role.social_worker].name
    assert session.exec(select(AuditLog).where(AuditLog.action == "rehab.view")).one().recipient_id == (
        recipient.id
    )


def test_the_history_is_limited(session, world, registered):
    recipient = registered()
    for n in range(3):
        record(session, world, form(recipient.id, client_id=f"7d1e2f30-000{n}-4222-8333-444455556666"))
    history = rehab_services.services_for_recipient(
        session, world.actors[Role.social_worker], recipient.id, limit=2
    )
    assert len(history) == 2


@pytest.mark.parametrize("role", [Role.grid_worker, Role.village_cadre])
def test_roles_without_clinical_view_cannot_read_the_history(session, world, registered, role):
    recipient = registered()
    with pytest.raises(PermissionDenied):
        rehab_services.services_for_recipient(session, world.actors[role], recipient.id)


def test_the_history_of_an_unknown_recipient_is_not_found(session, world):
    with pytest.raises(NotFound):
        rehab_services.services_for_recipient(session, world.actors[Role.social_worker], 999_999)


def test_attendance_count_counts_attended_sessions_inside_the_period(session, world, registered):
    came, absent, idle = registered(), registered(name="王伟"), registered(name="李娜")
    ids = iter(f"7d1e2f30-{n:04d}-4222-8333-444455556666" for n in range(10))

    def session_on(day: str, *attendance: tuple[int, bool]):
        data = form(service_date=day, client_id=next(ids))
        data["attendees"] = [{"recipient_id": rid, "attended": a} for rid, a in attendance]
        record(session, world, data)

    session_on("2026-10-01", (came.id, True), (absent.id, False))
    session_on("2026-10-31", (came.id, True), (absent.id, True))
    session_on("2026-11-15", (came.id, True))  # after the period
    session_on("2026-09-30", (came.id, True), (absent.id, True))  # before it
    counts = rehab_services.attendance_count(
        session, [came.id, absent.id, idle.id], date(2026, 10, 1), date(2026, 10, 31)
    )
    assert counts == {came.id: 2, absent.id: 1, idle.id: 0}


def test_attendance_count_of_nobody_is_empty(session):
    assert rehab_services.attendance_count(session, [], date(2026, 1, 1), date(2026, 12, 31)) == {}


def test_the_contents_are_the_nine_of_the_domain():
    assert len(rehab_services.CONTENTS) == len(set(rehab_services.CONTENTS)) == 9
