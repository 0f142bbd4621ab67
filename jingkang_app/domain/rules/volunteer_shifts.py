"""Volunteer shift rules (志愿服务岗位/班次, DOMAIN.md §3.11, §5, §8): a shift's times and seats, who qualifies for it,
overlaps, the cancel window, the weekly hours cap, and how well a volunteer fits it. Pure: no database.

Times are stored in UTC; weekdays, parts of the day and ISO weeks are the local (Asia/Shanghai) calendar's."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from jingkang_app.domain.clock import LOCAL_TZ
from jingkang_app.domain.rules.volunteers import WEEKDAYS, ShiftKind, SignUpStatus

MAX_CAPACITY = 50  # volunteers on one shift
MAX_HOURS = 12  # a longer shift is a typing slip (or several shifts)
PLACE_MAX, TASK_MAX, FIRST_NAME_MAX, REASON_MAX = 100, 200, 8, 200

# A seat is held from signing up until the hours are verified (or the volunteer did not come): these sign-ups
# count as planned hours and for overlaps. An invitation holds no seat until it is accepted.
SEATED = (SignUpStatus.signed_up, SignUpStatus.checked_in, SignUpStatus.checked_out, SignUpStatus.verified)
LIVE = (SignUpStatus.invited, *SEATED)  # one such sign-up per volunteer and shift (the table's unique index)
# What the volunteer or a coordinator may still call off: neither has started serving.
CANCELLABLE = (SignUpStatus.invited, SignUpStatus.signed_up)

# The skills that suit each kind of shift (matching ranks volunteers with one of them higher):
# 陪伴 companionship, a dialect or sign language to talk with the person; 接送 driving; 活动协助 running activities and
# first aid; 喘息协助 caregiving and companionship (the family rests while the volunteer stays); 走访陪同
# companionship and the local dialect (the visitor does the visit, the volunteer helps talk).
KIND_SKILLS: dict[ShiftKind, tuple[str, ...]] = {
    ShiftKind.companion: ("companionship", "dialect", "sign_language"),
    ShiftKind.transport: ("driving",),
    ShiftKind.activity: ("activities", "first_aid"),
    ShiftKind.respite: ("caregiving", "companionship"),
    ShiftKind.visit_companion: ("companionship", "dialect"),
}

# A shift made in one tap from the record it serves asks, unless the coordinator says otherwise: at the family's
# home (喘息协助) an insured volunteer trained in respite care; on a home visit (走访陪同) an insured one with the
# mental-health basics; a 接送 driver insured; at a family event (活动协助) the volunteer basics course.
ONE_TAP_NEEDS: dict[ShiftKind, tuple[bool, str | None]] = {
    ShiftKind.respite: (True, "respite_care"),
    ShiftKind.visit_companion: (True, "mental_health_basics"),
    ShiftKind.transport: (True, None),
    ShiftKind.activity: (False, "volunteer_basics"),
}
# 喘息协助 and 走访陪同 made in one tap take a morning (local time) of the day; an event's helpers are two.
ONE_TAP_HOURS = (time(9), time(12))
EVENT_HELPERS = 2

# 复姓: two-character surnames, written one after another (欧阳娜娜 → 娜娜).
_COMPOUND = "欧阳司马上官诸葛东方皇甫尉迟公孙慕容长孙宇文司徒夏侯轩辕令狐端木独孤南宫西门闻人澹台呼延"
COMPOUND_SURNAMES = frozenset(_COMPOUND[i : i + 2] for i in range(0, len(_COMPOUND), 2))


def schedule_errors(starts_at: datetime | None, ends_at: datetime | None, now: datetime) -> dict[str, str]:
    """Message keys per field: a start that has passed, an end not after the start, a shift over MAX_HOURS."""
    errors = {}
    if starts_at and starts_at <= now:
        errors["starts_at"] = "error.shift_start_in_past"
    if starts_at and ends_at and ends_at <= starts_at:
        errors["ends_at"] = "error.shift_end_before_start"
    elif starts_at and ends_at and ends_at - starts_at > timedelta(hours=MAX_HOURS):
        errors["ends_at"] = "error.shift_too_long"
    return errors


def capacity_error(capacity: int) -> str | None:
    return None if 1 <= capacity <= MAX_CAPACITY else "error.shift_capacity"


def seats_left(capacity: int, seats_taken: int) -> int:
    return max(capacity - seats_taken, 0)


def hours(starts_at: datetime, ends_at: datetime) -> float:
    return (ends_at - starts_at).total_seconds() / 3600


def overlaps(a_start: datetime, a_end: datetime, b_start: datetime, b_end: datetime) -> bool:
    """Two shifts overlap when one starts before the other ends; one ending as the next starts is fine."""
    return a_start < b_end and b_start < a_end


def cancel_deadline(starts_at: datetime, cancel_hours: int) -> datetime:
    """Until when the volunteer may cancel their own sign-up (the county's volunteer.cancel_hours before)."""
    return starts_at - timedelta(hours=cancel_hours)


def may_cancel_self(starts_at: datetime, now: datetime, cancel_hours: int) -> bool:
    return now <= cancel_deadline(starts_at, cancel_hours)


def local_day(moment: datetime) -> date:
    return moment.astimezone(LOCAL_TZ).date()


def week_bounds(moment: datetime) -> tuple[datetime, datetime]:
    """The local ISO week (Monday 00:00 to the next Monday 00:00) around ``moment``, as aware datetimes."""
    local = moment.astimezone(LOCAL_TZ)
    monday = datetime.combine(local.date() - timedelta(days=local.weekday()), datetime.min.time(), LOCAL_TZ)
    return monday, monday + timedelta(days=7)


@dataclass(frozen=True)
class WeeklyHours:
    """The weekly cap (DOMAIN.md §5) as the coordinator is warned of it: hours already planned in the shift's
    ISO week, with this shift added, against the county's cap. A warning, never a refusal."""

    planned: float
    with_shift: float
    cap: int
    over: bool


def weekly_hours(planned: float, shift_hours: float, cap: int) -> WeeklyHours:
    total = planned + shift_hours
    return WeeklyHours(round(planned, 2), round(total, 2), cap, total > cap)


def _part(hour: int) -> str:
    return "am" if hour < 12 else "pm" if hour < 18 else "eve"


def _next_boundary(local: datetime) -> datetime:
    for hour in (12, 18):
        if local.hour < hour:
            return local.replace(hour=hour, minute=0, second=0, microsecond=0)
    return (local + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)


def slots_of(starts_at: datetime, ends_at: datetime) -> tuple[str, ...]:
    """The availability slots ("mon_am", …) a shift touches: before 12:00, 12:00–18:00, after 18:00 local."""
    moment, end = starts_at.astimezone(LOCAL_TZ), ends_at.astimezone(LOCAL_TZ)
    slots: list[str] = []
    while moment < end:
        slot = f"{WEEKDAYS[moment.weekday()]}_{_part(moment.hour)}"
        if slot not in slots:
            slots.append(slot)
        moment = _next_boundary(moment)
    return tuple(slots)


def available_for(availability: list[str], starts_at: datetime, ends_at: datetime) -> bool:
    """The volunteer offered every slot the shift touches."""
    return set(slots_of(starts_at, ends_at)) <= set(availability)


def unmet_needs(
    *,
    needs_insurance: bool,
    needs_training: str | None,
    last_day: date,
    insured_until: date | None,
    trainings: list[str],
) -> tuple[str, ...]:
    """What keeps a volunteer off a shift (DOMAIN.md §5): "insurance" when it needs insurance and theirs is missing
    or ends before the shift's last day, "training" when they lack the training it needs. Empty: they qualify."""
    unmet = []
    if needs_insurance and (insured_until is None or insured_until < last_day):
        unmet.append("insurance")
    if needs_training and needs_training not in trainings:
        unmet.append("training")
    return tuple(unmet)


def skills_for(kind: str, skills: list[str]) -> tuple[str, ...]:
    """The volunteer's skills that suit a shift of ``kind`` (KIND_SKILLS)."""
    wanted = KIND_SKILLS.get(ShiftKind(kind), ())
    return tuple(skill for skill in wanted if skill in skills)


AREA_FITS = ("same_village", "same_township", "county")


def area_fit(volunteer_path: str, shift_path: str) -> str:
    """How near the volunteer serves to the shift: the same village, the same township, or only the same county.
    Paths are "/county/township/village/"; a volunteer of a whole township is never "same_village"."""
    volunteer, shift = volunteer_path.strip("/").split("/"), shift_path.strip("/").split("/")
    if len(volunteer) == len(shift) == 3 and volunteer == shift:
        return "same_village"
    if len(volunteer) >= 2 and len(shift) >= 2 and volunteer[:2] == shift[:2]:
        return "same_township"
    return "county"


def shift_reaches(volunteer_path: str, shift_path: str) -> bool:
    """A shift is offered to a volunteer when its area contains theirs or lies inside it: a village volunteer sees
    their village's, their township's and the county's shifts; a township volunteer also every village's of that
    township. Never a neighbouring village's or another township's."""
    return volunteer_path.startswith(shift_path) or shift_path.startswith(volunteer_path)


def one_tap_times(day: date) -> tuple[datetime, datetime]:
    """The morning of ``day`` (local), as a one-tap shift's start and end."""
    start, end = ONE_TAP_HOURS
    return datetime.combine(day, start, LOCAL_TZ), datetime.combine(day, end, LOCAL_TZ)


def given_name(full_name: str) -> str:
    """What a shift calls the person it serves (least view, DOMAIN.md §8): the given name only, without the
    surname — 张建国 → 建国, 王伟 → 伟, 欧阳娜娜 → 娜娜. A one-character name stays as it is."""
    name = full_name.strip()
    surname = 2 if name[:2] in COMPOUND_SURNAMES and len(name) > 2 else 1
    return (name[surname:] or name)[:FIRST_NAME_MAX]
