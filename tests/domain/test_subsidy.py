"""Guardian subsidy through the services (监护补贴/以奖代补, DOMAIN.md §3.13, §8): the guardian applies, the village
committee of the area checks each quarter, the township decides and records the yearly payment — worked out by hand
here — or withholds it for a year with 肇事 or 肇祸; idempotency, versions, notices, and one family never reaching
another's."""

import json
import uuid
from datetime import UTC, date, datetime, time

import pytest
from sqlmodel import func, select

from jingkang_app.domain import clock, settings
from jingkang_app.domain.errors import NotFound, PermissionDenied, StaleVersion, ValidationFailed
from jingkang_app.domain.models import AuditLog, GuardianSubsidy, Notification, Role, SubsidyPayment
from jingkang_app.domain.permissions import Action
from jingkang_app.domain.services import auth, care_team, followups, subsidy, subsidy_queue, subsidy_year
from tests.domain.test_followups import stable_form
from tests.factories import make_family, other_family, subsidy_check_form

TODAY = date(2026, 11, 23)  # the fake clock's local date: the fourth quarter of 2026


@pytest.fixture
def recipient(session, world):
    return make_family(session, world)


@pytest.fixture
def caregiver(session, world, recipient):
    return world.actor(session, Role.caregiver)


@pytest.fixture
def cadre(world):
    return world.actors[Role.village_cadre]


@pytest.fixture
def township(world):
    return world.actors[Role.township_coordinator]


def apply_for(session, actor, recipient, **overrides) -> GuardianSubsidy:
    form = {"client_id": str(uuid.uuid4()), "recipient_id": recipient.id} | overrides
    return subsidy.apply(session, actor, form).subsidy


def check(session, actor, application, quarter, **overrides):
    return subsidy_year.record_check(
        session, actor, application.id, subsidy_check_form(quarter, **overrides)
    ).check


def approved(session, township, application) -> GuardianSubsidy:
    return subsidy.approve(session, township, application.id, {"version": application.version})


def pay(session, township, application, **overrides) -> subsidy_year.PaymentSaved:
    form = {"client_id": str(uuid.uuid4()), "version": application.version} | overrides
    return subsidy_year.record_payment(session, township, application.id, form)


def on(fake_clock, day: date) -> None:
    """Moves the clock to 10:00 in Shanghai on ``day``."""
    fake_clock.current = datetime.combine(day, time(2, 0), tzinfo=UTC)


def followup_today(session, world, recipient, **answers) -> None:
    """A follow-up by the township's doctor on the clock's date, with these answers."""
    form = stable_form(recipient.id, followup_date=clock.today().isoformat(), **answers)
    followups.record_followup(session, world.actors[Role.community_doctor], form)


def field_errors(excinfo) -> dict[str, str]:
    return {field: error.key for field, error in excinfo.value.errors.items()}


def notices(session, user_id) -> list[tuple[str, dict]]:
    rows = session.exec(select(Notification).where(Notification.user_id == user_id).order_by(Notification.id))
    return [(n.kind, n.params) for n in rows]


# --- applying ---------------------------------------------------------------------------------------------


def test_the_guardian_applies_for_this_year_and_it_waits_for_the_township(session, caregiver, recipient):
    application = apply_for(session, caregiver, recipient)
    assert (application.status, application.year, application.guardian_id, application.version) == (
        "pending",
        2026,
        caregiver.user_id,
        1,
    )
    assert (application.area_id, application.risk_class) == (recipient.area_id, None)


def test_the_same_submission_twice_is_stored_once(session, caregiver, recipient):
    form = {"client_id": str(uuid.uuid4()), "recipient_id": recipient.id}
    first = subsidy.apply(session, caregiver, form)
    again = subsidy.apply(session, caregiver, form)
    assert (first.repeat, again.repeat, again.subsidy.id) == (False, True, first.subsidy.id)
    assert session.exec(select(func.count()).select_from(GuardianSubsidy)).one() == 1


