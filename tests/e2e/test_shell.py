"""The shell people see: login, role homes, navigation by screen size, language, logout, refusals, PWA."""

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import text
from sqlmodel import create_engine

from tests.e2e.conftest import PHONE, TABLET, log_in, new_page, no_horizontal_scroll

GRID_WORKER, CAREGIVER, ADMIN = "13900000006", "13900000009", "13900000001"
COUNTY_COORDINATOR, TOWNSHIP_COORDINATOR, DOCTOR = "13900000002", "13900000003", "13900000004"


def test_a_grid_worker_on_a_phone_lands_on_todays_tasks_in_chinese(phone_page):
    log_in(phone_page, GRID_WORKER)
    expect(phone_page).to_have_url(re.compile(r"/tasks/?$"))
    expect(phone_page.get_by_role("heading", name="今日任务")).to_be_visible()
    # The demo county's history leaves visits due in the grid worker's village.
    expect(phone_page.locator("#due-list .due-item").first).to_contain_text("走访")
    assert phone_page.evaluate("document.documentElement.lang") == "zh-CN"
    assert no_horizontal_scroll(phone_page)


def test_the_phone_shows_bottom_navigation_of_at_most_five_large_items(phone_page):
    log_in(phone_page, GRID_WORKER)
    bottom = phone_page.locator("nav").filter(has=phone_page.get_by_role("link", name="今日任务")).first
    expect(bottom).to_be_visible()
    links = bottom.get_by_role("link")
    assert 1 <= links.count() <= 5
    for i in range(links.count()):
        box = links.nth(i).bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44
    assert bottom.bounding_box()["y"] > PHONE["height"] / 2  # it sits at the bottom


def test_the_tablet_shows_side_navigation_instead(tablet_page):
    log_in(tablet_page, GRID_WORKER)
    visible_navs = [n for n in tablet_page.locator("nav").all() if n.is_visible()]
    assert len(visible_navs) == 1
    box = visible_navs[0].bounding_box()
    assert box["x"] == 0 and box["height"] > TABLET["height"] / 2 and box["width"] < TABLET["width"] / 3


@pytest.mark.parametrize(
    ("phone", "home", "heading"),
    [
        (CAREGIVER, "/family", "我的家人"),
        (COUNTY_COORDINATOR, "/overview", "区域概览"),
        (TOWNSHIP_COORDINATOR, "/overview", "区域概览"),
        (ADMIN, "/admin/users", "用户管理"),
        (DOCTOR, "/tasks", "今日任务"),
    ],
)
def test_each_role_lands_on_its_own_home(tablet_page, phone, home, heading):
    log_in(tablet_page, phone)
    expect(tablet_page).to_have_url(re.compile(rf"{home}/?$"))
    expect(tablet_page.get_by_role("heading", name=heading, exact=True)).to_be_visible()


def test_the_caregiver_sees_their_relative_and_can_call_the_care_team(phone_page):
    log_in(phone_page, CAREGIVER)
    expect(phone_page.get_by_role("heading", name="综合管理小组")).to_be_visible()
    calls = phone_page.locator("a[href^='tel:']")
    expect(calls.first).to_be_visible()
    assert re.fullmatch(r"tel:1[3-9]\d{9}", calls.first.get_attribute("href"))


def test_a_wrong_password_gets_a_chinese_message_and_keeps_the_phone(phone_page):
    log_in_page = phone_page
    log_in_page.goto("/login")
    log_in_page.fill("#phone", GRID_WORKER)
    log_in_page.fill("#password", "not-the-password")
    log_in_page.get_by_role("button", name="登录").click()
    expect(log_in_page.locator("#login-error")).to_contain_text("手机号或密码不正确")
    expect(log_in_page.locator("#phone")).to_have_value(GRID_WORKER)


def test_logout_ends_the_session(phone_page):
    log_in(phone_page, GRID_WORKER)
    phone_page.goto("/me")
    phone_page.locator("#logout").click()
    expect(phone_page).to_have_url(re.compile(r"/login/?$"))
    phone_page.goto("/tasks")
    expect(phone_page).to_have_url(re.compile(r"/login"))


def test_a_signed_out_visitor_is_sent_to_login(phone_page):
    phone_page.goto("/recipients")
    expect(phone_page).to_have_url(re.compile(r"/login/?\?next=%2Frecipients"))


def test_the_language_switch_is_remembered_for_the_user(browser, sqlite_server):
    first = new_page(browser, PHONE, sqlite_server)
    log_in(first, DOCTOR)
    first.goto("/me")
    first.get_by_role("button", name="English").click()
    expect(first.get_by_role("link", name="Today")).to_be_visible()
    first.context.close()
    # Another device: the choice comes with the account.
    second = new_page(browser, PHONE, sqlite_server)
    log_in(second, DOCTOR)
    expect(second.get_by_role("heading", name="Today", exact=True)).to_be_visible()
    second.goto("/me")
    second.get_by_role("button", name="中文").click()
    expect(second.get_by_role("link", name="今日任务")).to_be_visible()
    second.context.close()


def _recipient_in(server, village: str) -> int:
    engine = create_engine(server.db_url)
    with engine.connect() as connection:
        return connection.execute(
            text(
                "SELECT r.id FROM recipient r JOIN area a ON a.id = r.area_id WHERE a.name = :v ORDER BY r.id"
            ),
            {"v": village},
        ).scalars().first() or pytest.fail(f"no recipient in {village}")


