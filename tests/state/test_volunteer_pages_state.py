"""The volunteer's own pages through their states, handlers called as any socket client could call them: public
registration (errors beside the fields, one registration per form), 我的服务 (standing, check-in and check-out at
the server's time, hours, points, certificates, 我的信息), 志愿岗位 (sign up, cancel, accept, decline, what is
lacking) in the least view, and the certificate pages (the public check masks the ID number; another volunteer's
certificate is refused)."""

import json
import uuid
from datetime import UTC, date, datetime

import pytest
from sqlmodel import func, select

from jingkang_app.domain.clock import LOCAL_TZ
from jingkang_app.domain.models import Recipient, Role, ShiftSignUp, User, Volunteer
from jingkang_app.domain.services import auth, certificates, service_records, service_review
from jingkang_app.state.volunteer_certificates import CertificateCheckState, MyCertificateState
from jingkang_app.state.volunteer_home import VolunteerHomeState
from jingkang_app.state.volunteer_register import VolunteerRegisterState
from jingkang_app.state.volunteer_shifts import ShiftOffersState
from tests.factories import (
    PASSWORD,
    approved_respite,
    make_shift,
    make_sign_up,
    make_volunteer,
    user_with_role,
)

DENIED_ZH = "您没有权限查看或修改这条记录。"
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=LOCAL_TZ)  # the fake clock, by the Shanghai clock: a Monday


def local(day: int, hour: int, minute: int = 0) -> datetime:
    """A moment of November 2026 by the Shanghai clock, in UTC."""
    return datetime(2026, 11, day, hour, minute, tzinfo=LOCAL_TZ).astimezone(UTC)


def opened(make_state, cls, path: str, role: Role | None = Role.volunteer, token: str | None = None):
    state = make_state(cls, role, path, token)
    cls.load_user.fn(state)
    cls.load.fn(state)
    return state


def count(session, model) -> int:
    return session.exec(select(func.count()).select_from(model)).one()


def everything_shown(state) -> str:
    """Every var the state holds (what could reach the browser), as one string."""
    return json.dumps(state.dict(), ensure_ascii=False, default=str)


@pytest.fixture
def volunteer(session, world):
    return make_volunteer(session, world, insured_until=None)


def card_of(state: ShiftOffersState, shift) -> dict[str, str]:
    return next(card for card in state.cards if card["id"] == str(shift.id))


# --- /volunteer/register ----------------------------------------------------------------------------------


def register_form(world, client_id: str, **overrides) -> dict[str, str]:
    """What the registration form sends: one checkbox name per option, the area's id as text."""
    return {
        "client_id": client_id,
        "name": "林晓燕",
        "phone": "13700001234",
        "password": PASSWORD,
        "password_confirm": PASSWORD,
        "area_id": str(world.village_a.id),
        "skill_companionship": "on",
        "skill_dialect": "on",
        "slot_tue_am": "on",
        "slot_sat_pm": "on",
        "training_volunteer_basics": "on",
        "insured_until": "2027-06-30",
        "id_type": "",
        "id_number": "",
    } | overrides


def registration_page(make_state) -> VolunteerRegisterState:
    state = make_state(VolunteerRegisterState, None, "/volunteer/register")
    VolunteerRegisterState.load.fn(state)
    return state


def test_the_registration_form_offers_townships_and_villages_without_a_login(session, world, make_state):
    state = registration_page(make_state)
    assert {"label": "城关镇 / 南塘村", "id": str(world.village_a.id)} in state.areas
    assert state.client_id and state.page_error == ""


def test_a_registration_with_mistakes_shows_each_beside_its_field_and_stores_nothing(
    session, world, make_state
):
    state = registration_page(make_state)
    users_before = count(session, User)
    form = register_form(world, state.client_id, name="", phone="1234", area_id="", id_type="resident_id")
    form["id_number"] = "330127199003081231"
    VolunteerRegisterState.submit.fn(state, form)
    assert set(state.errors) >= {"name", "phone", "area_id", "id_number"}
    assert state.errors["phone"] == "手机号格式不正确，应为 11 位数字，以 1 开头。"
    assert state.registered == ""
    assert (count(session, Volunteer), count(session, User)) == (0, users_before)


def test_passwords_that_differ_are_caught_before_anything_is_sent(session, world, make_state):
    state = registration_page(make_state)
    VolunteerRegisterState.submit.fn(
        state, register_form(world, state.client_id, password_confirm="other-pass-1")
    )
    assert state.errors == {"password_confirm": "两次输入的密码不一样，请重新输入。"}
    assert count(session, Volunteer) == 0