def test_a_second_application_for_the_same_year_is_refused_but_the_next_year_is_open(
    session, caregiver, recipient
):
    apply_for(session, caregiver, recipient)
    with pytest.raises(ValidationFailed) as excinfo:
        apply_for(session, caregiver, recipient, year=2026)
    assert field_errors(excinfo) == {"year": "error.subsidy_year_taken"}
    assert apply_for(session, caregiver, recipient, year="2027").year == 2027


def test_an_application_racing_another_for_the_same_year_is_refused_and_not_stored(
    session, caregiver, recipient
):
    first = apply_for(session, caregiver, recipient)
    # What the second of two taps at the same moment inserts once both have passed the check for the year.
    twin = GuardianSubsidy(
        client_id=str(uuid.uuid4()),
        recipient_id=recipient.id,
        area_id=recipient.area_id,
        created_by=caregiver.user_id,
        year=first.year,
        guardian_id=caregiver.user_id,
    )
    with pytest.raises(ValidationFailed) as excinfo:
        subsidy.insert_or_refuse(
            session, twin, subsidy.refused("year", "error.subsidy_year_taken", year=2026)
        )
    assert field_errors(excinfo) == {"year": "error.subsidy_year_taken"}
    assert session.exec(select(func.count()).select_from(GuardianSubsidy)).one() == 1


@pytest.mark.parametrize("year", [2025, 2028, "二〇二六"])
def test_only_this_year_or_the_next_can_be_applied_for(session, caregiver, recipient, year):
    with pytest.raises(ValidationFailed) as excinfo:
        apply_for(session, caregiver, recipient, year=year)
    assert field_errors(excinfo) == {"year": "error.subsidy_year"}
    assert excinfo.value.errors["year"].params == {"this": 2026, "next": 2027}


def test_an_application_without_a_client_id_is_refused_and_nothing_is_stored(session, caregiver, recipient):
    with pytest.raises(ValidationFailed) as excinfo:
        subsidy.apply(session, caregiver, {"recipient_id": recipient.id})
    assert field_errors(excinfo) == {"client_id": "error.required"}
    assert session.exec(select(func.count()).select_from(GuardianSubsidy)).one() == 0


@pytest.mark.parametrize("role", [Role.village_cadre, Role.township_coordinator, Role.grid_worker])
def test_only_the_guardian_applies(session, world, recipient, role):
    with pytest.raises(PermissionDenied):
        apply_for(session, world.actors[role], recipient)


# --- the quarterly check ----------------------------------------------------------------------------------


def test_the_village_committee_records_a_passed_quarter(session, caregiver, cadre, recipient):
    application = apply_for(session, caregiver, recipient)
    saved = check(session, cadre, application, 4, cooperated_followups=False, note="有一次随访未在家")
    assert (saved.quarter, saved.passed, saved.cooperated_followups, saved.reported_moves, saved.note) == (
        4,
        True,
        False,
        True,
        "有一次随访未在家",
    )
    assert (saved.subsidy_id, saved.created_by, saved.area_id) == (
        application.id,
        cadre.user_id,
        recipient.area_id,
    )


def test_a_failed_check_needs_a_note_and_the_guardian_is_told_why(session, caregiver, cadre, recipient):
    application = apply_for(session, caregiver, recipient)
    with pytest.raises(ValidationFailed) as excinfo:
        check(session, cadre, application, 4, passed=False)
    assert field_errors(excinfo) == {"note": "error.subsidy_check_note_required"}
    check(
        session, cadre, application, 4, passed=False, prevented_missing=False, note="10月患者走失一天未报告"
    )
    assert notices(session, caregiver.user_id) == [
        (
            "subsidy_check_failed",
            {"name": recipient.name, "year": 2026, "quarter": 4, "note": "10月患者走失一天未报告"},
        )
    ]


