"""培训记录 through its state: who may open the page, the staff choices and the year's table (fewest hours first,
those below 20 h highlighted), recording a course with refusals beside their fields and what was typed kept, and
a handler called by someone who records no training changes nothing."""

from sqlmodel import func, select

from jingkang_app.domain.models import Role, StaffTraining
from jingkang_app.domain.services import staff_training
from jingkang_app.state.training import TrainingState

DENIED_ZH = "您没有权限查看或修改这条记录。"


def opened(make_state, role=Role.township_coordinator) -> TrainingState:
    state = make_state(TrainingState, role, "/training")
    TrainingState.load_user.fn(state)
    TrainingState.load.fn(state)
    return state


def form(world, **overrides) -> dict[str, str]:
    return {
        "user_id": str(world.users[Role.grid_worker].id),
        "course": "精神障碍患者家庭访视技巧",
        "organiser": "城关镇卫生院",
        "hours": "2.5",
        "trained_on": "2026-11-18",
    } | overrides


def count(session) -> int:
    return session.exec(select(func.count()).select_from(StaffTraining)).one()


def row_of(state: TrainingState, user) -> dict[str, str]:
    return next(row for row in state.rows if row["id"] == str(user.id))


def test_a_field_worker_cannot_open_the_page(session, world, make_state):
    state = opened(make_state, Role.grid_worker)
    assert (state.allowed, state.rows, state.page_error) == (False, [], DENIED_ZH)


def test_the_page_offers_the_areas_staff_by_name_and_this_years_table(session, world, make_state):
    state = opened(make_state)
    assert [option["id"] for option in state.staff] == [
        str(world.users[r].id)
        for r in (
            Role.community_doctor,
            Role.grid_worker,
            Role.social_worker,
            Role.township_coordinator,
            Role.village_cadre,
        )
    ]
    worker = world.users[Role.grid_worker]
    assert {"id": str(worker.id), "label": f"{worker.name}（网格员 · 南塘村）"} in state.staff
    assert (state.year, state.years[0], state.years[-1]) == ("2026", "2026", "2022")
    assert state.table_title == "各岗位人员年度培训学时（目标每人 20 小时）"
    assert state.under == "5 人未达到 20 小时"


def test_recording_a_course_updates_the_table_and_starts_a_fresh_form(session, world, make_state):
    state = opened(make_state)
    first_form = state.client_id
    TrainingState.submit.fn(state, form(world) | {"client_id": first_form})
    worker = world.users[Role.grid_worker]
    assert state.saved == f"已登记：{worker.name}《精神障碍患者家庭访视技巧》2.5 小时。"
    row = row_of(state, worker)
    assert (row["hours"], row["percent"], row["under"], row["standing"]) == (
        "2.5 / 20 小时",
        "12",  # 150 of 1200 minutes
        "1",
        "未达标，还差 17.5 小时",
    )
    assert row["records"] == "2026-11-18《精神障碍患者家庭访视技巧》2.5 小时，城关镇卫生院"
    assert (state.client_id != first_form, state.typed["course"], state.typed["trained_on"]) == (
        True,
        "",
        "2026-11-23",
    )


def test_someone_over_the_target_comes_last_and_is_not_highlighted(session, world, make_state):
    doctor = world.users[Role.community_doctor]
    staff_training.record_training(
        session,
        world.actors[Role.township_coordinator],
        form(world, user_id=doctor.id, hours="20", client_id="0f0f0f0f-0000-4000-8000-000000000001"),
    )
    state = opened(make_state)
    last = state.rows[-1]
    assert (last["id"], last["hours"], last["under"], last["standing"]) == (
        str(doctor.id),
        "20 / 20 小时",
        "",
        "已达标",
    )
    assert state.under == "4 人未达到 20 小时"


def test_mistakes_show_beside_their_fields_and_what_was_typed_is_kept(session, world, make_state):
    state = opened(make_state)
    client_id = state.client_id
    typed = form(world, hours="30", trained_on="2026-12-01", course="")
    TrainingState.submit.fn(state, typed | {"client_id": client_id})
    assert state.errors == {
        "hours": "每条记录的学时应在 0.5 到 24 小时之间。",
        "trained_on": "日期不能晚于今天。",
        "course": "此项必填。",
    }
    assert (state.typed, state.client_id, state.saved, count(session)) == (typed, client_id, "", 0)


def test_a_past_year_shows_that_years_hours(session, world, make_state):
    staff_training.record_training(
        session,
        world.actors[Role.township_coordinator],
        form(world, hours="6", trained_on="2025-04-01", client_id="0f0f0f0f-0000-4000-8000-000000000002"),
    )
    state = opened(make_state)
    TrainingState.choose_year.fn(state, "2025")
    assert row_of(state, world.users[Role.grid_worker])["hours"] == "6 / 20 小时"
    TrainingState.choose_year.fn(state, "1999")  # not offered: the year stays
    assert state.year == "2025"


def test_someone_who_records_no_training_is_refused_and_nothing_is_stored(session, world, make_state):
    state = opened(make_state, Role.social_worker)
    TrainingState.submit.fn(state, form(world) | {"client_id": "0f0f0f0f-0000-4000-8000-000000000003"})
    assert (state.page_error, state.saved, count(session)) == (DENIED_ZH, "", 0)
