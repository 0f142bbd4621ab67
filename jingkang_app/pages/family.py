"""The caregiver's home on a phone: one large 紧急求助 button, then their relative in plain words — who comes next
and when, the medicines to give, the care team to call, recent visits, and respite."""

import reflex as rx

from jingkang_app.components.shell import shell
from jingkang_app.components.styles import CARD, TOUCH
from jingkang_app.components.text import T
from jingkang_app.state.family import FamilyState
from jingkang_app.state.family_subsidy import FamilySubsidyState

HELP_BUTTON = {
    "width": "100%",
    "min_height": "72px",
    "font_size": "22px",
    "font_weight": "700",
    "display": "flex",
    "align_items": "center",
    "justify_content": "center",
    "gap": "12px",
    "border_radius": "16px",
    "background": "var(--red-9)",
    "color": "white",
    "text_decoration": "none",
}


def help_button(query: rx.Var) -> rx.Component:
    return rx.link(
        rx.icon("siren", size=28), T("help.button"), href="/family/help" + query, style=HELP_BUTTON
    )


def help_call(call: rx.Var) -> rx.Component:
    """A call for help and who took it: the family sees it move from 等待接手 to taken."""
    return rx.vstack(
        rx.hstack(
            rx.text(call["asked"], size="3", weight="bold"),
            rx.spacer(),
            rx.badge(
                rx.match(
                    call["state"],
                    ("open", T("help.badge.open")),
                    ("taken", T("help.badge.taken")),
                    T("help.badge.closed"),
                ),
                color_scheme=rx.match(call["state"], ("open", "red"), ("taken", "amber"), "green"),
                size="2",
            ),
            width="100%",
            align="center",
        ),
        rx.text(call["signs"], size="3"),
        rx.text(call["status"], size="3", weight="medium", class_name="help-status"),
        rx.text(call["owner"], size="3", color_scheme="gray"),
        spacing="1",
        width="100%",
        class_name="help-call",
        style=CARD | {"border_left": "6px solid var(--red-9)"},
    )


def _line(label_key: str, value: rx.Var) -> rx.Component:
    return rx.hstack(
        rx.text(T(label_key), size="3", color_scheme="gray", white_space="nowrap"),
        rx.text(value, size="3", weight="medium"),
        spacing="2",
        align="baseline",
        wrap="wrap",
    )


def _card(title_key: str, *children: rx.Component, **props) -> rx.Component:
    return rx.vstack(
        rx.heading(T(title_key), size="4", as_="h2"), *children, spacing="2", style=CARD, **props
    )


def _relative() -> rx.Component:
    facts = FamilyState.facts
    return rx.vstack(
        rx.heading(facts["name"], size="6", as_="h2"),
        rx.text(facts["village"], size="3", color_scheme="gray"),
        _line("family.next_followup", facts["followup"]),
        _line("family.next_visit", facts["visit"]),
        spacing="2",
        style=CARD,
    )


def _medicine(drug: rx.Var) -> rx.Component:
    return rx.vstack(
        rx.text(drug["name"], size="4", weight="bold"),
        rx.text(drug["when"], size="3"),
        spacing="0",
        padding_y="6px",
        border_bottom="1px solid var(--gray-4)",
        width="100%",
    )


def _medicines() -> rx.Component:
    return _card(
        "family.medicines",
        rx.cond(
            FamilyState.medicines.length() > 0,
            rx.fragment(
                rx.foreach(FamilyState.medicines, _medicine),
                rx.text(FamilyState.medicines_from, size="2", color_scheme="gray"),
            ),
            rx.text(T("family.no_medicines"), size="3", color_scheme="gray"),
        ),
    )


def _member(member: rx.Var) -> rx.Component:
    return rx.hstack(
        rx.vstack(
            rx.text(member["name"], weight="bold", size="3"),
            rx.text(member["role"], size="3", color_scheme="gray"),
            spacing="0",
        ),
        rx.spacer(),
        rx.link(
            rx.button(rx.icon("phone", size=18), T("family.call"), size="3", min_height=TOUCH),
            href="tel:" + member["phone"],
        ),
        width="100%",
        align="center",
        padding_y="8px",
        border_bottom="1px solid var(--gray-4)",
    )


def _team() -> rx.Component:
    return _card(
        "family.care_team",
        rx.cond(
            FamilyState.team.length() > 0,
            rx.foreach(FamilyState.team, _member),
            rx.text(T("family.no_team"), size="3", color_scheme="gray"),
        ),
    )


