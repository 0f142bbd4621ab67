"""The volunteer registry through its services: public registration, approval and the other status steps, adding
directly, a recipient volunteering, the coordinator's list and the volunteer's own profile; and the ranking of
volunteers for a shift (volunteer_matching)."""

import uuid
from datetime import date, datetime, timedelta

import pytest
from sqlmodel import select

from jingkang_app.domain.clock import LOCAL_TZ
from jingkang_app.domain.errors import NotFound, PermissionDenied, StaleVersion, ValidationFailed
from jingkang_app.domain.models import AuditLog, Notification, RoleAssignment, User, Volunteer
from jingkang_app.domain.models import Role as R
from jingkang_app.domain.rules.volunteer_registry import VolunteerStep
from jingkang_app.domain.services import (
    auth,
    consent,
    followups,
    shift_sign_ups,
    shifts,
    volunteer_matching,
    volunteer_registration,
    volunteer_views,
    volunteers,
)
from tests.domain.test_followups import stable_form
from tests.factories import (
    PASSWORD,
    make_recipient,
    make_volunteer,
    shift_form,
    sign_consent,
    user_with_role,
    volunteer_form,
)

TUESDAY_9 = datetime(2026, 12, 1, 9, 0, tzinfo=LOCAL_TZ)


def register(session, world, **overrides) -> Volunteer:
    saved = volunteer_registration.register_volunteer(session, volunteer_form(world.village_a, **overrides))
    return session.get(Volunteer, saved.volunteer.id)


def step(session, world, volunteer, name, role=R.township_coordinator, **data):
    actor = world.actor(session, role)
    return volunteers.change_status(
        session, actor, volunteer.id, VolunteerStep(name), {"version": volunteer.version, **data}
    )


# --- registration and approval ----------------------------------------------------------------------------


def test_registering_makes_a_waiting_volunteer_with_an_account_but_no_role(session, world):
    volunteer = register(session, world)
    user = session.get(User, volunteer.user_id)
    assert (volunteer.status, volunteer.created_by, user.phone) == ("pending", None, "13700001234")
    assert session.exec(select(RoleAssignment).where(RoleAssignment.user_id == user.id)).all() == []
    told = session.exec(select(Notification.user_id).where(Notification.kind == "volunteer_registered")).all()
    assert told == [world.users[R.township_coordinator].id]


def test_a_phone_already_registered_is_refused_clearly(session, world):
    with pytest.raises(ValidationFailed) as refused:
        register(session, world, phone=world.users[R.grid_worker].phone)
    assert refused.value.errors["phone"].key == "error.volunteer_phone_registered"


def test_every_field_error_comes_at_once(session, world):
    with pytest.raises(ValidationFailed) as refused:
        register(session, world, name="", password="short", area_id=world.county.id, skills=["juggling"])
    assert {"name", "password", "area_id", "skills"} <= set(refused.value.errors)
    assert session.exec(select(User).where(User.phone == "13700001234")).first() is None


def test_a_resident_id_number_is_checked(session, world):
    with pytest.raises(ValidationFailed) as refused:
        register(session, world, id_type="resident_id", id_number="330127199003081234")
    assert refused.value.errors["id_number"].key.startswith("error.id_number_")


def test_a_repeated_registration_is_stored_once(session, world):
    form = volunteer_form(world.village_a)
    first = volunteer_registration.register_volunteer(session, form)
    again = volunteer_registration.register_volunteer(session, dict(form))
    assert again.repeat and again.volunteer.id == first.volunteer.id
    assert len(session.exec(select(Volunteer)).all()) == 1


def test_approval_gives_a_number_and_the_volunteer_role_and_the_account_logs_in_as_a_volunteer(
    session, world
):
    volunteer = register(session, world)
    view = step(session, world, volunteer, "approve")
    assert view.status == "active" and view.volunteer_no == f"ZY-330127-{volunteer.id:06d}"
    login = auth.login(session, "13700001234", PASSWORD)
    assert login.actor.roles == (R.volunteer,)
    assert volunteer_views.my_profile(session, login.actor).status == "active"
    assert session.exec(select(Notification.kind).where(Notification.user_id == volunteer.user_id)).all() == [
        "volunteer_approve"
    ]


def test_a_waiting_volunteer_sees_their_own_registration(session, world):
    volunteer = register(session, world)
    actor = auth.login(session, "13700001234", PASSWORD).actor
    profile = volunteer_views.my_profile(session, actor)
    assert (profile.id, profile.status, profile.volunteer_no) == (volunteer.id, "pending", "")


def test_a_coordinator_of_another_township_cannot_approve(session, world):
    volunteer = register(session, world)
    user_with_role(session, world, R.township_coordinator, world.township_b)
    other = auth.actor_for_user(session, session.exec(select(User).where(User.name == "青山乡0")).one(), None)
    with pytest.raises(PermissionDenied):
        volunteers.change_status(session, other, volunteer.id, VolunteerStep.approve, {"version": 1})