def test_a_recipient_outside_the_users_area_is_refused_by_url(phone_page, sqlite_server):
    other_township = _recipient_in(sqlite_server, "石桥村")
    log_in(phone_page, GRID_WORKER)
    phone_page.goto(f"/recipients/{other_township}")
    expect(phone_page.get_by_role("alert")).to_contain_text("您没有权限查看")
    expect(phone_page.locator("#recipient-header")).to_have_count(0)


def test_a_recipient_inside_the_area_opens_without_diagnosis_for_a_grid_worker(phone_page, sqlite_server):
    own_village = _recipient_in(sqlite_server, "南塘村")
    log_in(phone_page, GRID_WORKER)
    phone_page.goto(f"/recipients/{own_village}")
    header = phone_page.locator("#recipient-header")
    expect(header).to_be_visible()
    expect(header).not_to_contain_text("目前诊断")
    expect(header).not_to_contain_text("身份证号")
    assert no_horizontal_scroll(phone_page)


def test_an_unknown_page_gets_a_chinese_404(phone_page):
    phone_page.goto("/no-such-page")
    expect(phone_page.get_by_role("heading", name="页面不存在")).to_be_visible()


def test_the_manifest_is_linked_and_the_service_worker_takes_control(phone_page):
    phone_page.goto("/login")
    href = phone_page.locator("link[rel=manifest]").get_attribute("href")
    manifest = phone_page.request.get(href).json()
    assert manifest["name"] == "精康" and manifest["display"] == "standalone"
    assert {"192x192", "512x512"} <= {icon["sizes"] for icon in manifest["icons"]}
    assert any(icon.get("purpose") == "maskable" for icon in manifest["icons"])
    phone_page.wait_for_function("document.documentElement.dataset.swRegistered === '1'")
    phone_page.reload()
    phone_page.wait_for_function("navigator.serviceWorker.controller !== null")


def test_offline_navigation_shows_the_chinese_offline_page(phone_page):
    phone_page.goto("/login")
    phone_page.wait_for_function("document.documentElement.dataset.swRegistered === '1'")
    phone_page.reload()
    phone_page.wait_for_function("navigator.serviceWorker.controller !== null")
    phone_page.context.set_offline(True)
    phone_page.goto("/never-visited-page")
    expect(phone_page.get_by_text("网络未连接")).to_be_visible()
    phone_page.context.set_offline(False)


def test_reflex_english_overlays_are_replaced_by_catalogue_text(phone_page):
    phone_page.goto("/login")
    phone_page.wait_for_function("window.JK_TEXT !== undefined")
    # Reflex draws this banner with plain DOM when a new build is deployed (utils/state.js).
    phone_page.evaluate(
        """() => {
        const banner = document.createElement('div');
        banner.id = 'reflex-new-version-banner';
        banner.append('A new version of this app is available.');
        const button = document.createElement('button');
        button.textContent = 'Reload';
        banner.append(button);
        document.body.append(banner);
    }"""
    )
    banner = phone_page.locator("#reflex-new-version-banner")
    expect(banner).to_contain_text("精康已更新，请重新加载页面。")
    expect(banner.get_by_role("button")).to_have_text("重新加载")
    bundles = phone_page.evaluate(
        "performance.getEntriesByType('resource').map(e => e.name).filter(n => n.endsWith('.js'))"
    )
    for url in bundles:
        assert "Check if server is reachable" not in phone_page.request.get(url).text(), url


ENGINE_OPEN = '0{"sid":"x","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}'


def _refuse_socket(ws) -> None:
    """A socket.io server that opens the transport and refuses the namespace: a failed connection attempt."""
    ws.send(ENGINE_OPEN)
    ws.on_message(
        lambda message: ws.send('44/_event,{"message":"down"}') if str(message).startswith("40") else None
    )


def test_a_lost_connection_is_announced_in_chinese(phone_page):
    phone_page.route_web_socket(re.compile(r"/_event"), _refuse_socket)
    phone_page.goto("/login")
    expect(phone_page.get_by_role("status").filter(has_text="网络连接中断")).to_be_visible()
    assert "Cannot connect to server" not in phone_page.content()


def test_a_consent_refused_keeps_what_was_typed_and_a_saved_one_starts_a_fresh_form(
    phone_page, sqlite_server
):
    own_village = _recipient_in(sqlite_server, "南塘村")
    log_in(phone_page, GRID_WORKER)
    phone_page.goto(f"/recipients/{own_village}")
    form = phone_page.locator("#consent-form")
    form.get_by_label("签署日期").fill("2026-11-20")
    form.get_by_label("同意范围（选填）").fill("社区康复服务与随访")
    form.get_by_role("button", name="保存").click()
    expect(form.get_by_text("请至少勾选一位签署人（本人或监护人）。")).to_be_visible()
    expect(form.get_by_label("同意范围（选填）")).to_have_value("社区康复服务与随访")
    form.get_by_label("监护人签署").check()
    form.get_by_role("button", name="保存").click()
    expect(phone_page.get_by_role("status").filter(has_text="已保存。")).to_be_visible()
    expect(phone_page.locator("#consent-form").get_by_label("同意范围（选填）")).to_have_value("")
