"""Volunteers in the demo county, through the real services: the demo volunteer registers on the public form and
the township coordinator approves them (so the demo login is a volunteer with a record and a number); a month ago
they helped at a rehab activity, checked in and out, and the coordinator verified the hours (points earned); next
week's caregiver training has an activity shift they are signed up for, and a second registration waits for
approval.

Deterministic client ids; each later step only when its record was new, so loading twice adds nothing.
"""

from datetime import UTC, datetime, time, timedelta

from sqlmodel import Session, select

from jingkang_app.demo_history import days_ago
from jingkang_app.domain import clock
from jingkang_app.domain.models import Area, FamilyEvent, User
from jingkang_app.domain.permissions import Actor
from jingkang_app.domain.rules.volunteer_registry import VolunteerStep
from jingkang_app.domain.services import (
    auth,
    service_records,
    service_review,
    shift_sign_ups,
    shift_sources,
    shifts,
    volunteer_registration,
    volunteers,
)

PAST_SHIFT_DAYS_AGO = 30


def _register(session: Session, key: str, name: str, phone: str, password: str, area: Area, **extra):
    form = {
        "client_id": f"demo-volunteer-{key}",
        "name": name,
        "phone": phone,
        "password": password,
        "area_id": area.id,
        "skills": ["companionship", "activities", "dialect"],
        "availability": ["sat_am", "sat_pm", "sun_am", "wed_eve"],
        "insured_until": (clock.today() + timedelta(days=300)).isoformat(),
        "trainings": ["volunteer_basics", "mental_health_basics", "respite_care"],
    } | extra
    return volunteer_registration.register_volunteer(session, form)


def _past_shift(session: Session, coordinator: Actor, volunteer: Actor, area: Area) -> None:
    """A rehab activity a month ago: signed up, checked in 08:55 and out 11:05, verified (130 minutes, 21 points)."""
    with days_ago(PAST_SHIFT_DAYS_AGO + 3):
        starts = datetime.combine(clock.today() + timedelta(days=3), time(9, 0))
        form = {
            "client_id": "demo-shift-past-activity",
            "kind": "activity",
            "place": f"{area.name}文化礼堂",
            "starts_at": starts.isoformat(),
            "ends_at": (starts + timedelta(hours=2)).isoformat(),
            "capacity": 3,
            "task": "协助组织康复手工活动",
        }
        shift = shifts.create_shift(session, coordinator, form)
        if shift.repeat:
            return
        saved = shift_sign_ups.sign_up(session, volunteer, shift.shift.id, {"client_id": "demo-sign-up-past"})
    sign_up_id = saved.sign_up.id
    moment = datetime.combine(clock.today() - timedelta(days=PAST_SHIFT_DAYS_AGO), time(0, 55))  # 08:55 local
    with clock.frozen_at(moment.replace(tzinfo=UTC)):
        service_records.check_in(session, volunteer, sign_up_id, {})
    with clock.frozen_at((moment + timedelta(hours=2, minutes=10)).replace(tzinfo=UTC)):
        record = service_records.check_out(session, volunteer, sign_up_id, {})
    with days_ago(PAST_SHIFT_DAYS_AGO - 1):
        service_review.verify_hours(
            session, coordinator, sign_up_id, {"version": record.version, "rating": 5}
        )


def load_demo_volunteers(
    session: Session, *, coordinator: Actor, account_phone: str, password: str, area: Area
) -> User:
    """Returns the demo volunteer's account."""
    saved = _register(session, "demo", "赵雨婷", account_phone, password, area)
    user = session.exec(select(User).where(User.phone == account_phone)).one()
    if not saved.repeat:
        volunteers.change_status(
            session,
            coordinator,
            saved.volunteer.id,
            VolunteerStep.approve,
            {"version": saved.volunteer.version},
        )
        volunteer = auth.actor_for_user(session, user, None)
        _past_shift(session, coordinator, volunteer, area)
        training = session.exec(select(FamilyEvent).where(FamilyEvent.kind == "training")).first()
        if training is not None:
            shift = shift_sources.shift_from_event(
                session, coordinator, {"client_id": "demo-shift-training", "event_id": training.id}
            )
            shift_sign_ups.sign_up(session, volunteer, shift.shift.id, {"client_id": "demo-sign-up-training"})
    _register(session, "waiting", "林晓燕", "13600002468", password, area, skills=["driving"])
    return user
