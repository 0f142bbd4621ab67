"""The device outbox (assets/outbox.js) alone in Chromium: no Reflex server. Playwright's request routing serves
a page written here, the real script, and a fake sync route that records every request body."""

import json
import re
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, Route, expect

from tests.e2e.conftest import PHONE

OUTBOX_JS = Path(__file__).resolve().parents[2] / "assets" / "outbox.js"
FORM_URL = "http://jk.test/form/"
DRAFT_KEY = "jk-draft:followup:123"
UUID4 = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
TEXT = {
    "outbox_queued": "已存在本机，等待发送",
    "outbox_sent": "已发送",
    "outbox_rejected": "未能保存，请按提示修改后重新提交。",
    "outbox_conflict": "与服务器上的记录冲突：",
    "outbox_login": "登录已过期，请重新登录；填写的内容仍在本机。",
    "outbox_offline": "暂时连不上服务器，已存在本机，稍后自动发送。",
}
PAGE = """<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<script>window.JK_TEXT = {"zh-CN": __TEXT__};</script>
<script src="/outbox.js" defer></script>
</head>
<body>
<nav>待发送 <span data-outbox-count hidden></span></nav>
<main id="main"></main>
<template id="followup">
  <form data-outbox="followup" data-draft-key="followup:123">
    <input type="hidden" name="client_id" value="">
    <label>随访日期 <input name="followup_date" type="date" required></label>
    <span data-error-for="followup_date"></span>
    <label>风险等级
      <select name="risk_level"><option value="">请选择</option><option value="low">低</option>
        <option value="high">高</option></select>
    </label>
    <label>备注 <input name="notes" type="text"></label>
    <span data-error-for="notes"></span>
    <fieldset><legend>症状</legend>
      <label><input type="checkbox" name="symptoms" value="1"> 失眠</label>
      <label><input type="checkbox" name="symptoms" value="2"> 幻听</label>
      <label><input type="checkbox" name="symptoms" value="3"> 拒绝服药</label>
    </fieldset>
    <label><input type="checkbox" name="referred"> 已转诊</label>
    <div data-outbox-status role="status" aria-live="polite"></div>
    <button type="submit">提交</button>
  </form>
</template>
<template id="home-visit">
  <form data-outbox="home_visit" data-draft-key="home_visit:7">
    <input type="hidden" name="client_id" value="">
    <label>家访记录 <input name="visit_note" type="text" required></label>
    <div data-outbox-status role="status" aria-live="polite"></div>
    <button type="submit">保存家访</button>
  </form>
</template>
<script>
  // As Reflex does: the form is rendered client-side, after hydration.
  addEventListener("load", function () {
    setTimeout(function () {
      var form = document.getElementById("followup").content.cloneNode(true);
      document.getElementById("main").appendChild(form);
    }, 50);
  });
</script>
</body>
</html>
""".replace("__TEXT__", json.dumps(TEXT, ensure_ascii=False))
RECORD_EVENTS = """
window.__events = [];
["jk-outbox-sent", "jk-outbox-rejected", "jk-outbox-login"].forEach(function (name) {
  addEventListener(name, function (e) { window.__events.push({ type: name, detail: e.detail }); });
});
"""

Reply = Callable[[dict], tuple[int, object] | None]  # None: the request fails at the network level


def store_all(body: dict) -> tuple[int, object]:
    results = [
        {"client_id": item["client_id"], "status": "stored", "id": 41 + n}
        for n, item in enumerate(body["items"])
    ]
    return 200, {"results": results}


def fail(_body: dict) -> None:
    return None


class FakeServer:
    """Serves the page, the real script, and /api/v1/sync answering whatever `reply` says."""

    def __init__(self) -> None:
        self.bodies: list[dict] = []
        self.headers: list[dict[str, str]] = []
        self.reply: Reply = store_all

    def handle(self, route: Route) -> None:
        request = route.request
        path = urlsplit(request.url).path
        if path == "/form/":
            route.fulfill(status=200, content_type="text/html; charset=utf-8", body=PAGE)
        elif path == "/outbox.js":
            route.fulfill(status=200, content_type="text/javascript; charset=utf-8", path=OUTBOX_JS)
        elif path == "/api/v1/sync" and request.method == "POST":
            self.bodies.append(request.post_data_json)
            self.headers.append(request.all_headers())
            answer = self.reply(request.post_data_json)
            if answer is None:
                route.abort()
                return
            status, payload = answer
            is_text = isinstance(payload, str)
            route.fulfill(
                status=status,
                content_type="text/html; charset=utf-8" if is_text else "application/json",
                body=payload if is_text else json.dumps(payload, ensure_ascii=False),
            )
        else:
            route.fulfill(status=404, body="")

    def client_ids(self) -> list[str]:
        return [item["client_id"] for body in self.bodies for item in body["items"]]


