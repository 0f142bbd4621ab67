"""Client ids: every create carries a device-generated id, so a resent submission (an outbox retry, a double tap)
returns the stored record instead of storing a twin (DESIGN.md "Idempotency")."""

from typing import TypeVar

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, SQLModel, select

from jingkang_app.domain.errors import FieldError, ValidationFailed
from jingkang_app.domain.rules.fields import FieldErrors

MIN_LENGTH, MAX_LENGTH = 8, 36
T = TypeVar("T", bound=SQLModel)


def client_id_of(data: dict) -> str:
    return str(data.get("client_id") or "").strip()


def check_client_id(errors: FieldErrors, client_id: str) -> None:
    if not MIN_LENGTH <= len(client_id) <= MAX_LENGTH:
        errors.add("client_id", "error.required")


def stored_repeat(
    session: Session, model: type[T], client_id: str, owner_id: int, *, owner: str = "recipient_id"
) -> T | None:
    """The record already stored under ``client_id``, if any. It is returned only for the same (already
    authorised) owner — the recipient, or for records of no recipient the column ``owner`` names: a client id
    reused for another owner is refused, so it never reads someone else's record."""
    if not client_id:
        return None
    existing = session.exec(select(model).where(model.client_id == client_id)).first()
    if existing is not None and getattr(existing, owner) != owner_id:
        raise ValidationFailed({"client_id": FieldError("error.client_id_reused")})
    return existing


def stored_for(session: Session, model: type[T], client_id: str, recipient_id: int) -> T | None:
    """The record of this recipient stored under ``client_id``, if any (never another recipient's)."""
    return session.exec(
        select(model).where(model.client_id == client_id, model.recipient_id == recipient_id)
    ).first()


def insert_once(session: Session, record: T, *, owner: str = "recipient_id") -> T | None:
    """Adds ``record`` (a new row with client_id and its owner, see stored_repeat). None when it was inserted;
    otherwise the same submission arrived twice at once (an outbox retry beside the online event), the other
    request stored it first, and that stored record is returned after this transaction is rolled back. Any other
    constraint the row breaks is raised again (after the rollback) for the caller to explain."""
    session.add(record)
    try:
        session.flush()
    except IntegrityError:
        session.rollback()
        stored = stored_repeat(session, type(record), record.client_id, getattr(record, owner), owner=owner)
        if stored is None:
            raise
        return stored
    return None
