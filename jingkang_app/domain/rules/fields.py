"""Turning submitted form values (strings from a browser or JSON) into typed values, collecting every field's
error at once so the form can show each beside its field."""

from datetime import UTC, date, datetime

from jingkang_app.domain.clock import LOCAL_TZ
from jingkang_app.domain.errors import FieldError, ValidationFailed


class FieldErrors:
    """Collects errors while a form is read; ``raise_if_any()`` raises them all together."""

    def __init__(self) -> None:
        self.errors: dict[str, FieldError] = {}

    def add(self, field: str, key: str, **params: object) -> None:
        self.errors.setdefault(field, FieldError(key, params))

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationFailed(self.errors)


def text(errors: FieldErrors, data: dict, field: str, *, max_length: int, required: bool = True) -> str:
    value = str(data.get(field) or "").strip()
    if required and not value:
        errors.add(field, "error.required")
    elif len(value) > max_length:
        errors.add(field, "error.too_long", max=max_length)
    return value


def local_date(errors: FieldErrors, data: dict, field: str, *, required: bool = True) -> date | None:
    raw = data.get(field)
    if isinstance(raw, date):
        return raw
    raw = str(raw or "").strip()
    if not raw:
        if required:
            errors.add(field, "error.required")
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        errors.add(field, "error.date_format")
        return None


def local_datetime(errors: FieldErrors, data: dict, field: str, *, required: bool = True) -> datetime | None:
    """A moment in ISO 8601 ("2026-12-05T14:30"); without a zone it is the local (Asia/Shanghai) time the user
    chose. Returned in UTC, as it is stored."""
    raw = data.get(field)
    if not isinstance(raw, datetime):
        raw = str(raw or "").strip()
        if not raw:
            if required:
                errors.add(field, "error.required")
            return None
        try:
            raw = datetime.fromisoformat(raw)
        except ValueError:
            errors.add(field, "error.datetime_format")
            return None
    return (raw if raw.tzinfo else raw.replace(tzinfo=LOCAL_TZ)).astimezone(UTC)


def flag(data: dict, field: str) -> bool:
    """A checkbox: browsers send "on" (or nothing); JSON sends true/false."""
    value = data.get(field)
    if isinstance(value, bool):
        return value
    return str(value or "").strip().lower() in {"on", "true", "1", "yes"}


def whole_number(value: object) -> int:
    """An id or count from a form, a URL or JSON; 0 (which matches no record) for anything else."""
    text = str(value if value is not None else "").strip()
    return int(text) if text.isascii() and text.isdigit() else 0


def recorded_date(
    errors: FieldErrors, data: dict, field: str, *, today: date, registered_on: date
) -> date | None:
    """The date a visit or follow-up took place: required, not in the future, not before registration."""
    value = local_date(errors, data, field)
    if value and value > today:
        errors.add(field, "error.date_in_future")
    elif value and value < registered_on:
        errors.add(field, "error.before_registration")
    return value


def optional_choice(
    errors: FieldErrors, data: dict, field: str, allowed: set[str], default: str | None = None
):
    """One of ``allowed`` when given, else ``default``."""
    return choice(errors, data, field, allowed) if str(data.get(field) or "").strip() else default


def choice(errors: FieldErrors, data: dict, field: str, allowed: set[str]) -> str:
    value = str(data.get(field) or "").strip()
    if not value:
        errors.add(field, "error.required")
    elif value not in allowed:
        errors.add(field, "error.invalid_choice")
    return value


def many(errors: FieldErrors, data: dict, field: str, allowed: tuple[str, ...]) -> list[str]:
    """A checkbox group: a list (JSON, the device outbox) or one value (a form with one box ticked). Returned in
    the form's own order, without repeats."""
    raw = data.get(field)
    values = raw if isinstance(raw, list) else ([raw] if raw not in (None, "") else [])
    chosen = {str(v).strip() for v in values} - {""}
    if chosen - set(allowed):
        errors.add(field, "error.invalid_choice")
        return []
    return [v for v in allowed if v in chosen]
