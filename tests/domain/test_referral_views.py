"""Reading referrals (DOMAIN.md §3.7, §8): the page's history, holders and next steps, the handover pack for the
receiving side only (its reads audited), masked identity, the scoped list and its filters, and the notices that
tell whoever holds a referral next."""

import json

import pytest
from sqlmodel import select

from jingkang_app.domain.errors import PermissionDenied, ValidationFailed
from jingkang_app.domain.models import AuditLog, Followup, Notification, Role
from jingkang_app.domain.services import auth, followups, referral_queue, referral_views, referrals
from tests.domain.test_followups import stable_form
from tests.factories import (
    make_family,
    make_recipient,
    on_team,
    referral_form,
    take_referral_step,
    user_with_role,
)


@pytest.fixture
def recipient(session, world):
    return make_recipient(session, world)


def file(session, world, recipient, role=Role.grid_worker, kind="rehab", **overrides):
    form = referral_form(recipient, kind, **overrides)
    return referrals.create_referral(session, world.actors[role], form).referral


def referred(session, world, recipient, **overrides):
    referral = file(session, world, recipient, **overrides)
    coordinator = world.actors[Role.township_coordinator]
    referral = take_referral_step(session, coordinator, referral, "register", note="材料齐全")
    return take_referral_step(session, coordinator, referral, "refer")


def detail(session, world, referral, role):
    return referral_views.referral_detail(session, world.actors[role], referral.id)


def as_user(session, user):
    return auth.actor_for_user(session, user, None)


# --- one referral ------------------------------------------------------------------------------------------


def test_the_history_names_who_took_each_step_and_their_note(session, world, recipient):
    referral = referred(session, world, recipient)
    seen = detail(session, world, referral, Role.county_coordinator)
    assert [(s.step, s.label, s.taken_by_name, s.note) for s in seen.history] == [
        ("apply", "referral.step.rehab.apply", "grid_worker用户", ""),
        ("register", "referral.step.rehab.register", "township_coordinator用户", "材料齐全"),
        ("refer", "referral.step.rehab.refer", "township_coordinator用户", ""),
    ]


@pytest.mark.parametrize(
    ("steps", "holders"),
    [
        ([], ["township_coordinator", "county_coordinator"]),  # 初核登记
        (["register"], ["township_coordinator", "county_coordinator"]),  # 康复转介
        (["register", "refer"], ["social_worker"]),  # 接收确认
    ],
)
def test_the_page_shows_who_holds_the_referral_now(session, world, recipient, steps, holders):
    referral = file(session, world, recipient)
    for step in steps:
        referral = take_referral_step(session, world.actors[Role.township_coordinator], referral, step)
    assert detail(session, world, referral, Role.grid_worker).holders == holders


def test_nobody_holds_a_closed_referral(session, world, recipient):
    referral = file(
        session, world, recipient, Role.county_coordinator, "hospital_down", receiver="城关镇卫生院"
    )
    doctor = world.actors[Role.community_doctor]
    for step in ("acknowledge", "treat", "close"):
        referral = take_referral_step(session, doctor, referral, step)
    assert detail(session, world, referral, Role.county_coordinator).holders == []


def test_the_coordinator_is_offered_registration_and_return_the_grid_worker_nothing(
    session, world, recipient
):
    referral = file(session, world, recipient)
    assert detail(session, world, referral, Role.township_coordinator).next_steps == ["register", "return"]
    assert detail(session, world, referral, Role.grid_worker).next_steps == []


def test_identity_is_masked_and_only_for_those_who_may_see_it(session, world, recipient):
    referral = file(session, world, recipient)
    number = recipient.id_number
    assert (
        detail(session, world, referral, Role.county_coordinator).id_masked
        == number[:4] + "*" * 10 + number[-4:]
    )
    assert detail(session, world, referral, Role.grid_worker).id_masked == ""


def test_a_social_worker_of_another_township_cannot_open_it(session, world, recipient):
    referral = file(session, world, recipient)
    other = user_with_role(session, world, Role.social_worker, world.township_b)
    with pytest.raises(PermissionDenied):
        referral_views.referral_detail(session, as_user(session, other), referral.id)


