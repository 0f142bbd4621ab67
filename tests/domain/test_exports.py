"""Report exports (issue 7; DOMAIN.md §6, §8): the sheets of a month's and a year's report, what each holds for
the exported area only, the watermark naming who exported and when, the audit entry, and who is refused."""

import csv
import io
import json
import uuid
from dataclasses import dataclass
from datetime import date

import pytest
from openpyxl import load_workbook
from sqlmodel import Session, select

from jingkang_app.domain.errors import NotFound, PermissionDenied, ValidationFailed
from jingkang_app.domain.models import AuditLog, Recipient, Role
from jingkang_app.domain.permissions import POLICY, Action
from jingkang_app.domain.services import auth, exports, followups, rehab_services, report_sheets
from jingkang_app.domain.services.report_summary import SummaryRow
from tests.domain.test_followups import stable_form
from tests.factories import make_recipient_registered_on, user_with_role

# The fake clock is 2026-11-23 02:00 UTC, 10:00 in Shanghai.
COUNTY_WATERMARK = (
    "导出人：county_coordinator用户（县级管理员） 导出时间：2026-11-23 10:00 仅限工作使用，请勿外传"
)
TOWNSHIP_WATERMARK = (
    "导出人：township_coordinator用户（乡镇(街道)管理员） 导出时间：2026-11-23 10:00 仅限工作使用，请勿外传"
)
FOUR_SHEETS = ["指标汇总", "分区统计", "服务对象名单", "随访明细"]
HEADER_ROWS = 2  # the watermark, then the column headers


@dataclass
class People:
    """张建国 and 王伟 live in 南塘村 (township 城关镇), 李娜 in 石桥村 (青山乡)."""

    zhang: Recipient
    wang: Recipient
    li: Recipient


@pytest.fixture
def people(session, world) -> People:
    """Follow-ups: 张建国 on 10-15 and 11-20 (stable), 王伟 on 11-05 at risk 3 (unstable, an open alert), 李娜 on
    11-10. Rehab sessions: 张建国 attended on 10-10 and 11-20; 王伟 was on the 11-20 list but did not come."""
    registered = date(2026, 3, 1)
    zhang = make_recipient_registered_on(session, world, registered, name="张建国")
    wang = make_recipient_registered_on(session, world, registered, name="王伟")
    li = make_recipient_registered_on(session, world, registered, name="李娜", village=world.village_b)
    doctor_a = world.actors[Role.community_doctor]
    doctor_b_user = user_with_role(session, world, Role.community_doctor, world.township_b)
    doctor_b = auth.actor_for_user(session, doctor_b_user, None)
    for actor, recipient, day, overrides in [
        (doctor_a, zhang, "2026-10-15", {}),
        (doctor_a, wang, "2026-11-05", {"risk_level": "3", "doctor_name": "王医生"}),
        (doctor_b, li, "2026-11-10", {}),
        (doctor_a, zhang, "2026-11-20", {}),
    ]:
        followups.record_followup(session, actor, stable_form(recipient.id, followup_date=day, **overrides))
    attend(session, world, "2026-10-10", {zhang.id: True})
    attend(session, world, "2026-11-20", {zhang.id: True, wang.id: False})
    return People(zhang, wang, li)


def attend(session, world, day: str, attendance: dict[int, bool]) -> None:
    rehab_services.record_service(
        session,
        world.actors[Role.social_worker],
        {
            "client_id": str(uuid.uuid4()),
            "service_date": day,
            "place": "site",
            "site_name": "城关镇康复站",
            "contents": ["life_skills"],
            "duration_minutes": "90",
            "attendees": [{"recipient_id": rid, "attended": came} for rid, came in attendance.items()],
        },
    )


def xlsx(session, world, role: Role, area, period: str, *, personal: bool = True):
    file = exports.report_xlsx(session, world.actors[role], area.id, period, personal=personal)
    return load_workbook(io.BytesIO(file.data))


def data_rows(worksheet) -> list[tuple]:
    return list(worksheet.iter_rows(min_row=HEADER_ROWS + 1, values_only=True))


def by_name(worksheet) -> dict[str, tuple]:
    return {row[0]: row for row in data_rows(worksheet)}


# --- sheets -------------------------------------------------------------------------------------------------


def test_a_months_report_with_personal_data_has_the_four_sheets(session, world, people):
    book = xlsx(session, world, Role.county_coordinator, world.county, "2026-11")
    assert book.sheetnames == FOUR_SHEETS


def test_a_years_report_leaves_out_the_followup_details(session, world, people):
    book = xlsx(session, world, Role.county_coordinator, world.county, "2026")
    assert book.sheetnames == ["指标汇总", "分区统计", "服务对象名单"]


