"""Writes report sheets as one XLSX file (or one sheet as CSV), each carrying the watermark (DOMAIN.md §8).

openpyxl (write-only) writes the package: workbook and document properties, styles, each sheet's print header
and footer, column widths, frozen header and the first two rows (watermark, column headers). The data rows are
then streamed into each sheet's <sheetData> as plain XML: openpyxl's own per-cell writer costs ~18 µs a cell on
this machine kind, 22 s for a county's 100,000 recipients × 12 columns, against a target of 10 s for the whole
export; this writer takes a tenth of that. Strings go inline (t="inlineStr"), dates as serial numbers with
openpyxl's date style, rates with a percent style."""

import csv
import io
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from jingkang_app.domain.services.report_sheets import Column, Sheet

PERCENT_FORMAT = "0.0%"
HEADER_ROWS = 2  # the watermark, then the column headers
ROWS_PER_CHUNK = 500
EXCEL_EPOCH = date(1899, 12, 30).toordinal()  # Excel's day 0 (with its 1900 leap-year quirk folded in)
# XML 1.0 forbids most control characters; a name pasted from elsewhere must not make the file unreadable.
_XML_TEXT = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;"} | {chr(c): None for c in range(32) if chr(c) not in "\t\n\r"}
)
_CSV_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Stamp:
    """Who exported and when, written into every sheet and the document properties."""

    watermark: str
    author: str
    title: str
    at: datetime  # UTC


def write_xlsx(sheets: Iterable[Sheet], stamp: Stamp) -> tuple[bytes, dict[str, int]]:
    """The workbook's bytes and the number of data rows of each sheet (by key)."""
    sheets = list(sheets)
    workbook = Workbook(write_only=True)
    _set_properties(workbook, stamp)
    worksheets = [_start_sheet(workbook, sheet, stamp.watermark) for sheet in sheets]
    styles = _number_styles(worksheets[0])
    scaffold = io.BytesIO()
    workbook.save(scaffold)
    # openpyxl names each sheet's part only as it saves it
    parts = {worksheet.path.lstrip("/"): sheet for sheet, worksheet in zip(sheets, worksheets, strict=True)}
    counts: dict[str, int] = {}
    out = io.BytesIO()
    with (
        zipfile.ZipFile(scaffold) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target,
    ):
        for info in source.infolist():
            sheet = parts.get(info.filename)
            if sheet is None:
                target.writestr(info, source.read(info), zipfile.ZIP_DEFLATED, 1)
                continue
            head, tail = source.read(info).split(b"</sheetData>")
            with target.open(info.filename, "w") as part:
                part.write(head)
                counts[sheet.key] = _write_rows(part, sheet, styles)
                part.write(b"</sheetData>" + tail)
    return out.getvalue(), counts


def _set_properties(workbook: Workbook, stamp: Stamp) -> None:
    properties = workbook.properties
    properties.creator = properties.lastModifiedBy = stamp.author
    properties.title = stamp.title
    properties.description = stamp.watermark
    properties.created = properties.modified = stamp.at.replace(tzinfo=None)  # openpyxl writes naive as UTC


def _start_sheet(workbook: Workbook, sheet: Sheet, watermark: str):
    worksheet = workbook.create_sheet(sheet.title)
    for index, column in enumerate(sheet.columns, 1):
        worksheet.column_dimensions[get_column_letter(index)].width = column.width
    worksheet.freeze_panes = f"A{HEADER_ROWS + 1}"
    printed = watermark.replace("&", "&&")  # "&" starts a control code in Excel's header and footer
    worksheet.oddHeader.center.text = printed
    worksheet.oddFooter.center.text = printed
    worksheet.append([watermark])
    bold = Font(bold=True)
    worksheet.append([_styled(worksheet, column.header, font=bold) for column in sheet.columns])
    return worksheet


def _styled(worksheet, value: object, **style: object) -> WriteOnlyCell:
    cell = WriteOnlyCell(worksheet, value)
    for name, setting in style.items():
        setattr(cell, name, setting)
    return cell


def _number_styles(worksheet) -> dict[str, str]:
    """The style attribute of a date and of a percent cell: registered with openpyxl (so its styles part has
    them) through one cell of each, never written."""
    dated = _styled(worksheet, date(2000, 1, 1))  # openpyxl gives dates its yyyy-mm-dd format
    percent = _styled(worksheet, 0.5, number_format=PERCENT_FORMAT)
    return {"date": f' s="{dated.style_id}"', "percent": f' s="{percent.style_id}"'}


def _write_rows(part, sheet: Sheet, styles: dict[str, str]) -> int:
    cells = [_cell_writer(index, column.kind, styles) for index, column in enumerate(sheet.columns, 1)]
    count = 0
    chunk: list[str] = []
    for count, row in enumerate(sheet.rows, 1):
        number = str(HEADER_ROWS + count)
        xml = "".join(
            [cell(value, number) for cell, value in zip(cells, row, strict=True) if value is not None]
        )
        chunk.append(f'<row r="{number}">{xml}</row>')
        if len(chunk) == ROWS_PER_CHUNK:
            part.write("".join(chunk).encode())
            chunk.clear()
    part.write("".join(chunk).encode())
    return count


def _cell_writer(index: int, kind: str, styles: dict[str, str]) -> Callable[[object, str], str]:
    """The XML of a column's cell from its value and row number. Chosen once per column: chosen per cell (by the
    value's type), the choice took as long as the writing."""
    ref = f'<c r="{get_column_letter(index)}'
    if kind == "text":
        return lambda value, row: (
            f'{ref}{row}" t="inlineStr"><is><t>{value.translate(_XML_TEXT)}</t></is></c>'
        )
    style = styles.get(kind, "")
    if kind == "date":
        return lambda value, row: f'{ref}{row}"{style}><v>{value.toordinal() - EXCEL_EPOCH}</v></c>'
    return lambda value, row: f'{ref}{row}"{style}><v>{value}</v></c>'


def write_csv(sheet: Sheet, watermark: str) -> tuple[bytes, int]:
    """UTF-8 with a byte-order mark (Excel in China then reads it right): the watermark, headers, rows."""
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow([watermark])
    writer.writerow([column.header for column in sheet.columns])
    count = 0
    for row in sheet.rows:
        writer.writerow(list(_csv_values(row, sheet.columns)))
        count += 1
    return text.getvalue().encode("utf-8-sig"), count


def _csv_values(row: tuple, columns: tuple[Column, ...]) -> Iterator[str]:
    for value, column in zip(row, columns, strict=True):
        if value is None:
            yield ""
        elif column.kind == "percent":
            yield f"{value:.1%}"
        elif isinstance(value, date):
            yield value.isoformat()
        elif isinstance(value, str) and value.startswith(_CSV_FORMULA_START):
            yield "'" + value  # a spreadsheet would run it as a formula (CSV injection)
        else:
            yield str(value)
