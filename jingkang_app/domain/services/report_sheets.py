"""The sheets of a report (DOMAIN.md §6) as the workbook and the CSV writer read them: columns with their
headers in the user's language, and rows of plain values streamed once. Here the statistical sheets (指标汇总,
分区统计), from the summary seam (services/report_summary.py); the lists of personal data are in
services/report_lists.py."""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, cached_property

from sqlmodel import Session

from jingkang_app.domain.models import Area
from jingkang_app.domain.permissions import Actor
from jingkang_app.domain.rules.indicators import Period
from jingkang_app.domain.services.report_summary import SummaryRow, child_rows, summary_rows
from jingkang_app.i18n import t


@dataclass(frozen=True)
class Column:
    header: str  # in the user's language
    kind: str = "text"  # text / number / date / percent: how the workbook and the CSV format the values
    width: int = 12  # in characters, for the workbook


@dataclass(frozen=True)
class Sheet:
    key: str  # summary / areas / recipients / followups
    title: str
    columns: tuple[Column, ...]
    rows: Iterable[tuple]  # streamed: read once


@dataclass
class Report:
    """What every sheet of one export reads: the area, the period and who exports, in which language."""

    session: Session
    actor: Actor
    area: Area
    period: Period

    @property
    def lang(self) -> str:
        return self.actor.lang

    @cached_property
    def summary(self) -> list[SummaryRow]:
        """The area's own figures: the summary sheet and the total row of 分区统计 (computed once)."""
        return summary_rows(self.session, self.actor, self.area.id, self.period)


@cache
def _label(key: str, lang: str) -> str:
    return t(key, lang)


def coded(prefix: str, code: object, lang: str) -> str | None:
    """The label of a stored code (status, classification, form), looked up once per export."""
    return None if code is None else _label(f"{prefix}.{code}", lang)


def summary_sheet(report: Report) -> Sheet:
    lang = report.lang
    columns = (
        Column(t("export.column.indicator", lang), width=36),
        Column(t("export.column.value", lang), "number"),
        Column(t("export.column.denominator", lang), "number"),
        Column(t("export.column.rate", lang), "percent"),
        Column(t("export.column.target", lang), "percent"),
        Column(t("export.column.formula", lang), width=60),
    )
    rows = (
        (
            label_of(r, lang),
            r.numerator,
            r.denominator,
            r.rate,
            r.target,
            t(r.formula_key, lang, **r.formula_params),
        )
        for r in report.summary
    )
    return Sheet("summary", t("export.sheet.summary", lang), columns, rows)


def label_of(row: SummaryRow, lang: str) -> str:
    """A part of a figure is named after its indicator too: 「复发预警：期内发出」."""
    label = t(row.label_key, lang)
    return t("export.part_of", lang, group=t(row.group_key, lang), label=label) if row.group_key else label


def _figure_columns(summary: list[SummaryRow], lang: str) -> Iterator[Column]:
    """A count takes one column; a rate three: numerator, denominator and the rate itself."""
    for row in summary:
        label = label_of(row, lang)
        if row.denominator is None:
            yield Column(label, "number", width=14)
            continue
        yield Column(t("export.column.numerator_of", lang, label=label), "number", width=14)
        yield Column(t("export.column.denominator_of", lang, label=label), "number", width=14)
        yield Column(label, "percent", width=14)


def _figures(summary: list[SummaryRow]) -> tuple:
    values: list = []
    for row in summary:
        values += [row.numerator] if row.denominator is None else [row.numerator, row.denominator, row.rate]
    return tuple(values)


def areas_sheet(report: Report) -> Sheet:
    """One row per child area (townships of a county, villages of a township; a village is its own only row),
    then 合计: the area's own figures, the same as the summary sheet's."""
    lang = report.lang
    area = report.area
    columns = (Column(t("export.column.area", lang), width=16), *_figure_columns(report.summary, lang))

    def rows() -> Iterator[tuple]:
        # A village has no children: it is its own only row, with the figures the summary already holds.
        rows = child_rows(report.session, report.actor, area.id, area.level, report.period)
        for name, summary in rows or [(area.name, report.summary)]:
            yield (name, *_figures(summary))
        yield (t("export.total", lang), *_figures(report.summary))

    return Sheet("areas", t("export.sheet.areas", lang), columns, rows())
