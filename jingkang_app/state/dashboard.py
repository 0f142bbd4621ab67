"""指标看板 for coordinators (on a tablet): the indicators of an area and a period, a trend, and the drill-down
from a figure to each child area's figure (county → township → village) and on to the recipients behind it.
Thin over services.indicators, indicator_trend and indicator_lists, which decide scope and count."""

from datetime import date

import reflex as rx
from sqlmodel import Session, col, select

from jingkang_app.domain import clock
from jingkang_app.domain.models import Area
from jingkang_app.domain.permissions import Action, Actor, area_scope_paths
from jingkang_app.domain.rules.followup_schedule import add_months
from jingkang_app.domain.rules.indicators import DRILL_LISTS, Indicator, RecipientList, label_key, list_key
from jingkang_app.domain.services import indicator_lists, indicator_trend, indicators
from jingkang_app.state.base import AppState
from jingkang_app.state.dashboard_cards import cards, headline, risk_bars
from jingkang_app.state.paging import PAGE_SIZE, PagedListState

PERIOD_MONTHS = 12  # the months a coordinator can pick, back from this one (and this year and last)


def period_choices(today: date) -> list[tuple[str, str, str]]:
    """(key, year, month or "") of the months and years a coordinator can pick, newest first."""
    firsts = [add_months(today.replace(day=1), -n) for n in range(PERIOD_MONTHS)]
    months = [(f"{d.year:04d}-{d.month:02d}", str(d.year), str(d.month)) for d in firsts]
    return [*months, (str(today.year), str(today.year), ""), (str(today.year - 1), str(today.year - 1), "")]


def _crumbs(session: Session, actor: Actor, area: Area) -> list[dict[str, str]]:
    """The way down from the widest area the actor coordinates to ``area``, for going back up."""
    top = min(area_scope_paths(actor, Action.area_overview), key=len, default=area.path)
    ids = [int(part) for part in area.path.strip("/").split("/")]
    names = dict(session.exec(select(Area.id, Area.name).where(col(Area.id).in_(ids))).all())
    paths = {f"/{'/'.join(str(i) for i in ids[: n + 1])}/": i for n, i in enumerate(ids)}
    return [{"id": str(i), "name": names[i]} for path, i in paths.items() if path.startswith(top)]


