"""The page shell: top bar, bottom navigation on phones, side navigation on tablets, and the banner shown when
the connection to the server drops."""

import reflex as rx
from reflex_components_core.core.banner import has_connection_errors

from jingkang_app.components import styles
from jingkang_app.components.notice import error_notice
from jingkang_app.components.text import T
from jingkang_app.navigation import NAV_ITEMS, NavItem
from jingkang_app.state.base import AppState


def _nav_link(item: NavItem, *, vertical: bool) -> rx.Component:
    return rx.cond(
        AppState.nav_routes.contains(item.route),
        rx.link(
            rx.icon(item.icon, size=22),
            rx.text(T(item.key), size="2" if vertical else "3", weight="medium"),
            href=item.route,
            underline="none",
            aria_label=T(item.key),
            style={
                "display": "flex",
                "flex_direction": "column" if vertical else "row",
                "align_items": "center",
                "justify_content": "center" if vertical else "flex-start",
                "gap": "2px" if vertical else "12px",
                "min_height": styles.TOUCH,
                "min_width": styles.TOUCH,
                "flex": "1" if vertical else "none",
                "padding": "6px 4px" if vertical else "10px 16px",
                "border_radius": "10px",
                "color": "var(--gray-11)",
                "_hover": {"background": "var(--teal-3)", "color": "var(--teal-11)"},
            },
        ),
    )


def bottom_nav() -> rx.Component:
    return rx.el.nav(
        *[_nav_link(item, vertical=True) for item in NAV_ITEMS],
        aria_label="main",
        style={
            "display": styles.PHONE_ONLY,
            "position": "fixed",
            "bottom": "0",
            "left": "0",
            "right": "0",
            "height": styles.BOTTOM_NAV_HEIGHT,
            "padding_bottom": "env(safe-area-inset-bottom)",
            "background": "var(--color-panel-solid)",
            "border_top": "1px solid var(--gray-5)",
            "z_index": "10",
        },
    )


def side_nav() -> rx.Component:
    return rx.el.nav(
        *[_nav_link(item, vertical=False) for item in NAV_ITEMS],
        aria_label="main",
        style={
            "display": styles.TABLET_UP,
            "flex_direction": "column",
            "gap": "4px",
            "width": styles.SIDE_NAV_WIDTH,
            "flex_shrink": "0",
            "padding": "16px 8px",
            "border_right": "1px solid var(--gray-5)",
            "min_height": f"calc(100vh - {styles.TOP_BAR_HEIGHT})",
        },
    )


def bell() -> rx.Component:
    """通知 with the unread count (counted on the server as each signed-in page loads)."""
    return rx.link(
        rx.icon("bell", size=24),
        rx.cond(
            AppState.unread > 0,
            rx.box(
                AppState.unread_badge,
                aria_hidden="true",
                style={
                    "position": "absolute",
                    "top": "4px",
                    "right": "0",
                    "min_width": "20px",
                    "height": "20px",
                    "padding": "0 5px",
                    "border_radius": "10px",
                    "background": "var(--red-9)",
                    "color": "white",
                    "font_size": "13px",
                    "font_weight": "700",
                    "line_height": "20px",
                    "text_align": "center",
                },
            ),
        ),
        href="/notifications",
        aria_label=AppState.bell_label,
        id="bell",
        style={
            "position": "relative",
            "display": "flex",
            "align_items": "center",
            "justify_content": "center",
            "flex_shrink": "0",
            "min_width": styles.TOUCH,
            "min_height": styles.TOUCH,
            "color": "white",
        },
    )


def outbox_badge() -> rx.Component:
    """「待发送 N」: records kept on this device until the server has them. assets/outbox.js writes the count and
    unhides it; the badge shows only while the count does."""
    return rx.el.span(
        rx.icon("cloud-upload", size=18),
        T("outbox.waiting"),
        rx.el.span(hidden=True, custom_attrs={"data-outbox-count": ""}, style={"font_weight": "700"}),
        id="outbox-badge",
        role="status",
        style={
            "display": "flex",
            "align_items": "center",
            "gap": "4px",
            "flex_shrink": "0",
            "padding": "2px 8px",
            "border_radius": "12px",
            "background": "var(--amber-9)",
            "color": "black",
            "font_size": "16px",
            "&:has([data-outbox-count][hidden])": {"display": "none"},
        },
    )


def top_bar(title_key: str) -> rx.Component:
    return rx.el.header(
        rx.heading(T(title_key), size="5", as_="h1", style={"white_space": "nowrap"}),
        rx.spacer(),
        rx.text(
            AppState.user_name,
            size="3",
            color="white",
            style={
                "min_width": "0",
                "overflow": "hidden",
                "text_overflow": "ellipsis",
                "white_space": "nowrap",
            },
        ),
        rx.cond(AppState.signed_in, rx.fragment(outbox_badge(), bell())),
        style={
            "display": "flex",
            "align_items": "center",
            "gap": "12px",
            "position": "sticky",
            "top": "0",
            "height": styles.TOP_BAR_HEIGHT,
            "padding": "0 16px",
            "background": "var(--teal-9)",
            "color": "white",
            "z_index": "10",
        },
    )


def page_error() -> rx.Component:
    return error_notice(AppState.page_error)


def shell(title_key: str, *children: rx.Component) -> rx.Component:
    """A signed-in page: content is shown only once the user is resolved, and is replaced by the refusal
    message when the page's own load was refused."""
    return rx.box(
        top_bar(title_key),
        rx.flex(
            side_nav(),
            rx.el.main(
                page_error(),
                rx.cond(
                    AppState.signed_in,
                    rx.fragment(*children),
                    rx.center(rx.spinner(size="3"), padding="48px"),
                ),
                style={
                    "display": "flex",
                    "flex_direction": "column",
                    "gap": "16px",
                    "flex": "1",
                    "min_width": "0",
                    "max_width": "960px",
                    "padding": "16px",
                    "padding_bottom": [f"calc({styles.BOTTOM_NAV_HEIGHT} + 24px)", None, "24px"],
                },
            ),
        ),
        bottom_nav(),
    )


def connection_banner() -> rx.Component:
    """Replaces Reflex's English connection toast (app_wraps (5, "Overlay"))."""
    return rx.cond(
        has_connection_errors,
        rx.box(
            rx.icon("wifi-off", size=18),
            rx.text(T("connection.lost"), size="3"),
            role="status",
            style={
                "position": "fixed",
                "top": "0",
                "left": "0",
                "right": "0",
                "display": "flex",
                "gap": "8px",
                "align_items": "center",
                "justify_content": "center",
                "padding": "10px 16px",
                "background": "var(--amber-9)",
                "color": "black",
                "z_index": "1000",
            },
        ),
    )
