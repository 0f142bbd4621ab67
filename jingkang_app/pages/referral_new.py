"""Starting a referral, /referrals/new?rid=<recipient id>, on a phone: the kind (only those the reader may file),
for a 精康转介 the application route, the reason, the receiving institution and the application date; 「存为草稿」
or 「提交」. Errors stand beside their fields and what was typed stays (uncontrolled inputs, re-keyed only when a
form is opened afresh)."""

import reflex as rx

from jingkang_app.components.choices import choice, choice_fieldset
from jingkang_app.components.forms import error_text, field, textarea_field
from jingkang_app.components.shell import shell
from jingkang_app.components.styles import CARD, TOUCH
from jingkang_app.components.text import T
from jingkang_app.domain.rules.referrals import ApplicationRoute, ReferralKind
from jingkang_app.domain.services.referrals import REASON_MAX, RECEIVER_MAX
from jingkang_app.state.referral_new import ReferralNewState as S

FORM_ID = "referral-form"


def _required(label_key: str) -> rx.Component:
    return rx.fragment(T(label_key), rx.el.span(" *", color="var(--red-11)", aria_hidden="true"))


def _kinds() -> rx.Component:
    return choice_fieldset(
        _required("referral.kind"),
        error_text(S.errors, "kind"),
        "kind-error",
        *[
            rx.cond(
                S.kinds.contains(kind.value),
                choice(
                    "radio",
                    "kind",
                    kind.value,
                    f"referral.kind.{kind.value}",
                    default_checked=S.kind == kind.value,
                    on_change=S.choose_kind,
                ),
            )
            for kind in ReferralKind
        ],
        columns="1fr",
    )


def _routes() -> rx.Component:
    return choice_fieldset(
        _required("referral.route"),
        error_text(S.errors, "route"),
        "route-error",
        *[
            rx.cond(
                S.routes.contains(route.value),
                choice(
                    "radio",
                    "route",
                    route.value,
                    f"referral.route.{route.value}",
                    default_checked=S.routes.length() == 1,
                ),
            )
            for route in ApplicationRoute
        ],
        columns="1fr",
    )


def _send(mode: str) -> rx.Var:
    """Both buttons send the one form, saying whether it is submitted at once (the browser's form data does not
    name the button pressed); requestSubmit keeps the browser's own required-field checks."""
    return rx.call_script(
        f"const f=document.getElementById('{FORM_ID}');"
        f"f.elements.namedItem('submit_now').value='{mode}';f.requestSubmit();"
    )


def _buttons() -> rx.Component:
    return rx.hstack(
        rx.button(
            T("referral.submit"),
            type="button",
            on_click=_send("1"),
            size="3",
            min_height=TOUCH,
            flex="1",
            id="referral-submit",
        ),
        rx.button(
            T("referral.save_draft"),
            type="button",
            on_click=_send(""),
            size="3",
            min_height=TOUCH,
            flex="1",
            variant="soft",
            id="referral-save-draft",
        ),
        width="100%",
        wrap="wrap",
    )


def _form() -> rx.Component:
    e = S.errors
    return rx.form(
        rx.vstack(
            rx.heading(T("referral.new"), size="5", as_="h2"),
            rx.link(S.recipient_name, href="/recipients/" + S.recipient_id, size="4", weight="bold"),
            rx.el.input(type="hidden", name="client_id", value=S.client_id),
            rx.el.input(type="hidden", name="submit_now", default_value="1"),
            _kinds(),
            rx.cond(S.kind == ReferralKind.rehab.value, _routes()),
            textarea_field("referral.reason", "reason", e, max_length=REASON_MAX, required=True, rows=4),
            field(
                "referral.receiver",
                "receiver",
                e,
                required=True,
                max_length=RECEIVER_MAX,
                help_key="referral_page.receiver_help",
            ),
            field(
                "referral.applied_on",
                "applied_on",
                e,
                type="date",
                default_value=S.today,
                max=S.today,
                help_key="referral_page.applied_on_help",
            ),
            error_text(e, "client_id"),
            error_text(e, "recipient_id"),
            _buttons(),
            spacing="4",
            width="100%",
        ),
        on_submit=S.submit,
        # A fresh form (and so today's date as its default) each time the page is opened.
        key=S.client_id,
        id=FORM_ID,
        style=CARD,
    )


def referral_new_page() -> rx.Component:
    return shell("referral.new", rx.cond(S.allowed, _form()))
