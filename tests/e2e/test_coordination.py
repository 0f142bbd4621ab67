"""The county coordinator on a 1024×768 tablet opens 指标看板, drills from the late 精康转介 (the demo county's: filed
two weeks ago, never registered) down through its township and village to the recipient's page, then exports the
month's report; the file opens with openpyxl with the expected sheets, the watermark and totals that add up."""

import io
import re
from pathlib import Path

from openpyxl import load_workbook
from playwright.sync_api import expect

from jingkang_app.domain import clock
from tests.e2e.conftest import TABLET, log_in, new_page, no_horizontal_scroll, scalar

COUNTY_COORDINATOR, COORDINATOR_NAME = "13900000002", "陈丽华"
SHEETS = ["指标汇总", "分区统计", "服务对象名单", "随访明细"]
HEADER_ROWS = 2  # the watermark, then the column headers
# Counts that add up over the townships (staff trained also count the county's own; rates do not add).
COUNTED = ("在册居家患者", "在册服务对象", "随访完成/应随访：已随访", "复发预警：期内发出", "转介：期内提出")


def late_referral(db) -> dict[str, str]:
    """The late referral's recipient and the names of their village and township."""
    sql = (
        "select {} from referral f join recipient r on r.id = f.recipient_id join area v on v.id = r.area_id "
        "join area t on t.id = v.parent_id where f.client_id = 'demo-referral-late'"
    )
    return {
        column: str(scalar(db, sql.format(expression)))
        for column, expression in (
            ("id", "r.id"),
            ("name", "r.name"),
            ("village", "v.name"),
            ("township", "t.name"),
        )
    }


def test_the_coordinator_drills_from_a_late_referral_to_the_recipient_and_exports_the_month(
    browser, sqlite_server, db
):
    person = late_referral(db)
    tablet = new_page(browser, TABLET, sqlite_server)
    log_in(tablet, COUNTY_COORDINATOR)
    tablet.locator("#dashboard-link").click()
    expect(tablet).to_have_url(re.compile(r"/dashboard/?$"))
    expect(tablet.locator("#drill-referrals")).to_be_visible()
    assert no_horizontal_scroll(tablet)

    tablet.locator("#drill-referrals").click()
    areas = tablet.locator("#drill-areas")
    expect(areas).to_contain_text(person["township"])
    areas.get_by_role("button", name=person["township"]).click()
    expect(areas).to_contain_text(person["village"])
    areas.get_by_role("button", name=person["village"]).click()
    people = tablet.locator("#drill-people")
    expect(people).to_contain_text(person["name"])
    people.get_by_role("link", name=person["name"]).click()
    expect(tablet).to_have_url(re.compile(rf"/recipients/{person['id']}/?$"))
    expect(tablet.get_by_role("heading", name=person["name"])).to_be_visible()

    tablet.goto("/dashboard")
    with tablet.expect_download() as download:
        tablet.locator("#export-xlsx").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    workbook = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()), read_only=True)
    assert workbook.sheetnames == SHEETS
    today = clock.today()
    for sheet in workbook.worksheets:
        watermark = sheet.cell(row=1, column=1).value
        assert COORDINATOR_NAME in watermark and today.isoformat() in watermark
    listed = sum(1 for _ in workbook["服务对象名单"].iter_rows(min_row=HEADER_ROWS + 1))
    assert listed == scalar(db, "select count(*) from recipient")
    sheet = workbook["分区统计"]
    header = next(sheet.iter_rows(min_row=HEADER_ROWS, max_row=HEADER_ROWS, values_only=True))
    *townships, total = sheet.iter_rows(min_row=HEADER_ROWS + 1, values_only=True)
    assert [row[0] for row in townships] == [
        name
        for (name,) in db.connect().exec_driver_sql(
            "select name from area where level = 'township' order by code"
        )
    ]
    assert total[0] == "合计"
    assert total[header.index("在册居家患者")] == scalar(
        db, "select count(*) from recipient where status != 'exited'"
    )
    for name in COUNTED:
        column = header.index(name)
        assert total[column] == sum(row[column] for row in townships)
