"""意见反馈 through the services (DOMAIN.md §3.14): anyone sends a complaint or suggestion and notes its reference;
it is due for an answer five working days later (holidays and 调休 days as the county sets them); the area's
coordinators are told, see it in their queue (overdue flagged) and answer it once, at the version they read."""

import uuid
from datetime import UTC, date, datetime

import pytest
from sqlmodel import func, select

from jingkang_app.domain import settings
from jingkang_app.domain.errors import NotFound, PermissionDenied, StaleVersion, ValidationFailed
from jingkang_app.domain.models import AuditLog, Feedback, Notification, Role
from jingkang_app.domain.services import auth, feedback, feedback_queue
from tests.factories import user_with_role

IP = "203.0.113.7"


def feedback_form(area, **overrides) -> dict:
    return {
        "client_id": str(uuid.uuid4()),
        "kind": "complaint",
        "area_id": area.id,
        "content": "社区康复站上周三下午没有开门，白跑一趟。",
        "contact_name": "王先生",
        "contact_phone": "+86 138-1234-5678",
    } | overrides


def send(session, area, **overrides):
    return feedback.submit_feedback(session, feedback_form(area, **overrides), ip=IP)


def stored(session, receipt) -> Feedback:
    return session.get(Feedback, int(receipt.reference.removeprefix("FK-")))


def field_errors(excinfo) -> dict[str, str]:
    return {field: error.key for field, error in excinfo.value.errors.items()}


@pytest.fixture
def coordinator(world):
    return world.actors[Role.township_coordinator]


# --- the public form ----------------------------------------------------------------------------------------


def test_the_form_offers_the_county_and_its_townships_but_no_village(session, world):
    assert [(a.id, a.label) for a in feedback.feedback_areas(session)] == [
        (world.county.id, "示范县"),
        (world.township_a.id, "示范县 / 城关镇"),
        (world.township_b.id, "示范县 / 青山乡"),
    ]


def test_feedback_sent_on_a_monday_is_due_for_an_answer_the_next_monday(session, world):
    receipt = send(session, world.township_a)
    # Received Monday 2026-11-23: five working days later (Tue, Wed, Thu, Fri, Mon) is Monday 2026-11-30.
    assert (receipt.received_on, receipt.answer_by) == (date(2026, 11, 23), date(2026, 11, 30))
    assert (receipt.kind, receipt.area_name, receipt.answer_within_days, receipt.repeat) == (
        "complaint",
        "城关镇",
        5,
        False,
    )


def test_the_answering_time_skips_the_national_day_holiday_and_counts_its_make_up_saturday(
    session, world, fake_clock
):
    fake_clock.current = datetime(2026, 9, 30, 2, 0, tzinfo=UTC)  # Wednesday, the day before 国庆节
    receipt = send(session, world.township_a)
    # 10-01..10-07 closed; Thu 10-08 (1), Fri 10-09 (2), Sat 10-10 made a working day (3), Mon 10-12 (4),
    # Tue 10-13 (5).
    assert receipt.answer_by == date(2026, 10, 13)


def test_the_answering_time_follows_the_countys_setting(session, world):
    settings.put(session, world.county.id, "feedback.answer_within_days", 3)
    session.commit()
    assert send(session, world.township_a).answer_by == date(2026, 11, 26)


def test_the_receipt_is_a_reference_and_dates_only(session, world):
    receipt = send(session, world.township_a)
    record = stored(session, receipt)
    assert receipt.reference == f"FK-{record.id:06d}"
    assert set(vars(receipt)) == {
        "reference",
        "kind",
        "area_name",
        "received_on",
        "answer_by",
        "answer_within_days",
        "repeat",
    }


def test_the_contact_phone_is_stored_as_its_eleven_digits(session, world):
    record = stored(session, send(session, world.township_a))
    assert (record.contact_name, record.contact_phone, record.status) == ("王先生", "13812345678", "open")


def test_contact_details_are_optional(session, world):
    record = stored(session, send(session, world.county, contact_name="", contact_phone=""))
    assert (record.area_id, record.contact_name, record.contact_phone) == (world.county.id, "", "")


@pytest.mark.parametrize(
    ("overrides", "errors"),
    [
        ({"content": ""}, {"content": "error.required"}),
        ({"content": "长" * 1001}, {"content": "error.too_long"}),
        ({"kind": "praise"}, {"kind": "error.invalid_choice"}),
        ({"kind": ""}, {"kind": "error.required"}),
        ({"contact_phone": "12345"}, {"contact_phone": "error.mobile_invalid"}),
        ({"contact_phone": "1" * 33}, {"contact_phone": "error.too_long"}),
        ({"contact_name": "名" * 33}, {"contact_name": "error.too_long"}),
        ({"area_id": ""}, {"area_id": "error.feedback_area"}),
        ({"client_id": "short"}, {"client_id": "error.required"}),
    ],
)
def test_each_invalid_field_is_refused_beside_it_and_nothing_is_stored(session, world, overrides, errors):
    with pytest.raises(ValidationFailed) as refused:
        send(session, world.township_a, **overrides)
    assert field_errors(refused) == errors
    assert session.exec(select(func.count()).select_from(Feedback)).one() == 0