@pytest.fixture
def server() -> FakeServer:
    return FakeServer()


@pytest.fixture
def page(browser: Browser, server: FakeServer) -> Iterator[Page]:
    context = browser.new_context(viewport=PHONE, locale="zh-CN")
    context.route("http://jk.test/**", server.handle)
    context.add_init_script(RECORD_EVENTS)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def open_form(page: Page) -> None:
    page.goto(FORM_URL)
    page.locator("form[data-outbox-bound]").wait_for(state="attached")


def fill_form(page: Page, notes: str = "按时服药，情绪平稳") -> None:
    page.fill("input[name=followup_date]", "2026-03-05")
    page.select_option("select[name=risk_level]", "high")
    page.fill("input[name=notes]", notes)
    page.check("input[name=symptoms][value='1']")
    page.check("input[name=symptoms][value='3']")
    page.check("input[name=referred]")


def submit(page: Page) -> None:
    page.get_by_role("button", name="提交").click()


def client_id(page: Page) -> str:
    return page.locator("form[data-outbox=followup] input[name=client_id]").input_value()


def items(page: Page) -> list[dict]:
    return page.evaluate("window.JKOutbox.items()")


def draft(page: Page) -> dict | None:
    return json.loads(page.evaluate(f"localStorage.getItem('{DRAFT_KEY}') || 'null'"))


def events(page: Page, kind: str) -> list[dict]:
    return [e["detail"] for e in page.evaluate("window.__events") if e["type"] == kind]


def status(page: Page):
    return page.locator("form[data-outbox=followup] [data-outbox-status]")


def counter(page: Page):
    return page.locator("[data-outbox-count]")


def wait_for_requests(page: Page, server: FakeServer, n: int) -> None:
    deadline = time.monotonic() + 10
    while len(server.bodies) < n:
        assert time.monotonic() < deadline, f"{len(server.bodies)} sync requests, expected {n}"
        page.wait_for_timeout(50)  # lets Playwright dispatch the route handler


def submit_and_expect_waiting(page: Page, status_key: str) -> str:
    """Fills and submits the form while the sync route fails; the fill then waits on the device, nothing
    cleared. Returns its client id."""
    open_form(page)
    fill_form(page)
    sent_id = client_id(page)
    submit(page)
    expect(status(page)).to_have_text(TEXT[status_key])
    expect(counter(page)).to_have_text("1")
    [item] = items(page)
    assert (item["client_id"], item["state"]) == (sent_id, "pending")
    assert page.input_value("input[name=notes]") == "按时服药，情绪平稳"
    assert draft(page)["client_id"] == sent_id
    return sent_id


def assert_form_empty(page: Page) -> None:
    assert page.input_value("input[name=followup_date]") == ""
    assert page.input_value("select[name=risk_level]") == ""
    assert page.input_value("input[name=notes]") == ""
    assert page.locator("input[type=checkbox]:checked").count() == 0


def test_typed_values_survive_a_reload_with_the_same_client_id(page, server):
    page.clock.install()
    open_form(page)
    first_id = client_id(page)
    assert UUID4.match(first_id)  # http://jk.test is no secure context: the getRandomValues fallback
    page.clock.pause_at(datetime.now(UTC) + timedelta(seconds=5))
    fill_form(page)  # with time stopped the 300 ms debounce never saves: the pagehide flush has to
    page.reload()
    page.clock.resume()
    page.locator("form[data-outbox-bound]").wait_for(state="attached")

    assert client_id(page) == first_id
    assert page.input_value("input[name=followup_date]") == "2026-03-05"
    assert page.input_value("select[name=risk_level]") == "high"
    assert page.input_value("input[name=notes]") == "按时服药，情绪平稳"
    checked = page.locator("input[name=symptoms]:checked")
    assert [checked.nth(i).get_attribute("value") for i in range(checked.count())] == ["1", "3"]
    assert page.is_checked("input[name=referred]")
    assert server.bodies == []  # typing sends nothing


