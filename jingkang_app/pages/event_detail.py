"""One event on a phone, /events/<id>: a family signs up (or joins the waiting list) and cancels; its organisers
see the roster, take attendance once it has started, and cancel it with a reason."""

import reflex as rx

from jingkang_app.components.choices import choice, choice_fieldset
from jingkang_app.components.coordination import event_shift_button
from jingkang_app.components.forms import error_text, select_field, submit_button, textarea_field
from jingkang_app.components.notice import success_notice
from jingkang_app.components.shell import shell
from jingkang_app.components.styles import CARD, TOUCH
from jingkang_app.components.text import T
from jingkang_app.domain.rules.events import REASON_MAX
from jingkang_app.pages.events import event_facts
from jingkang_app.state.event_detail import EventDetailState as D


def _note(text: rx.Var | rx.Component, **props) -> rx.Component:
    return rx.text(text, size="3", **props)


def _button(label_key: str, **props) -> rx.Component:
    return rx.button(T(label_key), size="3", min_height=TOUCH, width="100%", **props)


# --- a family ---------------------------------------------------------------------------------------------


def _which_relative() -> rx.Component:
    """Usually one relative, named; a caregiver who looks after several chooses."""
    return rx.cond(
        D.relatives.length() > 1,
        select_field(
            "event.relative",
            "recipient_id",
            D.errors,
            rx.foreach(D.relatives, lambda r: rx.el.option(r["name"], value=r["id"])),
            required=True,
        ),
        rx.fragment(
            rx.el.input(type="hidden", name="recipient_id", value=D.relatives[0]["id"]),
            _note(D.relatives[0]["label"], weight="medium"),
            error_text(D.errors, "recipient_id"),
        ),
    )


def _sign_up_form() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.el.input(type="hidden", name="client_id", value=D.client_id),
            rx.el.input(type="hidden", name="waitlist", value=rx.cond(D.full, "true", "")),
            _which_relative(),
            rx.cond(
                D.full,
                rx.fragment(
                    rx.cond(
                        D.errors.contains("waitlist"),
                        error_text(D.errors, "waitlist"),
                        _note(T("event.full_message"), weight="medium", role="status", id="event-full"),
                    ),
                    submit_button("event.join_waitlist", id="join-waitlist"),
                ),
                submit_button("event.sign_up", id="sign-up"),
            ),
            spacing="3",
            width="100%",
        ),
        on_submit=D.sign_up,
        id="sign-up-form",
        width="100%",
    )


def _mine() -> rx.Component:
    return rx.vstack(
        _note(D.mine_line, weight="medium", id="event-mine-line"),
        rx.cond(
            ~D.started,
            _button(
                "event.cancel_sign_up",
                on_click=D.cancel_sign_up(D.mine_id, D.mine_version),
                variant="soft",
                color_scheme="gray",
                id="cancel-sign-up",
            ),
        ),
        spacing="3",
        width="100%",
    )


def _family() -> rx.Component:
    return rx.cond(
        D.mine_id != "",
        _mine(),
        rx.cond(
            D.started,
            _note(T("event.started_note"), color_scheme="gray"),
            rx.cond(
                D.relatives.length() > 0,
                _sign_up_form(),
                _note(T("event.no_relative"), color_scheme="gray"),
            ),
        ),
    )


# --- its organisers ---------------------------------------------------------------------------------------


def _person(row: rx.Var, *extra: rx.Component) -> rx.Component:
    return rx.vstack(
        rx.text(row["name"], size="4", weight="bold"),
        _note(row["caregiver"], color_scheme="gray"),
        *extra,
        spacing="1",
        width="100%",
        class_name="roster-row",
        style={"padding": "8px 0", "border_bottom": "1px solid var(--gray-4)"},
    )


def _attendance_choice(row: rx.Var) -> rx.Component:
    name = "attended_" + row["id"]
    return choice_fieldset(
        rx.fragment(row["name"], " · ", row["caregiver"]),
        rx.fragment(),
        "attendance-error",
        choice("radio", name, "yes", "event.attended", default_checked=row["attended"] == "yes"),
        choice("radio", name, "no", "event.absent", default_checked=row["attended"] == "no"),
    )