class DashboardState(PagedListState, AppState):
    allowed: bool = False
    area_id: str = ""
    area_level: str = ""
    period: str = ""
    as_of: str = ""
    periods: list[dict[str, str]] = []
    crumbs: list[dict[str, str]] = []
    cards: list[dict[str, str]] = []
    risk: list[dict] = []
    trend: list[dict] = []
    trend_names: dict[str, str] = {}
    # The drill-down: the figure opened, each child area's value, and the list of recipients behind it.
    drill: str = ""
    drill_label: str = ""
    drill_rows: list[dict[str, str]] = []
    lists: list[dict[str, str]] = []
    list_name: str = ""
    people: list[dict[str, str]] = []

    @rx.var
    def xlsx_href(self) -> str:
        return f"/api/v1/exports/report.xlsx?area_id={self.area_id}&period={self.period}&personal=1"

    @rx.var
    def statistics_href(self) -> str:
        return f"/api/v1/exports/report.xlsx?area_id={self.area_id}&period={self.period}&personal=0"

    @rx.var
    def csv_href(self) -> str:
        return f"/api/v1/exports/report.csv?area_id={self.area_id}&period={self.period}&sheet=summary"

    def _period_label(self, year: str, month: str) -> str:
        if month:
            return self.tr("dashboard_page.month", year=year, month=month)
        return self.tr("dashboard_page.year", year=year)

    def _read(self, session: Session, actor: Actor):
        board = indicators.dashboard(session, actor, self.area_id or None, self.period or None)
        trend = indicator_trend.trend(session, actor, board.area_id, 12, board.period)
        return board, trend, _crumbs(session, actor, session.get(Area, board.area_id))

    def _show(self, board, trend, crumbs) -> None:
        self.area_id, self.area_level, self.period = str(board.area_id), board.area_level, board.period
        self.as_of = self.tr("dashboard_page.as_of", day=board.as_of.isoformat())
        self.cards, self.risk, self.crumbs = (
            cards(self.tr, board),
            risk_bars(self.tr, board.risk_distribution),
            crumbs,
        )
        self.trend = [
            {"month": month, **{series.key: series.values[n] for series in trend.series}}
            for n, month in enumerate(trend.months)
        ]
        self.trend_names = {series.key: self.tr(f"dashboard.trend.{series.key}") for series in trend.series}

    def _load(self):
        result, redirect = self.guard(self._read)
        self.allowed = result is not None
        if result:
            self._show(*result)
        else:  # nothing of an area the caller may not read stays on the page
            self.cards, self.risk, self.trend, self.crumbs = [], [], [], []
            self._close_drill()
        return redirect

    @rx.event
    def load(self):
        params = self.router.url.query_parameters
        self.area_id, self.period = params.get("area", ""), params.get("period", "")
        self.periods = [
            {"key": key, "label": self._period_label(year, month)}
            for key, year, month in period_choices(clock.today())
        ]
        self._close_drill()
        return self._load()

    @rx.event
    def choose_period(self, period: str):
        self.period = str(period)
        redirect = self._load()
        return redirect or self._reopen()

    @rx.event
    def go_to_area(self, area_id: str):
        """A child area from the drill-down table, or an area of the breadcrumb: the whole board moves there and
        the open figure stays open, one level down (or up)."""
        self.area_id = str(area_id)
        redirect = self._load()
        return redirect or self._reopen()

    def _close_drill(self) -> None:
        self.drill, self.drill_label, self.drill_rows, self.lists, self.list_name, self.people = (
            "",
            "",
            [],
            [],
            "",
            [],
        )
        self.offset, self.total = 0, 0

    def _reopen(self):
        return self._open(self.drill) if self.drill else None

    @rx.event
    def open_drill(self, key: str):
        return self._open(str(key)) or rx.scroll_to("drill")

    @rx.event
    def close_drill(self):
        self._close_drill()

    def _open(self, key: str):
        if key not in Indicator.__members__:
            return None
        indicator = Indicator(key)
        result, redirect = self.guard(
            lambda session, actor: indicators.breakdown(session, actor, self.area_id, self.period, key)
        )
        if result is None:
            return redirect
        self.drill, self.drill_label = key, self.tr(label_key(indicator, self.area_level))
        self.drill_rows = [
            {
                "id": str(row.area_id),
                "name": row.area_name,
                **dict(zip(("value", "detail"), headline(self.tr, row.figure), strict=True)),
            }
            for row in result.rows
        ]
        self.lists = [
            {"key": item.value, "label": self.tr(list_key(item))} for item in DRILL_LISTS.get(indicator, ())
        ]
        self.list_name, self.people, self.offset, self.total = "", [], 0, 0
        if not self.drill_rows and self.lists:  # a village: straight to the people behind the figure
            return self._open_list(self.lists[0]["key"])
        return None

    @rx.event
    def open_list(self, key: str):
        return self._open_list(str(key))

    def _open_list(self, key: str):
        if key not in RecipientList.__members__:
            return None
        self.list_name, self.offset = key, 0
        return self._fetch()

    def _fetch(self):
        """This page of the open list (PagedListState's paging calls it)."""
        page = self.offset // PAGE_SIZE + 1
        result, redirect = self.guard(
            lambda session, actor: indicator_lists.recipients_behind(
                session, actor, self.area_id, self.period, self.list_name, page
            )
        )
        if result is None:
            return redirect
        self.total = result.total
        self.people = [
            {
                "id": str(item.id),
                "name": item.name,
                "id_masked": item.id_masked,
                "village": item.village,
                "date": item.date.isoformat() if item.date else "",
            }
            for item in result.items
        ]
        return None