def test_a_rejection_needs_a_reason_which_the_list_shows(session, world):
    volunteer = register(session, world)
    with pytest.raises(ValidationFailed) as refused:
        step(session, world, volunteer, "reject")
    assert refused.value.errors["reason"].key == "error.required"
    view = step(session, world, volunteer, "reject", reason="暂不需要更多志愿者")
    assert (view.status, view.volunteer_no, view.status_reason) == ("left", "", "暂不需要更多志愿者")
    rows, _ = volunteer_views.list_volunteers(session, world.actor(session, R.township_coordinator))
    assert rows[0].status_reason == "暂不需要更多志愿者"


def test_a_step_not_allowed_from_the_status_is_refused(session, world):
    volunteer = register(session, world)
    with pytest.raises(ValidationFailed) as refused:
        step(session, world, volunteer, "resume")
    assert refused.value.errors["status"].key == "error.volunteer_illegal_step"


def test_a_stale_version_names_what_changed(session, world):
    volunteer = register(session, world)
    step(session, world, volunteer, "approve")
    actor = world.actor(session, R.township_coordinator)
    with pytest.raises(StaleVersion) as stale:
        volunteers.change_status(
            session, actor, volunteer.id, VolunteerStep.pause, {"version": 1, "reason": "x"}
        )
    assert stale.value.params["changed"] == ["status", "volunteer_no"]


def test_pausing_gives_back_the_volunteers_seats_to_come(session, world):
    volunteer = make_volunteer(session, world)
    coordinator = world.actor(session, R.township_coordinator)
    shift = shifts.create_shift(session, coordinator, shift_form(TUESDAY_9)).shift
    shift_sign_ups.sign_up(
        session, world.actor(session, R.volunteer), shift.id, {"client_id": "sign-up-0001"}
    )
    step(session, world, volunteer, "pause", reason="外出打工三个月")
    detail = volunteer_views.volunteer_detail(session, coordinator, volunteer.id)
    assert detail.status == "paused"
    assert shifts.shift_view(session, session.get(shifts.VolunteerShift, shift.id)).seats_taken == 0
    view = step(session, world, session.get(Volunteer, volunteer.id), "resume")
    assert view.status == "active"


# --- adding directly, a recipient volunteering -----------------------------------------------------------


def test_a_coordinator_adds_a_volunteer_active_at_once(session, world):
    coordinator = world.actor(session, R.township_coordinator)
    saved = volunteer_registration.add_volunteer(session, coordinator, volunteer_form(world.village_a))
    assert saved.volunteer.status == "active" and saved.volunteer.volunteer_no.startswith("ZY-330127-")
    assert auth.login(session, "13700001234", PASSWORD).actor.roles == (R.volunteer,)


def test_a_coordinator_cannot_add_a_volunteer_outside_their_area(session, world):
    coordinator = world.actor(session, R.township_coordinator)
    with pytest.raises(ValidationFailed) as refused:
        volunteer_registration.add_volunteer(session, coordinator, volunteer_form(world.village_b))
    assert refused.value.errors["area_id"].key == "error.volunteer_area_out_of_scope"


def test_a_recipient_volunteers_only_when_stable_and_with_consent(session, world):
    coordinator = world.actor(session, R.township_coordinator)
    recipient = make_recipient(session, world)
    form = volunteer_form(world.village_a, recipient_id=recipient.id)
    with pytest.raises(ValidationFailed) as refused:
        volunteer_registration.add_volunteer(session, coordinator, form)
    assert refused.value.errors["recipient_id"].key == "error.volunteer_recipient_not_stable"
    followups.record_followup(session, world.actors[R.community_doctor], stable_form(recipient.id))
    with pytest.raises(ValidationFailed) as refused:
        volunteer_registration.add_volunteer(session, coordinator, form)
    assert refused.value.errors["recipient_id"].key == "error.volunteer_consent_missing"
    sign_consent(session, world, recipient, "volunteering")
    saved = volunteer_registration.add_volunteer(session, coordinator, form)
    assert saved.volunteer.recipient_id == recipient.id
    own = volunteer_views.my_profile(session, auth.login(session, "13700001234", PASSWORD).actor)
    assert own.recipient_id is None  # their own least view: a volunteer like any other


def test_only_a_coordinator_who_may_open_the_recipient_sees_that_a_volunteer_is_one(session, world):
    county = world.actor(session, R.county_coordinator)
    recipient = make_recipient(session, world, world.village_b)
    followups.record_followup(session, county, stable_form(recipient.id))
    consent_form = {"client_id": str(uuid.uuid4()), "recipient_id": recipient.id, "kind": "volunteering"}
    consent.record_consent(
        session, county, consent_form | {"signed_on": "2026-11-20", "signed_by_recipient": True}
    )
    volunteer_registration.add_volunteer(
        session, county, volunteer_form(world.village_a, recipient_id=recipient.id)
    )
    [seen_by_county], _ = volunteer_views.list_volunteers(session, county)
    [seen_in_township_a], _ = volunteer_views.list_volunteers(
        session, world.actor(session, R.township_coordinator)
    )
    assert (seen_by_county.recipient_id, seen_in_township_a.recipient_id) == (recipient.id, None)


