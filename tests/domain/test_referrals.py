"""Referrals through the service (DOMAIN.md §3.7): filing a draft or submitting at once, idempotency, the
application's validation, each kind's happy path, and refusals — illegal steps, roles not allowed, actors outside
the area or on the wrong receiving side, 退回 without a reason, stale versions."""

from datetime import date

import pytest
from sqlmodel import select

from jingkang_app.domain import clock
from jingkang_app.domain.errors import NotFound, PermissionDenied, StaleVersion, ValidationFailed
from jingkang_app.domain.models import AuditLog, Notification, Referral, ReferralStepTaken, Role
from jingkang_app.domain.services import alerts, auth, referrals
from tests.factories import (
    make_family,
    make_recipient,
    make_recipient_registered_on,
    referral_form,
    take_referral_step,
    user_with_role,
)

TODAY = date(2026, 11, 23)  # the fake clock's local date (a Monday)


@pytest.fixture
def recipient(session, world):
    return make_recipient(session, world)


def file(session, actor, recipient, kind="rehab", **overrides) -> Referral:
    return referrals.create_referral(session, actor, referral_form(recipient, kind, **overrides)).referral


def field_errors(excinfo) -> dict[str, str]:
    return {field: error.key for field, error in excinfo.value.errors.items()}


def history(session, referral) -> list[tuple[str, str, str, int]]:
    rows = session.exec(
        select(ReferralStepTaken)
        .where(ReferralStepTaken.referral_id == referral.id)
        .order_by(ReferralStepTaken.id)
    ).all()
    return [(r.step, r.from_status, r.to_status, r.taken_by) for r in rows]


# --- filing ------------------------------------------------------------------------------------------------


def test_a_grid_worker_files_a_draft_that_waits_unsubmitted(session, world, recipient):
    referral = file(session, world.actors[Role.grid_worker], recipient, submit=False)
    assert (referral.status, referral.kind, referral.route, referral.version) == (
        "draft",
        "rehab",
        "other",
        1,
    )
    assert (referral.area_id, referral.created_by) == (recipient.area_id, world.users[Role.grid_worker].id)
    assert history(session, referral) == []


def test_submitting_at_once_takes_the_first_step_and_keeps_it_in_the_history(session, world, recipient):
    referral = file(session, world.actors[Role.grid_worker], recipient)
    assert (referral.status, referral.applied_on, referral.version) == ("applied", TODAY, 2)
    assert history(session, referral) == [("apply", "draft", "applied", world.users[Role.grid_worker].id)]


def test_the_same_submission_twice_stores_one_referral(session, world, recipient):
    form = referral_form(recipient)
    first = referrals.create_referral(session, world.actors[Role.grid_worker], form)
    again = referrals.create_referral(session, world.actors[Role.grid_worker], form)
    assert (first.repeat, again.repeat, again.referral.id) == (False, True, first.referral.id)
    assert len(session.exec(select(Referral)).all()) == 1
    assert len(history(session, first.referral)) == 1


def test_filing_is_audited(session, world, recipient):
    referral = file(session, world.actors[Role.grid_worker], recipient)
    actions = session.exec(
        select(AuditLog.action).where(AuditLog.entity == "referral", AuditLog.entity_id == referral.id)
    ).all()
    assert actions == ["referral.create", "referral.apply"]


def test_the_receiving_area_defaults_to_the_township_and_to_the_county_for_a_hospital(
    session, world, recipient
):
    rehab = file(session, world.actors[Role.grid_worker], recipient)
    up = file(
        session, world.actors[Role.community_doctor], recipient, "hospital_up", receiver="县第三人民医院"
    )
    assert (rehab.receiver_area_id, up.receiver_area_id) == (world.township_a.id, world.county.id)


def test_a_referral_may_go_to_another_townships_site(session, world, recipient):
    referral = file(session, world.actors[Role.grid_worker], recipient, receiver_area_id=world.township_b.id)
    assert referral.receiver_area_id == world.township_b.id


def test_a_village_is_not_a_receiving_area(session, world, recipient):
    with pytest.raises(ValidationFailed) as refused:
        file(session, world.actors[Role.grid_worker], recipient, receiver_area_id=world.village_a.id)
    assert field_errors(refused) == {"receiver_area_id": "error.referral_receiver_area"}