# --- the handover pack ----------------------------------------------------------------------------------------


@pytest.fixture
def followed_up(session, world):
    """A recipient with a team doctor and social worker, seen on a follow-up that recorded one drug."""
    recipient = make_recipient(session, world)
    on_team(session, world, recipient, Role.community_doctor, "doctor")
    on_team(session, world, recipient, Role.social_worker, "social_worker")
    followups.record_followup(session, world.actors[Role.community_doctor], stable_form(recipient.id))
    return recipient


def test_the_handover_pack_is_built_from_the_record_when_referred(session, world, followed_up):
    referral = referred(session, world, followed_up)
    pack = detail(session, world, referral, Role.social_worker).handover
    doctor, social = world.users[Role.community_doctor], world.users[Role.social_worker]
    assert pack["summary"] == {
        "name": "张建国",
        "sex": "sex.male",
        "age": 46,  # born 17 May 1980, on 23 Nov 2026
        "diagnosis": "diagnosis.schizophrenia",
        "reason": "病情稳定，需要日间康复训练",
    }
    assert pack["risk"] == {
        "level": 0,
        "classification": "followup.classification.stable",
        "last_followup_date": "2026-11-23",
    }
    assert pack["medication"] == {
        "drugs": [{"name": "利培酮", "morning": 1.0, "evening": 2.0}],
        "recorded_on": "2026-11-23",
    }
    assert pack["contacts"] == {
        "guardian": {"name": "李秀英", "relation": "relation.spouse", "phone": "13987654321"},
        "doctor": {"name": doctor.name, "phone": doctor.phone},
        "social_worker": {"name": social.name, "phone": social.phone},
    }


def test_the_pack_matches_the_followups_stored_medication(session, world, followed_up):
    referral = referred(session, world, followed_up)
    stored = session.exec(select(Followup.medications)).one()
    assert detail(session, world, referral, Role.social_worker).handover["medication"]["drugs"] == stored


@pytest.mark.parametrize("role", [Role.grid_worker, Role.township_coordinator, Role.county_coordinator])
def test_the_sending_side_does_not_read_the_handover_pack(session, world, followed_up, role):
    referral = referred(session, world, followed_up)
    assert detail(session, world, referral, role).handover is None


def test_there_is_no_pack_before_the_referral_is_sent(session, world, followed_up):
    referral = file(session, world, followed_up)
    assert detail(session, world, referral, Role.social_worker).handover is None


def test_a_referral_filed_again_after_return_has_no_pack_until_it_is_sent_again(session, world, followed_up):
    referral = referred(session, world, followed_up)
    social = world.actors[Role.social_worker]
    referral = take_referral_step(session, social, referral, "return", reason="请补充近期随访记录")
    take_referral_step(session, world.actors[Role.grid_worker], referral, "apply")
    assert detail(session, world, referral, Role.social_worker).handover is None


def test_the_receiving_townships_social_worker_reads_the_pack_of_a_referral_from_elsewhere(
    session, world, followed_up
):
    referral = referred(session, world, followed_up, receiver_area_id=world.township_b.id)
    receiving = as_user(session, user_with_role(session, world, Role.social_worker, world.township_b))
    assert (
        referral_views.referral_detail(session, receiving, referral.id).handover["summary"]["name"]
        == "张建国"
    )
    assert detail(session, world, referral, Role.social_worker).handover is None


def test_each_read_is_audited_saying_whether_it_showed_the_pack(session, world, followed_up):
    referral = referred(session, world, followed_up)
    detail(session, world, referral, Role.social_worker)
    detail(session, world, referral, Role.grid_worker)
    reads = session.exec(
        select(AuditLog.actor_id, AuditLog.detail)
        .where(AuditLog.action == "referral.view")
        .order_by(AuditLog.id)
    ).all()
    assert [(actor, json.loads(d)["handover"]) for actor, d in reads] == [
        (world.users[Role.social_worker].id, True),
        (world.users[Role.grid_worker].id, False),
    ]


# --- notices -------------------------------------------------------------------------------------------------


def told(session, kind: str) -> set[int]:
    return set(session.exec(select(Notification.user_id).where(Notification.kind == kind)).all())


