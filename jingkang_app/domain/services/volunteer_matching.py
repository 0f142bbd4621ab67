"""Who fits a shift (DOMAIN.md §3.11, §5): the active volunteers of the coordinator's area, ranked for one shift,
each row saying why, for the coordinator choosing whom to invite.

The order, first difference wins:
1. qualifies: insured for the shift's days and trained as it needs (the others cannot take it, and come last);
2. where they serve: the shift's own village, then its township, then elsewhere in the county
   (rules.volunteer_shifts.area_fit);
3. availability: they offered every weekday × part of the day the shift touches;
4. skills: one of theirs suits the kind of shift (rules.volunteer_shifts.KIND_SKILLS);
5. fewer hours served in the last 30 days (verified time where verified, else the shift's length), so the work
   is shared;
then by name. Each row also carries the weekly hours cap warning — it warns, it never excludes."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta

from sqlmodel import Session, col, or_, select

from jingkang_app.domain import clock, settings
from jingkang_app.domain.models import Area, ShiftSignUp, Volunteer, VolunteerShift
from jingkang_app.domain.permissions import Actor
from jingkang_app.domain.rules import volunteer_shifts as rules
from jingkang_app.domain.rules.volunteers import ShiftStatus, VolunteerStatus
from jingkang_app.domain.services.shift_offers import unmet_for
from jingkang_app.domain.services.shift_views import managed_shift
from jingkang_app.domain.services.volunteer_views import managed_paths

RECENT = timedelta(days=30)
MATCH_MAX = 50


@dataclass(frozen=True)
class Why:
    key: str  # a catalogue key, e.g. "match.same_village"
    params: dict


@dataclass(frozen=True)
class MatchRow:
    volunteer_id: int
    name: str
    area_name: str
    qualifies: bool
    unmet: tuple[str, ...]  # "insurance", "training"
    area_fit: str  # rules.volunteer_shifts.AREA_FITS
    available: bool
    skills: tuple[str, ...]  # theirs that suit the kind
    hours_30d: float
    weekly: rules.WeeklyHours
    sign_up_status: str | None  # already invited or signed up for this shift
    why: tuple[Why, ...]


def _hours_by_volunteer(
    session: Session, ids: list[int], since, until, besides: int | None
) -> dict[int, float]:
    """Hours of each volunteer's seats on shifts starting in [since, until): verified time where verified."""
    rows = session.exec(
        select(
            ShiftSignUp.volunteer_id,
            ShiftSignUp.verified_minutes,
            VolunteerShift.starts_at,
            VolunteerShift.ends_at,
        )
        .join(VolunteerShift, VolunteerShift.id == ShiftSignUp.shift_id)
        .where(
            col(ShiftSignUp.volunteer_id).in_(ids),
            col(ShiftSignUp.status).in_(rules.SEATED),
            VolunteerShift.status == ShiftStatus.open,
            VolunteerShift.starts_at >= since,
            VolunteerShift.starts_at < until,
            VolunteerShift.id != (besides or 0),
        )
    ).all()
    hours: dict[int, float] = defaultdict(float)
    for volunteer_id, minutes, starts_at, ends_at in rows:
        hours[volunteer_id] += minutes / 60 if minutes is not None else rules.hours(starts_at, ends_at)
    return hours


def _why(row: dict, area_name: str) -> tuple[Why, ...]:
    reasons = [Why(f"match.no_{need}", {}) for need in row["unmet"]] or [Why("match.qualifies", {})]
    reasons.append(Why(f"match.{row['area_fit']}", {"area": area_name}))
    reasons.append(Why("match.available" if row["available"] else "match.not_available", {}))
    reasons.append(Why("match.skills" if row["skills"] else "match.no_skills", {"count": len(row["skills"])}))
    reasons.append(Why("match.hours_30d", {"hours": round(row["hours_30d"], 1)}))
    weekly = row["weekly"]
    if weekly.over:
        reasons.append(Why("match.over_weekly_cap", {"hours": weekly.with_shift, "cap": weekly.cap}))
    return tuple(reasons)


def match_volunteers(
    session: Session, actor: Actor, shift_id: object, *, limit: int = MATCH_MAX
) -> list[MatchRow]:
    """The coordinator's ranked list for a shift of their area (see the module for the order)."""
    shift, shift_area = managed_shift(session, actor, shift_id)
    paths = managed_paths(actor)
    candidates = session.exec(
        select(Volunteer, Area)
        .join(Area, Area.id == Volunteer.area_id)
        .where(
            Volunteer.status == VolunteerStatus.active,
            or_(col(Volunteer.user_id).is_(None), Volunteer.user_id != actor.user_id),  # never oneself
            or_(*[col(Area.path).startswith(p) for p in paths]),
        )
    ).all()
    ids = [volunteer.id for volunteer, _ in candidates]
    now = clock.now()
    recent = _hours_by_volunteer(session, ids, now - RECENT, now, None)
    monday, next_monday = rules.week_bounds(shift.starts_at)
    week = _hours_by_volunteer(session, ids, monday, next_monday, shift.id)
    cap = settings.get(session, settings.county_id_of(shift_area.path), "volunteer.weekly_hours_cap")
    shift_hours = rules.hours(shift.starts_at, shift.ends_at)
    signed = dict(
        session.exec(
            select(ShiftSignUp.volunteer_id, ShiftSignUp.status).where(
                ShiftSignUp.shift_id == shift.id, col(ShiftSignUp.status).in_(rules.LIVE)
            )
        ).all()
    )
    rows = []
    for volunteer, area in candidates:
        row = {
            "unmet": unmet_for(volunteer, shift),
            "area_fit": rules.area_fit(area.path, shift_area.path),
            "available": rules.available_for(list(volunteer.availability), shift.starts_at, shift.ends_at),
            "skills": rules.skills_for(shift.kind, list(volunteer.skills)),
            "hours_30d": recent[volunteer.id],
            "weekly": rules.weekly_hours(week[volunteer.id], shift_hours, cap),
        }
        rank = (
            bool(row["unmet"]),
            rules.AREA_FITS.index(row["area_fit"]),
            not row["available"],
            not row["skills"],
            row["hours_30d"],
            volunteer.name,
            volunteer.id,
        )
        match = MatchRow(
            volunteer_id=volunteer.id,
            name=volunteer.name,
            area_name=area.name,
            qualifies=not row["unmet"],
            sign_up_status=signed.get(volunteer.id),
            why=_why(row, area.name),
            **row,
        )
        rows.append((rank, match))
    return [match for _, match in sorted(rows, key=lambda pair: pair[0])[:limit]]
