"""The registration page's state (/recipients/new), its handlers called as any socket client could call them."""

from datetime import date

import pytest
from sqlmodel import func, select

from jingkang_app.domain.models import Recipient, Role
from jingkang_app.domain.services import users
from jingkang_app.state.recipient_new import RecipientNewState
from tests.factories import make_recipient, recipient_form

DENIED_ZH = "您没有权限查看或修改这条记录。"
CHECKSUM_ZH = "身份证号校验位不正确，请核对后重新输入。"
DUPLICATE_ZH = "该身份证号已登记。"


def page_state(make_state, role: Role | None = Role.village_cadre) -> RecipientNewState:
    """The page's on_load: the user is resolved (name, language), then the form is prepared."""
    state = make_state(RecipientNewState, role, "/recipients/new")
    RecipientNewState.load_user.fn(state)
    RecipientNewState.load.fn(state)
    return state


def filled(state: RecipientNewState, world, **overrides) -> dict:
    """What the browser's form sends: strings, "on" for a ticked box, the hidden client id."""
    return recipient_form(
        world,
        client_id=state.client_id,
        area_id=str(world.village_a.id),
        hukou_local="yes",
        household_type="rural",
        disability_level="3",
        economic_status="poor",
        low_income="on",
        employment="3",
        **overrides,
    )


def count(session) -> int:
    return session.exec(select(func.count()).select_from(Recipient)).one()


def wrong_check_digit(number: str) -> str:
    return number[:17] + ("0" if number[17] != "0" else "1")


def test_the_page_opens_for_a_village_committee_with_its_village_and_a_fresh_client_id(
    session, world, make_state
):
    state = page_state(make_state)
    assert (state.allowed, state.today, state.page_error) == (True, "2026-11-23", "")
    assert state.villages == [{"id": str(world.village_a.id), "name": "南塘村（城关镇）"}]
    assert len(state.client_id) == 36


@pytest.mark.parametrize("role", [Role.volunteer, Role.caregiver, Role.grid_worker])
def test_the_page_refuses_users_who_register_no_one(session, world, make_state, role):
    state = page_state(make_state, role)
    assert (state.allowed, state.villages, state.page_error) == (False, [], DENIED_ZH)


@pytest.mark.parametrize("role", [Role.volunteer, Role.caregiver])
def test_a_registration_sent_straight_to_the_handler_by_a_non_registrar_stores_nothing(
    session, world, make_state, role
):
    state = page_state(make_state, role)
    state.client_id = "0f0f0f0f-0000-4000-8000-000000000001"
    event = RecipientNewState.register.fn(state, filled(state, world))
    assert (event, state.page_error) == (None, DENIED_ZH)
    assert count(session) == 0


def test_opening_the_page_logged_out_sends_the_caller_to_login(session, world, make_state):
    state = make_state(RecipientNewState, None, "/recipients/new")
    event = RecipientNewState.load.fn(state)
    assert "/login?next=%2Frecipients%2Fnew" in str(event)
    assert state.allowed is False


def test_a_valid_form_registers_one_recipient_and_opens_their_page(session, world, make_state):
    state = page_state(make_state)
    number = world.id_number(date(1975, 3, 9), "female")
    event = RecipientNewState.register.fn(state, filled(state, world, name="李秀兰", id_number=number))
    stored = session.exec(select(Recipient)).one()
    assert f"/recipients/{stored.id}" in str(event)
    assert (state.errors, state.page_error) == ({}, "")
    assert (stored.name, stored.sex, stored.birth_date) == ("李秀兰", "female", date(1975, 3, 9))
    assert (stored.area_id, stored.client_id, stored.created_by) == (
        world.village_a.id,
        state.client_id,
        world.users[Role.village_cadre].id,
    )
    assert (stored.hukou_local, stored.disability_level, stored.low_income, stored.extreme_poverty) == (
        True,
        3,
        True,
        False,
    )
    assert (stored.economic_status, stored.employment) == ("poor", 3)


def test_the_same_form_submitted_twice_is_stored_once(session, world, make_state):
    state = page_state(make_state)
    form = filled(state, world)
    first = RecipientNewState.register.fn(state, form)
    again = RecipientNewState.register.fn(state, form)
    stored = session.exec(select(Recipient)).one()
    assert f"/recipients/{stored.id}" in str(first) and f"/recipients/{stored.id}" in str(again)


def test_a_wrong_check_digit_is_refused_in_chinese_beside_the_id_number_and_nothing_is_stored(
    session, world, make_state
):
    state = page_state(make_state)
    client_id = state.client_id
    form = filled(state, world, id_number=wrong_check_digit(world.id_number()), phone="12345")
    event = RecipientNewState.register.fn(state, form)
    assert event is None
    assert state.errors == {
        "id_number": CHECKSUM_ZH,
        "phone": "手机号格式不正确，应为 11 位数字，以 1 开头。",
    }
    assert (state.derived, state.duplicate_id) == ({}, "")
    assert state.client_id == client_id  # no re-key: the form keeps what was typed
    assert count(session) == 0


def test_errors_are_shown_in_the_users_language(session, world, make_state):
    users.set_language(session, world.actors[Role.village_cadre], "en")
    state = page_state(make_state)
    RecipientNewState.register.fn(state, filled(state, world, id_number=wrong_check_digit(world.id_number())))
    assert state.errors == {"id_number": "The ID number's check character is wrong. Please check it."}


def test_a_duplicate_id_number_links_to_the_existing_record_the_registrar_may_open(
    session, world, make_state
):
    existing = make_recipient(session, world)
    state = page_state(make_state)
    RecipientNewState.register.fn(state, filled(state, world, id_number=existing.id_number))
    assert (state.errors, state.duplicate_id) == ({"id_number": DUPLICATE_ZH}, str(existing.id))
    assert count(session) == 1


def test_a_duplicate_id_number_outside_the_registrars_village_gives_no_link(session, world, make_state):
    elsewhere = make_recipient(session, world, village=world.village_b)
    state = page_state(make_state)
    RecipientNewState.register.fn(state, filled(state, world, id_number=elsewhere.id_number))
    assert (state.errors, state.duplicate_id) == ({"id_number": DUPLICATE_ZH}, "")
    assert count(session) == 1


def test_leaving_a_valid_id_number_shows_sex_and_birth_date(session, world, make_state):
    state = page_state(make_state)
    RecipientNewState.check_id_number.fn(state, world.id_number(date(1975, 3, 9), "female"))
    assert (state.derived, state.errors) == ({"sex": "女", "birth_date": "1975-03-09"}, {})


def test_leaving_a_wrong_id_number_shows_the_error_and_correcting_it_clears_it(session, world, make_state):
    state = page_state(make_state)
    number = world.id_number()
    RecipientNewState.check_id_number.fn(state, wrong_check_digit(number))
    assert (state.derived, state.errors) == ({}, {"id_number": CHECKSUM_ZH})
    RecipientNewState.check_id_number.fn(state, number)
    assert state.errors == {} and state.derived["sex"] == "男"


def test_leaving_a_refused_duplicate_unchanged_keeps_its_refusal_and_link(session, world, make_state):
    existing = make_recipient(session, world)
    state = page_state(make_state)
    RecipientNewState.register.fn(state, filled(state, world, id_number=existing.id_number))
    RecipientNewState.check_id_number.fn(state, existing.id_number.lower())
    assert (state.errors, state.duplicate_id) == ({"id_number": DUPLICATE_ZH}, str(existing.id))
    RecipientNewState.check_id_number.fn(state, world.id_number())
    assert (state.errors, state.duplicate_id) == ({}, "")
