"""Volunteer registry rules (志愿者, DOMAIN.md §3.11): the availability a volunteer offers, the identity documents
accepted, the steps a coordinator takes on a volunteer's status, and the volunteer number. Pure: no database.

A volunteer who registers waits (待审核) until a coordinator approves (在册) or rejects them. There is no status of
its own for a rejection: a rejected registration is 退出 (left) without a volunteer number, with the reason in
the audit trail and the notice the applicant receives."""

from enum import StrEnum

from jingkang_app.domain.rules.volunteers import DAY_PARTS, WEEKDAYS, VolunteerStatus

# What a volunteer ticks under 「可服务时间」: weekday × part of the day, "mon_am" … "sun_eve".
SLOTS = tuple(f"{day}_{part}" for day in WEEKDAYS for part in DAY_PARTS)
# 证件类型 (民政部令第67号: the record holds the volunteer's identity document): 居民身份证, 护照,
# 港澳居民来往内地通行证, 台湾居民来往大陆通行证. Only the resident ID has a checksum to verify.
ID_TYPES = ("resident_id", "passport", "hk_macao_permit", "taiwan_permit")
RESIDENT_ID = "resident_id"
NAME_MAX, ID_NUMBER_MAX, REASON_MAX = 32, 32, 200

NUMBER_PREFIX = "ZY"
PROVISIONAL_PREFIX = "P"  # a number not yet given (the column is unique and required)


class VolunteerStep(StrEnum):
    approve = "approve"
    reject = "reject"
    pause = "pause"
    resume = "resume"
    leave = "leave"


_S, _E = VolunteerStatus, VolunteerStep
TRANSITIONS: dict[tuple[VolunteerStatus, VolunteerStep], VolunteerStatus] = {
    (_S.pending, _E.approve): _S.active,
    (_S.pending, _E.reject): _S.left,
    (_S.active, _E.pause): _S.paused,
    (_S.paused, _E.resume): _S.active,
    (_S.active, _E.leave): _S.left,
    (_S.paused, _E.leave): _S.left,
}
# The volunteer is told why: a rejection, a pause and a leaving need a reason; approving and resuming do not.
REASON_REQUIRED = frozenset({_E.reject, _E.pause, _E.leave})
# Steps after which the volunteer holds no seat on a shift yet to come.
STEPS_OFF_DUTY = frozenset({_E.pause, _E.leave})


def next_status(status: str, step: VolunteerStep) -> VolunteerStatus | None:
    """The status ``step`` leads to from ``status``, or None when the step is not allowed from there."""
    return TRANSITIONS.get((VolunteerStatus(status), step))


def volunteer_number(county_code: str, volunteer_id: int) -> str:
    """志愿者编号 on the certificate, e.g. "ZY-330127-000123": the county's code and the volunteer's own id, so it is
    unique without a counter two approvals could race for."""
    return f"{NUMBER_PREFIX}-{county_code}-{volunteer_id:06d}"


def provisional_number(token: str) -> str:
    """What a registration waiting for approval carries instead (``token``: a random hex string); never shown."""
    return (PROVISIONAL_PREFIX + token)[:32]


def is_assigned(volunteer_no: str) -> bool:
    return volunteer_no.startswith(NUMBER_PREFIX + "-")


def shown_number(volunteer_no: str) -> str:
    """The number as views show it: empty until a coordinator has approved the volunteer."""
    return volunteer_no if is_assigned(volunteer_no) else ""