def test_a_quarter_is_checked_once_and_a_repeat_returns_the_stored_check(
    session, caregiver, cadre, recipient
):
    application = apply_for(session, caregiver, recipient)
    form = subsidy_check_form(4)
    first = subsidy_year.record_check(session, cadre, application.id, form)
    again = subsidy_year.record_check(session, cadre, application.id, form)
    assert (again.repeat, again.check.id) == (True, first.check.id)
    with pytest.raises(ValidationFailed) as excinfo:
        check(session, cadre, application, 4, passed=False, note="重新检查")
    assert field_errors(excinfo) == {"quarter": "error.subsidy_quarter_checked"}


def test_quarters_before_the_application_or_not_yet_begun_cannot_be_checked(
    session, caregiver, cadre, recipient
):
    this_year = apply_for(session, caregiver, recipient)
    next_year = apply_for(session, caregiver, recipient, year=2027)
    with pytest.raises(ValidationFailed) as before:
        check(session, cadre, this_year, 3)
    with pytest.raises(ValidationFailed) as not_begun:
        check(session, cadre, next_year, 1)
    assert field_errors(before) == field_errors(not_begun) == {"quarter": "error.subsidy_quarter_not_open"}


def test_a_bad_quarter_and_a_missing_verdict_are_refused_beside_their_fields(
    session, caregiver, cadre, recipient
):
    application = apply_for(session, caregiver, recipient)
    form = subsidy_check_form(5)
    del form["passed"]
    with pytest.raises(ValidationFailed) as excinfo:
        subsidy_year.record_check(session, cadre, application.id, form)
    assert field_errors(excinfo) == {"quarter": "error.subsidy_quarter", "passed": "error.required"}


def test_the_village_committee_of_another_village_cannot_check(session, world, cadre):
    elsewhere, guardian = other_family(session, world, world.village_b)
    application = apply_for(session, auth.actor_for_user(session, guardian, None), elsewhere)
    with pytest.raises(PermissionDenied):
        check(session, cadre, application, 4)


@pytest.mark.parametrize("role", [Role.caregiver, Role.grid_worker, Role.community_doctor])
def test_only_the_committee_and_coordinators_check(session, world, caregiver, recipient, role):
    application = apply_for(session, caregiver, recipient)
    with pytest.raises(PermissionDenied):
        check(session, world.actor(session, role), application, 4)


def test_no_check_once_the_application_is_rejected(session, caregiver, cadre, township, recipient):
    application = apply_for(session, caregiver, recipient)
    subsidy.reject(session, township, application.id, {"version": 1, "reason": "监护人未与患者同住"})
    with pytest.raises(ValidationFailed) as excinfo:
        check(session, cadre, application, 4)
    assert field_errors(excinfo) == {"status": "error.subsidy_illegal_step"}


# --- the township's decision ------------------------------------------------------------------------------


def test_the_township_approves_at_the_standard_rate_and_the_guardian_is_told(
    session, caregiver, township, recipient
):
    application = approved(session, township, apply_for(session, caregiver, recipient))
    assert (
        application.status,
        application.risk_class,
        application.guardian_monthly_yuan,
        application.care_monthly_yuan,
        application.decided_by,
        application.version,
    ) == ("approved", "standard", 150, 200, township.user_id, 2)
    assert notices(session, caregiver.user_id) == [
        ("subsidy_approved", {"name": recipient.name, "year": 2026, "monthly": 350})
    ]


def test_an_application_whose_guardian_has_left_the_care_team_is_not_approved(
    session, world, caregiver, township, recipient
):
    application = apply_for(session, caregiver, recipient)
    care_team.remove_team_member(
        session, world.actors[Role.county_coordinator], recipient.id, caregiver.user_id, "guardian"
    )
    with pytest.raises(ValidationFailed) as excinfo:
        subsidy.approve(session, township, application.id, {"version": 1})
    assert field_errors(excinfo) == {"status": "error.subsidy_guardian_left"}
    session.expire_all()
    assert session.get(GuardianSubsidy, application.id).status == "pending"