@pytest.mark.parametrize(
    "failure",
    [
        pytest.param(fail, id="network-error"),
        pytest.param(lambda body: (503, store_all(body)[1]), id="5xx-whatever-its-body-says"),
        pytest.param(lambda _body: (200, "<html>请先认证 Wi-Fi</html>"), id="not-json"),
        pytest.param(lambda _body: (200, {"ok": True}), id="json-without-results"),
    ],
)
def test_a_submit_while_the_sync_route_fails_waits_on_the_device_and_is_sent_once_on_retry(
    page, server, failure
):
    server.reply = failure
    sent_id = submit_and_expect_waiting(page, "outbox_offline")
    expect(counter(page)).to_be_visible()

    server.reply = store_all
    page.evaluate("window.dispatchEvent(new Event('online'))")
    expect(counter(page)).to_have_js_property("hidden", True)
    expect(status(page)).to_have_text(TEXT["outbox_sent"])
    assert server.client_ids() == [sent_id, sent_id]  # the failed attempt, then the one that went through
    assert items(page) == []
    assert draft(page) is None
    assert_form_empty(page)
    assert client_id(page) not in ("", sent_id)  # the next fill is a new record
    assert events(page, "jk-outbox-sent") == [{"client_id": sent_id, "kind": "followup", "id": 41}]
    assert page.evaluate("window.JKOutbox.sync()") == "idle"
    assert len(server.bodies) == 2  # sent once: nothing left to resend


def test_the_retry_timer_resends_when_only_the_server_was_down(page, server):
    page.clock.install()
    server.reply = fail
    open_form(page)
    fill_form(page)
    submit(page)
    expect(status(page)).to_have_text(TEXT["outbox_offline"])
    page.evaluate("window.JKOutbox.sync()")  # settles the sync under way, so its retry timer is set
    tried = len(server.bodies)

    server.reply = store_all
    page.clock.pause_at(datetime.now(UTC) + timedelta(seconds=1))  # from here only run_for moves time
    page.clock.run_for(12_500)
    page.wait_for_timeout(1_000)  # time for a request, had one been made, to reach the fake server
    assert len(server.bodies) == tried  # no online event, and not yet 15 s
    page.clock.run_for(2_000)
    expect(counter(page)).to_have_js_property("hidden", True)
    expect(status(page)).to_have_text(TEXT["outbox_sent"])
    assert len(server.bodies) == tried + 1


def test_two_submits_of_one_fill_before_acknowledgement_give_one_item_and_one_client_id(page, server):
    server.reply = fail
    open_form(page)
    fill_form(page)
    fill_id = client_id(page)
    submit(page)
    wait_for_requests(page, server, 1)
    expect(status(page)).to_have_text(TEXT["outbox_offline"])
    page.fill("input[name=notes]", "复诊时间改到下周")
    submit(page)
    wait_for_requests(page, server, 2)
    expect(status(page)).to_have_text(TEXT["outbox_offline"])

    [item] = items(page)
    assert item["client_id"] == fill_id
    assert item["data"]["notes"] == "复诊时间改到下周"  # the second submit replaced the first
    expect(counter(page)).to_have_text("1")

    server.reply = store_all
    assert page.evaluate("window.JKOutbox.sync()") == "done"
    assert set(server.client_ids()) == {fill_id}
    assert [len(body["items"]) for body in server.bodies] == [1] * len(server.bodies)
    assert server.bodies[-1]["items"][0]["data"]["notes"] == "复诊时间改到下周"
    expect(counter(page)).to_have_js_property("hidden", True)


