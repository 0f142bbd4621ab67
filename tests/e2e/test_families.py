"""Families on the demo county: the caregiver on a 390×844 phone calls for help and the community doctor sees
and takes the alert; the caregiver asks for respite and the township coordinator approves it on a 1024×768
tablet; the caregiver sees 已批准."""

import re
from datetime import timedelta

from playwright.sync_api import expect

from jingkang_app.domain import clock
from tests.e2e.conftest import TABLET, log_in, new_page, no_horizontal_scroll, scalar

CAREGIVER, DOCTOR, TOWNSHIP_COORDINATOR = "13900000009", "13900000004", "13900000003"


def test_a_caregivers_call_for_help_reaches_the_community_doctor_who_takes_it(
    phone_page, browser, sqlite_server, db
):
    page = phone_page
    log_in(page, CAREGIVER)
    expect(page).to_have_url(re.compile(r"/family/?$"))
    relative = page.locator("h2").first.inner_text()
    calls_before = scalar(db, "select count(*) from help_request")
    page.get_by_role("link", name="紧急求助").click()
    expect(page).to_have_url(re.compile(r"/family/help\?rid=\d+$"))
    rid = int(re.search(r"rid=(\d+)", page.url).group(1))
    assert no_horizontal_scroll(page)

    # Nothing ticked: told beside the choices, nothing sent.
    page.get_by_role("button", name="发送求助").click()
    expect(page.locator("#signs-error")).to_have_text("请至少选择一种情况。")
    assert scalar(db, "select count(*) from help_request") == calls_before

    page.get_by_text("不睡觉", exact=True).click()
    page.get_by_text("打人毁物", exact=True).click()
    page.get_by_role("button", name="发送求助").click()
    expect(page.locator("#help-sent")).to_contain_text("求助已发送，孙慧敏 会尽快联系您。")
    assert scalar(db, "select count(*) from help_request where recipient_id = :r", r=rid) >= 1
    assert scalar(db, "select count(*) from help_request") == calls_before + 1
    assert (
        scalar(
            db,
            "select count(*) from risk_alert where source = 'caregiver' and status = 'open' and recipient_id = :r",
            r=rid,
        )
        >= 1
    )
    newest = page.locator(".help-call").first
    expect(newest).to_contain_text("不睡觉、打人毁物")
    expect(newest).to_contain_text("等待接手")

    doctor = new_page(browser, {"width": 390, "height": 844}, sqlite_server)
    log_in(doctor, DOCTOR)
    doctor.goto("/alerts")
    card = doctor.locator(".alert-card").filter(has_text="家属紧急求助").filter(has_text=relative).first
    expect(card).to_contain_text("不睡觉 · 打人毁物")
    card.get_by_role("button", name="接单").click()
    expect(doctor.get_by_text("已接手。")).to_be_visible()
    doctor.context.close()

    page.goto("/family")
    expect(page.locator(".help-call").first.locator(".help-status")).to_contain_text("孙慧敏 已于")
    expect(page.locator(".help-call").first).to_contain_text("已接手")


def test_a_respite_request_is_approved_on_the_coordinators_tablet_and_the_caregiver_sees_it(
    phone_page, browser, sqlite_server, db
):
    page = phone_page
    log_in(page, CAREGIVER)
    page.get_by_role("link", name="申请喘息服务").click()
    expect(page).to_have_url(re.compile(r"/family/respite\?rid=\d+$"))
    expect(page.locator("#respite-quota")).to_contain_text("每年 14 天")
    assert no_horizontal_scroll(page)
    requests_before = scalar(db, "select count(*) from respite_request")
    # Far enough ahead that no earlier test's request overlaps it.
    start = clock.today() + timedelta(days=60)
    end = start + timedelta(days=2)

    page.locator("label[for=kind-home]").click()
    page.fill("#start_date", end.isoformat())
    page.fill("#end_date", start.isoformat())
    page.fill("#reason", "连续照顾三个月，想休息几天")
    page.get_by_role("button", name="提交申请").click()
    expect(page.locator("#end_date-error")).to_have_text("结束日期不能早于开始日期，请重新选择。")
    assert page.input_value("#reason") == "连续照顾三个月，想休息几天"  # what was typed is kept
    assert scalar(db, "select count(*) from respite_request") == requests_before

    page.fill("#start_date", start.isoformat())
    page.fill("#end_date", end.isoformat())
    page.get_by_role("button", name="提交申请").click()
    expect(page.locator("#respite-saved")).to_contain_text("申请已提交")
    assert scalar(db, "select count(*) from respite_request") == requests_before + 1
    mine = page.locator(".respite-request").filter(has_text=start.isoformat())
    expect(mine.locator(".respite-status")).to_have_text("待审核")

    coordinator = new_page(browser, TABLET, sqlite_server)
    log_in(coordinator, TOWNSHIP_COORDINATOR)
    coordinator.locator("#respite-queue-link").click()
    expect(coordinator).to_have_url(re.compile(r"/respite/?$"))
    assert no_horizontal_scroll(coordinator)
    card = coordinator.locator(".respite-card").filter(has_text=start.isoformat())
    expect(card).to_contain_text("连续照顾三个月，想休息几天")
    card.get_by_role("button", name="批准").click()
    card.get_by_role("button", name="确认").click()
    expect(coordinator.get_by_text("已批准，家属会收到通知。")).to_be_visible()
    expect(coordinator.locator(".respite-card").filter(has_text=start.isoformat())).to_have_count(0)
    coordinator.context.close()

    page.reload()
    mine = page.locator(".respite-request").filter(has_text=start.isoformat())
    expect(mine.locator(".respite-status")).to_have_text("已批准")
    page.goto("/notifications")
    expect(
        page.get_by_text(f"喘息服务申请（{start.isoformat()} 至 {end.isoformat()}）已批准")
    ).to_be_visible()