@pytest.mark.parametrize(
    "answers",
    [{"risk_level": "3"}, {"risk_level": "1", "trouble": "1"}, {"risk_level": "0", "disaster": "1"}],
)
def test_risk_three_or_a_past_incident_is_approved_at_the_high_rate(
    session, world, caregiver, township, recipient, answers
):
    followup_today(session, world, recipient, **answers)
    application = approved(session, township, apply_for(session, caregiver, recipient, year=2027))
    assert (application.risk_class, application.guardian_monthly_yuan, application.care_monthly_yuan) == (
        "high",
        400,
        200,
    )


def test_the_county_settings_set_the_amounts(session, world, caregiver, township, recipient):
    settings.put(session, world.county.id, "subsidy.guardian_monthly_yuan", {"standard": 200, "high": 200})
    settings.put(session, world.county.id, "subsidy.care_allowance_monthly_yuan", 0)  # Beijing: a flat 200
    session.commit()
    application = approved(session, township, apply_for(session, caregiver, recipient))
    assert (application.guardian_monthly_yuan, application.care_monthly_yuan) == (200, 0)


def test_rejection_needs_a_reason_and_the_guardian_is_told_it(session, caregiver, township, recipient):
    application = apply_for(session, caregiver, recipient)
    with pytest.raises(ValidationFailed) as excinfo:
        subsidy.reject(session, township, application.id, {"version": 1})
    assert field_errors(excinfo) == {"reason": "error.required"}
    rejected = subsidy.reject(
        session, township, application.id, {"version": 1, "reason": "监护人未与患者同住"}
    )
    assert (rejected.status, rejected.decision_reason) == ("rejected", "监护人未与患者同住")
    assert notices(session, caregiver.user_id)[0][0] == "subsidy_rejected"


def test_a_decided_application_cannot_be_decided_again(session, caregiver, township, recipient):
    application = approved(session, township, apply_for(session, caregiver, recipient))
    with pytest.raises(ValidationFailed) as excinfo:
        subsidy.reject(session, township, application.id, {"version": 2, "reason": "改变主意"})
    assert field_errors(excinfo) == {"status": "error.subsidy_illegal_step"}
    with pytest.raises(ValidationFailed):
        approved(session, township, application)


def test_a_stale_version_is_refused_and_says_what_changed(session, caregiver, township, recipient):
    application = apply_for(session, caregiver, recipient)
    approved(session, township, application)
    with pytest.raises(StaleVersion) as excinfo:
        subsidy.reject(session, township, application.id, {"version": 1, "reason": "重复"})
    assert {"status", "risk_class"} <= set(excinfo.value.params["changed"])


@pytest.mark.parametrize("role", [Role.caregiver, Role.village_cadre, Role.social_worker])
def test_only_the_township_or_county_decides(session, world, caregiver, recipient, role):
    application = apply_for(session, caregiver, recipient)
    with pytest.raises(PermissionDenied):
        approved(session, world.actor(session, role), application)


def test_a_county_coordinator_decides_too_but_not_a_township_elsewhere(session, world, township):
    elsewhere, guardian = other_family(session, world, world.village_b)
    application = apply_for(session, auth.actor_for_user(session, guardian, None), elsewhere)
    with pytest.raises(PermissionDenied):
        approved(session, township, application)
    assert approved(session, world.actors[Role.county_coordinator], application).status == "approved"


def test_an_unknown_application_is_not_found(session, township):
    with pytest.raises(NotFound):
        subsidy.approve(session, township, 999, {"version": 1})


def test_each_step_is_audited_with_why_the_class_was_chosen(session, caregiver, township, recipient):
    application = approved(session, township, apply_for(session, caregiver, recipient))
    entries = session.exec(
        select(AuditLog.action, AuditLog.detail).where(
            AuditLog.entity == "guardian_subsidy", AuditLog.entity_id == application.id
        )
    ).all()
    assert [action for action, _ in entries] == ["subsidy.apply", "subsidy.approve"]
    why = json.loads(entries[1][1])
    assert (why["risk_level"], why["past_incident"], why["risk_class"]) == (None, False, "standard")


