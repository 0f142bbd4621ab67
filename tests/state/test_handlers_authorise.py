"""Every handler decides on the server: called directly by a user outside the scope, it refuses."""

from sqlmodel import select

from jingkang_app.domain.models import AuditLog, ConsentRecord, Role, User
from jingkang_app.state.admin import AdminUsersState
from jingkang_app.state.base import AppState
from jingkang_app.state.recipients import RecipientDetailState, RecipientListState
from tests.factories import make_recipient

DENIED_ZH = "您没有权限查看或修改这条记录。"


def test_opening_an_out_of_scope_recipient_is_refused_and_audited(session, world, make_state):
    elsewhere = make_recipient(session, world, village=world.village_b)
    state = make_state(RecipientDetailState, Role.grid_worker, f"/recipients/{elsewhere.id}")
    RecipientDetailState.load.fn(state)
    assert state.page_error == DENIED_ZH
    assert (state.found, state.detail) == (False, {})
    assert session.exec(select(AuditLog).where(AuditLog.action == "recipient.view_denied")).one()


def test_recording_consent_for_an_out_of_scope_recipient_stores_nothing(session, world, make_state):
    elsewhere = make_recipient(session, world, village=world.village_b)
    state = make_state(RecipientDetailState, Role.grid_worker, f"/recipients/{elsewhere.id}")
    state.consent_client_id = "0f0f0f0f-0000-4000-8000-000000000001"
    form = {"kind": "service_agreement", "signed_on": "2026-11-20", "signed_by_guardian": "on"}
    RecipientDetailState.record_consent.fn(state, form)
    assert state.page_error == DENIED_ZH
    assert session.exec(select(ConsentRecord)).all() == []


def test_a_consent_with_bad_input_keeps_the_errors_beside_the_fields(session, world, make_state):
    own = make_recipient(session, world)
    state = make_state(RecipientDetailState, Role.grid_worker, f"/recipients/{own.id}")
    state.consent_client_id = "0f0f0f0f-0000-4000-8000-000000000002"
    RecipientDetailState.record_consent.fn(state, {"kind": "service_agreement", "signed_on": "2099-01-01"})
    assert state.consent_errors == {
        "signed_on": "日期不能晚于今天。",
        "signed_by": "请至少勾选一位签署人（本人或监护人）。",
    }
    assert session.exec(select(ConsentRecord)).all() == []


def test_a_volunteer_listing_recipients_gets_nothing(session, world, make_state):
    make_recipient(session, world)
    state = make_state(RecipientListState, Role.volunteer, "/recipients")
    RecipientListState.load.fn(state)
    assert (state.rows, state.total) == ([], 0)


def test_a_non_administrator_cannot_create_accounts_through_the_admin_handler(session, world, make_state):
    state = make_state(AdminUsersState, Role.county_coordinator, "/admin/users")
    AdminUsersState.create_user.fn(
        state, {"name": "冒名", "phone": "13711112222", "password": "long-enough-1"}
    )
    assert state.page_error == DENIED_ZH
    assert session.exec(select(User).where(User.phone == "13711112222")).first() is None


def test_a_handler_called_without_a_session_sends_the_caller_to_login(session, world, make_state):
    own = make_recipient(session, world)
    state = make_state(RecipientDetailState, None, f"/recipients/{own.id}")
    event = RecipientDetailState.load.fn(state)
    assert "/login?next=%2Frecipients%2F" in str(event)
    assert state.detail == {}


def test_a_database_that_is_down_gets_a_chinese_message(session, world, make_state, monkeypatch):
    state = make_state(AppState, Role.grid_worker, "/tasks")
    monkeypatch.setenv(
        "REFLEX_DB_URL", "postgresql+psycopg://postgres@127.0.0.1:1/unreachable?connect_timeout=2"
    )
    AppState.load_user.fn(state)
    assert state.page_error.startswith("系统暂时无法连接数据库")