def test_a_statistical_report_has_only_the_summary_sheets(session, world, people):
    book = xlsx(session, world, Role.county_coordinator, world.county, "2026-11", personal=False)
    assert book.sheetnames == ["指标汇总", "分区统计"]


def test_the_file_is_named_after_the_area_and_the_period(session, world, people):
    file = exports.report_xlsx(
        session, world.actors[Role.county_coordinator], world.county.id, "2026-11", personal=True
    )
    assert file.filename == "示范县2026年11月精康工作报表（含个人信息）.xlsx"
    assert file.ascii_filename == "jingkang-330127-2026-11-personal.xlsx"
    assert file.content_type == exports.XLSX_TYPE


# --- watermark ----------------------------------------------------------------------------------------------


def test_every_sheet_starts_with_the_watermark_of_who_exported_and_when(session, world, people):
    book = xlsx(session, world, Role.county_coordinator, world.county, "2026-11")
    assert [sheet["A1"].value for sheet in book.worksheets] == [COUNTY_WATERMARK] * 4


def test_every_sheet_prints_the_watermark_in_its_header_and_footer(session, world, people):
    book = xlsx(session, world, Role.county_coordinator, world.county, "2026-11")
    printed = {(s.oddHeader.center.text, s.oddFooter.center.text) for s in book.worksheets}
    assert printed == {(COUNTY_WATERMARK, COUNTY_WATERMARK)}


def test_the_document_properties_name_the_exporter(session, world, people):
    book = xlsx(session, world, Role.county_coordinator, world.county, "2026-11")
    assert (book.properties.creator, book.properties.description) == (
        "county_coordinator用户",
        COUNTY_WATERMARK,
    )


def test_a_statistical_report_is_watermarked_too_with_the_exporters_own_role(session, world, people):
    book = xlsx(session, world, Role.township_coordinator, world.township_a, "2026", personal=False)
    assert [sheet["A1"].value for sheet in book.worksheets] == [TOWNSHIP_WATERMARK] * 2


# --- what the sheets hold -------------------------------------------------------------------------------------


def test_the_recipient_list_holds_only_the_exported_townships_recipients(session, world, people):
    book = xlsx(session, world, Role.township_coordinator, world.township_a, "2026-11")
    assert set(by_name(book["服务对象名单"])) == {"张建国", "王伟"}


def test_a_recipients_row_holds_identity_latest_state_and_the_months_counts(session, world, people):
    book = xlsx(session, world, Role.county_coordinator, world.county, "2026-11")
    row = by_name(book["服务对象名单"])["张建国"]
    # one follow-up (11-20) and one attended session (11-20) in November; the next follow-up three months on
    assert row[:7] == ("张建国", people.zhang.id_number, "城关镇", "南塘村", "在册", 0, "稳定")
    assert (row[7].date(), row[8].date()) == (date(2026, 11, 20), date(2027, 2, 20))
    assert row[9:] == (1, 1, "否")


def test_a_session_missed_does_not_count_and_an_open_alert_shows(session, world, people):
    book = xlsx(session, world, Role.county_coordinator, world.county, "2026-11")
    row = by_name(book["服务对象名单"])["王伟"]
    assert (row[5], row[6], row[9], row[10], row[11]) == (3, "不稳定", 1, 0, "是")


def test_a_years_counts_cover_every_month_of_it(session, world, people):
    book = xlsx(session, world, Role.county_coordinator, world.county, "2026")
    row = by_name(book["服务对象名单"])["张建国"]
    assert row[9:11] == (2, 2)  # follow-ups on 10-15 and 11-20, sessions on 10-10 and 11-20


def test_the_followup_details_are_the_months_followups_in_date_order(session, world, people):
    book = xlsx(session, world, Role.county_coordinator, world.county, "2026-11")
    rows = data_rows(book["随访明细"])
    assert [(r[0].date(), r[3]) for r in rows] == [
        (date(2026, 11, 5), "王伟"),
        (date(2026, 11, 10), "李娜"),
        (date(2026, 11, 20), "张建国"),
    ]
    assert rows[0][5:] == ("家庭访视", 3, "不稳定", "王医生")


def test_the_followup_details_leave_out_other_townships(session, world, people):
    book = xlsx(session, world, Role.township_coordinator, world.township_a, "2026-11")
    assert [r[3] for r in data_rows(book["随访明细"])] == ["王伟", "张建国"]


