"""The field workflow on a 390×844 phone, on the demo county's seeded history: a grid worker works through
今日任务, a doctor's follow-up at risk 3 reaches the township coordinator as a relapse alert, and a form keeps what
was typed across a reload. The forms go through the device outbox and /api/v1/sync, as they will offline."""

import re

from playwright.sync_api import Page, expect
from sqlalchemy import text

from tests.e2e.conftest import PHONE, log_in, new_page, no_horizontal_scroll, scalar

GRID_WORKER, DOCTOR, TOWNSHIP_COORDINATOR = "13900000006", "13900000004", "13900000003"


def form_ready(page: Page, kind: str) -> None:
    """The form has mounted with its starting values and outbox.js has taken it over."""
    page.locator(f"form[data-outbox={kind}][data-outbox-bound]").wait_for()


def tick(page: Page, name: str, value: str) -> None:
    page.locator(f"label[for='{name}-{value}']").click()


def test_a_grid_worker_finds_a_due_recipient_and_records_a_home_visit(phone_page, db):
    page = phone_page
    log_in(page, GRID_WORKER)
    # A recipient with an open relapse alert stays listed after a visit; take the first without one.
    first = page.locator("#due-list .due-item").filter(has_not_text="复发预警").first
    expect(first).to_contain_text("走访")
    name = first.locator(".due-name").inner_text()
    first.click()
    expect(page).to_have_url(re.compile(r"/recipients/\d+/visit/?$"))
    rid = int(re.search(r"/recipients/(\d+)/", page.url).group(1))
    visits_before = scalar(db, "select count(*) from home_visit where recipient_id = :r", r=rid)
    form_ready(page, "home_visit")
    expect(page.locator("#form-recipient")).to_have_text(name)
    assert no_horizontal_scroll(page)

    for name_, value in (
        ("met", "recipient"),
        ("condition", "stable"),
        ("treatment", "regular"),
        ("rehab", "at_home"),
        ("family", "strained"),
        ("aid", "none"),
        ("needs", "respite"),
        ("satisfaction", "satisfied"),
    ):
        tick(page, name_, value)
    page.fill("#notes", "家属照护压力大，申请喘息服务")
    page.get_by_role("button", name="提交走访记录").click()

    expect(page.locator("#home_visit-form [data-outbox-status]")).to_have_text("已提交。")
    expect(page.locator("#form-saved")).to_contain_text("已生成任务：喘息服务")
    assert scalar(db, "select count(*) from home_visit where recipient_id = :r", r=rid) == visits_before + 1
    assert (
        scalar(db, "select count(*) from care_task where recipient_id = :r and kind = 'respite'", r=rid) >= 1
    )
    assert page.input_value("#notes") == ""  # the form is ready for the next visit

    page.goto("/tasks")  # visited today: no longer due
    page.locator("#due-list").wait_for()
    expect(page.locator(f"#due-list a[href^='/recipients/{rid}/']")).to_have_count(0)


def test_a_doctors_risk_3_follow_up_raises_an_alert_the_township_coordinator_sees(
    phone_page, browser, sqlite_server, db
):
    rid, name = _quiet_recipient(db)
    page = phone_page
    log_in(page, DOCTOR)
    page.goto(f"/recipients/{rid}/followup")
    form_ready(page, "followup")
    tick(page, "risk_level", "3")
    tick(page, "symptoms", "7")
    # The rules' proposal is shown before submitting, so an override is a knowing one.
    expect(page.locator("[data-proposal]")).to_contain_text("系统建议：不稳定")
    expect(page.locator("[data-proposal]")).to_contain_text("提交后将生成复发预警。")
    # A later next date than the rules propose needs a reason: refused beside the field, nothing stored.
    page.fill("#next_followup_date", "2030-01-01")
    page.get_by_role("button", name="提交随访记录").click()
    expect(page.locator("[data-error-for=next_followup_date]")).to_have_text(
        "下次随访日期晚于建议日期，请填写原因。"
    )
    assert scalar(db, "select count(*) from followup where recipient_id = :r and risk_level = 3", r=rid) == 0

    page.fill("#next_followup_date", "")
    page.get_by_role("button", name="提交随访记录").click()
    expect(page.locator("#form-saved")).to_contain_text("随访已保存：不稳定")
    expect(page.locator("#form-alert")).to_contain_text("已生成复发预警")
    assert scalar(db, "select count(*) from followup where recipient_id = :r and risk_level = 3", r=rid) == 1
    assert (
        scalar(db, "select count(*) from risk_alert where recipient_id = :r and status = 'open'", r=rid) == 1
    )

    coordinator = new_page(browser, PHONE, sqlite_server)
    try:
        log_in(coordinator, TOWNSHIP_COORDINATOR)
        coordinator.goto("/alerts")
        expect(coordinator.get_by_text(name).first).to_be_visible()
    finally:
        coordinator.context.close()


def test_a_reload_mid_form_loses_nothing(phone_page, db):
    rid, _name = _quiet_recipient(db, offset=1)
    page = phone_page
    log_in(page, DOCTOR)
    page.goto(f"/recipients/{rid}/followup")
    form_ready(page, "followup")
    tick(page, "risk_level", "2")
    tick(page, "symptoms", "1")
    page.fill("#symptoms_other", "夜间自言自语")
    page.fill("#minor_trouble", "1")
    client_id = page.input_value("#followup-form input[name=client_id]")
    page.wait_for_timeout(600)  # the draft is written 300 ms after the last keystroke

    page.reload()
    form_ready(page, "followup")
    assert page.is_checked("#risk_level-2")
    assert page.is_checked("#symptoms-1")
    assert page.input_value("#symptoms_other") == "夜间自言自语"
    assert page.input_value("#minor_trouble") == "1"
    assert page.input_value("#followup-form input[name=client_id]") == client_id
    assert scalar(db, "select count(*) from followup where client_id = :c", c=client_id) == 0