def _attendance_form() -> rx.Component:
    return rx.form(
        rx.vstack(
            _note(T("event.attendance_help")),
            rx.el.input(type="hidden", name="version", value=D.event["version"]),
            rx.foreach(D.seated, _attendance_choice),
            error_text(D.errors, "attendance"),
            submit_button("event.save_attendance", id="save-attendance"),
            spacing="4",
            width="100%",
        ),
        on_submit=D.record_attendance,
        id="attendance-form",
        width="100%",
    )


def _seated() -> rx.Component:
    taking_attendance = D.started & ~D.cancelled & (D.seated.length() > 0)
    return rx.vstack(
        rx.heading(T("event.roster"), size="4", as_="h2"),
        rx.cond(D.event["attendance"] != "", _note(D.event["attendance"], color_scheme="gray")),
        rx.cond(
            taking_attendance,
            _attendance_form(),
            rx.cond(
                D.seated.length() > 0,
                rx.foreach(
                    D.seated,
                    lambda row: _person(
                        row, rx.cond(row["attended_label"] != "", _note(row["attended_label"]))
                    ),
                ),
                _note(T("event.roster_empty"), color_scheme="gray"),
            ),
        ),
        rx.cond(~D.started & ~D.cancelled, _note(T("event.attendance_later"), color_scheme="gray")),
        spacing="2",
        width="100%",
        id="event-roster",
        style=CARD,
    )


def _waiting() -> rx.Component:
    return rx.cond(
        D.waiting.length() > 0,
        rx.vstack(
            rx.heading(T("event.waiting_list"), size="4", as_="h2"),
            rx.foreach(D.waiting, lambda row: _person(row, _note(row["position"], weight="medium"))),
            spacing="2",
            width="100%",
            id="event-waiting-list",
            style=CARD,
        ),
    )


def _cancel_form() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.el.input(type="hidden", name="version", value=D.event["version"]),
            textarea_field(
                "event.cancel_reason",
                "reason",
                D.errors,
                max_length=REASON_MAX,
                required=True,
                help_key="event.cancel_reason_help",
            ),
            submit_button("event.confirm_cancel", color_scheme="red", id="confirm-cancel"),
            _button(
                "event.keep", type="button", on_click=D.close_cancel, variant="soft", color_scheme="gray"
            ),
            spacing="3",
            width="100%",
        ),
        on_submit=D.cancel_event,
        id="cancel-event-form",
        style=CARD,
    )


def _organiser() -> rx.Component:
    return rx.fragment(
        _seated(),
        _waiting(),
        rx.cond(~D.started & ~D.cancelled, event_shift_button(D.client_id)),
        rx.cond(
            ~D.started & ~D.cancelled,
            rx.cond(
                D.cancelling,
                _cancel_form(),
                _button(
                    "event.cancel_event",
                    on_click=D.open_cancel,
                    variant="soft",
                    color_scheme="red",
                    id="cancel-event",
                ),
            ),
        ),
    )


def event_detail_page() -> rx.Component:
    return shell(
        "event.detail_title",
        rx.cond(
            D.found,
            rx.fragment(
                success_notice(D.saved, id="event-saved"),
                rx.vstack(
                    event_facts(D.event),
                    rx.cond(D.event["notes"] != "", _note(D.event["notes"], white_space="pre-wrap")),
                    rx.cond(
                        D.cancelled,
                        rx.callout(
                            D.event["cancelled"],
                            icon="calendar-x",
                            color_scheme="red",
                            size="3",
                            width="100%",
                        ),
                    ),
                    error_text(D.errors, "status"),
                    rx.cond(~D.organiser & ~D.cancelled, _family()),
                    spacing="3",
                    width="100%",
                    style=CARD,
                ),
                rx.cond(D.organiser, _organiser()),
            ),
        ),
        rx.link(
            rx.icon("chevron-left", size=20),
            T("event.back"),
            href="/events",
            size="3",
            style={"display": "flex", "align_items": "center", "gap": "4px", "min_height": TOUCH},
        ),
    )