def test_the_summary_lists_each_indicator_with_its_formula(session, world, people):
    book = xlsx(session, world, Role.county_coordinator, world.county, "2026-11", personal=False)
    rows = by_name(book["指标汇总"])
    assert rows["在册服务对象"][1] == 3
    # 王伟's follow-up at risk 3 raised the month's only alert; he is the one at level 3 or above.
    assert (rows["复发预警：期内发出"][1], rows["风险等级分布：3级及以上"][1]) == (1, 1)
    # 张建国 attended rehab on 11-20 and was followed up that day: 1 of the 3 registered.
    assert rows["登记康复对象接受规范服务率"][1:5] == (1, 3, 1 / 3, 0.6)
    assert "92" in rows["登记康复对象接受规范服务率"][5]  # the county's on-schedule window, not a placeholder


COUNTED = ("在册居家患者", "在册服务对象", "随访完成/应随访：已随访", "复发预警：期内发出")


def test_the_area_sheet_has_a_row_per_township_and_a_total_that_is_their_sum(session, world, people):
    book = xlsx(session, world, Role.county_coordinator, world.county, "2026-11", personal=False)
    sheet = book["分区统计"]
    header = [cell.value for cell in sheet[HEADER_ROWS]]
    rows = data_rows(sheet)
    assert [r[0] for r in rows] == ["城关镇", "青山乡", "合计"]
    *townships, total = rows
    columns = [header.index(name) for name in COUNTED]
    # 10-15 is October's: 城关镇 had 张建国 on 11-20 and 王伟 on 11-05, 青山乡 李娜 on 11-10.
    assert [[row[c] for c in columns] for row in townships] == [[2, 2, 2, 1], [1, 1, 1, 0]]
    assert [total[c] for c in columns] == [3, 3, 3, 1]


def test_a_rate_takes_numerator_denominator_and_percentage_columns_in_the_area_sheet(
    session, world, monkeypatch
):
    """With rates from the indicator seam: 1 of 4 in 城关镇, 3 of 4 in 青山乡, 4 of 8 in the county."""
    figures = {world.township_a.id: (1, 4), world.township_b.id: (3, 4), world.county.id: (4, 8)}

    def rows(area_id):
        numerator, denominator = figures[area_id]
        return [SummaryRow("dashboard.in_programme", numerator, denominator, numerator / denominator, 0.45)]

    monkeypatch.setattr(report_sheets, "summary_rows", lambda _s, _a, area_id, _p: rows(area_id))
    monkeypatch.setattr(
        report_sheets,
        "child_rows",
        lambda _s, _a, _area_id, _level, _p: [
            ("城关镇", rows(world.township_a.id)),
            ("青山乡", rows(world.township_b.id)),
        ],
    )
    book = xlsx(session, world, Role.county_coordinator, world.county, "2026", personal=False)
    sheet = book["分区统计"]
    assert [c.value for c in sheet[2]] == [
        "区域",
        "在册服务对象（分子）",
        "在册服务对象（分母）",
        "在册服务对象",
    ]
    assert data_rows(sheet) == [("城关镇", 1, 4, 0.25), ("青山乡", 3, 4, 0.75), ("合计", 4, 8, 0.5)]
    assert sheet["D5"].number_format == "0.0%"


# --- audit --------------------------------------------------------------------------------------------------


def test_each_export_leaves_one_committed_audit_entry_with_its_sheets_and_row_counts(session, world, people):
    actor = world.actors[Role.county_coordinator]
    file = exports.report_xlsx(session, actor, world.county.id, "2026-11", personal=True)
    summary_rows = len(data_rows(load_workbook(io.BytesIO(file.data))["指标汇总"]))
    with Session(session.get_bind()) as other:
        entries = other.exec(select(AuditLog).where(AuditLog.entity == "export")).all()
    assert [(e.action, e.actor_id, e.area_id) for e in entries] == [
        ("export.xlsx", actor.user_id, world.county.id)
    ]
    assert json.loads(entries[0].detail) == {
        "area": "示范县",
        "period": "2026-11",
        "personal": True,
        "sheets": ["summary", "areas", "recipients", "followups"],
        "rows": {"summary": summary_rows, "areas": 3, "recipients": 3, "followups": 3},
    }


# --- refusals -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "role", [Role.caregiver, Role.community_doctor, Role.grid_worker, Role.social_worker, Role.village_cadre]
)
@pytest.mark.parametrize("personal", [False, True])
def test_only_coordinators_export(session, world, people, role, personal):
    with pytest.raises(PermissionDenied):
        exports.report_xlsx(session, world.actors[role], world.township_a.id, "2026-11", personal=personal)


@pytest.mark.parametrize("area", ["county", "township_b"])
def test_a_township_coordinator_cannot_export_beyond_their_township(session, world, people, area):
    with pytest.raises(PermissionDenied):
        exports.report_xlsx(
            session,
            world.actors[Role.township_coordinator],
            getattr(world, area).id,
            "2026-11",
            personal=False,
        )


