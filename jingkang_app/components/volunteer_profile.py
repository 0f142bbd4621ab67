"""What a volunteer offers, as form controls shared by the volunteer's own forms (registration, 我的信息) and the
coordinator's: skills and trainings as checkbox tiles, availability as a compact weekday × 上午/下午/晚上 grid that
fits a 360 px phone, and the insurance date. One checkbox name per option (state.coordination's PROFILE_GROUPS
prefixes); ``ticked`` (a list var of names) ticks the stored profile's boxes by default."""

import reflex as rx

from jingkang_app.components.choices import LABEL, choice, choice_fieldset
from jingkang_app.components.forms import error_text, field, help_lines
from jingkang_app.components.styles import TOUCH
from jingkang_app.components.text import T
from jingkang_app.domain.rules.volunteers import DAY_PARTS, SKILLS, TRAININGS, WEEKDAYS

NO_DEFAULTS = rx.Var.create([]).to(list[str])
TILES = "repeat(auto-fill, minmax(9.5em, 1fr))"
CELL = {
    "display": "flex",
    "align_items": "center",
    "justify_content": "center",
    "min_height": TOUCH,
    "min_width": TOUCH,
    "border": "1px solid var(--gray-6)",
    "border_radius": "8px",
    "cursor": "pointer",
}
HEAD = {"font_size": "16px", "text_align": "center", "align_self": "center"}


def _group(legend: str, errors: rx.Var, name: str, prefix: str, keys, label_prefix: str, ticked, columns):
    return choice_fieldset(
        legend,
        error_text(errors, name),
        f"{name}-error",
        *[
            choice(
                "checkbox",
                prefix + key,
                "on",
                f"{label_prefix}.{key}",
                default_checked=ticked.contains(prefix + key),
            )
            for key in keys
        ],
        columns=columns,
    )


def skills_tiles(errors: rx.Var, ticked: rx.Var = NO_DEFAULTS) -> rx.Component:
    return _group("volunteer.skills", errors, "skills", "skill_", SKILLS, "skill", ticked, TILES)


def trainings_tiles(errors: rx.Var, ticked: rx.Var = NO_DEFAULTS) -> rx.Component:
    return _group(
        "volunteer.trainings", errors, "trainings", "training_", TRAININGS, "training", ticked, "1fr"
    )


def _cell(day: str, part: str, ticked: rx.Var) -> rx.Component:
    """One slot: the box is named by its row's weekday and its column's part of the day (aria-labelledby)."""
    name = f"slot_{day}_{part}"
    return rx.el.label(
        rx.el.input(
            type="checkbox",
            name=name,
            value="on",
            id=name,
            default_checked=ticked.contains(name),
            aria_labelledby=f"day-{day} part-{part}",
            style={"width": "24px", "height": "24px"},
        ),
        html_for=name,
        style=CELL,
    )


def availability_grid(errors: rx.Var, ticked: rx.Var = NO_DEFAULTS) -> rx.Component:
    head = [rx.el.span("")] + [
        rx.el.span(T(f"day_part.{part}"), id=f"part-{part}", style=HEAD) for part in DAY_PARTS
    ]
    rows = [
        child
        for day in WEEKDAYS
        for child in (
            rx.el.span(T(f"weekday.{day}"), id=f"day-{day}", style=HEAD | {"text_align": "start"}),
            *[_cell(day, part, ticked) for part in DAY_PARTS],
        )
    ]
    return rx.el.fieldset(
        rx.el.legend(T("volunteer.availability"), style=LABEL | {"margin_bottom": "6px"}),
        *help_lines("volunteer_page.availability_help"),
        rx.el.div(
            *head,
            *rows,
            style={
                "display": "grid",
                "grid_template_columns": "3.5em repeat(3, minmax(44px, 1fr))",
                "gap": "6px",
                "max_width": "360px",
                "margin_top": "6px",
            },
            id="availability-grid",
        ),
        error_text(errors, "availability"),
        aria_describedby="availability-error",
        style={"border": "none", "padding": "0", "margin": "0", "width": "100%", "min_width": "0"},
    )


def insurance_field(errors: rx.Var, default: rx.Var | str = "") -> rx.Component:
    return field(
        "volunteer.insured_until",
        "insured_until",
        errors,
        type="date",
        help_key="volunteer.insured_help",
        default_value=default,
    )


def profile_fields(
    errors: rx.Var,
    ticked: rx.Var = NO_DEFAULTS,
    *,
    trainings: bool = True,
    trainings_help: str | None = None,
) -> rx.Component:
    """Skills, availability and (for a coordinator or at registration) the trainings done."""
    return rx.el.div(
        skills_tiles(errors, ticked),
        availability_grid(errors, ticked),
        *([trainings_tiles(errors, ticked), *help_lines(trainings_help)] if trainings else []),
        style={"display": "flex", "flex_direction": "column", "gap": "16px", "width": "100%"},
    )
