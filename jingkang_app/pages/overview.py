import reflex as rx

from jingkang_app.components.shell import shell
from jingkang_app.components.styles import CARD
from jingkang_app.components.text import T
from jingkang_app.state.overview import OverviewState


def _stat(label_key: str, value: rx.Var) -> rx.Component:
    return rx.vstack(
        rx.text(T(label_key), size="3", color_scheme="gray"),
        rx.heading(value, size="7"),
        spacing="1",
        style=CARD | {"flex": "1", "min_width": "140px"},
    )


def _row(row: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(row["name"]),
        rx.table.cell(row["registered"]),
        rx.table.cell(row["applying"]),
        rx.table.cell(row["high_risk"]),
    )


def overview_page() -> rx.Component:
    return shell(
        "nav.overview",
        rx.heading(OverviewState.area_name, size="6", as_="h2"),
        rx.flex(
            _stat("overview.registered", OverviewState.total["registered"]),
            _stat("overview.applying", OverviewState.total["applying"]),
            _stat("overview.high_risk", OverviewState.total["high_risk"]),
            gap="3",
            wrap="wrap",
        ),
        rx.box(
            rx.table.root(
                rx.table.header(
                    rx.table.row(
                        rx.table.column_header_cell(T("overview.area")),
                        rx.table.column_header_cell(T("overview.registered")),
                        rx.table.column_header_cell(T("overview.applying")),
                        rx.table.column_header_cell(T("overview.high_risk")),
                    )
                ),
                rx.table.body(rx.foreach(OverviewState.rows, _row)),
                size="3",
                width="100%",
            ),
            style=CARD | {"overflow_x": "auto", "padding": "8px"},
        ),
    )
