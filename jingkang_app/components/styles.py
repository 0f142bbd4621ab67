"""Sizes and colours shared by every page. Phone first: 16 px body text, 44 px touch targets."""

ACCENT = "teal"
TOUCH = "44px"
BOTTOM_NAV_HEIGHT = "64px"
SIDE_NAV_WIDTH = "220px"
TOP_BAR_HEIGHT = "56px"
# Responsive display values: [phone, large phone ≥ 30em, tablet ≥ 48em (768 px), …]
PHONE_ONLY = ["flex", "flex", "none"]
TABLET_UP = ["none", "none", "flex"]

FONT_STACK = (
    '-apple-system, "PingFang SC", "Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", '
    '"Source Han Sans SC", system-ui, sans-serif'
)

BASE_STYLE = {
    "font_family": FONT_STACK,
    "font_size": "16px",
    "line_height": "1.5",
    "::selection": {"background": "var(--teal-5)"},
    "html, body": {"overflow_x": "hidden", "max_width": "100vw"},
}

CARD = {
    "width": "100%",
    "padding": "16px",
    "border_radius": "12px",
    "background": "var(--color-panel-solid)",
    "border": "1px solid var(--gray-5)",
}

# Text inputs and selects: 16 px text (smaller makes iOS zoom on focus), a 44 px touch target.
INPUT = {
    "min_height": TOUCH,
    "font_size": "16px",
    "padding": "8px 12px",
    "border": "1px solid var(--gray-7)",
    "border_radius": "8px",
    "width": "100%",
    "background": "var(--color-surface)",
}
# A label above its input, in a row of fields that wraps on narrow screens.
FIELD_COLUMN = {
    "display": "flex",
    "flex_direction": "column",
    "gap": "6px",
    "flex": "1",
    "min_width": "160px",
}