def test_a_registration_waits_for_approval_and_a_repeat_stores_it_once(session, world, make_state):
    state = registration_page(make_state)
    form = register_form(world, state.client_id)
    VolunteerRegisterState.submit.fn(state, form)
    VolunteerRegisterState.submit.fn(state, form)  # a double tap, or a resend after a dropped reply
    assert state.errors == {}
    assert state.registered == (
        "林晓燕，您的注册已经提交，正在等待南塘村的协调员审核。审核通过后会通知您，然后就可以报名志愿服务了。"
    )
    stored = session.exec(select(Volunteer)).one()
    assert (stored.status, stored.skills, stored.availability) == (
        "pending",
        ["companionship", "dialect"],
        ["tue_am", "sat_pm"],
    )
    assert stored.trainings == ["volunteer_basics"]


# --- /volunteer -------------------------------------------------------------------------------------------


def test_a_volunteer_waiting_for_approval_sees_their_status_and_no_shifts(session, world, make_state):
    state = registration_page(make_state)
    VolunteerRegisterState.submit.fn(state, register_form(world, state.client_id))
    token = auth.login(session, "13700001234", PASSWORD).token
    make_shift(session, world, local(25, 14))
    home = opened(make_state, VolunteerHomeState, "/volunteer", None, token)
    assert home.is_volunteer and "待审核" in home.status_text
    assert (home.has_summary, home.shifts, home.page_error) == (False, [], "")
    assert home.profile_editable
    offers = opened(make_state, ShiftOffersState, "/shifts", None, token)
    assert "待审核" in offers.status_text and offers.cards == []
    assert offers.page_error == ""


def test_someone_who_is_no_volunteer_is_told_so(session, world, make_state):
    home = opened(make_state, VolunteerHomeState, "/volunteer", Role.grid_worker)
    assert (home.loaded, home.is_volunteer, home.page_error) == (True, False, "")


def test_the_volunteer_sees_only_the_least_view_of_a_shift_for_a_family(
    session, world, make_state, volunteer, fake_clock
):
    request = approved_respite(session, world, date(2026, 11, 25), date(2026, 11, 25))
    recipient = session.get(Recipient, request.recipient_id)
    shift = make_shift(session, world, local(25, 9), kind="respite", respite_request_id=request.id)
    make_sign_up(session, world, make_shift(session, world, local(24, 9)), volunteer)
    offers = opened(make_state, ShiftOffersState, "/shifts")
    home = opened(make_state, VolunteerHomeState, "/volunteer")
    card = card_of(offers, shift)
    assert (card["serves"], card["task"], card["place"]) == (
        "服务对象：建国",
        "陪老人散步、聊天",
        "南塘村文化礼堂门口",
    )
    assert card["when"] == "2026-11-25（周三）09:00 至 11:00"
    shown = everything_shown(offers) + everything_shown(home)
    for secret in (
        recipient.name,
        recipient.id_number,
        recipient.address,
        recipient.guardian_name,
        "recipient",
    ):
        assert secret not in shown, secret


def test_checking_in_and_out_shows_the_times_the_server_recorded(
    session, world, make_state, volunteer, fake_clock
):
    sign_up = make_sign_up(session, world, make_shift(session, world, local(23, 10, 30)), volunteer)
    home = opened(make_state, VolunteerHomeState, "/volunteer")
    (card,) = home.shifts
    assert (card["id"], card["may_check_in"], card["may_check_out"]) == (str(sign_up.id), "1", "")
    VolunteerHomeState.check_in.fn(home, card["id"])
    assert home.saved == "已签到，签到时间 2026-11-23 10:00。服务结束后请记得签退。"
    (card,) = home.shifts
    assert (card["status_code"], card["may_check_out"]) == ("checked_in", "1")
    assert card["checked_in"] == "签到时间：2026-11-23 10:00"
    fake_clock.current = local(23, 12, 35)
    VolunteerHomeState.check_out.fn(home, card["id"])
    assert home.saved.startswith("已签退，签退时间 2026-11-23 12:35。")
    session.refresh(sign_up)
    assert sign_up.status == "checked_out"


def test_a_check_in_before_its_window_is_refused_in_words_on_the_card(session, world, make_state, volunteer):
    sign_up = make_sign_up(session, world, make_shift(session, world, local(24, 14)), volunteer)
    home = opened(make_state, VolunteerHomeState, "/volunteer")
    assert home.shifts[0]["may_check_in"] == "" and home.shifts[0]["note"] == "开始前 60 分钟起可以签到。"
    VolunteerHomeState.check_in.fn(home, str(sign_up.id))
    assert home.error_for == str(sign_up.id)
    assert home.card_error.startswith("还没到签到时间。")
    session.refresh(sign_up)
    assert sign_up.status == "signed_up"


