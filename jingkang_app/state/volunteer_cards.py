"""What the volunteer's own pages share: a shift as a volunteer reads it (least view, DOMAIN.md §8: the kind, the
task, the first name of whom it serves, the place and the local times — the views passed in carry nothing more),
their status in plain words, a certificate's contents, and calling a service without a login (the public
registration and certificate check)."""

from collections.abc import Callable
from typing import Protocol, TypeVar

from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from jingkang_app.domain.db import session_scope
from jingkang_app.domain.rules.volunteers import VolunteerStatus
from jingkang_app.domain.services.certificates import PublicCertificate
from jingkang_app.domain.services.volunteer_views import VolunteerView
from jingkang_app.state.base import AppState, DatabaseUnavailable
from jingkang_app.state.coordination import duration_text
from jingkang_app.state.events import when_text

T = TypeVar("T")


class ShiftLike(Protocol):
    """What every volunteer-side view of a shift has (shift_offers.VolunteerShiftView, volunteer_home.UpcomingShift)."""

    kind: str
    task: str
    first_name: str
    place: str


def public_call(fn: Callable[[Session], T]) -> T:
    """Runs ``fn(session)`` for a page anyone may use without logging in; DatabaseUnavailable when it is down."""
    try:
        with session_scope() as session:
            return fn(session)
    except OperationalError as exc:
        raise DatabaseUnavailable() from exc


def last_segment(state: AppState) -> str:
    """The last part of the page's path: the id or code of /volunteer/certificates/[cid], /certificates/[code]."""
    return state.router.url.path.rstrip("/").rsplit("/", 1)[-1]


def shift_facts(state: AppState, view: ShiftLike) -> dict[str, str]:
    return {
        "kind": state.tr(f"shift_kind.{view.kind}"),
        "kind_code": view.kind,
        "task": view.task,
        # A shift serving no one person (an activity, an event) names no one.
        "serves": state.tr("volunteer_page.serves", name=view.first_name) if view.first_name else "",
        "place": view.place,
        # when_text reads only the view's starts_at and ends_at: local dates, weekday and times.
        "when": when_text(state, view),
    }


def status_line(state: AppState, profile: VolunteerView) -> str:
    """The volunteer's standing in plain words (and the reason they were given), or "" while 在册."""
    if profile.status == VolunteerStatus.active:
        return ""
    rejected = profile.status == VolunteerStatus.left and not profile.volunteer_no
    line = state.tr(
        "volunteer_page.status.rejected" if rejected else f"volunteer_page.status.{profile.status}"
    )
    if profile.status_reason:
        line += " " + state.tr("volunteer_page.reason", reason=profile.status_reason)
    return line


def certificate_fields(state: AppState, view: PublicCertificate) -> dict[str, str]:
    """A certificate as its page prints it (DOMAIN.md §3.11: identity, service, issuer, number and date)."""
    hours, minutes = divmod(view.minutes, 60)
    start, end = view.period_start.isoformat(), view.period_end.isoformat()
    return {
        "code": view.code,
        "name": view.volunteer_name,
        "id_type": state.tr(f"id_type.{view.id_type}") if view.id_type else "",
        "id_number": view.id_number,
        "volunteer_no": view.volunteer_no,
        "period": state.tr("volunteer_page.period", start=start, end=end),
        "hours": duration_text(state, view.minutes),
        "shifts": state.tr("volunteer_page.shift_count", count=view.shifts),
        "content": view.content,
        "issuer": view.issuer,
        "person_in_charge": view.person_in_charge,
        "handler": view.handler,
        "contact": view.contact,
        "issued_on": view.issued_on.isoformat(),
        "body": state.tr(
            "certificate.body",
            name=view.volunteer_name,
            start=start,
            end=end,
            shifts=view.shifts,
            hours=hours,
            minutes=minutes,
            content=view.content,
        ),
    }
