"""Registering a recipient: who may, in which villages, and what a refused duplicate tells the registrar."""

import pytest
from sqlmodel import func, select

from jingkang_app.domain.errors import PermissionDenied, ValidationFailed
from jingkang_app.domain.models import Recipient, Role
from jingkang_app.domain.services import recipients
from tests.factories import make_recipient, recipient_form


def count(session) -> int:
    return session.exec(select(func.count()).select_from(Recipient)).one()


def refusal(session, world, role: Role, **overrides) -> ValidationFailed:
    with pytest.raises(ValidationFailed) as refused:
        recipients.create_recipient(session, world.actors[role], recipient_form(world, **overrides))
    return refused.value


def test_a_duplicate_id_number_carries_the_existing_record_when_the_registrar_may_open_it(session, world):
    existing = make_recipient(session, world)
    error = refusal(session, world, Role.community_doctor, id_number=existing.id_number).errors["id_number"]
    assert (error.key, error.params) == ("error.id_number_duplicate", {"recipient_id": existing.id})
    assert count(session) == 1


def test_a_duplicate_id_number_outside_the_registrars_reach_is_refused_without_naming_the_record(
    session, world
):
    elsewhere = make_recipient(session, world, village=world.village_b)
    error = refusal(session, world, Role.community_doctor, id_number=elsewhere.id_number).errors["id_number"]
    assert (error.key, error.params) == ("error.id_number_duplicate", {})
    assert count(session) == 1


@pytest.mark.parametrize("role", [Role.volunteer, Role.caregiver, Role.grid_worker, Role.admin])
def test_a_user_who_registers_no_one_is_refused_before_any_id_number_is_looked_up(session, world, role):
    existing = make_recipient(session, world)
    with pytest.raises(PermissionDenied):
        # No village: without the early refusal the answer would say whether the number is registered.
        recipients.create_recipient(
            session, world.actors[role], recipient_form(world, id_number=existing.id_number, area_id="")
        )
    assert count(session) == 1


@pytest.mark.parametrize(
    ("role", "villages"),
    [
        (Role.village_cadre, ["南塘村"]),
        (Role.community_doctor, ["南塘村"]),
        (Role.county_coordinator, ["南塘村", "石桥村"]),
    ],
)
def test_registration_villages_are_those_in_the_registrars_scope(session, world, role, villages):
    rows = recipients.registration_villages(session, world.actors[role])
    assert [village for _id, village, _township in rows] == villages


def test_a_registration_village_comes_with_its_township(session, world):
    [row] = recipients.registration_villages(session, world.actors[Role.village_cadre])
    assert row == (world.village_a.id, "南塘村", "城关镇")


@pytest.mark.parametrize("role", [Role.grid_worker, Role.volunteer, Role.caregiver])
def test_registration_villages_are_refused_to_users_who_register_no_one(session, world, role):
    with pytest.raises(PermissionDenied):
        recipients.registration_villages(session, world.actors[role])


def test_the_village_committee_contact_is_stored_with_a_normalised_phone(session, world):
    recipient = make_recipient(
        session, world, village_contact_name="陈主任", village_contact_phone="+86 139-1234-5678"
    )
    assert (recipient.village_contact_name, recipient.village_contact_phone) == ("陈主任", "13912345678")


def test_a_wrong_village_committee_contact_phone_is_refused_beside_its_field(session, world):
    error = refusal(session, world, Role.county_coordinator, village_contact_phone="12345")
    assert error.errors["village_contact_phone"].key == "error.mobile_invalid"
    assert count(session) == 0
