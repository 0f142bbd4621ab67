"""培训记录 through the service (DOMAIN.md §1, §3.12): a coordinator records courses of their area's staff in
hours (stored as minutes), sees each one's yearly hours against the county's 20-hour target with the fewest first,
and every staff member reads their own total."""

import uuid
from datetime import date

import pytest
from sqlmodel import func, select

from jingkang_app.domain import settings
from jingkang_app.domain.errors import PermissionDenied, ValidationFailed
from jingkang_app.domain.models import AuditLog, Role, StaffTraining
from jingkang_app.domain.rules import staff_training as rules
from jingkang_app.domain.services import staff_training
from tests.factories import user_with_role

TODAY = date(2026, 11, 23)  # the fake clock's local date


@pytest.fixture
def coordinator(world):
    return world.actors[Role.township_coordinator]


def training_form(user_id: int, **overrides) -> dict:
    return {
        "client_id": str(uuid.uuid4()),
        "user_id": user_id,
        "course": "严重精神障碍患者随访技能培训",
        "organiser": "县精神卫生中心",
        "hours": "2.5",
        "trained_on": "2026-11-20",
    } | overrides


def record(session, actor, user_id: int, **overrides):
    return staff_training.record_training(session, actor, training_form(user_id, **overrides)).training


def field_errors(excinfo) -> dict[str, str]:
    return {field: error.key for field, error in excinfo.value.errors.items()}


# --- hours as people write them -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("hours", "minutes"), [("2.5", 150), ("0.5", 30), ("24", 1440), ("１.２５", 75), (3, 180)]
)
def test_hours_become_whole_minutes(hours, minutes):
    assert rules.minutes_of(hours) == minutes


@pytest.mark.parametrize(
    ("hours", "reason"),
    [("0.4", "range"), ("24.5", "range"), ("-1", "range"), ("两小时", "format"), ("nan", "format")],
)
def test_hours_outside_half_an_hour_to_a_day_or_not_a_number_are_refused(hours, reason):
    with pytest.raises(rules.InvalidHours) as refused:
        rules.minutes_of(hours)
    assert refused.value.reason == reason


@pytest.mark.parametrize(("minutes", "text"), [(150, "2.5"), (120, "2"), (1200, "20"), (80, "1.33")])
def test_minutes_read_back_as_hours(minutes, text):
    assert rules.hours_text(minutes) == text


# --- recording ----------------------------------------------------------------------------------------------


def test_a_coordinator_records_a_course_of_a_village_worker_in_minutes_where_they_work(
    session, world, coordinator
):
    trainee = world.users[Role.grid_worker]
    saved = record(session, coordinator, trainee.id)
    stored = session.get(StaffTraining, saved.id)
    assert (stored.user_id, stored.area_id, stored.minutes, stored.trained_on) == (
        trainee.id,
        world.village_a.id,
        150,
        date(2026, 11, 20),
    )
    assert (stored.course, stored.organiser, stored.recorded_by) == (
        "严重精神障碍患者随访技能培训",
        "县精神卫生中心",
        coordinator.user_id,
    )


def test_the_record_is_audited(session, world, coordinator):
    saved = record(session, coordinator, world.users[Role.social_worker].id)
    entry = session.exec(select(AuditLog).where(AuditLog.entity == "staff_training")).one()
    assert (entry.action, entry.entity_id, entry.actor_id) == (
        "training.record",
        saved.id,
        coordinator.user_id,
    )


def test_the_same_client_id_sent_twice_is_stored_once(session, world, coordinator):
    form = training_form(world.users[Role.community_doctor].id)
    first = staff_training.record_training(session, coordinator, form)
    again = staff_training.record_training(session, coordinator, dict(form))
    assert (again.repeat, again.training.id) == (True, first.training.id)
    assert session.exec(select(func.count()).select_from(StaffTraining)).one() == 1


@pytest.mark.parametrize("role", [Role.caregiver, Role.volunteer, Role.admin])
def test_only_direct_service_staff_can_be_trained_here(session, world, role):
    county = world.actors[Role.county_coordinator]
    with pytest.raises(ValidationFailed) as refused:
        record(session, county, world.users[role].id)
    assert field_errors(refused) == {"user_id": "error.training_not_staff"}


def test_staff_of_another_township_are_not_the_coordinators_to_record(session, world, coordinator):
    elsewhere = user_with_role(session, world, Role.social_worker, world.township_b)
    with pytest.raises(ValidationFailed) as refused:
        record(session, coordinator, elsewhere.id)
    assert field_errors(refused) == {"user_id": "error.training_not_staff"}


def test_the_county_coordinator_records_for_every_township(session, world):
    elsewhere = user_with_role(session, world, Role.social_worker, world.township_b)
    saved = record(session, world.actors[Role.county_coordinator], elsewhere.id)
    assert saved.area_id == world.township_b.id


@pytest.mark.parametrize(
    "role", [Role.grid_worker, Role.community_doctor, Role.social_worker, Role.caregiver]
)
def test_someone_who_is_no_coordinator_cannot_record_training(session, world, role):
    with pytest.raises(PermissionDenied):
        record(session, world.actors[role], world.users[Role.grid_worker].id)


