"""意见反馈 through its states: the public form (no login; refusals beside their fields with what was typed kept;
the reference and the promise once sent; the hourly limit in words), and the coordinator's queue (the overdue
badge, answering inside the card, and a handler called by someone who may not answer changes nothing)."""

from sqlmodel import func, select

from jingkang_app.domain.models import Feedback, Role
from jingkang_app.domain.services import feedback
from jingkang_app.state.feedback_form import FeedbackFormState
from jingkang_app.state.feedback_queue import FeedbackQueueState
from jingkang_app.state.overview import OverviewState

DENIED_ZH = "您没有权限查看或修改这条记录。"


def form(world, **overrides) -> dict[str, str]:
    """What the public form sends: the radio's value, the area's id as text."""
    return {
        "kind": "complaint",
        "area_id": str(world.township_a.id),
        "content": "康复站的工作人员态度不好。",
        "contact_name": "张女士",
        "contact_phone": "138 1234 5678",
    } | overrides


def count(session) -> int:
    return session.exec(select(func.count()).select_from(Feedback)).one()


def public_page(make_state) -> FeedbackFormState:
    state = make_state(FeedbackFormState, None, "/feedback")
    FeedbackFormState.load.fn(state)
    return state


def sent(session, world, **overrides) -> Feedback:
    data = form(world, **overrides) | {"client_id": f"0f0f0f0f-0000-4000-8000-{count(session):012d}"}
    receipt = feedback.submit_feedback(session, data, ip="198.51.100.1")
    return session.get(Feedback, int(receipt.reference.removeprefix("FK-")))


def queue_page(make_state, role=Role.township_coordinator) -> FeedbackQueueState:
    state = make_state(FeedbackQueueState, role, "/feedback/manage")
    FeedbackQueueState.load_user.fn(state)
    FeedbackQueueState.load.fn(state)
    return state


# --- the public form ----------------------------------------------------------------------------------------


def test_the_form_offers_the_county_and_its_townships_without_a_login(session, world, make_state):
    state = public_page(make_state)
    assert state.areas == [
        {"id": str(world.county.id), "label": "示范县"},
        {"id": str(world.township_a.id), "label": "示范县 / 城关镇"},
        {"id": str(world.township_b.id), "label": "示范县 / 青山乡"},
    ]
    assert state.client_id and state.page_error == ""


def test_mistakes_show_beside_their_fields_and_what_was_typed_is_kept(session, world, make_state):
    state = public_page(make_state)
    typed = form(world, content="", contact_phone="0571-8888")
    FeedbackFormState.submit.fn(state, typed | {"client_id": state.client_id})
    assert state.errors == {
        "content": "此项必填。",
        "contact_phone": "手机号格式不正确，应为 11 位数字，以 1 开头。",
    }
    assert state.typed == typed
    assert (state.reference, count(session)) == ("", 0)


def test_once_sent_the_page_shows_the_reference_and_the_five_working_days_promise(session, world, make_state):
    state = public_page(make_state)
    FeedbackFormState.submit.fn(state, form(world) | {"client_id": state.client_id})
    stored = session.exec(select(Feedback)).one()
    assert state.reference == f"受理编号：FK-{stored.id:06d}"
    assert state.promise == "我们将在5个工作日内答复（2026-11-30 前）。"
    assert (stored.contact_phone, state.errors) == ("13812345678", {})


def test_a_double_tap_stores_the_feedback_once(session, world, make_state):
    state = public_page(make_state)
    FeedbackFormState.submit.fn(state, form(world) | {"client_id": state.client_id})
    FeedbackFormState.submit.fn(state, form(world) | {"client_id": state.client_id})
    assert count(session) == 1


def test_writing_another_starts_a_fresh_form(session, world, make_state):
    state = public_page(make_state)
    first_id = state.client_id
    FeedbackFormState.submit.fn(state, form(world) | {"client_id": first_id})
    FeedbackFormState.write_another.fn(state)
    assert (state.reference, state.client_id != first_id, state.typed["content"]) == ("", True, "")


