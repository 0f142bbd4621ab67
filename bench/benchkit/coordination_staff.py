"""The staff side of the county's coordination records (benchkit/coordination.py): volunteers with their shifts
and service records, staff training, and public feedback."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import TYPE_CHECKING

from benchkit.county import COUNTY_CODE, weighted
from jingkang_app.demo_people import demo_staff_name
from jingkang_app.domain import settings
from jingkang_app.domain.models import Feedback, Role, ShiftSignUp, StaffTraining, Volunteer, VolunteerShift
from jingkang_app.domain.rules.feedback import FeedbackKind, FeedbackStatus
from jingkang_app.domain.rules.volunteer_hours import STEP_MINUTES
from jingkang_app.domain.rules.volunteer_registry import SLOTS, provisional_number, volunteer_number
from jingkang_app.domain.rules.volunteer_shifts import SEATED
from jingkang_app.domain.rules.volunteers import SKILLS, TRAININGS, ShiftKind, SignUpStatus, VolunteerStatus

if TYPE_CHECKING:
    from benchkit.coordination import Records

VOLUNTEERS_PER_TOWNSHIP = 30  # of 10,000 recipients
SHIFTS_PER_MONTH = 300  # in the county of 100,000
SHIFTS_AHEAD_DAYS = 14  # shifts are planned up to two weeks ahead
FEEDBACK = 300  # over the 13 months
TRAININGS_PER_YEAR = (3, 8)  # per staff member
COURSES = (
    "严重精神障碍患者管理规范",
    "精神康复技能培训",
    "危险性评估实务",
    "社区康复服务规范",
    "家庭照护指导",
)
ANSWER_WITHIN_DAYS = settings.DEFAULTS["feedback.answer_within_days"]
ANSWER_LATE_SHARE = 0.12
ANSWERED_SHARE = 0.88
_V, _U = VolunteerStatus, SignUpStatus
VOLUNTEER_STATUSES = weighted({_V.active: 85, _V.pending: 7, _V.paused: 4, _V.left: 4})
PAST = weighted({_U.verified: 85, _U.no_show: 5, _U.checked_out: 5, _U.cancelled: 5})
LAST_DAYS = weighted({_U.checked_out: 70, _U.verified: 20, _U.no_show: 10})  # ended in the last 3 days
COMING = weighted({_U.signed_up: 80, _U.invited: 15, _U.cancelled: 5})
TASKS = {
    ShiftKind.companion: "陪伴聊天、散步",
    ShiftKind.transport: "接送至康复站",
    ShiftKind.activity: "协助康复站小组活动",
    ShiftKind.respite: "喘息服务期间协助照看",
    ShiftKind.visit_companion: "陪同入户走访",
}
KIND_CHOICES = tuple(ShiftKind)


def volunteering(r: Records) -> None:
    active = [_volunteers(r, t) for t in range(r.size.townships)]
    for _ in range(r.monthly(SHIFTS_PER_MONTH, r.county_scale)):
        t = r.rng.randrange(r.size.townships)
        _shift(r, t, active[t])


def _volunteers(r: Records, township: int) -> list[int]:
    """The township's volunteers; returns the ids of the active ones."""
    rng, coordinator = r.rng, r.layout.coordinator_ids[township]
    active = []
    for _ in range(max(5, round(VOLUNTEERS_PER_TOWNSHIP * r.township_scale))):
        status = rng.choice(VOLUNTEER_STATUSES)
        joined = r.start - timedelta(days=rng.randint(0, 365))
        row = r.add(
            Volunteer,
            {
                "client_id": r.uuid(),
                "user_id": None,  # registered by the coordinator, without an account
                "volunteer_no": provisional_number(r.uuid().replace("-", "")),
                "name": demo_staff_name(rng)[0],
                "phone": f"138{rng.randrange(10**8):08d}",
                "id_type": "",
                "id_number": "",
                "area_id": r.layout.township_ids[township],
                "skills": sorted(rng.sample(SKILLS, rng.randint(1, 3)), key=SKILLS.index),
                "availability": sorted(rng.sample(SLOTS, rng.randint(2, 6)), key=SLOTS.index),
                "insured_until": r.today + timedelta(days=rng.randint(-30, 365)),
                "trainings": list(TRAININGS[: rng.randint(0, len(TRAININGS))]),
                "status": status,
                "recipient_id": None,
                "decided_by": None if status == _V.pending else coordinator,
                "decided_at": None if status == _V.pending else r.at(joined + timedelta(days=2)),
                "created_by": coordinator,
                "created_at": r.at(joined),
                "updated_by": None,
                "updated_at": None,
                "version": 1,
            },
        )
        if status != _V.pending:
            row["volunteer_no"] = volunteer_number(COUNTY_CODE, row["id"])
        if status == _V.active:
            active.append(row["id"])
    return active


