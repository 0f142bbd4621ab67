from datetime import date

import pytest
from sqlmodel import select

from jingkang_app.domain.errors import NotFound, PermissionDenied, ValidationFailed
from jingkang_app.domain.models import AuditLog, Recipient, Role
from jingkang_app.domain.services import care_team, recipients
from tests.factories import build_world, make_recipient, team_member_moved_away


@pytest.fixture
def world(session, fake_clock):
    return build_world(session)


def test_birth_date_and_sex_come_from_the_id_number(session, world):
    recipient = make_recipient(session, world, id_number=world.id_number(date(1975, 3, 9), "female"))
    assert (recipient.birth_date, recipient.sex) == (date(1975, 3, 9), "female")


def test_id_number_is_normalised_before_it_is_stored(session, world):
    number = world.id_number()
    messy = " ".join([number[:6], number[6:14], number[14:]]).translate(
        str.maketrans("0123456789", "０１２３４５６７８９")
    )
    assert make_recipient(session, world, id_number=messy).id_number == number


def test_an_invalid_id_number_is_refused_beside_its_field_and_nothing_is_stored(session, world):
    number = world.id_number()
    wrong_check = number[:17] + ("0" if number[17] != "0" else "1")
    with pytest.raises(ValidationFailed) as refused:
        make_recipient(session, world, id_number=wrong_check, phone="12345")
    assert refused.value.errors["id_number"].key == "error.id_number_checksum"
    assert refused.value.errors["phone"].key == "error.mobile_invalid"
    assert session.exec(select(Recipient)).all() == []


def test_a_duplicate_id_number_is_refused(session, world):
    number = world.id_number()
    make_recipient(session, world, id_number=number)
    with pytest.raises(ValidationFailed) as refused:
        make_recipient(session, world, id_number=number, name="另一个人")
    assert refused.value.errors["id_number"].key == "error.id_number_duplicate"


def test_the_same_submission_sent_twice_is_stored_once(session, world):
    first = make_recipient(session, world, client_id="c0ffee00-0000-4000-8000-000000000001")
    again = make_recipient(session, world, client_id="c0ffee00-0000-4000-8000-000000000001")
    assert again.id == first.id
    assert len(session.exec(select(Recipient)).all()) == 1


def test_registering_outside_ones_area_is_refused(session, world):
    with pytest.raises(PermissionDenied):
        recipients.create_recipient(
            session,
            world.actors[Role.community_doctor],  # township A
            {
                "client_id": "c1",
                "area_id": world.village_b.id,
                "name": "王伟",
                "id_number": world.id_number(),
            },
        )
    assert session.exec(select(Recipient)).all() == []


def test_registration_is_audited_in_the_same_transaction(session, world):
    recipient = make_recipient(session, world)
    entry = session.exec(select(AuditLog).where(AuditLog.action == "recipient.create")).one()
    assert (entry.recipient_id, entry.actor_id) == (recipient.id, world.users[Role.county_coordinator].id)


def ids_seen_by(session, actor, search: str = "") -> set[int]:
    rows, _total = recipients.list_recipients(session, actor, search)
    return {row.id for row in rows}


def test_lists_hold_only_recipients_in_the_users_scope(session, world):
    in_a = make_recipient(session, world)
    in_b = make_recipient(session, world, village=world.village_b, name="王伟")
    assert ids_seen_by(session, world.actors[Role.community_doctor]) == {in_a.id}
    assert ids_seen_by(session, world.actors[Role.county_coordinator]) == {in_a.id, in_b.id}
    assert ids_seen_by(session, world.actors[Role.volunteer]) == set()
    assert ids_seen_by(session, world.admin) == set()


def test_a_caregiver_lists_only_their_own_relative(session, world):
    own = make_recipient(session, world)
    make_recipient(session, world, name="王伟")
    care_team.add_team_member(
        session, world.actors[Role.county_coordinator], own.id, world.users[Role.caregiver].id, "guardian"
    )
    assert ids_seen_by(session, world.actor(session, Role.caregiver)) == {own.id}