# --- lists and the profile --------------------------------------------------------------------------------


def test_the_list_is_in_scope_filtered_and_masked(session, world):
    register(session, world)
    register(session, world, phone="13700005678", area_id=world.village_b.id, name="石桥志愿者")
    mine = world.actor(session, R.township_coordinator)
    rows, total = volunteer_views.list_volunteers(session, mine)
    assert total == 1 and rows[0].phone == "137****1234"
    county = world.actor(session, R.county_coordinator)
    _, everyone = volunteer_views.list_volunteers(session, county)
    _, in_b = volunteer_views.list_volunteers(session, county, area_id=world.township_b.id)
    _, active = volunteer_views.list_volunteers(session, county, status="active")
    assert (everyone, in_b, active) == (2, 1, 0)
    with pytest.raises(PermissionDenied):
        volunteer_views.list_volunteers(session, mine, area_id=world.village_b.id)
    with pytest.raises(PermissionDenied):
        volunteer_views.list_volunteers(session, world.actor(session, R.social_worker))


def test_the_detail_shows_the_phone_in_full_and_is_audited(session, world):
    volunteer = register(session, world)
    view = volunteer_views.volunteer_detail(
        session, world.actor(session, R.township_coordinator), volunteer.id
    )
    assert view.phone == "13700001234"
    assert (
        session.exec(select(AuditLog).where(AuditLog.action == "volunteer.view")).one().entity_id
        == volunteer.id
    )


def test_a_volunteer_updates_their_availability_and_insurance_but_not_their_trainings(session, world):
    make_volunteer(session, world)
    actor = world.actor(session, R.volunteer)
    view = volunteers.update_my_profile(
        session,
        actor,
        {
            "version": 1,
            "skills": ["driving"],
            "availability": ["mon_am"],
            "insured_until": "2027-12-31",
            "trainings": ["first_aid"],
        },
    )
    assert (view.skills, view.availability, view.insured_until, view.trainings) == (
        ["driving"],
        ["mon_am"],
        date(2027, 12, 31),
        [],
    )
    assert view.version == 2


def test_someone_without_a_volunteer_record_has_no_profile(session, world):
    with pytest.raises(NotFound):
        volunteer_views.my_profile(session, world.actor(session, R.grid_worker))


# --- matching ---------------------------------------------------------------------------------------------


def test_matching_ranks_qualified_near_available_volunteers_first_and_says_why(session, world):
    coordinator = world.actor(session, R.township_coordinator)
    shift = shifts.create_shift(
        session, coordinator, shift_form(TUESDAY_9, needs_insurance=True, area_id=world.village_a.id)
    ).shift
    near = make_volunteer(
        session, world, availability=["tue_am"], skills=["companionship"], insured_until=date(2027, 1, 1)
    )
    uninsured = make_volunteer(
        session, world, user_with_role(session, world, R.volunteer, world.village_a, 1), n=2, name="未投保"
    )
    township = make_volunteer(
        session,
        world,
        user_with_role(session, world, R.volunteer, world.village_a, 2),
        n=3,
        name="镇上的",
        area_id=world.township_a.id,
        insured_until=date(2027, 1, 1),
    )
    rows = volunteer_matching.match_volunteers(session, coordinator, shift.id)
    assert [row.volunteer_id for row in rows] == [near.id, township.id, uninsured.id]
    first = rows[0]
    assert (first.qualifies, first.area_fit, first.available, first.skills) == (
        True,
        "same_village",
        True,
        ("companionship",),
    )
    assert [why.key for why in first.why][:4] == [
        "match.qualifies",
        "match.same_village",
        "match.available",
        "match.skills",
    ]
    assert rows[2].unmet == ("insurance",)


def test_matching_warns_of_the_weekly_cap_without_leaving_anyone_out(session, world):
    coordinator = world.actor(session, R.township_coordinator)
    volunteer = make_volunteer(session, world)
    for day in range(2):  # Tuesday and Wednesday mornings, 6 hours each
        start = TUESDAY_9 + timedelta(days=day)
        shift = shifts.create_shift(session, coordinator, shift_form(start, hours=6)).shift
        shift_sign_ups.sign_up(
            session, world.actor(session, R.volunteer), shift.id, {"client_id": f"sign-up-000{day}"}
        )
    third = shifts.create_shift(session, coordinator, shift_form(TUESDAY_9 + timedelta(days=3))).shift
    [row] = volunteer_matching.match_volunteers(session, coordinator, third.id)
    assert row.volunteer_id == volunteer.id
    assert (row.weekly.planned, row.weekly.with_shift, row.weekly.over) == (12, 14, True)
    assert row.why[-1].key == "match.over_weekly_cap"


def test_matching_is_for_coordinators_of_the_shifts_area(session, world):
    shift = shifts.create_shift(
        session, world.actor(session, R.township_coordinator), shift_form(TUESDAY_9)
    ).shift
    with pytest.raises(PermissionDenied):
        volunteer_matching.match_volunteers(session, world.actor(session, R.social_worker), shift.id)
