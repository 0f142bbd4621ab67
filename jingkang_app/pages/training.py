"""培训记录 on a coordinator's tablet, /training: the form to record a course (which staff member, course, organiser,
hours, date), then the year's hours of every staff member of the area against the county's target (≥ 20 h), those
below it first and highlighted, each with their courses."""

import reflex as rx

from jingkang_app.components.forms import error_text, field, select_field, submit_button
from jingkang_app.components.notice import success_notice
from jingkang_app.components.shell import shell
from jingkang_app.components.styles import CARD, INPUT
from jingkang_app.components.text import T
from jingkang_app.domain.rules.staff_training import COURSE_MAX, ORGANISER_MAX
from jingkang_app.state.training import TrainingState as S

FORM_ITEM = {"flex": "1", "min_width": "220px"}


def _staff_choice() -> rx.Component:
    return select_field(
        "staff_training.staff",
        "user_id",
        S.errors,
        rx.fragment(
            rx.el.option(T("staff_training.staff_choose"), value=""),
            rx.foreach(S.staff, lambda s: rx.el.option(s["label"], value=s["id"])),
        ),
        required=True,
        default_value=S.typed["user_id"],
    )


def _record_form() -> rx.Component:
    return rx.vstack(
        rx.heading(T("staff_training.record_title"), size="5", as_="h2"),
        rx.form(
            rx.vstack(
                rx.el.input(type="hidden", name="client_id", value=S.client_id),
                _staff_choice(),
                rx.flex(
                    rx.box(
                        field(
                            "staff_training.course",
                            "course",
                            S.errors,
                            required=True,
                            max_length=COURSE_MAX,
                            default_value=S.typed["course"],
                        ),
                        style=FORM_ITEM,
                    ),
                    rx.box(
                        field(
                            "staff_training.organiser",
                            "organiser",
                            S.errors,
                            max_length=ORGANISER_MAX,
                            default_value=S.typed["organiser"],
                        ),
                        style=FORM_ITEM,
                    ),
                    gap="12px",
                    wrap="wrap",
                    width="100%",
                ),
                rx.flex(
                    rx.box(
                        field(
                            "staff_training.hours",
                            "hours",
                            S.errors,
                            required=True,
                            input_mode="decimal",
                            help_key="staff_training.hours_help",
                            default_value=S.typed["hours"],
                        ),
                        style=FORM_ITEM,
                    ),
                    rx.box(
                        field(
                            "staff_training.trained_on",
                            "trained_on",
                            S.errors,
                            type="date",
                            required=True,
                            max=S.today,
                            default_value=S.typed["trained_on"],
                        ),
                        style=FORM_ITEM,
                    ),
                    gap="12px",
                    wrap="wrap",
                    width="100%",
                ),
                error_text(S.errors, "form"),
                submit_button("staff_training.submit", id="training-submit"),
                spacing="3",
                width="100%",
            ),
            on_submit=S.submit,
            # A new client id after each record: the form starts afresh; a refusal keeps what was typed.
            key=S.client_id,
            id="training-form",
            width="100%",
        ),
        spacing="3",
        style=CARD,
    )


def _year_choice() -> rx.Component:
    return rx.hstack(
        rx.el.label(T("staff_training.year"), html_for="training-year", style={"font_weight": "600"}),
        rx.el.select(
            rx.foreach(S.years, lambda y: rx.el.option(y, value=y)),
            id="training-year",
            value=S.year,
            on_change=S.choose_year,
            style=INPUT | {"width": "auto"},
        ),
        rx.text(S.under, size="3", weight="medium", id="training-under"),
        align="center",
        spacing="3",
        wrap="wrap",
    )


def _bar(row: rx.Var) -> rx.Component:
    colour = rx.cond(row["under"] != "", "var(--amber-9)", "var(--teal-9)")
    return rx.box(
        rx.box(height="100%", width=row["percent"] + "%", background=colour, border_radius="4px"),
        height="8px",
        width="100%",
        background="var(--gray-4)",
        border_radius="4px",
        aria_hidden="true",
    )


def _row(row: rx.Var) -> rx.Component:
    under = row["under"] != ""
    return rx.vstack(
        rx.hstack(
            rx.text(row["name"], size="4", weight="bold"),
            rx.spacer(),
            rx.badge(
                row["standing"],
                size="2",
                variant=rx.cond(under, "solid", "soft"),
                color_scheme=rx.cond(under, "amber", "green"),
            ),
            align="center",
            width="100%",
            wrap="wrap",
        ),
        rx.text(row["roles"], " · ", row["area"], size="3", color_scheme="gray"),
        rx.text(row["hours"], size="3", weight="medium"),
        _bar(row),
        rx.text(row["records"], size="3", white_space="pre-line"),
        spacing="2",
        class_name="training-row",
        style=CARD
        | {
            "border_color": rx.cond(under, "var(--amber-8)", "var(--gray-5)"),
            "background": rx.cond(under, "var(--amber-2)", "var(--color-panel-solid)"),
        },
    )


def _staff_hours() -> rx.Component:
    return rx.vstack(
        rx.heading(S.table_title, size="5", as_="h2"),
        _year_choice(),
        rx.cond(
            S.rows.length() > 0,
            rx.grid(
                rx.foreach(S.rows, _row),
                columns=rx.breakpoints(initial="1", md="2"),
                spacing="3",
                width="100%",
                id="training-staff",
            ),
            rx.text(T("staff_training.empty"), size="3", color_scheme="gray"),
        ),
        spacing="3",
        width="100%",
    )


def training_page() -> rx.Component:
    return shell(
        "staff_training.title",
        rx.cond(
            S.allowed,
            rx.vstack(success_notice(S.saved), _record_form(), _staff_hours(), spacing="4", width="100%"),
        ),
    )