def test_a_care_team_member_who_moved_away_still_sees_the_recipient_outside_their_area(session, world):
    elsewhere = make_recipient(session, world, village=world.village_b)
    team_member_moved_away(session, world, elsewhere, Role.grid_worker, "grid_worker")
    assert elsewhere.id in ids_seen_by(session, world.actors[Role.grid_worker])


def test_search_by_name_pinyin_initials_or_last_four_id_digits(session, world):
    target = make_recipient(session, world, name="张建国")
    make_recipient(session, world, name="李秀英")
    doctor = world.actors[Role.community_doctor]
    assert ids_seen_by(session, doctor, "建国") == {target.id}
    assert ids_seen_by(session, doctor, "ZJG") == {target.id}
    assert ids_seen_by(session, doctor, target.id_number[-4:].lower()) == {target.id}


def test_lists_mask_ids_and_hide_clinical_data_from_grid_workers(session, world):
    recipient = make_recipient(session, world)
    [doctor_row], _ = recipients.list_recipients(session, world.actors[Role.community_doctor])
    [grid_row], _ = recipients.list_recipients(session, world.actors[Role.grid_worker])
    assert doctor_row.id_masked == recipient.id_number[:4] + "*" * 10 + recipient.id_number[-4:]
    assert grid_row.id_masked == ""
    assert grid_row.risk_level is None


def test_lists_are_paged_with_a_total(session, world):
    for n in range(5):
        make_recipient(session, world, name=f"张{n}")
    rows, total = recipients.list_recipients(session, world.actors[Role.community_doctor], offset=3, limit=3)
    assert (len(rows), total) == (2, 5)


def test_reading_the_detail_page_is_audited(session, world):
    recipient = make_recipient(session, world)
    detail = recipients.get_recipient_detail(session, world.actors[Role.community_doctor], recipient.id)
    assert detail.id_number == recipient.id_number and detail.diagnosis == "schizophrenia"
    entry = session.exec(select(AuditLog).where(AuditLog.action == "recipient.view")).one()
    assert (entry.actor_id, entry.recipient_id) == (world.users[Role.community_doctor].id, recipient.id)


def test_the_grid_workers_detail_view_has_no_diagnosis_or_id_number(session, world):
    recipient = make_recipient(session, world)
    detail = recipients.get_recipient_detail(session, world.actors[Role.grid_worker], recipient.id)
    assert (detail.id_number, detail.phone, detail.diagnosis, detail.risk_level) == (None, None, None, None)
    assert detail.guardian_phone == "13987654321"  # the family can still be called about a visit


def test_an_out_of_scope_detail_read_is_refused_and_the_attempt_audited(session, world):
    recipient = make_recipient(session, world, village=world.village_b)
    with pytest.raises(PermissionDenied):
        recipients.get_recipient_detail(session, world.actors[Role.community_doctor], recipient.id)
    entry = session.exec(select(AuditLog).where(AuditLog.action == "recipient.view_denied")).one()
    assert entry.actor_id == world.users[Role.community_doctor].id


def test_a_missing_recipient_is_not_found(session, world):
    with pytest.raises(NotFound):
        recipients.get_recipient_detail(session, world.actors[Role.community_doctor], 999_999)


@pytest.mark.parametrize("diagnosis", recipients.DIAGNOSES)
def test_every_diagnosis_can_be_registered(session, world, diagnosis):
    assert make_recipient(session, world, diagnosis=diagnosis).diagnosis == diagnosis


@pytest.mark.parametrize("area_id", ["abc", "-1", "", None, "３"])
def test_a_malformed_village_is_refused_beside_its_field(session, world, area_id):
    with pytest.raises(ValidationFailed) as refused:
        make_recipient(session, world, area_id=area_id)
    assert refused.value.errors["area_id"].key == "error.village_required"
