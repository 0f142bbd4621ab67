"""入户走访 and 随访服务记录 on a phone: one column of large controls in short sections, on the device-outbox path
(components/outbox_form.py). Sections that only apply to one follow-up outcome are hidden by CSS when another
outcome is ticked; a browser without ``:has`` shows them all, and the server ignores what does not apply."""

import reflex as rx

from jingkang_app.components.notice import success_notice
from jingkang_app.components.outbox_form import (
    choices,
    outbox_form,
    section,
    select_input,
    text_area,
    text_input,
    tick,
)
from jingkang_app.components.shell import shell
from jingkang_app.components.styles import CARD, TOUCH
from jingkang_app.components.text import T
from jingkang_app.domain.rules import followup_form as ff
from jingkang_app.domain.rules.followup_schedule import DANGER_KINDS
from jingkang_app.domain.services import visits
from jingkang_app.state.field_forms import (
    FieldFormState,
    FollowupEditState,
    FollowupFormState,
    VisitFormState,
)


def _options(prefix: str, values: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(value, f"{prefix}.{value}") for value in values]


def _sent_form(state: type[FieldFormState], form_id: str) -> rx.Component:
    """Hidden; outbox.js submits it with the acknowledged client id (see outbox_form)."""
    return rx.form(
        rx.el.input(type="hidden", name="client_id"),
        id=form_id,
        on_submit=state.show_saved,
        style={"display": "none"},
    )


def _page(state: type[FieldFormState], title_key: str, form: rx.Component, *notices: rx.Component):
    sent_id = f"{state.KIND}-sent"
    return shell(
        title_key,
        rx.cond(
            state.loaded,
            rx.fragment(
                rx.link(
                    rx.icon("chevron-left", size=20),
                    state.recipient_name,
                    href="/recipients/" + state.recipient_id,
                    weight="bold",
                    size="4",
                    style={"display": "flex", "align_items": "center", "gap": "4px", "min_height": TOUCH},
                    id="form-recipient",
                ),
                success_notice(state.saved, id="form-saved"),
                *notices,
                _sent_form(state, sent_id),
                form,
            ),
        ),
    )


# ---- 入户走访
def _visit_form() -> rx.Component:
    s = VisitFormState
    situation = [
        choices("radio", f"visit.{name}", name, _options(f"visit.{name}", allowed), s.checked)
        for name, allowed in visits.CHOICES.items()
        if name != "satisfaction"
    ]
    return outbox_form(
        "home_visit",
        s.draft_key,
        {"recipient_id": s.recipient_id},
        f"{s.KIND}-sent",
        "visit.submit",
        section(
            "visit.section.basic",
            text_input("visit.visit_date", "visit_date", s.values, type="date", required=True),
            text_input("visit.companions", "companions", s.values, max_length=100),
            choices("checkbox", "visit.met", "met", _options("visit.met", visits.MET), s.checked),
        ),
        section("visit.section.situation", *situation),
        section(
            "visit.section.result",
            choices("checkbox", "visit.needs", "needs", _options("visit.needs", visits.NEEDS), s.checked),
            choices(
                "radio",
                "visit.satisfaction",
                "satisfaction",
                _options("visit.satisfaction", visits.SATISFACTION),
                s.checked,
            ),
            text_area("visit.notes", "notes", s.values, max_length=1000),
            text_input(
                "visit.next_visit_date",
                "next_visit_date",
                s.values,
                type="date",
                help_key="visit.next_visit_help",
            ),
        ),
    )


def visit_page() -> rx.Component:
    return _page(VisitFormState, "visit.title", _visit_form())


# ---- 随访服务记录
ONLY_WHEN = {
    # class name → the outcome radio that must be ticked for it to show
    "jk-if-reached": "outcome-reached",
    "jk-if-lost": "outcome-lost",
    "jk-if-dead": "outcome-dead",
}
OUTCOME_CSS = {
    f"&:has(#{radio}:not(:checked)) .{cls}": {"display": "none"} for cls, radio in ONLY_WHEN.items()
}
LEVELS = [("good", "followup.level.good"), ("fair", "followup.level.fair"), ("poor", "followup.level.poor")]
TWO = "1fr 1fr"
THREE = "1fr 1fr 1fr"


