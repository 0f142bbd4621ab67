"""家属培训/互助小组 on a phone: the upcoming events as cards, each opening its page; organisers publish new ones
here with 「发布活动」."""

import reflex as rx

from jingkang_app.components.card_form import cancel_button
from jingkang_app.components.choices import choice, choice_fieldset
from jingkang_app.components.facts import icon_fact
from jingkang_app.components.forms import error_text, field, submit_button, textarea_field
from jingkang_app.components.notice import success_notice
from jingkang_app.components.shell import shell
from jingkang_app.components.styles import CARD, TOUCH
from jingkang_app.components.text import T
from jingkang_app.domain.rules.events import MAX_CAPACITY, NOTES_MAX, PLACE_MAX, TITLE_MAX, EventKind
from jingkang_app.state.events import EventListState as L

BADGE = {"font_size": "16px"}


def event_facts(card: rx.Var) -> rx.Component:
    """Kind, the user's own status, title, when, where, seats and waiting list: what a card and the event's
    page both show."""
    return rx.vstack(
        rx.flex(
            rx.badge(
                card["kind"],
                size="2",
                variant="soft",
                color_scheme=rx.cond(card["kind_code"] == EventKind.mutual_aid.value, "violet", "teal"),
                style=BADGE,
            ),
            rx.cond(
                card["mine"] != "",
                rx.badge(card["mine"], size="2", color_scheme="green", class_name="event-mine", style=BADGE),
            ),
            spacing="2",
            wrap="wrap",
        ),
        rx.heading(card["title"], size="5", as_="h2", class_name="event-title"),
        icon_fact("clock", card["when"], weight="medium"),
        icon_fact("map-pin", card["place"]),
        icon_fact("users", card["seats"], class_name="event-seats"),
        rx.cond(
            card["waiting"] != "", icon_fact("list-ordered", card["waiting"], class_name="event-waiting")
        ),
        rx.text(card["open_to"], size="3", color_scheme="gray"),
        spacing="2",
        width="100%",
        align="start",
        min_width="0",
        style={"overflow_wrap": "anywhere"},
    )


def _card(card: rx.Var) -> rx.Component:
    return rx.link(
        rx.hstack(
            event_facts(card),
            rx.icon("chevron-right", size=22, color="var(--gray-9)", flex_shrink="0"),
            align="center",
            width="100%",
        ),
        href="/events/" + card["id"],
        underline="none",
        color="inherit",
        class_name="event-card",
        style=CARD | {"display": "block", "min_height": TOUCH},
    )


def _kind() -> rx.Component:
    return choice_fieldset(
        rx.fragment(T("event.kind"), rx.el.span(" *", color="var(--red-11)", aria_hidden="true")),
        error_text(L.errors, "kind"),
        "kind-error",
        *[choice("radio", "kind", k.value, f"event_kind.{k.value}") for k in EventKind],
    )


def _publish_form() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.heading(T("events.publish_title"), size="5", as_="h2"),
            rx.el.input(type="hidden", name="client_id", value=L.client_id),
            _kind(),
            field("event.title", "title", L.errors, required=True, max_length=TITLE_MAX),
            rx.flex(
                field("event.starts_at", "starts_at", L.errors, type="datetime-local", required=True),
                field("event.ends_at", "ends_at", L.errors, type="datetime-local", required=True),
                spacing="3",
                direction=rx.breakpoints(initial="column", sm="row"),
                width="100%",
            ),
            field("event.place", "place", L.errors, required=True, max_length=PLACE_MAX),
            field(
                "event.capacity",
                "capacity",
                L.errors,
                type="number",
                required=True,
                min=1,
                max=MAX_CAPACITY,
                input_mode="numeric",
            ),
            textarea_field(
                "event.notes", "notes", L.errors, max_length=NOTES_MAX, help_key="event.notes_help"
            ),
            error_text(L.errors, "form"),
            submit_button("events.submit"),
            cancel_button("events.close_form", L.close_form, width="100%"),
            spacing="4",
            width="100%",
        ),
        on_submit=L.publish,
        id="event-form",
        style=CARD,
    )


def _publish() -> rx.Component:
    return rx.cond(
        L.form_open,
        _publish_form(),
        rx.button(
            rx.icon("plus", size=20),
            T("events.publish"),
            on_click=L.open_form,
            size="3",
            min_height=TOUCH,
            width="100%",
            id="publish-event",
        ),
    )


def events_page() -> rx.Component:
    return shell(
        "events.title",
        rx.cond(
            L.allowed,
            rx.fragment(
                success_notice(L.saved, id="event-published"),
                rx.cond(L.can_publish, _publish(), rx.text(T("events.intro"), size="3")),
                rx.cond(
                    L.cards.length() > 0,
                    rx.vstack(rx.foreach(L.cards, _card), spacing="3", width="100%", id="events-list"),
                    rx.text(T("events.empty"), size="3", color_scheme="gray", style=CARD, id="events-empty"),
                ),
            ),
        ),
    )