def test_a_rejected_item_shows_the_servers_messages_and_is_resent_with_the_same_id_once_fixed(page, server):
    errors = {"followup_date": "随访日期不能晚于今天", "notes": "请写明随访方式"}

    def reject(body: dict) -> tuple[int, object]:
        results = [
            {
                "client_id": item["client_id"],
                "status": "rejected",
                "message": "请核对标出的内容",
                "errors": errors,
            }
            for item in body["items"]
        ]
        return 200, {"results": results}

    server.reply = reject
    open_form(page)
    fill_form(page)
    fill_id = client_id(page)
    submit(page)

    expect(page.locator("[data-error-for=followup_date]")).to_have_text("随访日期不能晚于今天")
    expect(page.locator("[data-error-for=notes]")).to_have_text("请写明随访方式")
    expect(status(page)).to_have_text(TEXT["outbox_rejected"] + " 请核对标出的内容")
    expect(page.locator("input[name=followup_date]")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("input[name=notes]")).to_have_attribute("aria-invalid", "true")
    expect(counter(page)).to_have_text("1")
    assert page.input_value("input[name=followup_date]") == "2026-03-05"  # nothing typed is lost
    assert page.input_value("input[name=notes]") == "按时服药，情绪平稳"
    [item] = items(page)
    assert (item["client_id"], item["state"], item["errors"]) == (fill_id, "rejected", errors)
    assert [e["client_id"] for e in events(page, "jk-outbox-rejected")] == [fill_id]
    assert page.evaluate("window.JKOutbox.sync()") == "idle"  # a rejected item waits for the user
    assert len(server.bodies) == 1

    page.reload()  # still there after a reload, messages included
    page.locator("form[data-outbox-bound]").wait_for(state="attached")
    expect(page.locator("[data-error-for=followup_date]")).to_have_text("随访日期不能晚于今天")
    assert client_id(page) == fill_id
    assert page.input_value("input[name=notes]") == "按时服药，情绪平稳"

    server.reply = fail  # the fix is resubmitted while the server is out of reach
    page.fill("input[name=followup_date]", "2026-03-01")
    page.fill("input[name=notes]", "电话随访")
    submit(page)
    expect(status(page)).to_have_text(TEXT["outbox_offline"])
    expect(page.locator("[data-error-for=followup_date]")).to_have_text("")  # cleared by the new submit
    expect(page.locator("[data-error-for=notes]")).to_have_text("")
    assert page.locator("[aria-invalid]").count() == 0
    [item] = items(page)
    assert (item["client_id"], item["state"]) == (fill_id, "pending")

    server.reply = store_all
    assert page.evaluate("window.JKOutbox.sync()") == "done"
    expect(status(page)).to_have_text(TEXT["outbox_sent"])
    assert server.client_ids() == [fill_id, fill_id, fill_id]
    assert server.bodies[2]["items"][0]["data"]["followup_date"] == "2026-03-01"
    expect(counter(page)).to_have_js_property("hidden", True)
    assert items(page) == []


def test_a_401_keeps_the_outbox_and_asks_to_log_in(page, server):
    page.clock.install()
    server.reply = lambda _body: (401, {"error": "unauthenticated"})
    fill_id = submit_and_expect_waiting(page, "outbox_login")
    assert len(events(page, "jk-outbox-login")) == 1

    page.clock.run_for(60_000)
    page.wait_for_timeout(1_000)
    assert len(server.bodies) == 1  # no timer retries while the login is missing
    server.reply = store_all
    page.evaluate("window.dispatchEvent(new Event('online'))")
    expect(status(page)).to_have_text(TEXT["outbox_sent"])
    assert server.client_ids() == [fill_id, fill_id]


def test_checkbox_groups_arrive_as_arrays_a_single_checkbox_as_on_with_the_submit_time(page, server):
    page.context.add_cookies([{"name": "jk_session", "value": "s3cret", "url": "http://jk.test/"}])
    open_form(page)
    fill_form(page)
    fill_id = client_id(page)
    before = page.evaluate("Date.now()")
    submit(page)
    expect(status(page)).to_have_text(TEXT["outbox_sent"])
    after = page.evaluate("Date.now()")

    [sent] = server.bodies[0]["items"]
    assert sent["client_id"] == fill_id
    assert sent["kind"] == "followup"
    assert sent["data"] == {
        "followup_date": "2026-03-05",
        "risk_level": "high",
        "notes": "按时服药，情绪平稳",
        "symptoms": ["1", "3"],
        "referred": "on",
    }
    assert set(sent) == {"client_id", "kind", "data", "captured_at"}
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", sent["captured_at"])
    captured_ms = datetime.fromisoformat(sent["captured_at"]).timestamp() * 1000
    assert before <= captured_ms <= after
    assert server.headers[0]["content-type"] == "application/json"
    assert "jk_session=s3cret" in server.headers[0].get("cookie", "")  # same-origin credentials

    page.fill("input[name=followup_date]", "2026-03-06")  # the next fill, nothing ticked
    submit(page)
    wait_for_requests(page, server, 2)
    [second] = server.bodies[1]["items"]
    assert second["data"]["symptoms"] == []
    assert "referred" not in second["data"]
    assert second["client_id"] != fill_id