def test_the_sixth_feedback_in_an_hour_is_refused_in_words_keeping_the_text(session, world, make_state):
    state = public_page(make_state)
    for n in range(5):
        FeedbackFormState.write_another.fn(state)
        FeedbackFormState.submit.fn(state, form(world, content=f"第{n}条") | {"client_id": state.client_id})
    FeedbackFormState.write_another.fn(state)
    FeedbackFormState.submit.fn(state, form(world, content="第六条") | {"client_id": state.client_id})
    assert state.page_error == "提交过于频繁，请一小时后再试。"
    assert (state.reference, state.typed["content"], count(session)) == ("", "第六条", 5)


# --- the coordinator's queue --------------------------------------------------------------------------------


def test_the_coordinator_sees_open_feedback_with_an_overdue_badge(session, world, make_state, fake_clock):
    sent(session, world)
    fake_clock.advance(days=8)  # past 2026-11-30
    sent(session, world, kind="suggestion", contact_name="", contact_phone="")
    state = queue_page(make_state)
    first, second = state.cards
    assert (first["overdue"], first["kind"], first["contact"]) == ("1", "投诉", "联系人：张女士 138****5678")
    assert (second["overdue"], second["kind"], second["contact"]) == ("", "建议", "未留联系方式")
    assert state.counts == {"open": "2", "answered": "0"}


def test_the_answer_form_shows_the_number_to_call_back_and_the_answer_moves_the_card(
    session, world, make_state
):
    record = sent(session, world)
    state = queue_page(make_state)
    FeedbackQueueState.open_step.fn(state, str(record.id))
    assert state.contact == "回电：张女士 13812345678"
    FeedbackQueueState.submit_step.fn(state, {"version": "1", "answer": "已约谈相关人员并致歉。"})
    assert (state.saved, state.cards, state.counts["answered"]) == ("已答复。", [], "1")
    FeedbackQueueState.show.fn(state, "answered")
    assert state.cards[0]["answered"] == "2026-11-23 答复"


def test_an_empty_answer_is_refused_beside_the_field_and_the_form_stays_open(session, world, make_state):
    record = sent(session, world)
    state = queue_page(make_state)
    FeedbackQueueState.open_step.fn(state, str(record.id))
    FeedbackQueueState.submit_step.fn(state, {"version": "1", "answer": "  "})
    assert state.errors == {"answer": "此项必填。"}
    assert (state.acting_id, session.get(Feedback, record.id).status) == (str(record.id), "open")


def test_a_card_answered_meanwhile_says_what_changed(session, world, make_state):
    record = sent(session, world)
    state = queue_page(make_state)
    FeedbackQueueState.open_step.fn(state, str(record.id))
    feedback.answer_feedback(
        session, world.actors[Role.county_coordinator], record.id, {"version": 1, "answer": "县里已答复"}
    )
    FeedbackQueueState.submit_step.fn(state, {"version": "1", "answer": "我的答复"})
    # The card has left the open queue, so the refusal goes to the top of the page.
    assert state.page_error == "这条记录已被他人修改（状态、答复内容），请核对后再保存。"
    assert session.get(Feedback, record.id).answer == "县里已答复"


def test_someone_who_answers_no_feedback_is_refused_and_nothing_changes(session, world, make_state):
    record = sent(session, world)
    state = queue_page(make_state, Role.grid_worker)
    assert (state.allowed, state.cards, state.page_error) == (False, [], DENIED_ZH)
    FeedbackQueueState.open_step.fn(state, str(record.id))
    assert (state.acting_id, state.contact, state.page_error) == ("", "", DENIED_ZH)
    state.acting_id = str(record.id)  # as a socket client could try, skipping the form
    FeedbackQueueState.submit_step.fn(state, {"version": "1", "answer": "冒名答复"})
    assert state.page_error == DENIED_ZH
    unchanged = session.get(Feedback, record.id)
    assert (unchanged.status, unchanged.answer, unchanged.version) == ("open", "", 1)


def test_the_overview_links_to_the_queue_with_how_many_wait(session, world, make_state):
    sent(session, world)
    state = make_state(OverviewState, Role.township_coordinator, "/overview")
    OverviewState.load.fn(state)
    assert (state.feedback_open, state.records_training) == ("1", True)