def test_checking_in_on_another_volunteers_shift_is_refused(session, world, make_state, volunteer):
    other = make_volunteer(
        session, world, user_with_role(session, world, Role.volunteer, world.village_a), n=2
    )
    sign_up = make_sign_up(session, world, make_shift(session, world, local(23, 10, 30)), other)
    home = opened(make_state, VolunteerHomeState, "/volunteer")
    VolunteerHomeState.check_in.fn(home, str(sign_up.id))
    assert home.page_error == DENIED_ZH
    session.refresh(sign_up)
    assert sign_up.status == "signed_up"


def served(session, world, fake_clock, volunteer, day: int):
    """A shift on ``day`` (09:00–11:30) served, checked in and out, and verified by the township coordinator."""
    sign_up = make_sign_up(session, world, make_shift(session, world, local(day, 9), hours=2.5), volunteer)
    me, coordinator = world.actors[Role.volunteer], world.actors[Role.township_coordinator]
    fake_clock.current = local(day, 9)
    service_records.check_in(session, me, sign_up.id, {})
    fake_clock.current = local(day, 11, 30)
    record = service_records.check_out(session, me, sign_up.id, {})
    service_review.verify_hours(session, coordinator, sign_up.id, {"version": record.version})
    fake_clock.current = local(23, 10)
    return sign_up


def issue(session, world, volunteer):
    form = {
        "client_id": str(uuid.uuid4()),
        "volunteer_id": volunteer.id,
        "period_start": "2026-11-01",
        "period_end": "2026-11-22",
    }
    return certificates.issue_certificate(session, world.actors[Role.township_coordinator], form).certificate


def test_the_volunteer_reads_their_hours_points_and_certificates(
    session, world, make_state, volunteer, fake_clock
):
    served(session, world, fake_clock, volunteer, 20)
    certificate = issue(session, world, volunteer)
    home = opened(make_state, VolunteerHomeState, "/volunteer")
    assert (home.hours_year_label, home.hours_year, home.hours_total) == (
        "2026 年服务时长",
        "2 小时 30 分钟",
        "2 小时 30 分钟",
    )
    assert home.points == "25"
    assert [(line["what"], line["points"]) for line in home.ledger] == [("志愿服务（陪伴）", "+25")]
    assert home.certificates == [
        {
            "id": str(certificate.id),
            "code": certificate.code,
            "line": "2026-11-01 至 2026-11-22，2 小时 30 分钟",
        }
    ]


def test_the_volunteer_updates_their_own_availability_and_insurance(session, world, make_state, volunteer):
    home = opened(make_state, VolunteerHomeState, "/volunteer")
    form = {
        "version": home.profile_version,
        "slot_sat_am": "on",
        "skill_driving": "on",
        "insured_until": "2027-12-31",
    }
    VolunteerHomeState.save_profile.fn(home, form)
    assert (home.profile_errors, home.profile_saved) == ({}, "已保存。")
    session.refresh(volunteer)
    assert (volunteer.availability, volunteer.skills, str(volunteer.insured_until)) == (
        ["sat_am"],
        ["driving"],
        "2027-12-31",
    )
    assert "slot_sat_am" in home.profile_ticked and home.profile_version == str(volunteer.version)
    VolunteerHomeState.save_profile.fn(home, form | {"version": "1", "insured_until": "2028-01-01"})
    assert home.profile_errors["form"].startswith("这条记录已被他人修改")


# --- /shifts ----------------------------------------------------------------------------------------------


def test_signing_up_takes_a_seat_once_and_it_can_be_given_back(session, world, make_state, volunteer):
    shift = make_shift(session, world, local(25, 14))
    offers = opened(make_state, ShiftOffersState, "/shifts")
    card = card_of(offers, shift)
    assert (card["action"], card["seats"]) == ("sign_up", "还差 3 人")
    ShiftOffersState.sign_up.fn(offers, card["id"], card["client_id"])
    ShiftOffersState.sign_up.fn(offers, card["id"], card["client_id"])  # the same tap, sent twice
    assert offers.saved.startswith("报名成功") and offers.card_error == ""
    assert count(session, ShiftSignUp) == 1
    mine = card_of(offers, shift)
    assert (mine["action"], mine["mine_status"], mine["may_cancel"]) == ("mine", "已报名", "1")
    assert mine["cancel_line"] == "如有变化，可以在 2026-11-25 02:00 前取消。"
    ShiftOffersState.cancel.fn(offers, mine["id"], mine["mine_id"], mine["mine_version"])
    assert offers.saved == "已取消报名，名额已经让给其他志愿者。"
    assert session.exec(select(ShiftSignUp.status)).one() == "cancelled"
    assert card_of(offers, shift)["action"] == "sign_up"


