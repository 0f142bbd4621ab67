"""Half a year of demo care in the home township, recorded through the real services on a clock set back to each
day: follow-ups by the community doctor (their classification and next date decided by the rules), home visits
by the grid worker in the home village. Some recipients are left overdue and one is left with an open relapse
alert, so every field role's 今日任务 has work on it.

Deterministic (seeded random, client ids by recipient and sequence), so loading twice on one day adds nothing.
"""

import random
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time, timedelta

from sqlmodel import Session

from jingkang_app.domain import clock
from jingkang_app.domain.models import Recipient
from jingkang_app.domain.permissions import Actor
from jingkang_app.domain.services import followups, visits

HISTORY_DAYS = 180
OVERDUE_SHARE = 0.25  # recipients whose latest follow-up or visit was missed
VISIT_INTERVAL_DAYS = 30
WORK_HOUR = time(2, 0)  # 10:00 in Shanghai


@contextmanager
def days_ago(days: int) -> Iterator[date]:
    """Runs the services as if it were ``days`` ago, at 10:00 local time."""
    day = clock.today() - timedelta(days=days)
    with clock.frozen_at(datetime.combine(day, WORK_HOUR, tzinfo=UTC)):
        yield day


def followup_answers(rng: random.Random, *, risk: int) -> dict:
    """Answers of a reached patient: mostly well, some with residual symptoms, rarely dangerous."""
    residual = risk > 0 or rng.random() < 0.35
    return {
        "outcome": "reached",
        "form": rng.choice(["1", "2", "2", "3"]),
        "subjects": ["patient", "family"],
        "risk_level": str(risk),
        "symptoms": ["11"] if residual else [],
        "insight": "partial" if residual else "full",
        "sleep": "fair" if residual else "good",
        "diet": "good",
        "self_care": "good",
        "housework": "fair" if residual else "good",
        "work": "na",
        "learning": "good",
        "social": "fair" if residual else "good",
        "lockup": "none",
        "hospital": "none",
        "adherence": "regular" if rng.random() < 0.8 else "intermittent",
        "adverse_reaction": "none",
        "med1_name": rng.choice(["利培酮", "奥氮平", "阿立哌唑"]),
        "med1_morning": "2",
        "med1_evening": "2",
    }


def _risk(rng: random.Random) -> int:
    return rng.choices([0, 1, 2], weights=[80, 14, 6])[0]


def _followups(
    session: Session, doctor: Actor, recipient: Recipient, rng: random.Random, stop_early: bool
) -> None:
    day_offset = HISTORY_DAYS - rng.randint(0, 20)
    n = 0
    while day_offset > 0:
        n += 1
        with days_ago(day_offset) as day:
            form = {
                "client_id": f"demo-followup-{recipient.id}-{n}",
                "recipient_id": recipient.id,
                "followup_date": day.isoformat(),
                "doctor_name": doctor.name,
            } | followup_answers(rng, risk=_risk(rng))
            saved = followups.record_followup(session, doctor, form)
        next_date = saved.followup.next_followup_date
        # Seen a few days either side of the due date; the last one missed for some.
        day_offset = (clock.today() - next_date).days - rng.randint(-3, 5)
        if stop_early and day_offset < 30:
            break


def _visits(
    session: Session, grid_worker: Actor, recipient: Recipient, rng: random.Random, stop_early: bool
) -> None:
    day_offset = HISTORY_DAYS - rng.randint(0, 25)
    n = 0
    while day_offset > 0 and not (stop_early and day_offset < VISIT_INTERVAL_DAYS + 10):
        n += 1
        with days_ago(day_offset) as day:
            visits.record_visit(
                session,
                grid_worker,
                {
                    "client_id": f"demo-visit-{recipient.id}-{n}",
                    "recipient_id": recipient.id,
                    "visit_date": day.isoformat(),
                    "met": ["recipient", "family"],
                    "condition": "stable",
                    "treatment": "regular",
                    "rehab": rng.choice(["attending", "at_home"]),
                    "family": rng.choice(["good", "good", "strained"]),
                    "aid": "none",
                    "satisfaction": rng.choice(["satisfied", "satisfied", "basically"]),
                },
            )
        day_offset -= VISIT_INTERVAL_DAYS + rng.randint(-2, 4)


def _relapse(session: Session, doctor: Actor, recipient: Recipient, rng: random.Random) -> None:
    """Yesterday's follow-up at risk 3: an open relapse alert with an owner and a deadline."""
    with days_ago(1) as day:
        form = {
            "client_id": f"demo-followup-{recipient.id}-relapse",
            "recipient_id": recipient.id,
            "followup_date": day.isoformat(),
            "doctor_name": doctor.name,
        } | followup_answers(rng, risk=3)
        followups.record_followup(session, doctor, form | {"symptoms": ["1", "7"], "insight": "none"})


def load_demo_history(
    session: Session,
    doctor: Actor,
    grid_worker: Actor,
    township: list[Recipient],
    village_ids: set[int],
    seed: int,
) -> None:
    """``township``: the recipients of the doctor's township; those in ``village_ids`` also get home visits."""
    rng = random.Random(seed)
    for recipient in township:
        stop_early = rng.random() < OVERDUE_SHARE
        _followups(session, doctor, recipient, rng, stop_early)
        if recipient.area_id in village_ids:
            _visits(session, grid_worker, recipient, rng, stop_early)
    home = [r for r in township if r.area_id in village_ids]
    if home:
        _relapse(session, doctor, home[-1], rng)
