"""Pure volunteer rules: the registry's steps and numbers, a shift's times and seats, who qualifies, overlaps, the
cancel window, the weekly cap, availability slots, area fit, skills and the least-view first name."""

from datetime import UTC, date, datetime, timedelta

import pytest

from jingkang_app.domain.clock import LOCAL_TZ
from jingkang_app.domain.models import ConsentKind
from jingkang_app.domain.rules import transport
from jingkang_app.domain.rules import volunteer_registry as registry
from jingkang_app.domain.rules import volunteer_shifts as rules
from jingkang_app.domain.rules.volunteer_registry import VolunteerStep
from jingkang_app.domain.rules.volunteers import (
    DAY_PARTS,
    SKILLS,
    TRAININGS,
    WEEKDAYS,
    ShiftKind,
    ShiftStatus,
    SignUpStatus,
    VolunteerStatus,
)
from jingkang_app.i18n.en import EN
from jingkang_app.i18n.zh_cn import ZH_CN

NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)  # Monday 10:00 in Shanghai


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=LOCAL_TZ)


# --- registry ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "step", "expected"),
    [
        ("pending", VolunteerStep.approve, VolunteerStatus.active),
        ("pending", VolunteerStep.reject, VolunteerStatus.left),
        ("active", VolunteerStep.pause, VolunteerStatus.paused),
        ("paused", VolunteerStep.resume, VolunteerStatus.active),
        ("paused", VolunteerStep.leave, VolunteerStatus.left),
        ("active", VolunteerStep.approve, None),
        ("left", VolunteerStep.resume, None),
        ("pending", VolunteerStep.pause, None),
    ],
)
def test_only_the_listed_status_steps_are_allowed(status, step, expected):
    assert registry.next_status(status, step) == expected


def test_the_volunteer_number_carries_the_county_code_and_the_volunteers_own_id():
    assert registry.volunteer_number("330127", 123) == "ZY-330127-000123"


def test_a_provisional_number_is_never_shown():
    provisional = registry.provisional_number("ab" * 20)
    assert len(provisional) == 32 and registry.shown_number(provisional) == ""
    assert registry.shown_number("ZY-330127-000123") == "ZY-330127-000123"


def test_availability_slots_are_every_weekday_by_part_of_day():
    assert len(registry.SLOTS) == 21 and registry.SLOTS[:3] == ("mon_am", "mon_pm", "mon_eve")


# --- a shift's times and seats ----------------------------------------------------------------------------


def test_a_shift_starting_in_the_past_or_ending_before_it_starts_is_refused():
    assert rules.schedule_errors(NOW - timedelta(minutes=1), NOW + timedelta(hours=1), NOW) == {
        "starts_at": "error.shift_start_in_past"
    }
    later = NOW + timedelta(days=1)
    assert rules.schedule_errors(later, later, NOW) == {"ends_at": "error.shift_end_before_start"}


def test_a_shift_longer_than_twelve_hours_is_refused():
    start = NOW + timedelta(days=1)
    assert rules.schedule_errors(start, start + timedelta(hours=12), NOW) == {}
    assert rules.schedule_errors(start, start + timedelta(hours=13), NOW) == {
        "ends_at": "error.shift_too_long"
    }


@pytest.mark.parametrize(
    ("capacity", "error"), [(0, "error.shift_capacity"), (1, None), (50, None), (51, "error.shift_capacity")]
)
def test_capacity_is_one_to_fifty(capacity, error):
    assert rules.capacity_error(capacity) == error


def test_seats_left_never_goes_below_zero():
    assert rules.seats_left(3, 1) == 2 and rules.seats_left(2, 3) == 0


def test_back_to_back_shifts_do_not_overlap_but_a_shared_hour_does():
    nine, ten, eleven = local(2026, 12, 1, 9), local(2026, 12, 1, 10), local(2026, 12, 1, 11)
    assert not rules.overlaps(nine, ten, ten, eleven)
    assert rules.overlaps(nine, eleven, ten, eleven)


def test_a_volunteer_may_cancel_until_the_cancel_hours_before_the_start():
    start = NOW + timedelta(hours=12)
    assert rules.may_cancel_self(start, NOW, 12)
    assert not rules.may_cancel_self(start, NOW + timedelta(minutes=1), 12)


# --- the weekly cap ---------------------------------------------------------------------------------------


def test_the_week_is_the_local_iso_week():
    sunday_night = datetime(2026, 11, 29, 15, 30, tzinfo=UTC)  # Sunday 23:30 in Shanghai
    monday, next_monday = rules.week_bounds(sunday_night)
    assert monday == local(2026, 11, 23) and next_monday == local(2026, 11, 30)


def test_the_weekly_cap_warns_only_beyond_the_cap():
    assert not rules.weekly_hours(9, 3, 12).over
    warning = rules.weekly_hours(10, 3, 12)
    assert warning.over and warning.with_shift == 13 and warning.cap == 12


# --- qualification, availability, fit ---------------------------------------------------------------------


def test_insurance_must_cover_the_shifts_last_day_and_the_training_be_done():
    needs = {"needs_insurance": True, "needs_training": "respite_care", "last_day": date(2026, 12, 1)}
    assert rules.unmet_needs(**needs, insured_until=date(2026, 12, 1), trainings=["respite_care"]) == ()
    assert rules.unmet_needs(**needs, insured_until=date(2026, 11, 30), trainings=["respite_care"]) == (
        "insurance",
    )
    assert rules.unmet_needs(**needs, insured_until=None, trainings=[]) == ("insurance", "training")


