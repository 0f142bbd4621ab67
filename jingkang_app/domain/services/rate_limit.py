"""The public forms' rate limit (意见反馈, 成为志愿者): at most the county's ``public_form.max_per_hour`` accepted
submissions per form and client address in any hour. Hits live in the shared database (RateLimitHit), so every
worker counts the same ones. A form asks ``check`` as early as it can (before hashing a password, say) and adds its
``hit`` in its own transaction once every field is accepted, so refused submissions never count; a resend of a
stored submission (the same client id) is answered before either, so it never counts again."""

import secrets
from datetime import timedelta

from sqlalchemy import delete, func
from sqlmodel import Session, select

from jingkang_app.domain import clock, settings
from jingkang_app.domain.errors import TooManySubmissions
from jingkang_app.domain.models import RateLimitHit

WINDOW = timedelta(hours=1)
KEEP = timedelta(days=1)
# About one accepted submission in this many also clears old hits: the table stays a day deep without a job.
PRUNE_ONE_IN = 100
UNKNOWN_ADDRESS = (
    "unknown"  # callers whose address is not known share one bucket rather than escape the limit
)
BUCKET_MAX = 96


def bucket_of(form: str, client_address: str | None) -> str:
    return f"{form}:{client_address or UNKNOWN_ADDRESS}"[:BUCKET_MAX]


def hits_in_window(session: Session, bucket: str) -> int:
    return session.exec(
        select(func.count())
        .select_from(RateLimitHit)
        .where(RateLimitHit.bucket == bucket, RateLimitHit.at > clock.now() - WINDOW)
    ).one()


def limit_of(session: Session, area_path: str) -> int:
    """The hourly limit of the county a submission is about."""
    return settings.get(session, settings.county_id_of(area_path), "public_form.max_per_hour")


def check(session: Session, form: str, client_address: str | None, *, max_per_hour: int) -> None:
    """Refuses with TooManySubmissions when the address already sent ``max_per_hour`` of ``form`` in the last
    hour."""
    if hits_in_window(session, bucket_of(form, client_address)) >= max_per_hour:
        raise TooManySubmissions(minutes=WINDOW.seconds // 60)


def hit(session: Session, form: str, client_address: str | None) -> None:
    """Counts an accepted submission (the caller commits it with the submission)."""
    session.add(RateLimitHit(bucket=bucket_of(form, client_address), at=clock.now()))
    if secrets.randbelow(PRUNE_ONE_IN) == 0:
        prune(session)


def check_and_hit(session: Session, form: str, client_address: str | None, *, max_per_hour: int) -> None:
    """For a submission already found valid: refused at the limit, else counted."""
    check(session, form, client_address, max_per_hour=max_per_hour)
    hit(session, form, client_address)


def prune(session: Session) -> None:
    """Drops hits older than a day (long past any window)."""
    session.execute(delete(RateLimitHit).where(RateLimitHit.at < clock.now() - KEEP))