def test_reason_and_receiver_are_required_and_limited(session, world, recipient):
    with pytest.raises(ValidationFailed) as refused:
        file(session, world.actors[Role.grid_worker], recipient, reason=" ", receiver="站" * 101)
    assert field_errors(refused) == {"reason": "error.required", "receiver": "error.too_long"}


def test_a_paper_application_keeps_its_own_date(session, world, fake_clock):
    recipient = make_recipient_registered_on(session, world, date(2026, 11, 2))
    referral = file(session, world.actors[Role.township_coordinator], recipient, applied_on="2026-11-16")
    assert referral.applied_on == date(2026, 11, 16)


@pytest.mark.parametrize(
    ("applied_on", "key"),
    [
        ("2026-11-24", "error.date_in_future"),
        ("2026-11-01", "error.before_registration"),
        ("24/11/2026", "error.date_format"),
    ],
)
def test_the_application_date_is_not_in_the_future_nor_before_registration(session, world, applied_on, key):
    recipient = make_recipient_registered_on(session, world, date(2026, 11, 2))
    with pytest.raises(ValidationFailed) as refused:
        file(session, world.actors[Role.grid_worker], recipient, applied_on=applied_on)
    assert field_errors(refused) == {"applied_on": key}


def test_a_grid_worker_may_not_file_on_the_personal_route(session, world, recipient):
    with pytest.raises(ValidationFailed) as refused:
        file(session, world.actors[Role.grid_worker], recipient, route="personal")
    assert field_errors(refused) == {"route": "error.referral_route_not_allowed"}


def test_a_rehab_referral_needs_its_route(session, world, recipient):
    with pytest.raises(ValidationFailed) as refused:
        file(session, world.actors[Role.grid_worker], recipient, route="")
    assert field_errors(refused) == {"route": "error.required"}


def test_the_family_applies_for_its_own_relative_on_the_personal_route(session, world):
    recipient = make_family(session, world)
    referral = file(session, world.actor(session, Role.caregiver), recipient, route="personal")
    assert (referral.status, referral.route) == ("applied", "personal")


def test_the_family_may_not_send_its_relative_to_hospital(session, world):
    recipient = make_family(session, world)
    with pytest.raises(PermissionDenied):
        file(session, world.actor(session, Role.caregiver), recipient, "hospital_up")


def test_a_grid_worker_may_not_initiate_an_aid_referral(session, world, recipient):
    with pytest.raises(PermissionDenied):
        file(session, world.actors[Role.grid_worker], recipient, "aid")


def test_nobody_files_for_a_recipient_outside_their_area(session, world):
    elsewhere = make_recipient(session, world, world.village_b)
    with pytest.raises(PermissionDenied):
        file(session, world.actors[Role.grid_worker], elsewhere)


# --- each kind's happy path --------------------------------------------------------------------------------


def walk(session, world, referral, steps: list[tuple[Role, str]]) -> list[str]:
    """Takes each (role, step) in turn; the statuses it passes through."""
    statuses = []
    for role, step in steps:
        referral = take_referral_step(session, world.actors[role], referral, step)
        statuses.append(referral.status)
    return statuses


def walk_to(session, world, referral, steps: list[tuple[Role, str]]) -> Referral:
    for role, step in steps:
        referral = take_referral_step(session, world.actors[role], referral, step)
    return referral


def referred(session, world, recipient, **overrides) -> Referral:
    """A 精康转介 the grid worker filed and the township coordinator registered and referred."""
    referral = file(session, world.actors[Role.grid_worker], recipient, **overrides)
    township = Role.township_coordinator
    return walk_to(session, world, referral, [(township, "register"), (township, "refer")])


def test_a_rehab_referral_walks_the_seven_steps(session, world, recipient):
    referral = file(session, world.actors[Role.grid_worker], recipient)
    township, social, doctor = Role.township_coordinator, Role.social_worker, Role.community_doctor
    steps = [
        (township, "register"),
        (township, "refer"),
        (social, "acknowledge"),
        (doctor, "assess"),
        (social, "provide"),
        (social, "review"),
        (social, "provide"),
        (doctor, "review"),
        (township, "close"),
    ]
    assert walk(session, world, referral, steps) == [
        "registered",
        "referred",
        "accepted",
        "assessed",
        "in_service",
        "reviewed",
        "in_service",
        "reviewed",
        "closed",
    ]
    assert (referral.registered_on, referral.referred_on, referral.closed_on) == (TODAY, TODAY, TODAY)
    assert referral.version == 2 + len(steps)