def _basic(s) -> rx.Component:
    return section(
        "followup.section.basic",
        text_input("followup.followup_date", "followup_date", s.values, type="date", required=True),
        choices(
            "radio", "followup.form", "form", _options("followup.form", ff.FORMS), s.checked, columns=TWO
        ),
        choices(
            "radio",
            "followup.outcome",
            "outcome",
            _options("followup.outcome", ff.OUTCOMES),
            s.checked,
            columns=TWO,
        ),
        rx.el.div(
            choices(
                "checkbox",
                "followup.subjects",
                "subjects",
                _options("followup.subjects", ff.SUBJECTS),
                s.checked,
                columns="1fr",
            ),
            class_name="jk-if-reached",
        ),
        rx.el.div(
            choices(
                "radio",
                "followup.lost_reason",
                "lost_reason",
                _options("followup.lost_reason", ff.LOST_REASONS),
                s.checked,
            ),
            class_name="jk-if-lost",
        ),
        rx.el.div(
            text_input("followup.death_date", "death_date", s.values, type="date"),
            choices(
                "radio",
                "followup.death_cause",
                "death_cause",
                _options("followup.death_cause", ff.DEATH_CAUSES),
                s.checked,
            ),
            select_input(
                "followup.death_disease",
                "death_disease",
                s.values,
                [("", "followup.choose"), *_options("followup.death_disease", ff.DEATH_DISEASES)],
            ),
            class_name="jk-if-dead",
            style={"display": "flex", "flex_direction": "column", "gap": "16px"},
        ),
        text_input("followup.doctor_name", "doctor_name", s.values, required=True, max_length=32),
    )


def _condition(s) -> rx.Component:
    return section(
        "followup.section.condition",
        choices(
            "radio",
            "followup.risk_level",
            "risk_level",
            [(str(n), f"followup.risk.{n}") for n in range(6)],
            s.checked,
            columns="1fr",
        ),
        choices(
            "checkbox", "followup.symptoms", "symptoms", _options("followup.symptoms", ff.SYMPTOMS), s.checked
        ),
        text_input("followup.symptoms_other", "symptoms_other", s.values, max_length=100),
        choices(
            "radio",
            "followup.insight",
            "insight",
            _options("followup.insight", ff.INSIGHT),
            s.checked,
            columns="1fr",
        ),
        class_name="jk-if-reached",
    )


def _function(s) -> rx.Component:
    return section(
        "followup.section.function",
        *[
            choices(
                "radio",
                f"followup.{name}",
                name,
                [*LEVELS, ("na", "followup.level.na")] if name == "work" else LEVELS,
                s.checked,
                columns=TWO if name == "work" else THREE,
            )
            for name in ("sleep", "diet", *ff.SOCIAL_FUNCTIONS)
        ],
        rx.el.fieldset(
            rx.el.legend(T("followup.danger"), style={"font_weight": "600", "margin_bottom": "6px"}),
            rx.el.div(
                *[
                    text_input(
                        f"followup.{kind}",
                        kind,
                        s.values,
                        type="number",
                        input_mode="numeric",
                        min=0,
                        max=ff.MAX_DANGER_COUNT,
                        placeholder="0",
                    )
                    for kind in DANGER_KINDS
                ],
                style={"display": "grid", "grid_template_columns": TWO, "gap": "12px"},
            ),
            style={"border": "none", "padding": "0", "margin": "0", "min_width": "0"},
        ),
        choices(
            "radio",
            "followup.lockup",
            "lockup",
            _options("followup.lockup", ff.LOCKUP),
            s.checked,
            columns="1fr",
        ),
        choices(
            "radio",
            "followup.hospital",
            "hospital",
            _options("followup.hospital", ff.HOSPITAL),
            s.checked,
            columns="1fr",
        ),
        text_input("followup.last_discharge_date", "last_discharge_date", s.values, type="date"),
        class_name="jk-if-reached",
    )


