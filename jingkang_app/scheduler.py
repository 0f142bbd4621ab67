"""Scheduled work inside the app: relapse alerts untaken past their deadline escalate (DOMAIN.md §5, 绿色通道).

Registered as a Reflex lifespan task, so it runs in every backend worker. That is safe: escalate_overdue claims
each step with a conditional UPDATE (``escalation_level == level - 1``), so only one worker moves an alert up a
level and only that one notifies the coordinators."""

import asyncio
import logging

from jingkang_app.domain.db import session_scope
from jingkang_app.domain.services import alerts

INTERVAL_SECONDS = 60

logger = logging.getLogger(__name__)


def escalate_once(url: str | None = None) -> int:
    """One tick: escalates every overdue alert (the service commits each step it claims); returns how many."""
    with session_scope(url) as session:
        return alerts.escalate_overdue(session)


async def tick() -> None:
    """One tick off the event loop (the database calls block); a failure is logged and the next tick retries."""
    try:
        escalated = await asyncio.to_thread(escalate_once)
    except Exception:
        logger.exception("Escalating overdue relapse alerts failed; retrying in %s s", INTERVAL_SECONDS)
        return
    if escalated:
        logger.info("Escalated %d overdue relapse alert(s)", escalated)


async def escalate_overdue_alerts() -> None:
    """The lifespan task: a tick every minute until the app stops (cancellation ends the sleep)."""
    while True:
        await tick()
        await asyncio.sleep(INTERVAL_SECONDS)