def _recent() -> rx.Component:
    return _card(
        "family.recent",
        rx.cond(
            FamilyState.recent.length() > 0,
            rx.foreach(
                FamilyState.recent,
                lambda r: rx.hstack(
                    rx.text(r["date"], size="3", weight="medium", white_space="nowrap"),
                    rx.text(r["what"], size="3"),
                    spacing="3",
                ),
            ),
            rx.text(T("family.no_recent"), size="3", color_scheme="gray"),
        ),
    )


def _event(event: rx.Var) -> rx.Component:
    return rx.link(
        rx.vstack(
            rx.hstack(
                rx.badge(event["kind"], size="2"),
                rx.cond(event["mine"] != "", rx.badge(event["mine"], size="2", color_scheme="green")),
                wrap="wrap",
            ),
            rx.text(event["title"], size="3", weight="bold"),
            rx.text(event["when"], size="3"),
            rx.text(event["place"], size="3", color_scheme="gray"),
            spacing="1",
            padding_y="8px",
            border_bottom="1px solid var(--gray-4)",
            width="100%",
        ),
        href="/events/" + event["id"],
        underline="none",
        color="inherit",
        width="100%",
    )


def _events() -> rx.Component:
    return _card(
        "family.events",
        rx.cond(
            FamilyState.events.length() > 0,
            rx.foreach(FamilyState.events, _event),
            rx.text(T("family.no_events"), size="3", color_scheme="gray"),
        ),
        rx.link(
            T("family.all_events"),
            href="/events",
            size="3",
            min_height=TOUCH,
            display="flex",
            align_items="center",
        ),
    )


def _link_button(label_key: str, href: rx.Var, **props) -> rx.Component:
    return rx.link(
        rx.button(T(label_key), size="3", min_height=TOUCH, width="100%", **props), href=href, width="100%"
    )


def _respite() -> rx.Component:
    return _card(
        "family.respite",
        rx.text(FamilyState.respite_line, size="3"),
        rx.flex(
            _link_button("family.ask_respite", "/family/respite" + FamilyState.query),
            _link_button("family.burden_check", "/family/burden" + FamilyState.query, variant="soft"),
            _link_button("coord.ask_transport", "/transport" + FamilyState.query, variant="soft"),
            spacing="2",
            direction=rx.breakpoints(initial="column", xs="row"),
            width="100%",
        ),
    )


def _subsidy() -> rx.Component:
    """Only for the guardian's account: this year's 监护补贴 and where it stands."""
    s = FamilySubsidyState
    return rx.cond(
        s.shown,
        _card(
            "subsidy.title",
            rx.cond(
                s.can_apply,
                rx.fragment(
                    rx.text(T("subsidy.family.none"), size="3"),
                    rx.button(
                        s.apply_label,
                        on_click=s.apply,
                        size="3",
                        min_height=TOUCH,
                        width="100%",
                        variant="soft",
                    ),
                ),
                rx.fragment(
                    rx.hstack(
                        rx.text(s.year, size="3", weight="medium"),
                        rx.badge(
                            s.status,
                            size="2",
                            id="subsidy-status",
                            color_scheme=rx.match(
                                s.status_code,
                                ("pending", "gray"),
                                ("rejected", "red"),
                                ("withheld", "red"),
                                "green",
                            ),
                        ),
                        align="center",
                    ),
                    rx.foreach(s.lines, lambda line: rx.text(line, size="3")),
                ),
            ),
            rx.cond(s.error != "", rx.text(s.error, size="3", color="var(--red-11)", role="alert")),
        ),
    )


def _chooser() -> rx.Component:
    """Only for a caregiver who looks after more than one relative."""
    return rx.cond(
        FamilyState.relatives.length() > 1,
        rx.flex(
            rx.foreach(
                FamilyState.relatives,
                lambda r: rx.link(
                    rx.button(
                        r["name"],
                        size="3",
                        min_height=TOUCH,
                        variant=rx.cond(r["id"] == FamilyState.rid, "solid", "outline"),
                    ),
                    href="/family?rid=" + r["id"],
                ),
            ),
            spacing="2",
            wrap="wrap",
        ),
    )


def family_page() -> rx.Component:
    return shell(
        "nav.family",
        rx.cond(
            FamilyState.has_relative,
            rx.fragment(
                _chooser(),
                help_button(FamilyState.query),
                rx.foreach(FamilyState.calls, help_call),
                _relative(),
                _medicines(),
                _team(),
                _recent(),
                _events(),
                _respite(),
                _subsidy(),
            ),
            rx.cond(
                FamilyState.page_error == "",
                rx.text(T("family.no_relative"), size="3", color_scheme="gray", style=CARD),
            ),
        ),
    )
