"""Volunteer coordination rules (DOMAIN.md §3.11, §5): the kinds and statuses every volunteer module shares.
Pure: no database. The rules with arithmetic (overlap, cancel window, weekly cap, verified hours, points) live
beside these in this package's volunteer modules."""

from enum import StrEnum


class VolunteerStatus(StrEnum):
    pending = "pending"  # 待审核
    active = "active"  # 在册
    paused = "paused"  # 暂停
    left = "left"  # 退出


class ShiftKind(StrEnum):
    companion = "companion"  # 陪伴
    transport = "transport"  # 接送
    activity = "activity"  # 活动协助
    respite = "respite"  # 喘息协助
    visit_companion = "visit_companion"  # 走访陪同


class ShiftStatus(StrEnum):
    open = "open"
    cancelled = "cancelled"


class SignUpStatus(StrEnum):
    invited = "invited"  # the coordinator asked; the volunteer has not accepted yet (holds no seat)
    signed_up = "signed_up"  # holds a seat
    checked_in = "checked_in"
    checked_out = "checked_out"
    verified = "verified"  # hours counted (and points earned)
    no_show = "no_show"
    cancelled = "cancelled"


# What a volunteer can offer and what they have been trained in (keys; labels in the catalogue).
SKILLS = ("companionship", "driving", "activities", "caregiving", "sign_language", "dialect", "first_aid")
TRAININGS = ("volunteer_basics", "mental_health_basics", "respite_care", "first_aid")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_PARTS = ("am", "pm", "eve")  # before 12:00, 12:00–18:00, after 18:00 (local time)