def test_a_hospital_referral_goes_up_and_comes_back(session, world, recipient):
    referral = file(
        session, world.actors[Role.community_doctor], recipient, "hospital_up", receiver="县精神卫生中心"
    )
    county, doctor = Role.county_coordinator, Role.community_doctor
    steps = [(county, "acknowledge"), (doctor, "treat"), (county, "send_back"), (doctor, "close")]
    assert referral.status == "initiated"
    assert walk(session, world, referral, steps) == ["accepted", "in_care", "back_in_community", "closed"]


def test_a_hospital_sends_a_patient_down_to_the_community(session, world, recipient):
    referral = file(
        session, world.actors[Role.county_coordinator], recipient, "hospital_down", receiver="城关镇卫生院"
    )
    doctor = Role.community_doctor
    steps = [(doctor, "acknowledge"), (doctor, "treat"), (Role.township_coordinator, "close")]
    assert walk(session, world, referral, steps) == ["accepted", "in_care", "closed"]


@pytest.mark.parametrize("kind", ["employment", "aid"])
def test_employment_and_aid_referrals_are_answered_by_the_county(session, world, recipient, kind):
    referral = file(session, world.actors[Role.village_cadre], recipient, kind, receiver="县就业服务中心")
    county = Role.county_coordinator
    steps = [(county, "acknowledge"), (county, "provide"), (Role.social_worker, "close")]
    assert walk(session, world, referral, steps) == ["accepted", "in_service", "closed"]


def test_a_relapse_alerts_draft_is_initiated_once_the_hospital_is_named(session, world, recipient):
    alert = alerts.raise_alert(
        session,
        recipient,
        source="visitor",
        source_id=1,
        risk_level=4,
        reason="持续打砸，家属无法劝阻",
        raised_at=clock.now(),
        raised_by=world.users[Role.grid_worker].id,
    )
    session.commit()
    draft = session.exec(select(Referral).where(Referral.alert_id == alert.id)).one()
    doctor = world.actors[Role.community_doctor]
    with pytest.raises(ValidationFailed) as refused:
        take_referral_step(session, doctor, draft, "initiate")
    assert field_errors(refused) == {"receiver": "error.required"}
    referral = take_referral_step(session, doctor, draft, "initiate", receiver="县精神卫生中心")
    assert (referral.status, referral.receiver, referral.receiver_area_id) == (
        "initiated",
        "县精神卫生中心",
        world.county.id,
    )
    assert (referral.applied_on, referral.reason) == (TODAY, "持续打砸，家属无法劝阻")


# --- refusals ----------------------------------------------------------------------------------------------


def test_a_step_not_legal_from_the_status_is_refused_naming_the_status(session, world, recipient):
    referral = file(session, world.actors[Role.grid_worker], recipient)
    with pytest.raises(ValidationFailed) as refused:
        take_referral_step(session, world.actors[Role.township_coordinator], referral, "refer")
    assert field_errors(refused) == {"step": "error.referral_illegal_step.applied"}


def test_an_unknown_step_is_refused(session, world, recipient):
    referral = file(session, world.actors[Role.grid_worker], recipient)
    with pytest.raises(ValidationFailed) as refused:
        take_referral_step(session, world.actors[Role.township_coordinator], referral, "approve")
    assert field_errors(refused) == {"step": "error.referral_illegal_step.applied"}


def test_nothing_is_taken_from_a_closed_referral(session, world, recipient):
    referral = file(
        session, world.actors[Role.county_coordinator], recipient, "hospital_down", receiver="城关镇卫生院"
    )
    doctor = Role.community_doctor
    referral = walk_to(
        session, world, referral, [(doctor, "acknowledge"), (doctor, "treat"), (doctor, "close")]
    )
    with pytest.raises(ValidationFailed) as refused:
        take_referral_step(
            session, world.actors[Role.county_coordinator], referral, "return", reason="重新评估"
        )
    assert field_errors(refused) == {"step": "error.referral_illegal_step.closed"}


def test_a_grid_worker_may_not_register_an_application(session, world, recipient):
    referral = file(session, world.actors[Role.grid_worker], recipient)
    with pytest.raises(PermissionDenied):
        take_referral_step(session, world.actors[Role.grid_worker], referral, "register")


