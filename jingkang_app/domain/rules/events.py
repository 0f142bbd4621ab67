"""Caregiver training and mutual-aid events (家属培训/互助小组, DOMAIN.md §3.10): kinds, statuses, and the checks on
an event's times and capacity. Pure: no database.

An event belongs to an area and is open to the families living anywhere inside it: a county event to the whole
county, a village event to that village only.
"""

from datetime import datetime
from enum import StrEnum

from jingkang_app.domain.clock import LOCAL_TZ


class EventKind(StrEnum):
    training = "training"  # 家属培训
    mutual_aid = "mutual_aid"  # 互助小组


class EventStatus(StrEnum):
    scheduled = "scheduled"  # 已发布
    cancelled = "cancelled"  # 已取消


class SignUpStatus(StrEnum):
    signed_up = "signed_up"  # 已报名: holds a seat
    waiting = "waiting"  # 候补: waits for a seat, first come first served
    cancelled = "cancelled"  # 已取消


ACTIVE = (SignUpStatus.signed_up, SignUpStatus.waiting)  # live sign-ups: seated or waiting
MAX_CAPACITY = 500  # a seat count above this is a typing slip, not a training room
TITLE_MAX = PLACE_MAX = 100
NOTES_MAX = 500
REASON_MAX = 200


def ancestor_paths(area_path: str) -> list[str]:
    """The paths of an area and every area above it: "/1/4/17/" → ["/1/", "/1/4/", "/1/4/17/"]. The events a
    family may join are those of these areas."""
    ids = area_path.strip("/").split("/")
    return [f"/{'/'.join(ids[: n + 1])}/" for n in range(len(ids))]


def is_open_to(event_area_path: str, family_area_path: str) -> bool:
    """The family lives inside the event's area."""
    return family_area_path.startswith(event_area_path)


def schedule_errors(starts_at: datetime | None, ends_at: datetime | None, now: datetime) -> dict[str, str]:
    """Message keys per field for a start that has passed or an end not after the start (a time left out or
    unreadable is the form's own error, not checked here)."""
    errors = {}
    if starts_at and starts_at <= now:
        errors["starts_at"] = "error.event_start_in_past"
    if starts_at and ends_at and ends_at <= starts_at:
        errors["ends_at"] = "error.event_end_before_start"
    return errors


def capacity_error(capacity: int, seats_taken: int = 0) -> str | None:
    """A message key when the capacity is out of range, or below the seats already taken."""
    if not 1 <= capacity <= MAX_CAPACITY:
        return "error.event_capacity"
    if capacity < seats_taken:
        return "error.event_capacity_below_taken"
    return None


def seats_left(capacity: int, seats_taken: int) -> int:
    return max(capacity - seats_taken, 0)


def has_started(starts_at: datetime, now: datetime) -> bool:
    return now >= starts_at


def local_text(moment: datetime) -> str:
    """A moment as families read it in a notice: local time, to the minute."""
    return moment.astimezone(LOCAL_TZ).strftime("%Y-%m-%d %H:%M")
