"""Respite requests through the service (DOMAIN.md §3.9, §5, §8): asking, quota across a year boundary, the legal
steps only, over-quota approval, idempotency, versions, notices, and one family never seeing another's."""

from datetime import date, timedelta

import pytest
from sqlmodel import select

from jingkang_app.domain import settings
from jingkang_app.domain.errors import NotFound, PermissionDenied, StaleVersion, ValidationFailed
from jingkang_app.domain.models import AuditLog, Notification, Role
from jingkang_app.domain.services import respite, respite_queue
from tests.factories import make_family, make_recipient, respite_form

TODAY = date(2026, 11, 23)  # the fake clock's local date


@pytest.fixture
def recipient(session, world):
    return make_family(session, world)


@pytest.fixture
def caregiver(session, world, recipient):
    return world.actor(session, Role.caregiver)


@pytest.fixture
def coordinator(world):
    return world.actors[Role.township_coordinator]


def ask(session, actor, recipient, start, end, **overrides):
    return respite.request_respite(session, actor, respite_form(recipient, start, end, **overrides)).request


def days(start_offset: int, length: int) -> tuple[date, date]:
    start = TODAY + timedelta(days=start_offset)
    return start, start + timedelta(days=length - 1)


def field_errors(excinfo) -> dict[str, str]:
    return {field: error.key for field, error in excinfo.value.errors.items()}


# --- asking -----------------------------------------------------------------------------------------------


def test_a_caregiver_asks_for_respite_and_it_waits_for_review(session, caregiver, recipient):
    request = ask(session, caregiver, recipient, *days(7, 3))
    assert (request.status, request.kind, request.burden_answers) == (
        "pending",
        "home",
        {"own_time": 3, "stress_duties": 2, "strained": 2, "uncertain": 1},
    )
    assert request.created_by == caregiver.user_id and request.area_id == recipient.area_id


def test_a_social_worker_may_ask_for_the_family(session, world, recipient):
    request = ask(session, world.actors[Role.social_worker], recipient, *days(7, 3))
    assert request.status == "pending"


def test_the_same_submission_twice_stores_one_request(session, caregiver, recipient):
    form = respite_form(recipient, *days(7, 3))
    first = respite.request_respite(session, caregiver, form)
    again = respite.request_respite(session, caregiver, form)
    assert (again.repeat, again.request.id) == (True, first.request.id)
    assert len(respite.requests_of(session, caregiver, recipient.id)) == 1


@pytest.mark.parametrize(
    ("start", "end", "errors"),
    [
        (TODAY - timedelta(days=1), TODAY + timedelta(days=2), {"start_date": "error.respite_start_in_past"}),
        (
            TODAY + timedelta(days=5),
            TODAY + timedelta(days=4),
            {"end_date": "error.respite_end_before_start"},
        ),
    ],
    ids=["start_in_past", "end_before_start"],
)
def test_bad_dates_are_refused_beside_their_field(session, caregiver, recipient, start, end, errors):
    with pytest.raises(ValidationFailed) as excinfo:
        ask(session, caregiver, recipient, start, end)
    assert field_errors(excinfo) == errors


def test_missing_kind_and_reason_and_bad_burden_answers_are_refused(session, caregiver, recipient):
    with pytest.raises(ValidationFailed) as excinfo:
        ask(session, caregiver, recipient, *days(7, 3), kind="", reason=" ", burden_answers={"sleep": 9})
    assert field_errors(excinfo) == {
        "kind": "error.required",
        "reason": "error.required",
        "burden_answers": "error.respite_burden_answers",
    }


def test_a_request_overlapping_an_open_one_is_refused(session, caregiver, recipient):
    ask(session, caregiver, recipient, *days(7, 5))
    with pytest.raises(ValidationFailed) as excinfo:
        ask(session, caregiver, recipient, *days(11, 3))
    assert field_errors(excinfo) == {"start_date": "error.respite_overlaps"}
    assert len(respite.requests_of(session, caregiver, recipient.id)) == 1


def test_a_cancelled_request_frees_its_dates(session, caregiver, recipient):
    first = ask(session, caregiver, recipient, *days(7, 5))
    respite.cancel(session, caregiver, first.id, {"version": first.version})
    assert ask(session, caregiver, recipient, *days(7, 5)).status == "pending"


def test_another_recipients_dates_do_not_overlap(session, world, caregiver, recipient):
    other = make_recipient(session, world)
    ask(session, world.actors[Role.social_worker], other, *days(7, 5))
    assert ask(session, caregiver, recipient, *days(7, 5)).status == "pending"


# --- quota ------------------------------------------------------------------------------------------------


