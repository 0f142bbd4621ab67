"""The scale-out path: PostgreSQL + Redis + 2 workers, logged into from a real browser."""

import re

from playwright.sync_api import expect

from tests.e2e.conftest import PHONE, log_in, new_page


def test_a_grid_worker_logs_in_against_postgres_redis_and_two_workers(browser, servers):
    server = servers.get("postgres")
    page = new_page(browser, PHONE, server)
    log_in(page, "13900000006")
    expect(page).to_have_url(re.compile(r"/tasks/?$"))
    expect(page.get_by_role("heading", name="今日任务")).to_be_visible()
    page.goto("/recipients")
    expect(page.get_by_text("南塘村").first).to_be_visible()
    page.context.close()
