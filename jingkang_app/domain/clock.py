"""The one source of "now", so tests and scheduled jobs can run on a fake clock."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

LOCAL_TZ = ZoneInfo("Asia/Shanghai")

_now: Callable[[], datetime] = lambda: datetime.now(UTC)  # noqa: E731


def now() -> datetime:
    """Current time, timezone-aware UTC."""
    return _now()


def today() -> date:
    """Today's date in the local (Asia/Shanghai) calendar, which due-lists use."""
    return now().astimezone(LOCAL_TZ).date()


def set_clock(fn: Callable[[], datetime]) -> None:
    global _now
    _now = fn


@contextmanager
def frozen_at(moment: datetime) -> Iterator[None]:
    """Runs with "now" fixed at ``moment`` (the demo's back-dated history), then restores whatever clock ran."""
    global _now
    previous = _now
    _now = lambda: moment  # noqa: E731
    try:
        yield
    finally:
        _now = previous


def reset_clock() -> None:
    set_clock(lambda: datetime.now(UTC))


class FakeClock:
    """A settable clock for tests: ``clock = FakeClock(start); set_clock(clock); clock.advance(hours=13)``."""

    def __init__(self, start: datetime):
        self.current = start

    def __call__(self) -> datetime:
        return self.current

    def advance(self, **delta: float) -> None:
        self.current += timedelta(**delta)