def approved(session, coordinator, request, reason=""):
    return respite.approve(session, coordinator, request.id, {"version": request.version, "reason": reason})


def test_quota_counts_approved_days_in_each_year_across_new_year(session, caregiver, coordinator, recipient):
    approved(session, coordinator, ask(session, caregiver, recipient, date(2026, 12, 30), date(2027, 1, 3)))
    this_year = respite.quota_of(session, caregiver, recipient.id)
    next_year = respite.quota_of(session, caregiver, recipient.id, 2027)
    assert (this_year.year, this_year.quota, this_year.used, this_year.left) == (2026, 14, 2, 12)
    assert (next_year.used, next_year.left) == (3, 11)


def test_pending_requests_use_no_quota(session, caregiver, recipient):
    ask(session, caregiver, recipient, *days(7, 5))
    assert respite.quota_of(session, caregiver, recipient.id).used == 0


def test_the_county_setting_sets_the_quota(session, world, caregiver, recipient):
    settings.put(session, world.county.id, "respite.quota_days", 7)
    session.commit()
    assert respite.quota_of(session, caregiver, recipient.id).left == 7


def test_approval_within_quota_needs_no_reason(session, caregiver, coordinator, recipient):
    request = approved(session, coordinator, ask(session, caregiver, recipient, *days(7, 14)))
    assert (request.status, request.over_quota, request.decided_by) == (
        "approved",
        False,
        coordinator.user_id,
    )


def test_over_quota_approval_needs_a_reason(session, caregiver, coordinator, recipient):
    approved(session, coordinator, ask(session, caregiver, recipient, date(2026, 12, 1), date(2026, 12, 10)))
    second = ask(session, caregiver, recipient, date(2026, 12, 20), date(2026, 12, 24))
    with pytest.raises(ValidationFailed) as excinfo:
        approved(session, coordinator, second)
    assert field_errors(excinfo) == {"reason": "error.respite_over_quota_reason"}
    assert excinfo.value.errors["reason"].params == {"quota": 14, "over": 1}


def test_over_quota_approval_with_a_reason_is_recorded(session, caregiver, coordinator, recipient):
    request = ask(session, caregiver, recipient, *days(7, 20))
    request = approved(session, coordinator, request, reason="家属住院手术，无人照护")
    assert (request.status, request.over_quota, request.decision_reason) == (
        "approved",
        True,
        "家属住院手术，无人照护",
    )
    assert respite.quota_of(session, caregiver, recipient.id).left == 0


def test_a_request_over_new_year_is_over_quota_only_where_the_year_is_full(
    session, caregiver, coordinator, recipient
):
    approved(session, coordinator, ask(session, caregiver, recipient, date(2026, 12, 1), date(2026, 12, 12)))
    # 12 used in 2026: two more days fit this year, and 2027 starts afresh.
    request = approved(
        session, coordinator, ask(session, caregiver, recipient, date(2026, 12, 30), date(2027, 1, 10))
    )
    assert request.over_quota is False


# --- the steps --------------------------------------------------------------------------------------------


def test_the_whole_way_from_request_to_rating(session, fake_clock, caregiver, coordinator, recipient):
    request = approved(session, coordinator, ask(session, caregiver, recipient, *days(2, 3)))
    request = respite.arrange(
        session, coordinator, request.id, {"version": request.version, "carer": "王阿姨"}
    )
    fake_clock.advance(days=2)
    request = respite.complete(session, coordinator, request.id, {"version": request.version})
    request = respite.rate(
        session, caregiver, request.id, {"version": request.version, "rating": "5", "comment": "很好"}
    )
    assert (request.status, request.carer, request.rating, request.comment, request.version) == (
        "rated",
        "王阿姨",
        5,
        "很好",
        5,
    )


def test_institution_respite_is_arranged_with_a_place(session, caregiver, coordinator, recipient):
    request = approved(
        session, coordinator, ask(session, caregiver, recipient, *days(2, 3), kind="institution")
    )
    with pytest.raises(ValidationFailed) as excinfo:
        respite.arrange(session, coordinator, request.id, {"version": request.version, "carer": "王阿姨"})
    assert field_errors(excinfo) == {"place": "error.required"}
    request = respite.arrange(
        session, coordinator, request.id, {"version": request.version, "place": "县康复中心"}
    )
    assert (request.status, request.place) == ("arranged", "县康复中心")


