"""The event rules (DOMAIN.md §3.10) without a database: which areas an event reaches, times, capacity, and the
local date-time a form sends."""

from datetime import UTC, datetime, timedelta

import pytest

from jingkang_app.domain.rules import fields
from jingkang_app.domain.rules.events import (
    MAX_CAPACITY,
    ancestor_paths,
    capacity_error,
    has_started,
    is_open_to,
    local_text,
    schedule_errors,
    seats_left,
)

NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)


def test_a_village_lies_in_its_township_and_county():
    assert ancestor_paths("/1/4/17/") == ["/1/", "/1/4/", "/1/4/17/"]
    assert ancestor_paths("/1/") == ["/1/"]


@pytest.mark.parametrize(
    ("event_area", "family_area", "open_to"),
    [
        ("/1/", "/1/4/17/", True),  # a county event: every family of the county
        ("/1/4/", "/1/4/17/", True),
        ("/1/4/17/", "/1/4/17/", True),
        ("/1/5/", "/1/4/17/", False),  # another township
        ("/1/4/17/", "/1/4/", False),  # a village event is not for the whole township
        ("/1/4/", "/1/41/2/", False),  # "/1/4" is a prefix of "/1/41" only as text
    ],
)
def test_an_event_is_open_to_the_families_inside_its_area(event_area, family_area, open_to):
    assert is_open_to(event_area, family_area) is open_to


@pytest.mark.parametrize(
    ("start_in", "end_in", "errors"),
    [
        (timedelta(hours=1), timedelta(hours=3), {}),
        (timedelta(0), timedelta(hours=2), {"starts_at": "error.event_start_in_past"}),
        (timedelta(hours=2), timedelta(hours=1), {"ends_at": "error.event_end_before_start"}),
        (timedelta(hours=2), timedelta(hours=2), {"ends_at": "error.event_end_before_start"}),
        (
            -timedelta(days=1),
            -timedelta(days=2),
            {"starts_at": "error.event_start_in_past", "ends_at": "error.event_end_before_start"},
        ),
    ],
)
def test_an_event_starts_after_now_and_ends_after_it_starts(start_in, end_in, errors):
    assert schedule_errors(NOW + start_in, NOW + end_in, NOW) == errors


def test_a_missing_time_is_left_to_the_form():
    assert schedule_errors(None, NOW, NOW) == {}
    assert schedule_errors(NOW + timedelta(hours=1), None, NOW) == {}


@pytest.mark.parametrize(
    ("capacity", "taken", "key"),
    [
        (1, 0, None),
        (MAX_CAPACITY, 0, None),
        (0, 0, "error.event_capacity"),
        (MAX_CAPACITY + 1, 0, "error.event_capacity"),
        (5, 5, None),
        (4, 5, "error.event_capacity_below_taken"),
    ],
)
def test_capacity_is_in_range_and_holds_the_seats_taken(capacity, taken, key):
    assert capacity_error(capacity, taken) == key


def test_seats_left_never_go_below_zero():
    assert (seats_left(10, 3), seats_left(3, 3), seats_left(2, 3)) == (7, 0, 0)


def test_an_event_has_started_from_its_first_minute():
    assert has_started(NOW, NOW) and not has_started(NOW + timedelta(minutes=1), NOW)


def test_notices_show_local_time_to_the_minute():
    assert local_text(NOW) == "2026-11-23 10:00"


@pytest.mark.parametrize(
    ("sent", "stored"),
    [
        ("2026-12-05T14:30", datetime(2026, 12, 5, 6, 30, tzinfo=UTC)),  # local time without a zone
        ("2026-12-05 14:30", datetime(2026, 12, 5, 6, 30, tzinfo=UTC)),
        ("2026-12-05T06:30:00+00:00", datetime(2026, 12, 5, 6, 30, tzinfo=UTC)),
    ],
)
def test_a_form_time_without_a_zone_is_shanghai_time_stored_in_utc(sent, stored):
    errors = fields.FieldErrors()
    value = fields.local_datetime(errors, {"starts_at": sent}, "starts_at")
    assert (value, value.tzinfo, errors.errors) == (stored, UTC, {})


@pytest.mark.parametrize(("sent", "key"), [("下午两点", "error.datetime_format"), ("", "error.required")])
def test_an_unreadable_or_missing_time_is_named(sent, key):
    errors = fields.FieldErrors()
    assert fields.local_datetime(errors, {"starts_at": sent}, "starts_at") is None
    assert errors.errors["starts_at"].key == key
