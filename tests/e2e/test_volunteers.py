"""A volunteer on a 390×844 phone takes a respite-support shift, checks in and out; the township coordinator on a
1024×768 tablet verifies the hours and issues a certificate; the volunteer's hours, points and certificate show
them. The shift is created through the domain service on the server's database, starting in 20 minutes, so the
check-in window (from an hour before the start) is open."""

import re
from datetime import datetime, timedelta

from playwright.sync_api import Page, expect
from sqlmodel import select

from jingkang_app.domain import clock
from jingkang_app.domain.db import session_scope
from jingkang_app.domain.models import User
from jingkang_app.domain.services import auth, shifts
from tests.e2e.conftest import PHONE, TABLET, log_in, new_page, no_horizontal_scroll, scalar

VOLUNTEER, TOWNSHIP_COORDINATOR = "13900000008", "13900000003"
TASK = "喘息协助：陪伴服务对象半天，让家属休息"


def respite_shift_in_20_minutes(db_url: str) -> int:
    starts = datetime.now(clock.LOCAL_TZ).replace(tzinfo=None, second=0, microsecond=0) + timedelta(
        minutes=20
    )
    with session_scope(db_url) as session:
        coordinator = session.exec(select(User).where(User.phone == TOWNSHIP_COORDINATOR)).one()
        saved = shifts.create_shift(
            session,
            auth.actor_for_user(session, coordinator, None),
            {
                "client_id": f"e2e-respite-shift-{starts:%H%M%S}",
                "kind": "respite",
                "place": "南塘村村委会门口",
                "starts_at": starts.isoformat(),
                "ends_at": (starts + timedelta(hours=2)).isoformat(),
                "capacity": 1,
                "needs_insurance": True,
                "needs_training": "respite_care",
                "task": TASK,
                "first_name": "辉",
            },
        )
        return saved.shift.id


def figures(page: Page) -> tuple[str, int]:
    page.goto("/volunteer")
    page.locator("#hours-year").wait_for()
    return page.locator("#hours-year").inner_text(), int(
        page.locator("#points-balance").inner_text().split()[0]
    )


def test_a_volunteers_respite_shift_is_checked_verified_and_certified(browser, sqlite_server, db):
    shift_id = respite_shift_in_20_minutes(sqlite_server.db_url)
    phone = new_page(browser, PHONE, sqlite_server)
    log_in(phone, VOLUNTEER)
    expect(phone).to_have_url(re.compile(r"/volunteer/?$"))
    hours_before, points_before = figures(phone)

    phone.goto("/shifts")
    card = phone.locator(f"#shift-{shift_id}")
    expect(card).to_contain_text(TASK)
    expect(card).to_contain_text("服务对象：辉")
    assert no_horizontal_scroll(phone)
    phone.locator(f"#sign-up-{shift_id}").click()
    expect(phone.locator("#shift-saved")).to_contain_text("报名成功")
    sign_up_id = scalar(
        db, "select id from shift_sign_up where shift_id = :s and status = 'signed_up'", s=shift_id
    )

    phone.goto("/volunteer")
    phone.locator(f"#check-in-{sign_up_id}").click()
    expect(phone.locator("#service-saved")).to_contain_text("已签到")
    phone.locator(f"#check-out-{sign_up_id}").click()
    expect(phone.locator("#service-saved")).to_contain_text("已签退")
    assert scalar(db, "select status from shift_sign_up where id = :i", i=sign_up_id) == "checked_out"
    # Hours count only once a coordinator verifies them.
    assert figures(phone) == (hours_before, points_before)

    tablet = new_page(browser, TABLET, sqlite_server)
    log_in(tablet, TOWNSHIP_COORDINATOR)
    tablet.goto(f"/shifts/{shift_id}")
    tablet.locator(f"#verify-{sign_up_id}").click()
    row = tablet.locator(f"#sign-up-{sign_up_id}")
    row.locator("input[name=verified_minutes]").fill("120")
    row.locator("[name=reason]").fill("按现场照护记录核实为 2 小时")
    row.locator("button[type=submit]").click()
    expect(tablet.locator("#shift-saved")).to_contain_text("获得 20 积分")
    verified = "select verified_minutes from shift_sign_up where id = :i"
    assert scalar(db, verified, i=sign_up_id) == 120
    assert scalar(db, "select points from points_entry where shift_sign_up_id = :i", i=sign_up_id) == 20
    assert no_horizontal_scroll(tablet)

    volunteer_id = scalar(db, "select volunteer_id from shift_sign_up where id = :i", i=sign_up_id)
    tablet.goto(f"/volunteers/{volunteer_id}")
    form = tablet.locator("#certificate-form")
    form.locator("[name=period_start]").fill(f"{clock.today().year}-01-01")
    form.locator("[name=period_end]").fill(clock.today().isoformat())
    tablet.locator("#issue-certificate").click()
    expect(tablet.locator("#issued-certificate-link")).to_be_visible()
    tablet.context.close()

    hours_after, points_after = figures(phone)
    assert points_after == points_before + 20
    assert hours_after != hours_before
    phone.locator("[id^=certificate-]").first.click()
    expect(phone).to_have_url(re.compile(r"/volunteer/certificates/\d+$"))
    expect(phone.locator("#certificate")).to_contain_text(hours_after)
    expect(phone.locator("#certificate")).to_contain_text("志愿服务记录证明")
    phone.context.close()