def test_rejection_needs_a_reason_and_the_caregiver_is_told_it(
    session, world, caregiver, coordinator, recipient
):
    request = ask(session, caregiver, recipient, *days(7, 3))
    with pytest.raises(ValidationFailed) as excinfo:
        respite.reject(session, coordinator, request.id, {"version": request.version})
    assert field_errors(excinfo) == {"reason": "error.required"}
    respite.reject(session, coordinator, request.id, {"version": request.version, "reason": "本月名额已满"})
    notice = session.exec(select(Notification).where(Notification.user_id == caregiver.user_id)).one()
    assert (notice.kind, notice.params["reason"]) == ("respite_rejected", "本月名额已满")
    assert (
        notice.link == f"/family/respite?rid={recipient.id}"
    )  # the family's own page, where it can ask again


@pytest.mark.parametrize(
    ("step", "data"),
    [
        (respite.arrange, {"carer": "王阿姨"}),
        (respite.complete, {}),
        (respite.rate, {"rating": 4}),
    ],
    ids=["arrange", "complete", "rate"],
)
def test_steps_out_of_order_are_refused(session, caregiver, coordinator, recipient, step, data):
    request = ask(session, caregiver, recipient, *days(0, 3))
    actor = caregiver if step is respite.rate else coordinator
    with pytest.raises(ValidationFailed) as excinfo:
        step(session, actor, request.id, {"version": request.version} | data)
    assert field_errors(excinfo) == {"status": "error.respite_illegal_step"}


def test_a_rejected_request_cannot_be_approved(session, caregiver, coordinator, recipient):
    request = ask(session, caregiver, recipient, *days(7, 3))
    request = respite.reject(
        session, coordinator, request.id, {"version": request.version, "reason": "不符合条件"}
    )
    with pytest.raises(ValidationFailed):
        approved(session, coordinator, request)


def test_completion_waits_for_the_first_day(session, caregiver, coordinator, recipient):
    request = approved(session, coordinator, ask(session, caregiver, recipient, *days(2, 3)))
    request = respite.arrange(
        session, coordinator, request.id, {"version": request.version, "carer": "王阿姨"}
    )
    with pytest.raises(ValidationFailed) as excinfo:
        respite.complete(session, coordinator, request.id, {"version": request.version})
    assert field_errors(excinfo) == {"status": "error.respite_not_started"}


def test_the_caregiver_cancels_an_arranged_request_before_it_starts(
    session, caregiver, coordinator, recipient
):
    request = approved(session, coordinator, ask(session, caregiver, recipient, *days(2, 3)))
    request = respite.arrange(
        session, coordinator, request.id, {"version": request.version, "carer": "王阿姨"}
    )
    request = respite.cancel(session, caregiver, request.id, {"version": request.version})
    assert (request.status, request.cancelled_by) == ("cancelled", caregiver.user_id)


def test_no_cancelling_once_it_has_started(session, fake_clock, caregiver, coordinator, recipient):
    request = approved(session, coordinator, ask(session, caregiver, recipient, *days(1, 3)))
    fake_clock.advance(days=1)
    with pytest.raises(ValidationFailed) as excinfo:
        respite.cancel(session, caregiver, request.id, {"version": request.version})
    assert field_errors(excinfo) == {"status": "error.respite_already_started"}


def test_a_rating_is_one_to_five(session, fake_clock, caregiver, coordinator, recipient):
    request = approved(session, coordinator, ask(session, caregiver, recipient, *days(0, 1)))
    request = respite.arrange(
        session, coordinator, request.id, {"version": request.version, "carer": "王阿姨"}
    )
    request = respite.complete(session, coordinator, request.id, {"version": request.version})
    with pytest.raises(ValidationFailed) as excinfo:
        respite.rate(session, caregiver, request.id, {"version": request.version, "rating": 6})
    assert field_errors(excinfo) == {"rating": "error.respite_rating"}


def test_each_step_is_audited_with_its_version(session, caregiver, coordinator, recipient):
    request = approved(session, coordinator, ask(session, caregiver, recipient, *days(7, 3)))
    actions = session.exec(
        select(AuditLog.action).where(AuditLog.entity == "respite_request", AuditLog.entity_id == request.id)
    ).all()
    assert actions == ["respite.request", "respite.approve"] and request.version == 2


def test_a_stale_version_is_refused_and_says_what_changed(session, caregiver, coordinator, recipient):
    request = ask(session, caregiver, recipient, *days(7, 3))
    approved(session, coordinator, request)
    with pytest.raises(StaleVersion) as excinfo:
        respite.cancel(session, caregiver, request.id, {"version": 1})
    assert "status" in excinfo.value.params["changed"]


def test_the_caregiver_is_told_of_approval_but_not_of_their_own_cancel(
    session, caregiver, coordinator, recipient
):
    request = approved(session, coordinator, ask(session, caregiver, recipient, *days(7, 3)))
    respite.cancel(session, caregiver, request.id, {"version": request.version})
    kinds = session.exec(select(Notification.kind).where(Notification.user_id == caregiver.user_id)).all()
    assert kinds == ["respite_approved"]