def test_clear_all_empties_the_outbox_and_the_drafts(page, server):
    server.reply = fail
    open_form(page)
    fill_form(page)
    old_id = client_id(page)
    submit(page)
    expect(counter(page)).to_have_text("1")
    page.evaluate(
        "localStorage.setItem('jk-draft:home_visit:7', '{}'); localStorage.setItem('jk_other', 'x')"
    )

    page.evaluate("window.JKOutbox.clearAll()")
    assert items(page) == []
    assert page.evaluate("window.JKOutbox.count()") == 0
    expect(counter(page)).to_have_js_property("hidden", True)
    keys = page.evaluate("Object.keys(localStorage)")
    assert [k for k in keys if k.startswith("jk-draft:")] == []
    assert "jk_other" in keys  # only the outbox's own keys go
    tried = len(server.bodies)
    assert page.evaluate("window.JKOutbox.sync()") == "idle"
    assert len(server.bodies) == tried

    page.reload()
    page.locator("form[data-outbox-bound]").wait_for(state="attached")
    assert_form_empty(page)
    assert client_id(page) not in ("", old_id)


def test_one_sync_at_a_time_and_a_submit_during_one_is_sent_right_after_it(page, server):
    open_form(page)
    fill_form(page)
    followup_id = client_id(page)
    # A client-side page change renders a second form: it is bound as it appears.
    page.evaluate("""
        document.getElementById("main").appendChild(document.getElementById("home-visit").content.cloneNode(true))
    """)
    home_visit = page.locator("form[data-outbox=home_visit][data-outbox-bound]")
    home_visit.locator("input[name=visit_note]").fill("家属在场，情况稳定")
    home_visit_id = home_visit.locator("input[name=client_id]").input_value()
    assert UUID4.match(home_visit_id) and home_visit_id != followup_id

    # The home visit is submitted while the follow-up's request is out.
    page.evaluate("""() => {
        const fetchNow = window.fetch;
        let first = true;
        window.fetch = function () {
            const answer = fetchNow.apply(this, arguments);
            if (first) document.querySelector("form[data-outbox=home_visit]").requestSubmit();
            first = false;
            return answer;
        };
        document.querySelector("form[data-outbox=followup]").requestSubmit();
    }""")
    expect(home_visit.locator("[data-outbox-status]")).to_have_text(TEXT["outbox_sent"])
    expect(status(page)).to_have_text(TEXT["outbox_sent"])
    assert [[item["client_id"] for item in body["items"]] for body in server.bodies] == [
        [followup_id],
        [home_visit_id],
    ]
    assert [item["kind"] for body in server.bodies for item in body["items"]] == ["followup", "home_visit"]
    expect(counter(page)).to_have_js_property("hidden", True)


def test_a_sync_route_that_never_answers_is_given_up_after_20_seconds(page, server):
    page.clock.install()
    hanging: list[Route] = []
    handle = server.handle

    def handle_or_hang(route: Route) -> None:
        if urlsplit(route.request.url).path == "/api/v1/sync":
            server.bodies.append(route.request.post_data_json)
            hanging.append(route)  # never answered
            return
        handle(route)

    page.context.unroute("http://jk.test/**")
    page.context.route("http://jk.test/**", handle_or_hang)
    open_form(page)
    fill_form(page)
    submit(page)
    expect(status(page)).to_have_text(TEXT["outbox_queued"])
    wait_for_requests(page, server, 1)
    page.clock.pause_at(datetime.now(UTC) + timedelta(seconds=1))
    page.clock.run_for(17_000)
    page.wait_for_timeout(500)
    expect(status(page)).to_have_text(TEXT["outbox_queued"])  # still waiting for the answer
    page.clock.run_for(3_000)
    expect(status(page)).to_have_text(TEXT["outbox_offline"])
    [item] = items(page)
    assert item["state"] == "pending"