# --- the yearly payment -----------------------------------------------------------------------------------


def test_a_partial_year_is_paid_for_its_one_passed_quarter(
    session, fake_clock, caregiver, cadre, township, recipient
):
    application = approved(session, township, apply_for(session, caregiver, recipient))
    check(session, cadre, application, 4)  # applied in November: the fourth quarter is all it covers
    on(fake_clock, date(2027, 1, 10))
    saved = pay(session, township, application, note="银行代发")
    # 3 months × (监护补助 150 + 看护补贴 200) = 1050 元
    payment = saved.payment
    assert (payment.passed_quarters, payment.months, payment.monthly_yuan, payment.amount_yuan) == (
        [4],
        3,
        350,
        1050,
    )
    assert (payment.withheld, payment.paid_on, saved.subsidy.status, saved.subsidy.version) == (
        False,
        date(2027, 1, 10),
        "paid",
        3,
    )
    assert notices(session, caregiver.user_id)[-1] == (
        "subsidy_paid",
        {"name": recipient.name, "year": 2026, "months": 3, "amount": 1050, "date": ""},
    )


def test_a_high_class_year_with_one_failed_quarter_pays_nine_months(
    session, world, fake_clock, caregiver, cadre, township, recipient
):
    followup_today(session, world, recipient, risk_level="3")
    application = approved(session, township, apply_for(session, caregiver, recipient, year=2027))
    for day, quarter, verdict in (
        (date(2027, 2, 15), 1, {}),
        (date(2027, 5, 15), 2, {}),
        (
            date(2027, 8, 15),
            3,
            {"passed": False, "reported_relapse_signs": False, "note": "复发征兆未及时报告"},
        ),
        (date(2027, 11, 15), 4, {}),
    ):
        on(fake_clock, day)
        check(session, cadre, application, quarter, **verdict)
    on(fake_clock, date(2028, 1, 5))
    payment = pay(session, township, application).payment
    # 3 passed quarters × 3 months × (监护补助 400 + 看护补贴 200) = 9 × 600 = 5400 元
    assert (payment.passed_quarters, payment.months, payment.amount_yuan) == ([1, 2, 4], 9, 5400)


@pytest.mark.parametrize("behaviour", ["trouble", "disaster"])
def test_a_year_with_trouble_or_disaster_is_withheld(
    session, world, fake_clock, caregiver, cadre, township, recipient, behaviour
):
    application = approved(session, township, apply_for(session, caregiver, recipient, year=2027))
    on(fake_clock, date(2027, 2, 15))
    check(session, cadre, application, 1)
    on(fake_clock, date(2027, 6, 1))
    followup_today(session, world, recipient, risk_level="2", **{behaviour: "1"})
    on(fake_clock, date(2028, 1, 5))
    saved = pay(
        session, township, application
    )  # the other quarters were never checked: withheld all the same
    assert (
        saved.payment.amount_yuan,
        saved.payment.months,
        saved.payment.withheld,
        saved.payment.incident_on,
    ) == (
        0,
        0,
        True,
        date(2027, 6, 1),
    )
    assert saved.subsidy.status == "withheld"
    assert notices(session, caregiver.user_id)[-1] == (
        "subsidy_withheld",
        {"name": recipient.name, "year": 2027, "months": 0, "amount": 0, "date": "2027-06-01"},
    )


def test_an_incident_in_another_year_does_not_withhold_this_one(
    session, world, fake_clock, caregiver, cadre, township, recipient
):
    application = approved(session, township, apply_for(session, caregiver, recipient))
    check(session, cadre, application, 4)
    on(fake_clock, date(2027, 1, 5))
    followup_today(session, world, recipient, trouble="1")
    assert pay(session, township, application).payment.amount_yuan == 1050