def test_a_village_is_not_an_area_to_send_feedback_about(session, world):
    with pytest.raises(ValidationFailed) as refused:
        send(session, world.village_a)
    assert field_errors(refused) == {"area_id": "error.feedback_area"}


def test_content_of_exactly_a_thousand_characters_is_accepted(session, world):
    assert len(stored(session, send(session, world.township_a, content="好" * 1000)).content) == 1000


def test_the_same_client_id_sent_twice_is_stored_once(session, world):
    form = feedback_form(world.township_a)
    first = feedback.submit_feedback(session, form, ip=IP)
    again = feedback.submit_feedback(session, dict(form), ip=IP)
    assert (again.reference, again.repeat) == (first.reference, True)
    assert session.exec(select(func.count()).select_from(Feedback)).one() == 1


def test_the_townships_coordinator_is_told_and_the_county_is_not(session, world, coordinator):
    receipt = send(session, world.township_a)
    notices = session.exec(select(Notification)).all()
    assert [(n.user_id, n.kind, n.link) for n in notices] == [
        (coordinator.user_id, "feedback_received", "/feedback/manage")
    ]
    assert notices[0].params == {"reference": receipt.reference, "area": "城关镇", "answer_by": "2026-11-30"}


def test_feedback_about_the_county_tells_the_county_coordinator(session, world):
    send(session, world.county)
    assert session.exec(select(Notification.user_id)).all() == [world.users[Role.county_coordinator].id]


def test_the_submission_is_audited_with_the_address_and_nothing_personal(session, world):
    record = stored(session, send(session, world.township_a))
    entry = session.exec(select(AuditLog).where(AuditLog.entity == "feedback")).one()
    assert (entry.action, entry.entity_id, entry.actor_id, entry.ip) == (
        "feedback.submit",
        record.id,
        None,
        IP,
    )
    assert "王先生" not in entry.detail and "138" not in entry.detail


# --- the queue ----------------------------------------------------------------------------------------------


def test_the_queue_shows_open_feedback_oldest_first_with_the_phone_masked(
    session, world, coordinator, fake_clock
):
    first = send(session, world.township_a)
    fake_clock.advance(days=1)
    second = send(session, world.township_a, kind="suggestion", contact_phone="")
    rows = feedback_queue.queue(session, coordinator)
    assert [row.reference for row in rows] == [first.reference, second.reference]
    assert (rows[0].contact_phone, rows[1].contact_phone) == ("138****5678", "")
    assert feedback_queue.queue_total(session, coordinator) == 2


def test_feedback_past_its_answering_day_is_flagged_overdue(session, world, coordinator, fake_clock):
    send(session, world.township_a)  # due 2026-11-30
    fake_clock.advance(days=7)  # Monday 2026-11-30: due today, not yet late
    assert feedback_queue.queue(session, coordinator)[0].overdue is False
    fake_clock.advance(days=1)
    assert feedback_queue.queue(session, coordinator)[0].overdue is True


def test_a_coordinator_sees_only_feedback_about_their_own_area(session, world, coordinator):
    mine = send(session, world.township_a)
    send(session, world.township_b)
    send(session, world.county)
    assert [row.reference for row in feedback_queue.queue(session, coordinator)] == [mine.reference]
    assert feedback_queue.queue_total(session, world.actors[Role.county_coordinator]) == 3


@pytest.mark.parametrize("role", [Role.grid_worker, Role.social_worker, Role.caregiver, Role.volunteer])
def test_someone_who_is_no_coordinator_cannot_open_the_queue(session, world, role):
    with pytest.raises(PermissionDenied):
        feedback_queue.queue(session, world.actors[role])


def test_an_unknown_queue_is_refused(session, world, coordinator):
    with pytest.raises(ValidationFailed):
        feedback_queue.queue(session, coordinator, status="deleted")


# --- answering ----------------------------------------------------------------------------------------------


def answer(
    session, actor, record: Feedback, text="已核实，康复站周三下午改为正常开放，感谢您的反馈。", version=1
):
    return feedback.answer_feedback(session, actor, record.id, {"version": version, "answer": text})