def test_statistics_alone_do_not_open_personal_data(session, world, people, monkeypatch):
    reach, actions = POLICY[Role.township_coordinator]
    monkeypatch.setitem(POLICY, Role.township_coordinator, (reach, actions - {Action.export_personal}))
    actor = world.actors[Role.township_coordinator]
    exports.report_xlsx(session, actor, world.township_a.id, "2026-11", personal=False)
    with pytest.raises(PermissionDenied):
        exports.report_xlsx(session, actor, world.township_a.id, "2026-11", personal=True)


def test_a_refused_export_leaves_no_audit_entry(session, world, people):
    with pytest.raises(PermissionDenied):
        exports.report_xlsx(
            session, world.actors[Role.township_coordinator], world.county.id, "2026-11", personal=True
        )
    assert session.exec(select(AuditLog).where(AuditLog.entity == "export")).all() == []


@pytest.mark.parametrize("period", ["2026-13", "26", "2026/11", "last month"])
def test_a_period_that_is_neither_a_month_nor_a_year_is_refused(session, world, period):
    with pytest.raises(ValidationFailed) as refused:
        exports.report_xlsx(
            session, world.actors[Role.county_coordinator], world.county.id, period, personal=False
        )
    assert set(refused.value.errors) == {"period"}


def test_an_unknown_area_is_not_found(session, world):
    with pytest.raises(NotFound):
        exports.report_xlsx(session, world.actors[Role.county_coordinator], 99999, "2026", personal=False)


def test_without_an_area_the_coordinators_own_area_is_exported(session, world, people):
    file = exports.report_xlsx(session, world.actors[Role.township_coordinator], "", "2026", personal=False)
    assert file.filename == "城关镇2026年精康工作报表.xlsx"


# --- CSV ----------------------------------------------------------------------------------------------------


def test_a_csv_sheet_has_a_byte_order_mark_the_watermark_the_headers_and_the_rows(session, world, people):
    file = exports.report_csv(
        session, world.actors[Role.township_coordinator], world.township_a.id, "2026-11", sheet="recipients"
    )
    assert file.data.startswith(b"\xef\xbb\xbf")
    lines = list(csv.reader(io.StringIO(file.data.decode("utf-8-sig"))))
    assert lines[0] == [TOWNSHIP_WATERMARK]
    assert lines[1][:3] == ["姓名", "身份证号", "乡镇（街道）"]
    zhang = next(line for line in lines[2:] if line[0] == "张建国")
    assert zhang[7:] == ["2026-11-20", "2027-02-20", "1", "1", "否"]
    assert len(lines) == HEADER_ROWS + 2


def test_a_csv_is_named_after_its_sheet_and_audited(session, world, people):
    actor = world.actors[Role.county_coordinator]
    file = exports.report_csv(session, actor, world.county.id, "2026-11", sheet="areas")
    assert (file.filename, file.content_type) == (
        "示范县2026年11月精康工作报表-分区统计.csv",
        exports.CSV_TYPE,
    )
    entry = session.exec(select(AuditLog).where(AuditLog.entity == "export")).one()
    assert entry.action == "export.csv"
    assert json.loads(entry.detail)["rows"] == {"areas": 3}


def test_a_csv_of_personal_data_needs_export_personal(session, world, people, monkeypatch):
    reach, actions = POLICY[Role.county_coordinator]
    monkeypatch.setitem(POLICY, Role.county_coordinator, (reach, actions - {Action.export_personal}))
    with pytest.raises(PermissionDenied):
        exports.report_csv(
            session, world.actors[Role.county_coordinator], world.county.id, "2026-11", sheet="followups"
        )


def test_the_followup_details_of_a_whole_year_are_refused(session, world):
    with pytest.raises(ValidationFailed) as refused:
        exports.report_csv(
            session, world.actors[Role.county_coordinator], world.county.id, "2026", sheet="followups"
        )
    assert refused.value.errors["period"].key == "error.report_month_only"


def test_an_unknown_sheet_is_refused(session, world):
    with pytest.raises(ValidationFailed) as refused:
        exports.report_csv(
            session, world.actors[Role.county_coordinator], world.county.id, "2026", sheet="everything"
        )
    assert set(refused.value.errors) == {"sheet"}


def test_a_villages_area_sheet_is_its_own_only_row_beside_the_total(session, world, people):
    book = xlsx(session, world, Role.county_coordinator, world.village_a, "2026-11", personal=False)
    (village, total) = data_rows(book["分区统计"])
    assert (village[0], total[0]) == ("南塘村", "合计")
    assert village[1:] == total[1:]
