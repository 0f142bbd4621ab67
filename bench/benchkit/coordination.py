"""The coordination records of the benchmark county (benchkit/county.py), for the dashboard and the exports: the
13 calendar months up to today of rehab sessions, referrals, respite requests, volunteer shifts, staff training
and public feedback, and the last three months' home visits.

At full size, per township and month: 12 sessions at its rehab site (10–20 attendees) and 300 at home; across
the county ~300 volunteer shifts a month and, over the 13 months, ~2,000 referrals, ~1,500 respite requests and
~300 feedback items; 3–8 training courses a year per staff member; most registered recipients visited at home
once a month. Township volumes scale with the township's recipients, county ones with the county's (--quick).

Like the county, rows are generated here — one rng, every id assigned here, every column in every row (a bulk
write takes the first row's columns) — and written in bulk, in foreign-key order.
"""

import random
import uuid
from collections import defaultdict
from collections.abc import Callable
from datetime import date, datetime, timedelta
from functools import partial

from benchkit import coordination_care, coordination_staff
from benchkit.county import FULL, SEED, County, Size, work_time
from benchkit.database import insert_rows, loading
from jingkang_app.domain import clock, settings
from jingkang_app.domain.models import (
    Feedback,
    HomeVisit,
    RecipientStatus,
    Referral,
    RehabAttendance,
    RehabService,
    RespiteRequest,
    ShiftSignUp,
    StaffTraining,
    Volunteer,
    VolunteerShift,
)
from jingkang_app.domain.rules.followup_schedule import add_months
from jingkang_app.domain.rules.referrals import DeadlineRules
from jingkang_app.domain.rules.working_days import add_working_days

MONTHS = 13  # this month and the 12 before it: a year's report and the month before the year began
DAYS_PER_MONTH = 365.25 / 12
REHAB_SHARE = (
    0.12  # registered recipients in rehab services (登记康复对象), the pool sessions and referrals draw on
)
WRITE_ORDER = (  # foreign keys first
    RehabService,
    RehabAttendance,
    HomeVisit,
    Referral,
    RespiteRequest,
    Volunteer,
    VolunteerShift,
    ShiftSignUp,
    StaffTraining,
    Feedback,
)


class Records:
    """The county's layout and calendar, the rng, and the rows generated so far (by model)."""

    def __init__(self, built: County, size: Size, seed: int):
        self.layout, self.size = built.layout, size
        self.rng = random.Random(seed + 2)
        self.today, self.now = clock.today(), clock.now()
        self.start = add_months(self.today.replace(day=1), 1 - MONTHS)
        self.span = (self.today - self.start).days + 1
        self.county_scale = size.recipients / FULL.recipients
        self.township_scale = (size.recipients / size.townships) / (FULL.recipients / FULL.townships)
        self.deadline_rules = DeadlineRules.from_settings(settings.DEFAULTS)
        self.registered: list[list[int]] = [[] for _ in range(size.townships)]  # recipient ids by township
        for index, status in enumerate(built.statuses):
            if status == RecipientStatus.registered:
                self.registered[self.layout.township_of(index % size.villages)].append(index + 1)
        self.rehab_pool = [
            self.rng.sample(ids, max(1, round(len(ids) * REHAB_SHARE))) for ids in self.registered
        ]
        self.rows: dict[type, list[dict]] = defaultdict(list)
        self.last_id: dict[type, int] = defaultdict(int)
        self.counts: dict[str, int] = {}

    # --- generating -------------------------------------------------------------------------------------------

    def add(self, model: type, row: dict) -> dict:
        """The row with its id; later columns may still be set on it until it is written."""
        self.last_id[model] += 1
        row = {"id": self.last_id[model]} | row
        self.rows[model].append(row)
        return row

    def monthly(self, per_month: float, scale: float = 1.0) -> int:
        """How many over the whole span of something that happens ``per_month`` times at full size."""
        return max(1, round(per_month * scale * self.span / DAYS_PER_MONTH))

    def day(self, ahead: int = 0) -> date:
        """A day of the span, or up to ``ahead`` days after today."""
        return self.start + timedelta(days=self.rng.randint(0, self.span - 1 + ahead))

    def at(self, day: date) -> datetime:
        """During that working day, never after now."""
        return min(work_time(day, self.rng), self.now)

    def uuid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def village_of(self, recipient_id: int) -> int:
        """The village index (as county.Layout counts them) a recipient lives in."""
        return (recipient_id - 1) % self.size.villages

    def area_of(self, recipient_id: int) -> int:
        return self.layout.village_ids[self.village_of(recipient_id)]

    def working_days_after(self, day: date, n: int) -> date:
        rules = self.deadline_rules
        return add_working_days(day, n, rules.holidays, rules.make_up_days)

    # --- writing ----------------------------------------------------------------------------------------------

    def write(self, connection) -> None:
        for model in WRITE_ORDER:
            rows = self.rows.pop(model, [])
            insert_rows(connection, model.__table__, rows)
            name = model.__tablename__
            self.counts[name] = self.counts.get(name, 0) + len(rows)


def build(url: str, built: County, size: Size, seed: int = SEED) -> dict[str, int]:
    """Adds the records to a county that ``county.build`` just built; returns the rows written per table."""
    records = Records(built, size, seed)
    steps: list[Callable[[Records], None]] = [
        coordination_care.rehab_sessions,
        coordination_care.referrals,
        coordination_care.respite_requests,
        coordination_staff.volunteering,
        coordination_staff.staff_training,
        coordination_staff.feedback,
    ]
    # A quarter of a million visits at full size: written a township at a time, to bound memory.
    steps += [partial(coordination_care.home_visits, township=t) for t in range(size.townships)]
    with loading(url) as connection:
        for step in steps:
            step(records)
            records.write(connection)
    return records.counts