def _quiet_recipient(db, offset: int = 0) -> tuple[int, str]:
    """A recipient of the doctor's home village with no open alert."""
    with db.connect() as connection:
        row = connection.execute(
            text(
                "select recipient.id, recipient.name from recipient join area on area.id = recipient.area_id "
                "where area.name = '南塘村' and not recipient.open_alert order by recipient.id "
                "limit 1 offset :offset"
            ),
            {"offset": 10 + offset},
        ).one()
    return row[0], row[1]


def test_a_wrong_id_number_shows_the_chinese_error_beside_the_field_and_keeps_what_was_typed(phone_page, db):
    page = phone_page
    log_in(page, TOWNSHIP_COORDINATOR)
    page.goto("/recipients/new")
    page.locator("#id_number").wait_for()
    before = scalar(db, "select count(*) from recipient")
    page.fill("#name", "测试登记")
    page.fill("#id_number", "33012719800101123X")  # the check character of this number is 7
    page.fill("#phone", "13812345678")
    page.get_by_role("button", name="提交登记").click()
    expect(page.locator("#id_number-error")).to_have_text("身份证号校验位不正确，请核对后重新输入。")
    assert page.input_value("#name") == "测试登记"
    assert page.input_value("#id_number") == "33012719800101123X"
    assert scalar(db, "select count(*) from recipient") == before
    assert no_horizontal_scroll(page)


def test_a_correction_made_on_an_older_version_is_refused_with_what_changed_and_never_overwrites(
    phone_page, browser, sqlite_server, db
):
    rid, _name = _quiet_recipient(db, offset=2)
    fid = scalar(db, "select max(id) from followup where recipient_id = :r", r=rid)
    sleep_before = scalar(db, "select sleep from followup where id = :f", f=fid)
    assert sleep_before != "poor"
    doctor = phone_page
    log_in(doctor, DOCTOR)
    doctor.goto(f"/recipients/{rid}")
    doctor.locator(f"#timeline a[href='/followups/{fid}/edit']").click()
    form_ready(doctor, "followup_edit")

    coordinator = new_page(browser, PHONE, sqlite_server)
    try:  # meanwhile the township coordinator corrects the same follow-up
        log_in(coordinator, TOWNSHIP_COORDINATOR)
        coordinator.goto(f"/followups/{fid}/edit")
        form_ready(coordinator, "followup_edit")
        tick(coordinator, "diet", "poor")
        coordinator.get_by_role("button", name="提交随访记录").click()
        expect(coordinator.locator("#form-saved")).to_contain_text("随访记录已更新")
    finally:
        coordinator.context.close()

    tick(doctor, "sleep", "poor")
    doctor.get_by_role("button", name="提交随访记录").click()
    status = doctor.locator("#followup_edit-form [data-outbox-status]")
    expect(status).to_contain_text("这条记录已被他人修改（饮食情况")
    assert scalar(db, "select diet from followup where id = :f", f=fid) == "poor"
    assert scalar(db, "select sleep from followup where id = :f", f=fid) == sleep_before  # not overwritten
    assert scalar(db, "select version from followup where id = :f", f=fid) == 2

    doctor.reload()  # the form now opens on the corrected record, not on the stale draft
    form_ready(doctor, "followup_edit")
    assert doctor.is_checked("#diet-poor")
    assert doctor.input_value("#followup_edit-form input[name=version]") == "2"


def test_a_visit_submitted_without_a_connection_waits_on_the_device_and_is_stored_once_when_back_online(
    phone_page, db
):
    rid, _name = _quiet_recipient(db, offset=3)
    page = phone_page
    log_in(page, GRID_WORKER)
    page.goto(f"/recipients/{rid}/visit")
    form_ready(page, "home_visit")
    before = scalar(db, "select count(*) from home_visit where recipient_id = :r", r=rid)
    expect(page.locator("#outbox-badge")).to_be_hidden()

    page.context.set_offline(True)
    for name_, value in (("met", "family"), ("condition", "stable"), ("treatment", "regular")):
        tick(page, name_, value)
    for name_, value in (
        ("rehab", "none"),
        ("family", "good"),
        ("aid", "none"),
        ("satisfaction", "satisfied"),
    ):
        tick(page, name_, value)
    page.get_by_role("button", name="提交走访记录").click()
    expect(page.locator("#home_visit-form [data-outbox-status]")).to_contain_text("已保存在本机")
    expect(page.locator("#outbox-badge")).to_contain_text("待发送1")
    assert scalar(db, "select count(*) from home_visit where recipient_id = :r", r=rid) == before

    page.context.set_offline(False)  # the online event sends the outbox
    expect(page.locator("#home_visit-form [data-outbox-status]")).to_have_text("已提交。", timeout=30_000)
    expect(page.locator("#outbox-badge")).to_be_hidden()
    assert scalar(db, "select count(*) from home_visit where recipient_id = :r", r=rid) == before + 1
