"""What the coordinator's volunteer pages share (/volunteers, /shifts/manage, /shifts/<id>, /transport): times as
the forms and cards show them, the volunteer profile as its checkboxes send it, the areas a coordinator may choose,
and opening the page of a shift just made in one tap."""

from collections.abc import Callable
from datetime import datetime

import reflex as rx
from sqlmodel import Session

from jingkang_app.domain import clock
from jingkang_app.domain.permissions import Action, Actor, may_ever
from jingkang_app.domain.rules.fields import whole_number
from jingkang_app.domain.rules.volunteer_registry import SLOTS
from jingkang_app.domain.rules.volunteers import SKILLS, TRAININGS, VolunteerStatus
from jingkang_app.domain.services import service_review, transport, volunteer_views
from jingkang_app.domain.services.volunteer_registration import registration_areas
from jingkang_app.state.base import AppState

# One checkbox name per option (a shared name keeps only one ticked box): prefix + the option's key.
PROFILE_GROUPS = {
    "skills": ("skill_", SKILLS),
    "availability": ("slot_", SLOTS),
    "trainings": ("training_", TRAININGS),
}
PROFILE_FIELDS = frozenset({*PROFILE_GROUPS, "insured_until"})


def input_value(moment: datetime | None) -> str:
    """A stored UTC time as a datetime-local input's value, in Shanghai time."""
    return moment.astimezone(clock.LOCAL_TZ).strftime("%Y-%m-%dT%H:%M") if moment else ""


def span_text(starts_at: datetime, ends_at: datetime) -> str:
    """「2026-12-01 09:00–11:00」, or both moments in full when it runs past midnight."""
    start, end = (moment.astimezone(clock.LOCAL_TZ) for moment in (starts_at, ends_at))
    if start.date() == end.date():
        return f"{start:%Y-%m-%d %H:%M}–{end:%H:%M}"
    return f"{start:%Y-%m-%d %H:%M} – {end:%Y-%m-%d %H:%M}"


def duration_text(state: AppState, minutes: int) -> str:
    hours, rest = divmod(max(minutes, 0), 60)
    return state.tr("service.duration", hours=hours, minutes=rest)


def joined(state: AppState, labels: list[str]) -> str:
    return (", " if state.lang == "en" else "、").join(labels)


def slot_label(state: AppState, slot: str) -> str:
    """ "sat_am" → 「周六上午」."""
    day, part = slot.split("_")
    return state.tr(f"weekday.{day}") + ("" if state.lang != "en" else " ") + state.tr(f"day_part.{part}")


def profile_data(form_data: dict) -> dict:
    """The profile groups as lists of keys, from their one-per-option checkboxes, and the insurance date."""
    data = {
        group: [key for key in keys if form_data.get(prefix + key)]
        for group, (prefix, keys) in PROFILE_GROUPS.items()
    }
    return data | {"insured_until": form_data.get("insured_until", "")}


def ticked(skills: list[str], availability: list[str], trainings: list[str]) -> list[str]:
    """The checkbox names a stored profile ticks, for an edit form's defaults."""
    values = {"skills": skills, "availability": availability, "trainings": trainings}
    return [PROFILE_GROUPS[group][0] + key for group, keys in values.items() for key in keys]


def managed_areas(session: Session, actor: Actor) -> list[dict[str, str]]:
    """The townships and villages the coordinator manages volunteers in (choices for a form; the service checks
    the one sent again)."""
    return [
        {"id": str(choice.id), "label": choice.label}
        for choice in registration_areas(session)
        if volunteer_views.managed_area(session, actor, choice.id) is not None
    ]


def open_made_shift(state, card_id: str, form_fields: frozenset[str], make: Callable[[Session, Actor], int]):
    """Runs ``make`` (which stores a shift and returns its id) through a work queue's ``_act``, so a refusal shows
    on the card; once stored, opens the shift's page, where volunteers are matched and invited."""
    made: list[int] = []

    def run(session: Session, actor: Actor) -> str:
        made.append(make(session, actor))
        return ""

    shown = state._act(card_id, form_fields, run)
    return rx.redirect(f"/shifts/{made[0]}") if made else shown


def path_id(state: AppState) -> int:
    """The record of the page's URL, /volunteers/[vid] or /shifts/[sid]; 0 (no record) for anything else."""
    return whole_number(state.router.url.path.rstrip("/").rsplit("/", 1)[-1])


def volunteer_work(session: Session, actor: Actor) -> dict[str, str]:
    """What waits for a coordinator of volunteers, for the overview's cards: registrations to approve, service
    records to review, rides to arrange; {} for users who do not manage volunteers (no cards shown)."""
    if not may_ever(actor, Action.volunteer_manage):
        return {}
    return {
        "volunteers": str(
            volunteer_views.list_volunteers(session, actor, status=VolunteerStatus.pending, limit=1)[1]
        ),
        "review": str(len(service_review.to_review(session, actor))),
        "transport": str(transport.transport_queue(session, actor, limit=1)[1]),
    }
