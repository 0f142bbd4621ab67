"""An administrator on a tablet creates an account, gives it a role, and the new user can work."""

import re

from playwright.sync_api import expect

from tests.e2e.conftest import TABLET, log_in, new_page

ADMIN = "13900000001"


def test_an_administrator_creates_a_grid_worker_who_then_logs_in(browser, sqlite_server):
    page = new_page(browser, TABLET, sqlite_server)
    log_in(page, ADMIN)
    form = page.locator("#create-user-form")
    form.get_by_label("姓名").fill("吴新网格")
    form.get_by_label("手机号").fill("137 0000 1234")
    form.get_by_label("初始密码").fill("short")
    form.get_by_role("button", name="创建用户").click()
    expect(form.get_by_text("密码至少 8 位。")).to_be_visible()
    expect(form.get_by_label("姓名")).to_have_value("吴新网格")  # nothing typed is lost
    form.get_by_label("初始密码").fill("welcome-2026")
    form.get_by_role("button", name="创建用户").click()
    expect(page.get_by_role("status").filter(has_text="用户已创建。")).to_be_visible()

    page.locator("#search").fill("13700001234")
    page.get_by_role("button", name="搜索").click()
    card = page.locator("details").first
    card.locator("summary").click()
    card.get_by_label("角色").select_option(label="网格员")
    card.get_by_label("区域").select_option(label="城关镇 / 南塘村")
    card.get_by_role("button", name="分配角色").click()
    expect(page.get_by_text("网格员 · 南塘村")).to_be_visible()
    page.context.close()

    newcomer = new_page(browser, TABLET, sqlite_server)
    log_in(newcomer, "13700001234", "welcome-2026")
    expect(newcomer).to_have_url(re.compile(r"/tasks/?$"))
    newcomer.context.close()