def test_an_application_is_told_to_the_coordinators_who_register_it(session, world, recipient):
    referral = file(session, world, recipient)
    assert told(session, "referral_applied") == {
        world.users[Role.township_coordinator].id,
        world.users[Role.county_coordinator].id,
    }
    links = session.exec(select(Notification.link).where(Notification.kind == "referral_applied")).all()
    assert set(links) == {f"/referrals/{referral.id}"}


def test_a_referral_is_told_to_the_receiving_townships_social_workers_only(session, world, recipient):
    receiving = user_with_role(session, world, Role.social_worker, world.township_b)
    referred(session, world, recipient, receiver_area_id=world.township_b.id)
    assert told(session, "referral_referred") == {receiving.id}


def test_a_referral_to_hospital_is_told_to_the_county_coordinator(session, world, recipient):
    file(session, world, recipient, Role.community_doctor, "hospital_up", receiver="县精神卫生中心")
    assert told(session, "referral_initiated") == {world.users[Role.county_coordinator].id}


# --- the list ------------------------------------------------------------------------------------------------


def listed(session, actor, **filters) -> list[int]:
    rows, total = referral_queue.referral_list(session, actor, **filters)
    assert total == len(rows)
    return [row.id for row in rows]


def test_the_list_shows_the_newest_first_with_who_holds_each(session, world, recipient, fake_clock):
    first = file(session, world, recipient)
    fake_clock.advance(minutes=5)
    second = file(session, world, recipient, Role.community_doctor, "hospital_up", receiver="县精神卫生中心")
    rows, total = referral_queue.referral_list(session, world.actors[Role.county_coordinator])
    assert [(r.id, r.kind, r.holders, r.late) for r in rows] == [
        (second.id, "hospital_up", ["county_coordinator"], False),
        (first.id, "rehab", ["township_coordinator", "county_coordinator"], False),
    ]
    assert (rows[1].recipient_name, rows[1].village, rows[1].receiver_area_name, total) == (
        "张建国",
        "南塘村",
        "城关镇",
        2,
    )


def test_another_townships_coordinator_sees_none_of_this_townships_referrals(session, world, recipient):
    file(session, world, recipient)
    other = as_user(session, user_with_role(session, world, Role.township_coordinator, world.township_b))
    assert listed(session, other) == []


def test_the_receiving_township_sees_the_referrals_sent_to_it(session, world, recipient):
    file(session, world, recipient)
    sent = file(session, world, recipient, receiver_area_id=world.township_b.id)
    receiving = as_user(session, user_with_role(session, world, Role.social_worker, world.township_b))
    assert listed(session, receiving) == [sent.id]


def test_a_family_sees_its_own_relatives_referrals_only(session, world):
    own = make_family(session, world)
    mine = file(session, world, own)
    file(session, world, make_recipient(session, world))
    assert listed(session, world.actor(session, Role.caregiver)) == [mine.id]


def test_the_list_filters_by_status_kind_and_area(session, world, recipient, fake_clock):
    rehab = file(session, world, recipient)
    up = file(session, world, recipient, Role.community_doctor, "hospital_up", receiver="县精神卫生中心")
    elsewhere = file(session, world, make_recipient(session, world, world.village_b), Role.county_coordinator)
    county = world.actors[Role.county_coordinator]
    assert listed(session, county, status="initiated") == [up.id]
    assert listed(session, county, kind="rehab") == [elsewhere.id, rehab.id]
    assert listed(session, county, area_id=world.township_b.id) == [elsewhere.id]


def test_the_list_pages(session, world, recipient):
    filed = [file(session, world, recipient).id for _ in range(3)]
    rows, total = referral_queue.referral_list(
        session, world.actors[Role.county_coordinator], offset=1, limit=1
    )
    assert ([r.id for r in rows], total) == ([filed[1]], 3)


def test_an_unknown_status_is_refused(session, world):
    with pytest.raises(ValidationFailed):
        referral_queue.referral_list(session, world.actors[Role.county_coordinator], status="lost")


def test_an_administrator_works_on_no_referrals(session, world):
    with pytest.raises(PermissionDenied):
        referral_queue.referral_list(session, world.admin)
