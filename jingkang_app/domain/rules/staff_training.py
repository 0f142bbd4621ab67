"""培训记录 (DOMAIN.md §1, §3.12): who counts as direct-service staff, and the hours of one course as a form gives
them ("2.5") turned into the minutes stored. Pure: no database."""

from decimal import Decimal, InvalidOperation

from jingkang_app.domain.models import Role

# Direct-service staff, whose yearly training is held against the county's target (coordinators included: they
# run the programme); caregivers and volunteers train under their own records.
STAFF_ROLES = (
    Role.grid_worker,
    Role.village_cadre,
    Role.community_doctor,
    Role.social_worker,
    Role.township_coordinator,
    Role.county_coordinator,
)
COURSE_MAX = 100
ORGANISER_MAX = 100
MIN_HOURS, MAX_HOURS = Decimal("0.5"), Decimal(24)  # half an hour up to a full day per record
EARLIEST_YEAR = 2000


class InvalidHours(ValueError):
    """Not a number of hours, or outside MIN_HOURS–MAX_HOURS; ``reason`` is "format" or "range"."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)


def minutes_of(hours: object) -> int:
    """ "2.5" (or 2.5, "２.５") → 150; whole minutes, rounded half up."""
    text = str(hours if hours is not None else "").strip()
    text = text.translate({0xFF10 + i: str(i) for i in range(10)} | {0xFF0E: "."})
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise InvalidHours("format") from None
    if not value.is_finite():
        raise InvalidHours("format")
    if not MIN_HOURS <= value <= MAX_HOURS:
        raise InvalidHours("range")
    return int((value * 60).to_integral_value(rounding="ROUND_HALF_UP"))


def hours_text(minutes: int) -> str:
    """150 → "2.5", 120 → "2", 80 → "1.33": hours as a person writes them."""
    hours = (Decimal(minutes) / 60).quantize(Decimal("0.01"))
    return format(hours.normalize(), "f")