def test_payment_waits_for_the_end_of_the_year(session, caregiver, cadre, township, recipient):
    application = approved(session, township, apply_for(session, caregiver, recipient))
    check(session, cadre, application, 4)
    with pytest.raises(ValidationFailed) as excinfo:
        pay(session, township, application)
    assert field_errors(excinfo) == {"status": "error.subsidy_year_not_over"}


def test_payment_needs_every_covered_quarter_checked(session, fake_clock, caregiver, township, recipient):
    application = approved(session, township, apply_for(session, caregiver, recipient))
    on(fake_clock, date(2027, 1, 10))
    with pytest.raises(ValidationFailed) as excinfo:
        pay(session, township, application)
    assert field_errors(excinfo) == {"status": "error.subsidy_checks_missing"}
    assert excinfo.value.errors["status"].params == {"quarters": "4"}
    assert session.exec(select(func.count()).select_from(SubsidyPayment)).one() == 0


@pytest.mark.parametrize(
    ("paid_on", "key"),
    [("2026-12-31", "error.subsidy_paid_on_in_year"), ("2027-02-01", "error.date_in_future")],
)
def test_the_payment_date_lies_after_the_year_and_not_ahead(
    session, fake_clock, caregiver, cadre, township, recipient, paid_on, key
):
    application = approved(session, township, apply_for(session, caregiver, recipient))
    check(session, cadre, application, 4)
    on(fake_clock, date(2027, 1, 10))
    with pytest.raises(ValidationFailed) as excinfo:
        pay(session, township, application, paid_on=paid_on)
    assert field_errors(excinfo) == {"paid_on": key}


def test_payment_only_after_approval(session, fake_clock, caregiver, cadre, township, recipient):
    application = apply_for(session, caregiver, recipient)
    check(session, cadre, application, 4)
    on(fake_clock, date(2027, 1, 10))
    with pytest.raises(ValidationFailed) as excinfo:
        pay(session, township, application)
    assert field_errors(excinfo) == {"status": "error.subsidy_illegal_step"}


def test_the_same_payment_twice_is_stored_once_and_a_second_one_refused(
    session, fake_clock, caregiver, cadre, township, recipient
):
    application = approved(session, township, apply_for(session, caregiver, recipient))
    check(session, cadre, application, 4)
    on(fake_clock, date(2027, 1, 10))
    form = {"client_id": str(uuid.uuid4()), "version": 2}
    first = subsidy_year.record_payment(session, township, application.id, form)
    again = subsidy_year.record_payment(session, township, application.id, form)
    assert (again.repeat, again.payment.id) == (True, first.payment.id)
    with pytest.raises(ValidationFailed) as excinfo:
        pay(session, township, first.subsidy)
    assert field_errors(excinfo) == {"status": "error.subsidy_illegal_step"}
    assert session.exec(select(func.count()).select_from(SubsidyPayment)).one() == 1


@pytest.mark.parametrize("role", [Role.village_cadre, Role.caregiver])
def test_only_the_township_or_county_pays(session, world, fake_clock, caregiver, township, recipient, role):
    application = approved(session, township, apply_for(session, caregiver, recipient))
    on(fake_clock, date(2027, 1, 10))
    with pytest.raises(PermissionDenied):
        pay(session, world.actor(session, role), application)


# --- reading, the queue, and other families ---------------------------------------------------------------


def test_the_family_reads_its_applications_with_checks_and_payment(
    session, fake_clock, caregiver, cadre, township, recipient
):
    this_year = approved(session, township, apply_for(session, caregiver, recipient))
    next_year = apply_for(session, caregiver, recipient, year=2027)
    check(session, cadre, this_year, 4)
    on(fake_clock, date(2027, 1, 10))
    pay(session, township, this_year)
    views = subsidy.subsidies_of(session, caregiver, recipient.id)
    assert [(v.subsidy.id, [c.quarter for c in v.checks], v.payment is not None) for v in views] == [
        (next_year.id, [], False),
        (this_year.id, [4], True),
    ]