def _medication(s, slot: int) -> rx.Component:
    def dose(part: str) -> rx.Component:
        return text_input(
            f"followup.med_{part}",
            f"med{slot}_{part}",
            s.values,
            type="number",
            input_mode="decimal",
            min=0,
            max=ff.MAX_DOSE_MG,
            step="any",
        )

    return rx.el.details(
        rx.el.summary(
            T(f"followup.medication_{slot}"),
            style={"font_weight": "600", "min_height": TOUCH, "display": "flex", "align_items": "center"},
        ),
        rx.el.div(
            text_input("followup.med_name", f"med{slot}_name", s.values, max_length=40),
            rx.el.div(
                dose("morning"),
                dose("noon"),
                dose("evening"),
                style={"display": "grid", "grid_template_columns": THREE, "gap": "8px"},
            ),
            rx.el.div(
                text_input(
                    "followup.med_weeks",
                    f"med{slot}_weeks",
                    s.values,
                    type="number",
                    input_mode="numeric",
                    min=1,
                    max=12,
                ),
                dose("dose"),
                style={"display": "grid", "grid_template_columns": TWO, "gap": "8px"},
            ),
            style={"display": "flex", "flex_direction": "column", "gap": "12px", "padding_top": "8px"},
        ),
        open=slot == 1,
        style={"border": "1px solid var(--gray-6)", "border_radius": "8px", "padding": "4px 12px"},
    )


def _treatment(s) -> rx.Component:
    return section(
        "followup.section.treatment",
        choices(
            "radio",
            "followup.adherence",
            "adherence",
            _options("followup.adherence", ff.ADHERENCE),
            s.checked,
            columns="1fr",
        ),
        *[_medication(s, slot) for slot in range(1, ff.MEDICATION_SLOTS + 1)],
        choices(
            "radio",
            "followup.adverse_reaction",
            "adverse_reaction",
            _options("followup.adverse_reaction", ff.ADVERSE),
            s.checked,
            columns=TWO,
        ),
        text_input("followup.adverse_text", "adverse_text", s.values, max_length=200),
        tick("physical_illness", "followup.physical_illness", s.checked),
        text_input("followup.lab", "lab", s.values, max_length=200),
        select_input(
            "followup.effect",
            "effect",
            s.values,
            [("", "followup.choose"), *_options("followup.effect", ff.EFFECT)],
        ),
        choices(
            "checkbox",
            "followup.rehab_measures",
            "rehab_measures",
            _options("followup.rehab_measures", ff.REHAB_MEASURES),
            s.checked,
        ),
        tick("referred", "followup.referred", s.checked),
        text_input("followup.referral_reason", "referral_reason", s.values, max_length=200),
        text_input("followup.referral_to", "referral_to", s.values, max_length=100),
        class_name="jk-if-reached",
    )


def _result(s) -> rx.Component:
    return section(
        "followup.section.result",
        rx.el.p(
            role="status",
            aria_live="polite",
            custom_attrs={"data-proposal": "", "data-offline-text": T("followup.proposal_offline")},
            style={"font_size": "16px", "font_weight": "600", "color": "var(--teal-11)", "margin": "0"},
        ),
        select_input(
            "followup.classification",
            "classification",
            s.values,
            [("", "followup.classification.auto"), *_options("followup.classification", ff.CLASSIFICATIONS)],
        ),
        text_input(
            "followup.next_followup_date",
            "next_followup_date",
            s.values,
            type="date",
            help_key="followup.next_help",
        ),
        text_input("followup.override_reason", "override_reason", s.values, max_length=200),
    )


def _followup_form(s: type[FieldFormState], kind: str, hidden: dict[str, rx.Var], submit_key: str):
    form = outbox_form(
        kind,
        s.draft_key,
        hidden,
        f"{s.KIND}-sent",
        submit_key,
        _basic(s),
        _condition(s),
        _function(s),
        _treatment(s),
        _result(s),
    )
    return rx.box(form, style=OUTCOME_CSS, width="100%")


def _alert_notice() -> rx.Component:
    return rx.cond(
        FollowupFormState.alert_raised,
        rx.callout(
            T("followup.alert_raised"),
            icon="siren",
            color_scheme="red",
            role="alert",
            width="100%",
            id="form-alert",
            style=CARD,
        ),
    )


def followup_page() -> rx.Component:
    s = FollowupFormState
    form = _followup_form(s, "followup", {"recipient_id": s.recipient_id}, "followup.submit")
    return _page(s, "followup.title", form, _alert_notice())


def followup_edit_page() -> rx.Component:
    s = FollowupEditState
    hidden = {name: s.values[name].to(str) for name in ("followup_id", "version")}
    form = _followup_form(s, "followup_edit", hidden, "followup.submit")
    return _page(s, "followup.edit_title", form)
