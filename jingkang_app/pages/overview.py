import reflex as rx

from jingkang_app.components.link_card import link_card
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


def _queue_link(link_id: str, icon: str, label_key: str, pending: rx.Var, href: str) -> rx.Component:
    """A coordinator's work queue with how many wait in it; "" (a user who does not work it) shows nothing."""
    return rx.cond(pending != "", link_card(link_id, icon, label_key, href, badge=pending))


def _volunteer_links() -> rx.Component:
    """Volunteers waiting for approval, service hours to verify, rides to arrange (pages/volunteers.py and after)."""
    queues = OverviewState.volunteer_queues
    return rx.fragment(
        link_card(
            "volunteers-link",
            "users",
            "overview.volunteers_pending",
            "/volunteers?status=pending",
            queues["volunteers"],
        ),
        link_card(
            "hours-review-link",
            "timer",
            "overview.hours_to_review",
            "/shifts/manage?tab=review",
            queues["review"],
        ),
        link_card("transport-link", "car", "overview.transport_waiting", "/transport", queues["transport"]),
    )


def overview_page() -> rx.Component:
    return shell(
        "nav.overview",
        rx.heading(OverviewState.area_name, size="6", as_="h2"),
        link_card("dashboard-link", "chart-column", "overview.dashboard", "/dashboard"),
        _queue_link(
            "respite-queue-link",
            "bed-double",
            "overview.respite_queue",
            OverviewState.respite_pending,
            "/respite",
        ),
        _queue_link(
            "events-link", "calendar-days", "overview.events", OverviewState.events_upcoming, "/events"
        ),
        _queue_link(
            "subsidy-queue-link",
            "hand-coins",
            "overview.subsidy_queue",
            OverviewState.subsidy_pending,
            "/subsidies",
        ),
        rx.cond(OverviewState.volunteer_queues.contains("volunteers"), _volunteer_links()),
        _queue_link(
            "feedback-queue-link",
            "message-square-text",
            "overview.feedback_queue",
            OverviewState.feedback_open,
            "/feedback/manage",
        ),
        # The late ones are where a coordinator starts; the list's other tabs are one tap away.
        _queue_link(
            "referrals-link",
            "send",
            "overview.referrals",
            OverviewState.referrals_late,
            "/referrals?tab=late",
        ),
        rx.cond(
            OverviewState.records_training,
            link_card("training-link", "graduation-cap", "overview.staff_training", "/training"),
        ),
        rx.flex(
            _stat("overview.registered", OverviewState.total["registered"]),
            _stat("overview.applying", OverviewState.total["applying"]),
            _stat("overview.high_risk", OverviewState.total["high_risk"]),
            spacing="3",
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
