"""指标看板 on a coordinator's tablet (1024×768 and up; it reflows on a phone): the period, the way back up the
area tree, the reports to export, a card per indicator with its formula and yearly target, the trend and the
risk distribution, and under the cards the drill-down the coordinator opened."""

import reflex as rx

from jingkang_app.components.pager import pager
from jingkang_app.components.shell import shell
from jingkang_app.components.styles import CARD, INPUT, TOUCH
from jingkang_app.components.text import T
from jingkang_app.domain.services.indicator_trend import SERIES
from jingkang_app.state.dashboard import DashboardState as D

TREND_COLOURS = ("var(--teal-9)", "var(--gray-9)", "var(--red-9)", "var(--blue-9)", "var(--amber-9)")


def _period_picker() -> rx.Component:
    return rx.vstack(
        rx.el.label(T("dashboard_page.period"), html_for="dashboard-period", style={"font_weight": "500"}),
        rx.el.select(
            rx.foreach(D.periods, lambda p: rx.el.option(p["label"], value=p["key"])),
            id="dashboard-period",
            value=D.period,
            on_change=D.choose_period,
            style=INPUT | {"width": "auto", "min_width": "180px"},
        ),
        spacing="1",
    )


def _crumbs() -> rx.Component:
    return rx.hstack(
        rx.foreach(
            D.crumbs,
            lambda crumb: rx.button(
                crumb["name"],
                on_click=D.go_to_area(crumb["id"]),
                variant=rx.cond(crumb["id"] == D.area_id, "solid", "soft"),
                size="3",
                min_height=TOUCH,
            ),
        ),
        spacing="2",
        wrap="wrap",
        aria_label=T("dashboard_page.areas"),
    )


def _export(href: rx.Var, label_key: str, link_id: str) -> rx.Component:
    """A link the browser follows itself (``reload_document``), so the API's file is downloaded (the session
    cookie authenticates it) instead of the router looking for a page at that address."""
    return rx.link(
        rx.button(rx.icon("download", size=18), T(label_key), size="3", min_height=TOUCH, variant="soft"),
        href=href,
        id=link_id,
        download="",
        reload_document=True,
    )


def _exports() -> rx.Component:
    return rx.hstack(
        _export(D.xlsx_href, "dashboard_page.export_xlsx", "export-xlsx"),
        _export(D.statistics_href, "dashboard_page.export_statistics", "export-statistics"),
        _export(D.csv_href, "dashboard_page.export_csv", "export-csv"),
        spacing="2",
        wrap="wrap",
    )


def _card(card: rx.Var) -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.text(card["label"], size="3", weight="medium"),
            rx.tooltip(
                rx.icon_button(
                    rx.icon("info", size=18),
                    variant="ghost",
                    size="3",
                    aria_label=card["formula"],
                ),
                content=card["formula"],
            ),
            justify="between",
            align="center",
            width="100%",
        ),
        rx.heading(card["value"], size="7", as_="p"),
        rx.text(card["detail"], size="3", color_scheme="gray"),
        rx.cond(
            card["target"] != "",
            rx.badge(
                card["target"], color_scheme=rx.cond(card["standing"] == "met", "green", "amber"), size="2"
            ),
        ),
        rx.button(
            T("dashboard_page.details"),
            on_click=D.open_drill(card["key"]),
            variant="outline",
            size="3",
            min_height=TOUCH,
            id="drill-" + card["key"],
        ),
        spacing="2",
        align="start",
        style=CARD,
    )


def _cards() -> rx.Component:
    return rx.grid(
        rx.foreach(D.cards, _card),
        columns=rx.breakpoints(initial="1", sm="2", md="3"),
        spacing="3",
        width="100%",
    )


def _trend_chart() -> rx.Component:
    lines = [
        rx.recharts.line(data_key=key, name=D.trend_names[key], stroke=colour, type_="linear")
        for key, colour in zip(SERIES, TREND_COLOURS, strict=True)
    ]
    return rx.vstack(
        rx.heading(T("dashboard_page.trend"), size="4", as_="h3"),
        rx.recharts.line_chart(
            *lines,
            rx.recharts.x_axis(data_key="month"),
            rx.recharts.y_axis(),
            rx.recharts.cartesian_grid(stroke_dasharray="3 3"),
            rx.recharts.graphing_tooltip(),
            rx.recharts.legend(),
            data=D.trend,
            width="100%",
            height=280,
        ),
        style=CARD,
    )


