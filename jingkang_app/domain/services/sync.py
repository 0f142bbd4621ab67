"""The device outbox's way in (DESIGN.md "Offline in a Reflex app"): each queued record goes through the same
service as an online submission, as the logged-in worker, in its own transaction, and comes back with its fate.
A repeat of a client id is acknowledged without storing anything again."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session

from jingkang_app.domain import clock
from jingkang_app.domain.errors import DomainError, FieldError, StaleVersion, ValidationFailed
from jingkang_app.domain.permissions import Actor
from jingkang_app.domain.services import followups, visits

MAX_ITEMS = 100

RECORDERS: dict[str, Callable] = {
    "followup": lambda s, a, data, at: followups.record_followup(s, a, data, captured_at=at),
    "home_visit": lambda s, a, data, at: visits.record_visit(s, a, data, captured_at=at),
    # A correction: based on the version the form was opened at, refused as a conflict if that is stale.
    "followup_edit": lambda s, a, data, _at: followups.edit_followup(s, a, data.get("followup_id"), data),
}


@dataclass
class ItemResult:
    client_id: str
    status: str  # stored / duplicate / rejected / conflict
    id: int | None = None
    error: DomainError | None = None
    field_errors: dict[str, FieldError] = field(default_factory=dict)


def captured_time(raw: object) -> datetime | None:
    """The device's capture time, if it is a sane one: aware, and not in the future (device clocks drift)."""
    try:
        at = datetime.fromisoformat(str(raw).replace("Z", "+00:00"))
    except ValueError:
        return None
    if at.tzinfo is None:
        return None
    return min(at, clock.now())


def sync_item(session: Session, actor: Actor, item: dict) -> ItemResult:
    client_id = str(item.get("client_id") or "").strip()
    recorder = RECORDERS.get(str(item.get("kind") or ""))
    data = item.get("data")
    if recorder is None or not isinstance(data, dict):
        return ItemResult(client_id, "rejected", error=DomainError("error.bad_request"))
    try:
        saved = recorder(
            session, actor, data | {"client_id": client_id}, captured_time(item.get("captured_at"))
        )
    except ValidationFailed as exc:
        session.rollback()
        return ItemResult(client_id, "rejected", error=exc, field_errors=exc.errors)
    except StaleVersion as exc:
        session.rollback()
        return ItemResult(client_id, "conflict", error=exc)
    except DomainError as exc:  # permission, not found: this item, not the whole outbox
        session.rollback()
        return ItemResult(client_id, "rejected", error=exc)
    record = getattr(saved, "followup", None) or getattr(saved, "visit", None)
    return ItemResult(client_id, "duplicate" if saved.repeat else "stored", id=record.id)