@pytest.mark.parametrize(
    ("overrides", "errors"),
    [
        ({"course": ""}, {"course": "error.required"}),
        ({"course": "课" * 101}, {"course": "error.too_long"}),
        ({"organiser": "单" * 101}, {"organiser": "error.too_long"}),
        ({"hours": ""}, {"hours": "error.required"}),
        ({"hours": "0.25"}, {"hours": "error.training_hours_range"}),
        ({"hours": "半天"}, {"hours": "error.training_hours_format"}),
        ({"trained_on": "2026-11-24"}, {"trained_on": "error.date_in_future"}),
        ({"trained_on": "1999-12-31"}, {"trained_on": "error.date_too_early"}),
        ({"trained_on": ""}, {"trained_on": "error.required"}),
        ({"client_id": ""}, {"client_id": "error.required"}),
    ],
)
def test_each_invalid_field_is_refused_beside_it_and_nothing_is_stored(
    session, world, coordinator, overrides, errors
):
    with pytest.raises(ValidationFailed) as refused:
        record(session, coordinator, world.users[Role.grid_worker].id, **overrides)
    assert field_errors(refused) == errors
    assert session.exec(select(func.count()).select_from(StaffTraining)).one() == 0


def test_a_course_on_today_is_accepted(session, world, coordinator):
    assert record(session, coordinator, world.users[Role.grid_worker].id, trained_on=TODAY.isoformat())


# --- yearly hours -------------------------------------------------------------------------------------------


def test_the_staff_list_puts_the_fewest_hours_first_against_twenty_hours(session, world, coordinator):
    doctor, worker, social = (
        world.users[r] for r in (Role.community_doctor, Role.grid_worker, Role.social_worker)
    )
    record(session, coordinator, doctor.id, hours="8", trained_on="2026-03-02")
    record(session, coordinator, doctor.id, hours="12.5", trained_on="2026-09-15")
    record(session, coordinator, worker.id, hours="6")
    record(session, coordinator, social.id, hours="1.5")
    rows = staff_training.staff_hours(session, coordinator, 2026)
    # Doctor 8 + 12.5 = 20.5 h (1230 min); grid worker 6 h (360); social worker 1.5 h (90); the cadre and the
    # coordinator nothing yet.
    assert [(row.user_id, row.minutes, row.under_target) for row in rows] == [
        (world.users[Role.township_coordinator].id, 0, True),  # the same hours: by name
        (world.users[Role.village_cadre].id, 0, True),
        (social.id, 90, True),
        (worker.id, 360, True),
        (doctor.id, 1230, False),
    ]
    assert {row.target_minutes for row in rows} == {1200}


def test_each_staff_member_comes_with_their_records_of_the_year_latest_first(session, world, coordinator):
    doctor = world.users[Role.community_doctor]
    march = record(session, coordinator, doctor.id, course="危险性评估", trained_on="2026-03-02")
    september = record(session, coordinator, doctor.id, course="药物管理", trained_on="2026-09-15")
    record(session, coordinator, doctor.id, course="去年的课程", trained_on="2025-12-30")
    [row] = [r for r in staff_training.staff_hours(session, coordinator, 2026) if r.user_id == doctor.id]
    assert [r.id for r in row.records] == [september.id, march.id]
    assert (row.name, row.roles, row.area_name) == (doctor.name, ("community_doctor",), "城关镇")


def test_a_past_year_is_read_on_its_own(session, world, coordinator):
    worker = world.users[Role.grid_worker]
    record(session, coordinator, worker.id, hours="3", trained_on="2025-06-01")
    record(session, coordinator, worker.id, hours="5", trained_on="2026-06-01")
    [row] = [r for r in staff_training.staff_hours(session, coordinator, "2025") if r.user_id == worker.id]
    assert row.minutes == 180


def test_a_year_to_come_is_refused(session, world, coordinator):
    with pytest.raises(ValidationFailed) as refused:
        staff_training.staff_hours(session, coordinator, 2027)
    assert field_errors(refused) == {"year": "error.invalid_choice"}


def test_the_target_follows_the_countys_setting(session, world, coordinator):
    settings.put(session, world.county.id, "training.yearly_hours", 24)
    session.commit()
    worker = world.users[Role.grid_worker]
    record(session, coordinator, worker.id, hours="20.5")
    [row] = [r for r in staff_training.staff_hours(session, coordinator) if r.user_id == worker.id]
    assert (row.minutes, row.target_minutes, row.under_target) == (1230, 1440, True)


def test_a_township_coordinator_lists_only_their_townships_staff(session, world, coordinator):
    user_with_role(session, world, Role.social_worker, world.township_b)
    listed = {row.user_id for row in staff_training.staff_hours(session, coordinator)}
    expected = {
        world.users[r].id
        for r in (
            Role.grid_worker,
            Role.village_cadre,
            Role.community_doctor,
            Role.social_worker,
            Role.township_coordinator,
        )
    }
    assert listed == expected


def test_someone_who_is_no_coordinator_cannot_list_the_staff(session, world):
    with pytest.raises(PermissionDenied):
        staff_training.staff_hours(session, world.actors[Role.social_worker])


def test_a_staff_member_reads_their_own_total(session, world, coordinator):
    worker = world.users[Role.grid_worker]
    record(session, coordinator, worker.id, hours="2.5")
    record(session, coordinator, worker.id, hours="4")
    record(session, coordinator, world.users[Role.village_cadre].id, hours="9")
    own = staff_training.own_training(session, world.actors[Role.grid_worker])
    assert (own.year, own.minutes, own.target_minutes, len(own.records)) == (2026, 390, 1200, 2)