def _shift(r: Records, township: int, volunteers: list[int]) -> None:
    rng, coordinator = r.rng, r.layout.coordinator_ids[township]
    day, kind = r.day(ahead=SHIFTS_AHEAD_DAYS), rng.choice(KIND_CHOICES)
    # 08:00–15:00 local (UTC+8), one to three hours.
    starts_at = datetime.combine(day, time(0, 0), UTC) + timedelta(hours=rng.randint(0, 7))
    ends_at = starts_at + timedelta(hours=rng.choice((1, 2, 2, 3)))
    cancelled = rng.random() < 0.04
    capacity = rng.randint(1, 4)
    created_at = min(starts_at - timedelta(days=rng.randint(3, 14)), r.now)
    shift = r.add(
        VolunteerShift,
        {
            "client_id": r.uuid(),
            "area_id": r.layout.township_ids[township],
            "kind": kind,
            "place": f"第{township + 1}镇精康服务站",
            "starts_at": starts_at,
            "ends_at": ends_at,
            "capacity": capacity,
            "seats_taken": 0,
            "needs_insurance": False,
            "needs_training": None,
            "task": TASKS[kind],
            "first_name": "",
            "respite_request_id": None,
            "event_id": None,
            "home_visit_id": None,
            "status": "cancelled" if cancelled else "open",
            "cancel_reason": "天气原因取消" if cancelled else "",
            "created_by": coordinator,
            "created_at": created_at,
            "updated_by": None,
            "updated_at": None,
            "version": 1,
        },
    )
    if cancelled:
        return
    ended = r.now - ends_at
    statuses = PAST if ended > timedelta(days=3) else LAST_DAYS if ended > timedelta(0) else COMING
    # Distinct volunteers: one live sign-up per volunteer and shift (the table's partial unique index).
    for volunteer_id in rng.sample(volunteers, min(len(volunteers), rng.randint(0, capacity))):
        status = rng.choice(statuses)
        shift["seats_taken"] += int(status in SEATED)
        r.add(ShiftSignUp, _sign_up(r, shift, volunteer_id, status, coordinator))


def _sign_up(r: Records, shift: dict, volunteer_id: int, status: str, coordinator: int) -> dict:
    rng = r.rng
    came = status in (_U.checked_out, _U.verified)
    verified = status == _U.verified
    minutes = int((shift["ends_at"] - shift["starts_at"]).total_seconds() // 60)
    verified_at = min(shift["ends_at"] + timedelta(days=rng.randint(1, 3)), r.now)
    return {
        "client_id": r.uuid(),
        "shift_id": shift["id"],
        "volunteer_id": volunteer_id,
        "status": status,
        "invited_by": coordinator if status == _U.invited else None,
        "check_in_at": shift["starts_at"] - timedelta(minutes=rng.randint(0, 10)) if came else None,
        "check_out_at": shift["ends_at"] + timedelta(minutes=rng.randint(0, 10)) if came else None,
        "corrected_by": None,
        "correction_reason": "",
        "verified_minutes": minutes - minutes % STEP_MINUTES if verified else None,
        "verified_by": coordinator if verified else None,
        "verified_at": verified_at if verified else None,
        "rating": rng.choice((4, 5)) if verified else None,
        "cancelled_at": min(shift["created_at"] + timedelta(days=1), r.now)
        if status == _U.cancelled
        else None,
        "created_by": coordinator,
        "created_at": shift["created_at"],
        "updated_by": None,
        "updated_at": None,
        "version": 1,
    }


def staff_training(r: Records) -> None:
    """Every staff account's courses over the span, recorded by its township's coordinator (the county's for
    coordinators)."""
    rng, layout = r.rng, r.layout
    for user_id, role, area_id in layout.staff():
        coordinator = role in (Role.county_coordinator, Role.township_coordinator)
        recorder = (
            layout.county_coordinator_id if coordinator else layout.coordinator_ids[_township(r, area_id)]
        )
        for _ in range(round(rng.randint(*TRAININGS_PER_YEAR) * r.span / 365)):
            day = r.day()
            r.add(
                StaffTraining,
                {
                    "client_id": r.uuid(),
                    "user_id": user_id,
                    "area_id": area_id,
                    "course": rng.choice(COURSES),
                    "organiser": "县精神卫生中心",
                    "minutes": rng.choice((120, 180, 240, 240, 360, 480)),
                    "trained_on": day,
                    "recorded_by": recorder,
                    "created_at": r.at(min(day + timedelta(days=rng.randint(0, 7)), r.today)),
                    "version": 1,
                },
            )


def _township(r: Records, area_id: int) -> int:
    """The township index of a township's or a village's id (county.Layout numbers townships, then villages)."""
    layout = r.layout
    if area_id in layout.township_ids:
        return layout.township_ids.index(area_id)
    return layout.township_of(layout.village_ids.index(area_id))


def feedback(r: Records) -> None:
    """Most answered on time, some late; the open ones mostly recent."""
    rng, layout = r.rng, r.layout
    for _ in range(max(5, round(FEEDBACK * r.county_scale))):
        about_county = rng.random() < 0.1
        t = rng.randrange(r.size.townships)
        received = r.day()
        answer_by = r.working_days_after(received, ANSWER_WITHIN_DAYS)
        answered_on = (
            answer_by + timedelta(days=rng.randint(1, 6))
            if rng.random() < ANSWER_LATE_SHARE
            else r.working_days_after(received, rng.randint(0, ANSWER_WITHIN_DAYS))
        )
        answered = rng.random() < ANSWERED_SHARE and answered_on <= r.today
        coordinator = layout.county_coordinator_id if about_county else layout.coordinator_ids[t]
        r.add(
            Feedback,
            {
                "client_id": r.uuid(),
                "area_id": 1 if about_county else layout.township_ids[t],
                "kind": rng.choice((FeedbackKind.suggestion, FeedbackKind.complaint)),
                "content": "希望康复站增加周末活动时间",
                "contact_name": "",
                "contact_phone": "",
                "status": FeedbackStatus.answered if answered else FeedbackStatus.open,
                "received_on": received,
                "answer_by": answer_by,
                "answer": "感谢您的建议，已转康复站研究落实" if answered else "",
                "answered_by": coordinator if answered else None,
                "answered_at": r.at(answered_on) if answered else None,
                "answered_on": answered_on if answered else None,
                "created_at": r.at(received),
                "version": 1,
            },
        )
