"""The figures of a report's summary sheets (指标汇总, 分区统计): the dashboard's indicators (services.indicators)
as ``SummaryRow``s, one per count or rate — a figure of several parts (随访: done, due, overdue) gives a row per
part, named after its indicator. Every area of one report gets the same rows in the same order: 分区统计 puts
them side by side."""

from dataclasses import asdict, dataclass, field, fields
from typing import Any

from sqlmodel import Session

from jingkang_app.domain.permissions import Actor
from jingkang_app.domain.rules.indicators import Indicator, Period, formula_key, label_key
from jingkang_app.domain.services import indicators
from jingkang_app.domain.services.indicator_figures import RateFigure


@dataclass(frozen=True)
class SummaryRow:
    """One indicator (or one part of it) of one area: a count (no denominator) or a rate numerator ÷ denominator."""

    label_key: str  # catalogue key of the indicator's name, or of the part's
    numerator: int | float | None
    denominator: int | float | None = None  # None: a plain count
    rate: float | None = None  # numerator ÷ denominator; None for a count or a zero denominator
    target: float | None = None  # the period's target rate (0–1), e.g. 0.6 for 规范服务率 in 2025
    formula_key: str = ""  # catalogue key of the formula shown beside it
    formula_params: dict = field(default_factory=dict)  # the county's definitions the formula names
    group_key: str = ""  # for a part: catalogue key of its indicator's name


def _row(label: str, figure: Any, formula: dict, group: str = "") -> SummaryRow | None:
    """A count, a rate, or None for what is neither (a list by kind or by level, which stays on screen)."""
    if isinstance(figure, RateFigure):
        rate = (figure.numerator, figure.denominator, figure.rate, figure.target)
        return SummaryRow(label, *rate, **formula, group_key=group)
    if figure is None or isinstance(figure, int | float):
        return SummaryRow(label, figure, **formula, group_key=group)
    return None


def _rows(indicator: Indicator, figure: Any, area_level: str, definitions: dict) -> list[SummaryRow]:
    label = label_key(indicator, area_level)
    formula = {"formula_key": formula_key(indicator), "formula_params": definitions}
    whole = _row(label, figure, formula)
    if whole is not None:
        return [whole]
    parts = (
        _row(f"dashboard.{indicator.value}.{part.name}", getattr(figure, part.name), formula, label)
        for part in fields(figure)
    )
    return [row for row in parts if row is not None]


def rows_of(figures: dict[Indicator, object], area_level: str, definitions: dict) -> list[SummaryRow]:
    return [row for i in Indicator for row in _rows(i, figures[i], area_level, definitions)]


def summary_rows(session: Session, actor: Actor, area_id: int, period: Period) -> list[SummaryRow]:
    """The area's own figures for the period; the caller has already checked the actor may export it."""
    board = indicators.dashboard(session, actor, area_id, period.key)
    figures = {i: getattr(board, i.value) for i in Indicator}
    return rows_of(figures, board.area_level, asdict(board.definitions))


def child_rows(
    session: Session, actor: Actor, area_id: int, area_level: str, period: Period
) -> list[tuple[str, list[SummaryRow]]]:
    """(name, figures) of each child area, labelled as the exported area's own rows (and formulas: its own)."""
    return [
        (child.area_name, rows_of(child.figures, area_level, {}))
        for child in indicators.every_child(session, actor, area_id, period.key)
    ]
