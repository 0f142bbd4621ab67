"""The rehab record page's state, its handlers called as any socket client could call them."""

import pytest
from sqlmodel import func, select

from jingkang_app.domain.models import RehabAttendance, RehabService, Role
from jingkang_app.i18n.en import EN
from jingkang_app.i18n.rehab_en import REHAB_EN
from jingkang_app.i18n.rehab_zh import REHAB_ZH
from jingkang_app.i18n.zh_cn import ZH_CN
from jingkang_app.state.rehab import RehabState
from tests.factories import make_recipient

DENIED_ZH = "您没有权限查看或修改这条记录。"


@pytest.fixture(autouse=True)
def rehab_catalogue(monkeypatch):
    """The rehab keys, whether or not the main catalogues have merged them yet."""
    for catalogue, extra in ((ZH_CN, REHAB_ZH), (EN, REHAB_EN)):
        for key, text in extra.items():
            monkeypatch.setitem(catalogue, key, catalogue.get(key, text))


def page_state(make_state, role: Role | None = Role.social_worker) -> RehabState:
    """The page's on_load: the user is resolved (name, language), then the form is prepared."""
    state = make_state(RehabState, role, "/rehab/new")
    RehabState.load_user.fn(state)
    RehabState.load.fn(state)
    return state


def filled(state: RehabState, **overrides) -> dict:
    """What the browser's form sends: each content is its own checkbox, read as "on" or as a true/false ref."""
    return {
        "client_id": state.client_id,
        "service_date": "2026-11-23",
        "place": "site",
        "site_name": "城关镇康复站",
        "content_life_skills": "on",
        "content_counselling": True,
        "content_vocational": False,
        "duration_minutes": "60",
        "notes": "",
        "attendee_search": "",
    } | overrides


def count(session, table) -> int:
    return session.exec(select(func.count()).select_from(table)).one()


def test_the_page_opens_for_a_social_worker_with_today_and_a_fresh_client_id(session, world, make_state):
    state = page_state(make_state)
    assert (state.allowed, state.today, state.page_error) == (True, "2026-11-23", "")
    assert len(state.client_id) == 36


@pytest.mark.parametrize("role", [Role.grid_worker, Role.caregiver])
def test_the_page_refuses_roles_that_do_not_record_rehab(session, world, make_state, role):
    state = page_state(make_state, role)
    assert (state.allowed, state.page_error) == (False, DENIED_ZH)


def test_opening_the_page_logged_out_sends_the_caller_to_login(session, world, make_state):
    state = make_state(RehabState, None, "/rehab/new")
    event = RehabState.load.fn(state)
    assert "/login?next=%2Frehab%2Fnew" in str(event)
    assert state.allowed is False


def test_a_search_adds_tappable_results_that_become_chips(session, world, make_state):
    wang = make_recipient(session, world, name="王伟")
    make_recipient(session, world, name="张建国")
    state = page_state(make_state)
    RehabState.search_attendees.fn(state, {"attendee_search": "王"})
    assert [r["name"] for r in state.results] == ["王伟"]
    assert state.results[0]["who"] == "男 · 46 岁"
    RehabState.add_attendee.fn(state, str(wang.id))
    assert state.chips == [{"id": str(wang.id), "name": "王伟", "village": "南塘村", "attended": "1"}]
    assert state.results == []
    RehabState.toggle_attended.fn(state, str(wang.id))
    assert state.chips[0]["attended"] == ""
    RehabState.remove_attendee.fn(state, str(wang.id))
    assert state.chips == []


def test_a_search_leaves_out_recipients_outside_the_workers_scope(session, world, make_state):
    make_recipient(session, world, village=world.village_b, name="王伟")
    state = page_state(make_state)
    RehabState.search_attendees.fn(state, {"attendee_search": "王"})
    assert (state.results, state.searched) == ([], True)


def test_a_chip_can_only_come_from_the_servers_own_search_results(session, world, make_state):
    elsewhere = make_recipient(session, world, village=world.village_b)
    state = page_state(make_state)
    RehabState.add_attendee.fn(state, str(elsewhere.id))
    assert state.chips == []


def test_a_group_session_is_saved_and_the_form_starts_again(session, world, make_state):
    people = [make_recipient(session, world, name=name) for name in ("张建国", "王伟", "李娜")]
    state = page_state(make_state)
    RehabState.search_attendees.fn(state, {"attendee_search": ""})
    for person in people:
        RehabState.add_attendee.fn(state, str(person.id))
    RehabState.toggle_attended.fn(state, str(people[2].id))
    used_client_id = state.client_id
    RehabState.record.fn(state, filled(state))
    assert (state.errors, state.page_error) == ({}, "")
    assert state.saved == "康复服务记录已保存（3 人）。"
    stored = session.exec(select(RehabService)).one()
    assert (stored.client_id, stored.contents) == (used_client_id, ["life_skills", "counselling"])
    attended = {a.recipient_id: a.attended for a in session.exec(select(RehabAttendance))}
    assert attended == {people[0].id: True, people[1].id: True, people[2].id: False}
    assert state.client_id != used_client_id
    assert state.chips == []