def test_another_familys_caregiver_reaches_nothing_of_theirs(session, world, caregiver, recipient):
    other, guardian = other_family(session, world)
    theirs = apply_for(session, auth.actor_for_user(session, guardian, None), other)
    with pytest.raises(PermissionDenied):
        subsidy.subsidies_of(session, caregiver, other.id)
    with pytest.raises(PermissionDenied):
        apply_for(session, caregiver, other, year=2027)
    with pytest.raises(PermissionDenied):
        check(session, caregiver, theirs, 4)
    with pytest.raises(PermissionDenied):
        subsidy.approve(session, caregiver, theirs.id, {"version": 1})
    assert subsidy.subsidies_of(session, caregiver, recipient.id) == []


def test_the_queue_lists_pending_and_approved_applications_in_scope_oldest_first(
    session, world, fake_clock, caregiver, cadre, township, recipient
):
    first = apply_for(session, caregiver, recipient)
    fake_clock.advance(hours=2)
    second = apply_for(session, caregiver, recipient, year=2027)
    elsewhere, guardian = other_family(session, world, world.village_b)
    apply_for(session, auth.actor_for_user(session, guardian, None), elsewhere)
    check(session, cadre, first, 4)
    assert [(r.id, r.recipient_name, r.quarters_passed) for r in subsidy_queue.queue(session, township)] == [
        (first.id, recipient.name, 1),
        (second.id, recipient.name, 0),
    ]
    approved(session, township, first)
    assert [r.id for r in subsidy_queue.queue(session, township, status="approved")] == [first.id]
    assert (
        subsidy_queue.queue_total(session, township),
        subsidy_queue.queue_total(session, township, status="approved"),
    ) == (
        1,
        1,
    )


def test_the_queue_is_refused_to_caregivers_and_knows_only_its_two_statuses(session, caregiver, township):
    with pytest.raises(PermissionDenied):
        subsidy_queue.queue(session, caregiver)
    with pytest.raises(ValidationFailed) as excinfo:
        subsidy_queue.queue(session, township, status="paid")
    assert field_errors(excinfo) == {"status": "error.invalid_choice"}


def test_the_village_committee_lists_the_applications_of_its_villages_to_check(
    session, world, caregiver, cadre, recipient
):
    ours = apply_for(session, caregiver, recipient)
    elsewhere, guardian = other_family(session, world, world.village_b)
    apply_for(session, auth.actor_for_user(session, guardian, None), elsewhere)
    assert [r.id for r in subsidy_queue.queue(session, cadre, work=Action.subsidy_check)] == [ours.id]
    assert subsidy_queue.queue_total(session, cadre, work=Action.subsidy_check) == 1
    with pytest.raises(PermissionDenied):
        subsidy_queue.queue(session, caregiver, work=Action.subsidy_check)
    with pytest.raises(PermissionDenied):
        subsidy_queue.queue(session, cadre, work=Action.subsidy_view)


def test_the_quarters_to_check_are_those_covered_begun_and_not_yet_checked(
    session, world, caregiver, cadre, recipient
):
    this_year = apply_for(session, caregiver, recipient)
    next_year = apply_for(session, caregiver, recipient, year=2027)
    assert subsidy_year.quarters_to_check(session, cadre, this_year.id) == [4]
    assert subsidy_year.quarters_to_check(session, cadre, next_year.id) == []
    check(session, cadre, this_year, 4)
    assert subsidy_year.quarters_to_check(session, cadre, this_year.id) == []
    elsewhere, guardian = other_family(session, world, world.village_b)
    theirs = apply_for(session, auth.actor_for_user(session, guardian, None), elsewhere)
    with pytest.raises(PermissionDenied):
        subsidy_year.quarters_to_check(session, cadre, theirs.id)