def test_a_coordinator_answers_on_time_and_it_moves_to_the_answered_queue(
    session, world, coordinator, fake_clock
):
    record = stored(session, send(session, world.township_a))
    fake_clock.advance(days=2)
    answered = answer(session, coordinator, record)
    assert (answered.status, answered.answered_by, answered.answered_on, answered.version) == (
        "answered",
        coordinator.user_id,
        date(2026, 11, 25),
        2,
    )
    assert feedback_queue.queue_total(session, coordinator) == 0
    [row] = feedback_queue.queue(session, coordinator, status="answered")
    assert (row.answer, row.overdue, row.answered_late) == (answered.answer, False, False)


def test_an_answer_after_the_answering_day_is_marked_late(session, world, coordinator, fake_clock):
    record = stored(session, send(session, world.township_a))
    fake_clock.advance(days=8)  # Tuesday 2026-12-01, a day past 2026-11-30
    answer(session, coordinator, record)
    assert feedback_queue.queue(session, coordinator, status="answered")[0].answered_late is True


def test_the_answer_is_audited(session, world, coordinator):
    record = stored(session, send(session, world.township_a))
    answer(session, coordinator, record)
    entry = session.exec(select(AuditLog).where(AuditLog.action == "feedback.answer")).one()
    assert (entry.entity_id, entry.actor_id) == (record.id, coordinator.user_id)


def test_an_answer_at_a_stale_version_is_refused_naming_what_changed(session, world, coordinator):
    record = stored(session, send(session, world.township_a))
    answer(session, world.actors[Role.county_coordinator], record)
    with pytest.raises(StaleVersion) as refused:
        answer(session, coordinator, record, text="另一个答复", version=1)
    assert refused.value.params["changed"] == ["status", "answer"]
    assert session.get(Feedback, record.id).answer.startswith("已核实")


def test_feedback_is_answered_only_once(session, world, coordinator):
    record = stored(session, send(session, world.township_a))
    answer(session, coordinator, record)
    with pytest.raises(ValidationFailed) as refused:
        answer(session, coordinator, record, version=2)
    assert field_errors(refused) == {"status": "error.feedback_already_answered"}


@pytest.mark.parametrize(("text", "key"), [("", "error.required"), ("答" * 1001, "error.too_long")])
def test_an_answer_must_be_written_and_bounded(session, world, coordinator, text, key):
    record = stored(session, send(session, world.township_a))
    with pytest.raises(ValidationFailed) as refused:
        answer(session, coordinator, record, text=text)
    assert field_errors(refused) == {"answer": key}
    assert session.get(Feedback, record.id).status == "open"


def test_a_coordinator_of_another_township_cannot_answer(session, world):
    record = stored(session, send(session, world.township_a))
    other = user_with_role(session, world, Role.township_coordinator, world.township_b)
    with pytest.raises(PermissionDenied):
        answer(session, auth.actor_for_user(session, other, None), record)


@pytest.mark.parametrize("role", [Role.grid_worker, Role.community_doctor, Role.caregiver])
def test_someone_who_is_no_coordinator_cannot_answer(session, world, role):
    record = stored(session, send(session, world.township_a))
    with pytest.raises(PermissionDenied):
        answer(session, world.actors[role], record)
    assert session.get(Feedback, record.id).status == "open"


def test_answering_feedback_that_does_not_exist_is_not_found(session, world, coordinator):
    with pytest.raises(NotFound):
        feedback.answer_feedback(session, coordinator, 999, {"version": 1, "answer": "好"})


def test_the_full_phone_number_is_read_for_a_call_back_and_that_read_is_audited(session, world, coordinator):
    record = stored(session, send(session, world.township_a))
    contact = feedback.contact_of(session, coordinator, record.id)
    assert (contact.name, contact.phone) == ("王先生", "13812345678")
    entry = session.exec(select(AuditLog).where(AuditLog.action == "feedback.view_contact")).one()
    assert (entry.entity_id, entry.actor_id) == (record.id, coordinator.user_id)


def test_reading_feedback_without_a_phone_number_audits_nothing(session, world, coordinator):
    record = stored(session, send(session, world.township_a, contact_name="", contact_phone=""))
    assert feedback.contact_of(session, coordinator, record.id) == feedback.FeedbackContact("", "")
    assert session.exec(select(AuditLog).where(AuditLog.action == "feedback.view_contact")).all() == []


def test_a_coordinator_of_another_township_cannot_read_the_phone_number(session, world):
    record = stored(session, send(session, world.township_a))
    other = user_with_role(session, world, Role.township_coordinator, world.township_b)
    with pytest.raises(PermissionDenied):
        feedback.contact_of(session, auth.actor_for_user(session, other, None), record.id)