def test_too_close_to_the_start_the_page_says_why_it_cannot_be_cancelled(
    session, world, make_state, volunteer
):
    shift = make_shift(session, world, local(23, 18))
    sign_up = make_sign_up(session, world, shift, volunteer)
    offers = opened(make_state, ShiftOffersState, "/shifts")
    card = card_of(offers, shift)
    assert card["may_cancel"] == "" and "不能在这里取消了" in card["cancel_line"]
    ShiftOffersState.cancel.fn(offers, card["id"], card["mine_id"], card["mine_version"])
    assert offers.error_for == str(shift.id)
    assert offers.card_error.startswith("班次开始前 12 小时内不能自己取消了")
    session.refresh(sign_up)
    assert sign_up.status == "signed_up"


def test_an_invitation_is_accepted_or_declined(session, world, make_state, volunteer):
    coordinator = world.users[Role.township_coordinator].id
    first, second = make_shift(session, world, local(25, 9)), make_shift(session, world, local(26, 9))
    accepted = make_sign_up(session, world, first, volunteer, "invited", invited_by=coordinator)
    declined = make_sign_up(session, world, second, volunteer, "invited", invited_by=coordinator)
    offers = opened(make_state, ShiftOffersState, "/shifts")
    card = card_of(offers, first)
    assert (card["action"], card["mine_status"]) == ("invited", "待回复邀请")
    ShiftOffersState.accept.fn(offers, card["id"], card["mine_id"], card["mine_version"])
    assert offers.saved == "已接受邀请，谢谢您！"
    card = card_of(offers, second)
    ShiftOffersState.decline.fn(offers, card["id"], card["mine_id"], card["mine_version"])
    assert offers.saved == "已婉拒这次邀请。"
    session.refresh(accepted)
    session.refresh(declined)
    assert (accepted.status, declined.status) == ("signed_up", "cancelled")
    session.refresh(first)
    assert first.seats_taken == 1


def test_a_shift_the_volunteer_does_not_qualify_for_says_what_is_missing(
    session, world, make_state, volunteer
):
    shift = make_shift(session, world, local(25, 9), needs_insurance=True, needs_training="respite_care")
    offers = opened(make_state, ShiftOffersState, "/shifts")
    card = card_of(offers, shift)
    assert card["action"] == "lacks"
    assert card["lacks"] == "需要志愿服务保险（至少保到 2026-11-25）；需要完成「喘息照护培训」"
    ShiftOffersState.sign_up.fn(offers, card["id"], card["client_id"])  # sent anyway: the service refuses
    assert offers.card_error.startswith("这个班次需要有效的志愿服务保险")
    assert count(session, ShiftSignUp) == 0


# --- certificates -----------------------------------------------------------------------------------------


def test_the_public_check_shows_the_certificate_with_the_id_number_masked(
    session, world, make_state, volunteer, fake_clock
):
    served(session, world, fake_clock, volunteer, 20)
    certificate = issue(session, world, volunteer)
    page = make_state(CertificateCheckState, None, f"/certificates/{certificate.code}")
    CertificateCheckState.load.fn(page)
    assert page.found and page.certificate["code"] == certificate.code
    shown = page.certificate["id_number"]
    assert shown == volunteer.id_number[:4] + "*" * 10 + volunteer.id_number[-4:]
    assert volunteer.id_number not in everything_shown(page)
    assert page.certificate["body"].startswith(
        "兹证明 周志远 于 2026-11-01 至 2026-11-22 期间参加志愿服务 1 次"
    )


def test_the_public_check_says_not_found_for_a_wrong_code(session, world, make_state):
    page = make_state(CertificateCheckState, None, "/certificates/ABCDEFGHJKMN")
    CertificateCheckState.load.fn(page)
    assert (page.checked, page.found, page.certificate, page.page_error) == (True, False, {}, "")


def test_the_volunteer_prints_their_own_certificate_in_full(
    session, world, make_state, volunteer, fake_clock
):
    served(session, world, fake_clock, volunteer, 20)
    certificate = issue(session, world, volunteer)
    page = opened(make_state, MyCertificateState, f"/volunteer/certificates/{certificate.id}")
    assert page.found and page.certificate["id_number"] == volunteer.id_number
    assert page.check_url == f"查验网址：/certificates/{certificate.code}"  # after this site's address


def test_another_volunteers_certificate_is_refused(session, world, make_state, volunteer, fake_clock):
    other_user = user_with_role(session, world, Role.volunteer, world.village_a)
    other = make_volunteer(session, world, other_user, n=2, name="吴海燕")
    served(session, world, fake_clock, volunteer, 20)
    certificate = issue(session, world, volunteer)
    token = auth.login(session, other_user.phone, PASSWORD).token
    page = opened(make_state, MyCertificateState, f"/volunteer/certificates/{certificate.id}", None, token)
    assert (page.found, page.certificate, page.page_error) == (False, {}, DENIED_ZH)
    assert volunteer.id_number not in everything_shown(page) and other.id != volunteer.id