def test_a_shift_needing_nothing_suits_anyone():
    assert (
        rules.unmet_needs(
            needs_insurance=False,
            needs_training=None,
            last_day=date(2026, 12, 1),
            insured_until=None,
            trainings=[],
        )
        == ()
    )


def test_slots_are_the_local_weekday_and_parts_of_the_day_a_shift_touches():
    # Tuesday 10:00–14:00 Shanghai touches the morning and the afternoon.
    assert rules.slots_of(local(2026, 12, 1, 10), local(2026, 12, 1, 14)) == ("tue_am", "tue_pm")
    assert rules.slots_of(local(2026, 12, 1, 17), local(2026, 12, 1, 19)) == ("tue_pm", "tue_eve")
    assert rules.available_for(["tue_am", "tue_pm"], local(2026, 12, 1, 10), local(2026, 12, 1, 14))
    assert not rules.available_for(["tue_am"], local(2026, 12, 1, 10), local(2026, 12, 1, 14))


@pytest.mark.parametrize(
    ("volunteer", "shift", "fit"),
    [
        ("/1/2/3/", "/1/2/3/", "same_village"),
        ("/1/2/3/", "/1/2/4/", "same_township"),
        ("/1/2/", "/1/2/3/", "same_township"),
        ("/1/2/3/", "/1/5/6/", "county"),
        ("/1/2/3/", "/1/", "county"),
    ],
)
def test_area_fit_ranks_village_then_township_then_county(volunteer, shift, fit):
    assert rules.area_fit(volunteer, shift) == fit


def test_a_shift_reaches_the_areas_above_and_below_only():
    assert rules.shift_reaches("/1/2/3/", "/1/2/")  # the township's shift, for a village volunteer
    assert rules.shift_reaches("/1/2/", "/1/2/3/")  # a village's shift, for a township volunteer
    assert not rules.shift_reaches("/1/2/3/", "/1/2/4/")  # the neighbouring village's


def test_every_kind_has_skills_that_suit_it_and_every_skill_is_known():
    assert set(rules.KIND_SKILLS) == set(ShiftKind)
    assert {s for skills in rules.KIND_SKILLS.values() for s in skills} <= set(SKILLS)
    assert rules.skills_for("transport", ["driving", "dialect"]) == ("driving",)


@pytest.mark.parametrize(
    ("name", "given"),
    [("张建国", "建国"), ("王伟", "伟"), ("欧阳娜娜", "娜娜"), ("李", "李"), (" 司马光 ", "光")],
)
def test_a_shift_names_only_the_given_name(name, given):
    assert rules.given_name(name) == given


def test_a_one_tap_shift_takes_the_morning_of_its_day():
    start, end = rules.one_tap_times(date(2026, 12, 1))
    assert (start, end) == (local(2026, 12, 1, 9), local(2026, 12, 1, 12))


def test_a_ride_is_filled_with_a_shift_from_pickup_to_destination():
    assert transport.route("南塘村村委会", "城关镇康复站", 200) == "南塘村村委会 → 城关镇康复站"
    assert transport.trip_length(True) > transport.trip_length(False)


# --- the catalogue ----------------------------------------------------------------------------------------

NOTICES = [
    "volunteer_registered",
    *(f"volunteer_{step.value}" for step in VolunteerStep),
    "shift_invited",
    "shift_signed_up",
    "shift_accepted",
    "shift_declined",
    "shift_called_off",
    "shift_volunteer_cancelled",
    "shift_cancelled",
    "transport_requested",
    "transport_filled",
    "transport_reopened",
]
CODES = (
    [f"volunteer_status.{s.value}" for s in VolunteerStatus]
    + [f"shift_kind.{k.value}" for k in ShiftKind]
    + [f"shift_status.{s.value}" for s in ShiftStatus]
    + [f"shift_sign_up_status.{s.value}" for s in SignUpStatus]
    + [f"skill.{s}" for s in SKILLS]
    + [f"training.{t}" for t in TRAININGS]
    + [f"id_type.{t}" for t in registry.ID_TYPES]
    + [f"weekday.{d}" for d in WEEKDAYS]
    + [f"day_part.{p}" for p in DAY_PARTS]
    + [f"transport_status.{s.value}" for s in transport.TransportStatus]
    + [f"consent.kind.{k.value}" for k in ConsentKind]
    + [f"match.{fit}" for fit in rules.AREA_FITS]
    + [f"notice.{kind}" for kind in NOTICES]
)


@pytest.mark.parametrize("key", CODES)
def test_every_volunteer_code_and_notice_has_a_label_in_both_languages(key):
    assert key in ZH_CN and key in EN


def test_the_plain_chinese_labels_of_kinds_and_statuses():
    assert [ZH_CN[f"shift_kind.{k.value}"] for k in ShiftKind] == [
        "陪伴",
        "接送",
        "活动协助",
        "喘息协助",
        "走访陪同",
    ]
    assert [ZH_CN[f"volunteer_status.{s.value}"] for s in VolunteerStatus] == [
        "待审核",
        "在册",
        "暂停",
        "退出",
    ]