def _risk_chart() -> rx.Component:
    return rx.vstack(
        rx.heading(T("dashboard_page.risk"), size="4", as_="h3"),
        rx.recharts.bar_chart(
            rx.recharts.bar(data_key="count", fill="var(--teal-9)", name=T("dashboard_page.recipients")),
            rx.recharts.x_axis(data_key="level"),
            rx.recharts.y_axis(),
            rx.recharts.graphing_tooltip(),
            data=D.risk,
            width="100%",
            height=280,
        ),
        style=CARD,
    )


def _drill_row(row: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(
            rx.button(
                row["name"], on_click=D.go_to_area(row["id"]), variant="ghost", size="3", min_height=TOUCH
            )
        ),
        rx.table.cell(row["value"]),
        rx.table.cell(row["detail"]),
    )


def _person(person: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(rx.link(person["name"], href="/recipients/" + person["id"], size="3")),
        rx.table.cell(person["id_masked"]),
        rx.table.cell(person["village"]),
        rx.table.cell(person["date"]),
    )


def _people() -> rx.Component:
    return rx.cond(
        D.list_name != "",
        rx.vstack(
            rx.cond(
                D.people.length() > 0,
                rx.table.root(
                    rx.table.header(
                        rx.table.row(
                            *[
                                rx.table.column_header_cell(T(key))
                                for key in (
                                    "dashboard_page.name",
                                    "dashboard_page.id",
                                    "dashboard_page.village",
                                    "dashboard_page.date",
                                )
                            ]
                        )
                    ),
                    rx.table.body(rx.foreach(D.people, _person)),
                    size="2",
                    width="100%",
                    id="drill-people",
                ),
                rx.text(T("dashboard_page.nobody"), size="3"),
            ),
            pager(D),
            width="100%",
        ),
    )


def _drill() -> rx.Component:
    return rx.cond(
        D.drill != "",
        rx.vstack(
            rx.hstack(
                rx.heading(D.drill_label, size="5", as_="h3"),
                rx.button(
                    T("dashboard_page.close"),
                    on_click=D.close_drill,
                    variant="soft",
                    size="3",
                    min_height=TOUCH,
                ),
                justify="between",
                width="100%",
            ),
            rx.cond(
                D.drill_rows.length() > 0,
                rx.box(
                    rx.table.root(
                        rx.table.header(
                            rx.table.row(
                                rx.table.column_header_cell(T("dashboard_page.area")),
                                rx.table.column_header_cell(T("dashboard_page.value")),
                                rx.table.column_header_cell(T("dashboard_page.detail")),
                            )
                        ),
                        rx.table.body(rx.foreach(D.drill_rows, _drill_row)),
                        size="2",
                        width="100%",
                        id="drill-areas",
                    ),
                    width="100%",
                    overflow_x="auto",
                ),
            ),
            rx.hstack(
                rx.foreach(
                    D.lists,
                    lambda item: rx.button(
                        item["label"],
                        on_click=D.open_list(item["key"]),
                        variant=rx.cond(item["key"] == D.list_name, "solid", "outline"),
                        size="3",
                        min_height=TOUCH,
                        id="list-" + item["key"],
                    ),
                ),
                spacing="2",
                wrap="wrap",
            ),
            _people(),
            spacing="3",
            style=CARD,
            id="drill",
        ),
    )


def dashboard_page() -> rx.Component:
    return shell(
        "nav.dashboard",
        rx.cond(
            D.allowed,
            rx.vstack(
                rx.flex(
                    _crumbs(),
                    _period_picker(),
                    justify="between",
                    align="end",
                    wrap="wrap",
                    spacing="3",
                    width="100%",
                ),
                rx.text(D.as_of, size="2", color_scheme="gray"),
                _exports(),
                _drill(),
                _cards(),
                rx.grid(
                    _trend_chart(),
                    _risk_chart(),
                    columns=rx.breakpoints(initial="1", md="2"),
                    spacing="3",
                    width="100%",
                ),
                spacing="4",
                width="100%",
            ),
        ),
    )
