"""康复服务记录: one session, for a social worker on a phone. Uncontrolled inputs keep what was typed when the
server refuses; attendees are chips the server keeps, found through the recipient search."""

import reflex as rx

from jingkang_app.components.choices import BOX, FIELDSET, LABEL, choice, choice_fieldset
from jingkang_app.components.forms import error_text, field, submit_button, textarea_field
from jingkang_app.components.notice import success_notice
from jingkang_app.components.shell import shell
from jingkang_app.components.styles import CARD, INPUT, TOUCH
from jingkang_app.components.text import T
from jingkang_app.domain.services.rehab_services import CONTENTS, MAX_MINUTES, MIN_MINUTES, NOTES_MAX, PLACES
from jingkang_app.state.rehab import RehabState

FORM_ID = "rehab-form"
SEARCH_FORM_ID = "rehab-attendee-search"


def _group(legend_key: str, error_name: str, *choices: rx.Component) -> rx.Component:
    return choice_fieldset(
        legend_key, error_text(RehabState.errors, error_name), f"{error_name}-error", *choices
    )


def _place() -> rx.Component:
    return _group(
        "rehab.place",
        "place",
        *[
            choice("radio", "place", place, f"rehab.place.{place}", default_checked=place == "site")
            for place in PLACES
        ],
    )


def _contents() -> rx.Component:
    # One checkbox name per content: every browser then sends each ticked box (a shared name keeps only one).
    return _group(
        "rehab.contents",
        "contents",
        *[choice("checkbox", f"content_{c}", "on", f"rehab.content.{c}") for c in CONTENTS],
    )


def _result(row: rx.Var) -> rx.Component:
    return rx.button(
        rx.vstack(
            rx.text(row["name"], weight="bold", size="3"),
            rx.text(row["who"], " · ", row["village"], size="2", color_scheme="gray"),
            spacing="0",
            align="start",
        ),
        rx.spacer(),
        rx.icon("plus", size=20),
        type="button",
        on_click=RehabState.add_attendee(row["id"]),
        variant="soft",
        size="3",
        width="100%",
        style={"min_height": TOUCH, "height": "auto", "padding": "8px 12px", "justify_content": "start"},
    )


def _chip(chip: rx.Var) -> rx.Component:
    return rx.hstack(
        rx.vstack(
            rx.text(chip["name"], weight="bold", size="3"),
            rx.text(chip["village"], size="2", color_scheme="gray"),
            spacing="0",
            min_width="0",
        ),
        rx.spacer(),
        rx.el.label(
            rx.el.input(
                type="checkbox",
                checked=chip["attended"] == "1",
                on_change=RehabState.toggle_attended(chip["id"]),
                style=BOX,
            ),
            T("rehab.attended"),
            style={
                "display": "flex",
                "gap": "8px",
                "align_items": "center",
                "min_height": TOUCH,
                "font_size": "16px",
                "cursor": "pointer",
            },
        ),
        rx.button(
            rx.icon("x", size=20),
            type="button",
            on_click=RehabState.remove_attendee(chip["id"]),
            variant="ghost",
            color_scheme="gray",
            aria_label=T("rehab.remove"),
            style={"min_width": TOUCH, "min_height": TOUCH},
        ),
        align="center",
        width="100%",
        style={
            "padding": "4px 4px 4px 12px",
            "border": "1px solid var(--teal-7)",
            "border_radius": "22px",
            "background": "var(--teal-2)",
        },
    )


def _attendees() -> rx.Component:
    """The search input and its button belong to the separate search form (``form=``): Enter in the box
    searches instead of saving the record."""
    return rx.el.fieldset(
        rx.el.legend(
            T("rehab.attendees"),
            rx.el.span(" *", color="var(--red-11)", aria_hidden="true"),
            style=LABEL | {"margin_bottom": "6px"},
        ),
        rx.vstack(
            rx.cond(
                RehabState.chips.length() > 0,
                rx.vstack(rx.foreach(RehabState.chips, _chip), spacing="2", width="100%"),
                rx.text(T("rehab.no_attendees"), size="3", color_scheme="gray"),
            ),
            error_text(RehabState.errors, "attendees"),
            rx.el.label(T("rehab.attendee_search"), html_for="attendee_search", style=LABEL),
            rx.hstack(
                rx.el.input(
                    id="attendee_search",
                    name="attendee_search",
                    type="search",
                    form=SEARCH_FORM_ID,
                    placeholder=T("recipient.search_hint"),
                    style=INPUT | {"flex": "1", "min_width": "0", "width": "auto"},
                ),
                rx.button(
                    rx.icon("search", size=18),
                    T("list.search"),
                    type="submit",
                    form=SEARCH_FORM_ID,
                    size="3",
                    min_height=TOUCH,
                ),
                width="100%",
            ),
            rx.cond(
                RehabState.results.length() > 0,
                rx.vstack(rx.foreach(RehabState.results, _result), spacing="2", width="100%"),
                rx.cond(RehabState.searched, rx.text(T("rehab.no_results"), size="3", color_scheme="gray")),
            ),
            spacing="2",
            width="100%",
        ),
        aria_describedby="attendees-error",
        style=FIELDSET,
    )


def _notes() -> rx.Component:
    return textarea_field("rehab.notes", "notes", RehabState.errors, max_length=NOTES_MAX)


def _record_form() -> rx.Component:
    errors = RehabState.errors
    return rx.fragment(
        # Empty: its fields live inside the record form below and point here with ``form=``.
        rx.form(id=SEARCH_FORM_ID, on_submit=RehabState.search_attendees),
        rx.form(
            rx.vstack(
                rx.el.input(type="hidden", name="client_id", value=RehabState.client_id),
                field(
                    "rehab.service_date",
                    "service_date",
                    errors,
                    type="date",
                    required=True,
                    default_value=RehabState.today,
                    max=RehabState.today,
                ),
                _place(),
                field(
                    "rehab.site_name",
                    "site_name",
                    errors,
                    help_key="rehab.site_name_help",
                    max_length=100,
                ),
                _contents(),
                field(
                    "rehab.duration_minutes",
                    "duration_minutes",
                    errors,
                    type="number",
                    required=True,
                    input_mode="numeric",
                    min=MIN_MINUTES,
                    max=MAX_MINUTES,
                    step=1,
                ),
                _attendees(),
                _notes(),
                error_text(errors, "client_id"),
                submit_button("rehab.submit"),
                success_notice(RehabState.saved),
                spacing="4",
                width="100%",
            ),
            id=FORM_ID,
            # Re-keyed with each new client id: a saved form starts empty, a refused one keeps what was typed.
            key=RehabState.client_id,
            on_submit=RehabState.record,
            style=CARD,
        ),
    )


def rehab_page() -> rx.Component:
    return shell("rehab.title", rx.cond(RehabState.allowed, _record_form()))