# --- who may ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.caregiver, Role.social_worker, Role.grid_worker])
def test_only_coordinators_decide(session, world, caregiver, recipient, role):
    request = ask(session, caregiver, recipient, *days(7, 3))
    with pytest.raises(PermissionDenied):
        approved(session, world.actor(session, role), request)


def test_a_coordinator_of_another_township_cannot_decide(session, world, coordinator):
    elsewhere = make_recipient(session, world, world.village_b)
    request = ask(session, world.actors[Role.county_coordinator], elsewhere, *days(7, 3))
    with pytest.raises(PermissionDenied):
        approved(session, coordinator, request)


def test_another_familys_caregiver_sees_nothing_of_theirs(session, world, caregiver, recipient):
    other = make_recipient(session, world)
    theirs = ask(session, world.actors[Role.social_worker], other, *days(7, 3))
    with pytest.raises(PermissionDenied):
        respite.requests_of(session, caregiver, other.id)
    with pytest.raises(PermissionDenied):
        respite.quota_of(session, caregiver, other.id)
    with pytest.raises(PermissionDenied):
        respite.cancel(session, caregiver, theirs.id, {"version": theirs.version})
    with pytest.raises(PermissionDenied):
        ask(session, caregiver, other, *days(20, 3))


def test_an_unknown_request_is_not_found(session, caregiver):
    with pytest.raises(NotFound):
        respite.cancel(session, caregiver, 999, {"version": 1})


def test_the_queue_lists_pending_requests_in_scope_oldest_first(
    session, world, fake_clock, caregiver, coordinator, recipient
):
    first = ask(session, caregiver, recipient, *days(7, 3))
    fake_clock.advance(hours=5)
    second = ask(session, caregiver, recipient, *days(20, 3))
    elsewhere = make_recipient(session, world, world.village_b)
    ask(session, world.actors[Role.county_coordinator], elsewhere, *days(7, 3))
    rows = respite_queue.queue(session, coordinator)
    assert [(r.id, r.waiting_hours, r.days) for r in rows] == [(first.id, 5, 3), (second.id, 0, 3)]


def test_the_queue_is_paged_and_counts_every_pending_request_in_scope(
    session, world, fake_clock, caregiver, coordinator, recipient
):
    asked = []
    for start in (7, 20, 40):
        asked.append(ask(session, caregiver, recipient, *days(start, 3)))
        fake_clock.advance(hours=1)
    ask(
        session,
        world.actors[Role.county_coordinator],
        make_recipient(session, world, world.village_b),
        *days(7, 3),
    )
    page = respite_queue.queue(session, coordinator, offset=1, limit=1)
    assert [r.id for r in page] == [asked[1].id]
    assert respite_queue.queue_total(session, coordinator) == 3


def test_the_queue_is_refused_to_caregivers(session, caregiver):
    with pytest.raises(PermissionDenied):
        respite_queue.queue(session, caregiver)
    with pytest.raises(PermissionDenied):
        respite_queue.queue_total(session, caregiver)


def test_a_queue_row_shows_the_burden_score_and_what_approval_would_do_to_the_quota(
    session, caregiver, coordinator, recipient
):
    # 3 + 2 + 2 + 1 = 8 of 16: at the ZBI-4 cut-off, so the coordinator sees a high burden.
    ten_days = ask(session, caregiver, recipient, *days(7, 10))
    respite.approve(session, coordinator, ten_days.id, {"version": ten_days.version})
    six_more = ask(session, caregiver, recipient, *days(30, 6), burden_answers={})
    (row,) = respite_queue.queue(session, coordinator)
    assert (row.id, row.burden_score, row.burden_max, row.burden_high) == (six_more.id, None, 0, False)
    assert (row.quota, row.over_quota_days) == (14, 2)  # 10 used + 6 wanted against 14 days
    (approved,) = respite_queue.queue(session, coordinator, status="approved")
    assert (approved.id, approved.burden_score, approved.burden_high) == (ten_days.id, 8, True)


def test_the_arranged_queue_names_the_carer_and_an_unknown_queue_is_refused(
    session, caregiver, coordinator, recipient
):
    request = ask(session, caregiver, recipient, *days(7, 3))
    request = respite.approve(session, coordinator, request.id, {"version": request.version})
    respite.arrange(session, coordinator, request.id, {"version": request.version, "carer": "李阿姨"})
    assert [r.arrangement for r in respite_queue.queue(session, coordinator, status="arranged")] == ["李阿姨"]
    assert respite_queue.queue_total(session, coordinator, status="approved") == 0
    with pytest.raises(ValidationFailed):
        respite_queue.queue(session, coordinator, status="rated")
