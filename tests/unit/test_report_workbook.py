"""The report writer (services/report_workbook.py) on hand-made sheets: the rows it streams into openpyxl's
workbook read back with openpyxl as the values, types and formats they were given; the CSV is safe to open."""

import csv
import io
from datetime import UTC, date, datetime

from openpyxl import load_workbook

from jingkang_app.domain.services.report_sheets import Column, Sheet
from jingkang_app.domain.services.report_workbook import PERCENT_FORMAT, Stamp, write_csv, write_xlsx

STAMP = Stamp(
    watermark="导出人：张三 & 李四",
    author="张三",
    title="测试报表",
    at=datetime(2026, 11, 23, 2, 0, tzinfo=UTC),
)
COLUMNS = (Column("指标"), Column("分子", "number"), Column("比率", "percent"), Column("日期", "date"))


def sheet(*rows: tuple, key: str = "summary", title: str = "指标汇总") -> Sheet:
    return Sheet(key, title, COLUMNS, iter(rows))


def read_back(*sheets: Sheet):
    data, counts = write_xlsx(sheets, STAMP)
    return load_workbook(io.BytesIO(data)), counts


def test_values_keep_their_types_and_a_rate_reads_as_a_percentage():
    book, _ = read_back(sheet(("规范服务率", 45, 0.375, date(2026, 11, 30))))
    label, numerator, rate, day = book["指标汇总"][3]
    assert (label.value, numerator.value, rate.value, day.value.date()) == (
        "规范服务率",
        45,
        0.375,
        date(2026, 11, 30),
    )
    assert rate.number_format == PERCENT_FORMAT
    assert day.is_date


def test_an_empty_value_leaves_its_cell_empty_and_the_next_in_its_column():
    book, _ = read_back(sheet(("在册服务对象", 12, None, date(2026, 1, 2))))
    assert [c.value for c in book["指标汇总"][3]][:3] == ["在册服务对象", 12, None]
    assert book["指标汇总"]["D3"].value.date() == date(2026, 1, 2)


def test_markup_and_control_characters_in_text_cannot_break_the_file():
    book, _ = read_back(sheet(("<b>王&伟</b>\x07", 1, None, None)))
    assert book["指标汇总"]["A3"].value == "<b>王&伟</b>"


def test_each_sheet_gets_its_own_rows_and_their_count():
    book, counts = read_back(
        sheet(("甲", 1, None, None), ("乙", 2, None, None)),
        sheet(("丙", 3, None, None), key="areas", title="分区统计"),
    )
    assert [r[0] for r in book["指标汇总"].iter_rows(min_row=3, values_only=True)] == ["甲", "乙"]
    assert [r[0] for r in book["分区统计"].iter_rows(min_row=3, values_only=True)] == ["丙"]
    assert counts == {"summary": 2, "areas": 1}


def test_the_column_headers_are_the_second_row_and_frozen_above_the_data():
    book, _ = read_back(sheet())
    worksheet = book["指标汇总"]
    assert [c.value for c in worksheet[2]] == ["指标", "分子", "比率", "日期"]
    assert worksheet.freeze_panes == "A3"


def test_an_ampersand_in_the_watermark_prints_as_itself_in_the_header():
    book, _ = read_back(sheet())
    assert (
        book["指标汇总"].oddHeader.center.text == "导出人：张三 && 李四"
    )  # Excel's escape, shown as one "&"
    assert book["指标汇总"]["A1"].value == "导出人：张三 & 李四"


def test_a_csv_writes_rates_as_percentages_dates_as_iso_and_neutralises_formulas():
    data, count = write_csv(
        sheet(("=HYPERLINK(1)", 3, 0.375, date(2026, 11, 30)), ("甲", 0, None, None)), "水印"
    )
    lines = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert lines == [
        ["水印"],
        ["指标", "分子", "比率", "日期"],
        ["'=HYPERLINK(1)", "3", "37.5%", "2026-11-30"],
        ["甲", "0", "", ""],
    ]
    assert count == 2