def test_a_township_coordinator_may_not_acknowledge_a_referral_to_hospital(session, world, recipient):
    referral = file(
        session, world.actors[Role.community_doctor], recipient, "hospital_up", receiver="县精神卫生中心"
    )
    with pytest.raises(PermissionDenied):
        take_referral_step(session, world.actors[Role.township_coordinator], referral, "acknowledge")


def test_a_coordinator_of_another_township_reaches_no_referral_here(session, world, recipient):
    referral = file(session, world.actors[Role.grid_worker], recipient)
    other = user_with_role(session, world, Role.township_coordinator, world.township_b)
    with pytest.raises(PermissionDenied):
        take_referral_step(session, auth.actor_for_user(session, other, None), referral, "register")


def test_a_social_worker_of_another_township_may_not_acknowledge(session, world, recipient):
    referral = referred(session, world, recipient)
    other = user_with_role(session, world, Role.social_worker, world.township_b)
    with pytest.raises(PermissionDenied):
        take_referral_step(session, auth.actor_for_user(session, other, None), referral, "acknowledge")


def test_the_receiving_townships_social_worker_acknowledges_not_the_sending_ones(session, world, recipient):
    referral = referred(session, world, recipient, receiver_area_id=world.township_b.id)
    with pytest.raises(PermissionDenied):
        take_referral_step(session, world.actors[Role.social_worker], referral, "acknowledge")
    receiving = user_with_role(session, world, Role.social_worker, world.township_b)
    referral = take_referral_step(
        session, auth.actor_for_user(session, receiving, None), referral, "acknowledge"
    )
    assert referral.status == "accepted"


def test_an_unknown_referral_is_not_found(session, world):
    with pytest.raises(NotFound):
        referrals.take_step(session, world.actors[Role.county_coordinator], 999, {"step": "register"})


# --- 退回 and filing again -------------------------------------------------------------------------------------


def test_returning_needs_a_reason(session, world, recipient):
    referral = file(session, world.actors[Role.grid_worker], recipient)
    with pytest.raises(ValidationFailed) as refused:
        take_referral_step(session, world.actors[Role.township_coordinator], referral, "return", reason="  ")
    assert field_errors(refused) == {"reason": "error.referral_return_reason"}


def test_a_returned_referral_keeps_its_reason_in_the_history_and_tells_the_applicant(
    session, world, recipient
):
    referral = file(session, world.actors[Role.grid_worker], recipient)
    referral = take_referral_step(
        session, world.actors[Role.township_coordinator], referral, "return", reason="缺少监护人签字的申请表"
    )
    assert (referral.status, referral.return_reason) == ("returned", "缺少监护人签字的申请表")
    last = session.exec(select(ReferralStepTaken).order_by(ReferralStepTaken.id.desc())).first()
    assert (last.step, last.note) == ("return", "缺少监护人签字的申请表")
    told = session.exec(select(Notification).where(Notification.kind == "referral_returned")).all()
    assert [(n.user_id, n.link) for n in told] == [
        (world.users[Role.grid_worker].id, f"/referrals/{referral.id}")
    ]


def test_a_returned_referral_is_filed_again_and_starts_over(session, world, recipient):
    referral = referred(session, world, recipient)
    social = world.actors[Role.social_worker]
    referral = take_referral_step(session, social, referral, "return", reason="本站名额已满，请改转其他站点")
    referral = take_referral_step(
        session, world.actors[Role.grid_worker], referral, "apply", receiver="城关镇第二康复站"
    )
    assert (referral.status, referral.receiver) == ("applied", "城关镇第二康复站")
    assert (referral.registered_on, referral.referred_on, referral.refer_by) == (None, None, None)


# --- versions ----------------------------------------------------------------------------------------------


def test_a_step_on_a_stale_version_is_refused_with_what_changed(session, world, recipient):
    referral = file(session, world.actors[Role.grid_worker], recipient)
    read_at = referral.version
    take_referral_step(session, world.actors[Role.township_coordinator], referral, "register")
    with pytest.raises(StaleVersion) as refused:
        form = {"step": "return", "version": read_at, "reason": "重复申请"}
        referrals.take_step(session, world.actors[Role.county_coordinator], referral.id, form)
    assert {"status", "registered_on", "refer_by"} <= set(refused.value.params["changed"])