def test_bad_input_shows_each_error_beside_its_field_in_chinese_and_stores_nothing(
    session, world, make_state
):
    state = page_state(make_state)
    form = filled(state, service_date="2099-01-01", site_name="", duration_minutes="5")
    del form["content_life_skills"], form["content_counselling"]
    client_id = state.client_id
    RehabState.record.fn(state, form)
    assert state.errors == {
        "attendees": "请至少添加一位参加服务的服务对象。",
        "service_date": "日期不能晚于今天。",
        "site_name": "此项必填。",
        "contents": "请至少勾选一项服务内容。",
        "duration_minutes": "服务时长请填写 10–480 之间的整数（分钟）。",
    }
    assert state.saved == ""
    assert state.client_id == client_id  # the form keeps what was typed
    assert (count(session, RehabService), count(session, RehabAttendance)) == (0, 0)


def test_errors_are_shown_in_the_users_language(session, world, make_state):
    from jingkang_app.domain.services import users

    users.set_language(session, world.actors[Role.social_worker], "en")
    own = make_recipient(session, world)
    state = page_state(make_state)
    RehabState.search_attendees.fn(state, {"attendee_search": ""})
    RehabState.add_attendee.fn(state, str(own.id))
    RehabState.record.fn(state, filled(state, duration_minutes="500"))
    assert state.errors == {
        "duration_minutes": "Enter the duration as a whole number of minutes from 10 to 480."
    }


def test_recording_logged_out_sends_the_caller_to_login_and_stores_nothing(session, world, make_state):
    own = make_recipient(session, world)
    state = make_state(RehabState, None, "/rehab/new")
    state.client_id = "0f0f0f0f-0000-4000-8000-000000000001"
    state.chips = [{"id": str(own.id), "name": own.name, "village": "南塘村", "attended": "1"}]
    event = RehabState.record.fn(state, filled(state))
    assert "/login" in str(event)
    assert count(session, RehabService) == 0


def test_an_out_of_scope_attendee_sent_by_a_forged_client_refuses_the_record(session, world, make_state):
    own = make_recipient(session, world)
    elsewhere = make_recipient(session, world, village=world.village_b, name="王伟")
    state = page_state(make_state)
    # Chips are made only from the server's own search results; should they ever hold someone else, the
    # service checks every attendee again.
    state.chips = [
        {"id": str(own.id), "name": own.name, "village": "南塘村", "attended": "1"},
        {"id": str(elsewhere.id), "name": elsewhere.name, "village": "石桥村", "attended": "1"},
    ]
    RehabState.record.fn(state, filled(state))
    assert state.page_error == DENIED_ZH
    assert (count(session, RehabService), count(session, RehabAttendance)) == (0, 0)


def test_a_grid_worker_calling_the_save_handler_directly_is_refused(session, world, make_state):
    own = make_recipient(session, world)
    state = make_state(RehabState, Role.grid_worker, "/rehab/new")
    state.client_id = "0f0f0f0f-0000-4000-8000-000000000002"
    state.chips = [{"id": str(own.id), "name": own.name, "village": "南塘村", "attended": "1"}]
    RehabState.record.fn(state, filled(state))
    assert state.page_error == DENIED_ZH
    assert count(session, RehabService) == 0


def test_a_grid_worker_calling_the_search_handler_directly_gets_nothing(session, world, make_state):
    make_recipient(session, world)
    state = make_state(RehabState, Role.grid_worker, "/rehab/new")
    RehabState.search_attendees.fn(state, {"attendee_search": ""})
    assert (state.results, state.page_error) == ([], DENIED_ZH)


def test_the_page_builds_with_every_label_in_the_catalogue(world):
    from jingkang_app.pages.rehab import rehab_page

    rendered = str(rehab_page().render())  # Chinese text is escaped in the render; English shows as is
    for key in ("rehab.content.independent_living", "rehab.place.home", "rehab.attended", "rehab.submit"):
        assert REHAB_EN[key] in rendered


def test_opened_from_a_recipients_page_the_recipient_is_the_first_attendee(session, world, make_state):
    recipient = make_recipient(session, world, name="周文")
    state = make_state(RehabState, Role.social_worker, f"/rehab/new?rid={recipient.id}")
    RehabState.load_user.fn(state)
    RehabState.load.fn(state)
    assert state.allowed
    assert [(chip["id"], chip["name"], chip["attended"]) for chip in state.chips] == [
        (str(recipient.id), "周文", "1")
    ]


def test_a_recipient_outside_the_workers_scope_is_not_added_from_the_address(session, world, make_state):
    elsewhere = make_recipient(session, world, village=world.village_b)
    state = make_state(RehabState, Role.social_worker, f"/rehab/new?rid={elsewhere.id}")
    RehabState.load_user.fn(state)
    RehabState.load.fn(state)
    assert state.chips == []
    assert state.page_error == DENIED_ZH
