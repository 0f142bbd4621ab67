"""A county at a real deployment's scale for benchmarks of the domain services: county → townships → villages,
staff with their area scopes and care-team links, recipients with years of follow-ups, and open relapse alerts.

Rows are generated here (deterministically) and bulk-written, not created through the services, which would take
hours for a million follow-ups. Every id is assigned here, so related rows need nothing read back. Each recipient's
row carries its latest follow-up's result, as ``services.followups`` keeps it.
"""

import random
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from itertools import accumulate, count, pairwise
from math import ceil

from sqlalchemy.engine import Connection

from benchkit.database import insert_rows, loading
from jingkang_app.demo_people import DemoPerson, demo_recipients, demo_staff_name
from jingkang_app.domain import clock
from jingkang_app.domain.models import (
    AlertStatus,
    Area,
    AreaLevel,
    CareTeamMember,
    Followup,
    Recipient,
    RecipientStatus,
    RiskAlert,
    Role,
    RoleAssignment,
    TeamRole,
    User,
)
from jingkang_app.domain.rules.followup_chain import chain_summary
from jingkang_app.domain.rules.followup_form import SOCIAL_FUNCTIONS
from jingkang_app.domain.rules.followup_schedule import SHORT_INTERVAL, Classification, add_months
from jingkang_app.domain.services.recipients import name_initials

# The demo seed's own mapping of the generator's Chinese labels to stored codes.
from jingkang_app.seed import DIAGNOSIS_CODES, ECONOMIC_CODES, HOUSEHOLD_CODES, RELATION_CODES

SEED = 20261124
COUNTY_CODE = "330127"
RECIPIENTS_PER_BATCH = 2_000  # rows are generated and written a batch at a time, to bound memory
UNUSABLE_PASSWORD_HASH = "!"  # bench accounts never log in; argon2 refuses this hash

# Latest risk level (危险性评估 0–5) across a county's recipients: most are stable.
RISK_WEIGHTS = {0: 55, 1: 20, 2: 12, 3: 7, 4: 4, 5: 2}
UNREACHED_SHARE = 0.03
# Of the recipients whose latest follow-up scored ≥ 3, those whose alert is still open or being handled.
OPEN_ALERT_SHARE = 0.08
STATUS_WEIGHTS = {
    RecipientStatus.registered: 94,
    RecipientStatus.suspended: 2,
    RecipientStatus.exited: 3,
    RecipientStatus.applying: 1,
}
WITHDRAWN_SHARE = 0.01  # consent to follow-up management withdrawn
VISITED_SHARE = 0.85  # registered recipients with a monthly home visit planned
NEIGHBOUR_DOCTOR_SHARE = 0.01  # also on the team of a doctor of the neighbouring township
VILLAGES_PER_DOCTOR = 4  # a township hospital's doctor looks after a few villages' recipients
STABLE_DAYS = 91  # three months, going back in time


def weighted(weights: dict) -> tuple:
    """Each value as often as its weight: ``rng.choice`` on it is a weighted draw at a fifth of the cost of
    ``rng.choices``, which counts over a million follow-ups."""
    return tuple(value for value, weight in weights.items() for _ in range(weight))


RISKS = weighted(RISK_WEIGHTS)
STATUSES = weighted(STATUS_WEIGHTS)

# What a reached patient with nothing wrong answers; varying answers are set per follow-up.
_ANSWERS = {
    "subjects": ["patient", "family"],
    "lost_reason": None,
    "symptoms": [],
    "symptoms_other": "",
    "insight": "full",
    "sleep": "good",
    "diet": "good",
    "self_care": "good",
    "housework": "good",
    "work": "na",
    "learning": "good",
    "social": "good",
    "minor_trouble": 0,
    "trouble": 0,
    "disaster": 0,
    "other_harm": 0,
    "self_harm": 0,
    "suicide_attempt": 0,
    "lockup": "none",
    "hospital": "none",
    "lab": "",
    "adherence": "regular",
    "adverse_reaction": "none",
    "adverse_text": "",
    "physical_illness": False,
    "effect": "good",
    "referred": False,
    "referral_reason": "",
    "referral_to": "",
    "medications": [{"name": "利培酮", "morning": 1.0, "evening": 2.0}],
    "rehab_measures": [],
    "override_reason": "",
    "captured_at": None,
    "version": 1,
}
# A patient not reached (未访到): the assessment's answers stay empty.
_UNREACHED = dict.fromkeys(("insight", "sleep", "diet", *SOCIAL_FUNCTIONS, "lockup", "hospital"), None) | {
    "lost_reason": 1,
    "subjects": [],
    "adherence": None,
    "adverse_reaction": None,
    "effect": None,
    "medications": [],
}


@dataclass(frozen=True)
class Size:
    townships: int
    villages_per_township: int
    recipients: int
    followups: int

    @property
    def villages(self) -> int:
        return self.townships * self.villages_per_township


FULL = Size(townships=10, villages_per_township=20, recipients=100_000, followups=1_000_000)
QUICK = Size(townships=5, villages_per_township=10, recipients=5_000, followups=50_000)


@dataclass(frozen=True)
class County:
    """What the measurements need from the built county."""

    doctor_id: int  # a community doctor of the first township: its scope, and team doctor of a few villages
    grid_worker_id: int  # the grid worker of the first village: its scope and team
    doctor_recipient_ids: list[int]  # registered recipients of that township, to record follow-ups for
    counts: dict[str, int]
    layout: "Layout"  # areas and staff, for the records built on top (benchkit/coordination.py)
    statuses: list[str]  # recipient i's (id i + 1) status


@dataclass(frozen=True)
class Visit:
    """One follow-up's varying answers."""

    day: date
    risk: int | None
    classification: str
    next_date: date


@dataclass(frozen=True)
class Person:
    """A recipient before their history: the same for every database of a run, so made once."""

    details: DemoPerson
    initials: str  # pinyin, for search
    status: str
    followups: int


class Layout:
    """Areas and staff by index, with their ids: village ``v`` lies in township ``v // villages_per_township``;
    recipient ``i`` (id ``i + 1``) lives in village ``i % villages``, as demo_recipients deals them out. Each
    township has a community doctor per few villages (scope: the township; team doctor of those villages'
    recipients), a coordinator, and a grid worker per village."""

    def __init__(self, size: Size, rng: random.Random):
        self.size = size
        self.township_ids = [2 + t for t in range(size.townships)]
        self.village_ids = [2 + size.townships + v for v in range(size.villages)]
        user_ids = count(1)
        doctors = ceil(size.villages_per_township / VILLAGES_PER_DOCTOR)
        self.doctor_ids = [[next(user_ids) for _ in range(doctors)] for _ in self.township_ids]
        self.coordinator_ids = [next(user_ids) for _ in self.township_ids]
        self.grid_worker_ids = [next(user_ids) for _ in self.village_ids]
        self.county_coordinator_id = next(user_ids)
        self.staff_names = {uid: demo_staff_name(rng)[0] for uid in range(1, self.county_coordinator_id + 1)}

    def township_of(self, village: int) -> int:
        return village // self.size.villages_per_township

    def doctor_of(self, village: int) -> int:
        nth = village % self.size.villages_per_township // VILLAGES_PER_DOCTOR
        return self.doctor_ids[self.township_of(village)][nth]

    def area_rows(self) -> list[dict]:
        rows = [_area(1, None, AreaLevel.county, "示范县", COUNTY_CODE, "/1/")]
        for t, tid in enumerate(self.township_ids):
            code = f"{COUNTY_CODE}{t + 1:03d}"
            rows.append(_area(tid, 1, AreaLevel.township, f"第{t + 1}镇", code, f"/1/{tid}/"))
        for v, vid in enumerate(self.village_ids):
            t = self.township_of(v)
            tid, n = self.township_ids[t], v % self.size.villages_per_township + 1
            kind = "社区" if n <= 2 else "村"  # the township seat's communities, then villages
            code = f"{COUNTY_CODE}{t + 1:03d}{n:03d}"
            rows.append(_area(vid, tid, AreaLevel.village, f"第{t + 1}镇{n}{kind}", code, f"/1/{tid}/{vid}/"))
        return rows

    def staff(self) -> list[tuple[int, Role, int]]:
        """(user id, role, area id) of every account."""
        rows = [(self.county_coordinator_id, Role.county_coordinator, 1)]
        for t, tid in enumerate(self.township_ids):
            rows += [(uid, Role.community_doctor, tid) for uid in self.doctor_ids[t]]
            rows.append((self.coordinator_ids[t], Role.township_coordinator, tid))
        rows += [
            (uid, Role.grid_worker, vid)
            for uid, vid in zip(self.grid_worker_ids, self.village_ids, strict=True)
        ]
        return rows


def _area(aid: int, parent: int | None, level: str, name: str, code: str, path: str) -> dict:
    return {"id": aid, "parent_id": parent, "level": level, "name": name, "code": code, "path": path}


def _staff_rows(layout: Layout, at: datetime) -> tuple[list[dict], list[dict]]:
    users, roles = [], []
    for uid, role, area_id in sorted(layout.staff()):
        users.append(
            {
                "id": uid,
                "name": layout.staff_names[uid],
                "phone": f"139{uid:08d}",
                "password_hash": UNUSABLE_PASSWORD_HASH,
                "active": True,
                "lang": "zh-CN",
                "created_at": at,
                "version": 1,
            }
        )
        roles.append({"id": uid, "user_id": uid, "role": role, "area_id": area_id, "created_at": at})
    return users, roles


# --- follow-up histories --------------------------------------------------------------------------------------


def _assessment(rng: random.Random) -> tuple[int | None, str]:
    if rng.random() < UNREACHED_SHARE:
        return None, Classification.unreached
    risk = rng.choice(RISKS)
    if risk >= 3:
        return risk, Classification.unstable
    if risk > 0 or rng.random() < 0.1:  # not fully recovered at risk 0: insight, sleep, side effects
        return risk, Classification.basic_stable
    return risk, Classification.stable


def _next_date(classification: str, day: date) -> date:
    return add_months(day, 3) if classification == Classification.stable else day + SHORT_INTERVAL


def _latest_day(rng: random.Random, classification: str, today: date) -> date:
    """Mostly on schedule; a few are overdue, as in any county."""
    on_time = rng.random() < 0.93
    if classification == Classification.stable:
        return today - timedelta(days=rng.randint(0, 91) if on_time else rng.randint(92, 200))
    return today - timedelta(days=rng.randint(0, 14) if on_time else rng.randint(15, 60))


def _history(rng: random.Random, count: int, today: date) -> list[Visit]:
    """``count`` follow-ups, oldest first, each about when the one before it scheduled it."""
    risk, classification = _assessment(rng)
    day = _latest_day(rng, classification, today)
    visits = [Visit(day, risk, classification, _next_date(classification, day))]
    for _ in range(count - 1):
        risk, classification = _assessment(rng)
        interval = STABLE_DAYS if classification == Classification.stable else SHORT_INTERVAL.days
        day = day - timedelta(days=interval + rng.randint(-3, 7))
        visits.append(Visit(day, risk, classification, _next_date(classification, day)))
    return visits[::-1]


def _followup_counts(rng: random.Random, statuses: list[str], total: int) -> list[int]:
    """Uneven counts per person (half to one and a half times the mean; none for applicants, not yet admitted)
    adding up to exactly ``total``."""
    weights = (0 if s == RecipientStatus.applying else rng.uniform(0.5, 1.5) for s in statuses)
    cumulative = list(accumulate(weights))
    marks = [0] + [round(total * c / cumulative[-1]) for c in cumulative]
    return [b - a for a, b in pairwise(marks)]


def work_time(day: date, rng: random.Random) -> datetime:
    """During a working day in Asia/Shanghai (UTC+8), stored in UTC."""
    return datetime.combine(day, time(1, 0), UTC) + timedelta(minutes=rng.randint(0, 540))


# --- rows -----------------------------------------------------------------------------------------------------


@dataclass
class Batch:
    """Generated rows, by table."""

    recipients: list[dict] = field(default_factory=list)
    team: list[dict] = field(default_factory=list)
    followups: list[dict] = field(default_factory=list)
    alerts: list[dict] = field(default_factory=list)


class Writer:
    """Generates every recipient's rows, a batch at a time."""

    def __init__(self, layout: Layout, rng: random.Random, today: date):
        self.layout, self.rng, self.today = layout, rng, today
        self.ids = {"followup": 0, "team": 0, "alert": 0}  # the last id given out
        self.doctor_recipient_ids: list[int] = []

    def _id(self, table: str) -> int:
        self.ids[table] += 1
        return self.ids[table]

    def add(self, batch: Batch, index: int, person: Person) -> None:
        rid, village = index + 1, index % self.layout.size.villages
        township = self.layout.township_of(village)
        area_id, doctor_id = self.layout.village_ids[village], self.layout.doctor_of(village)
        visits = _history(self.rng, person.followups, self.today) if person.followups else []
        registered = (visits[0].day if visits else self.today) - timedelta(days=self.rng.randint(1, 60))
        created_at = work_time(registered, self.rng)
        followups = [self._followup(rid, area_id, doctor_id, visit) for visit in visits]
        for before, after in pairwise(followups):  # as services.followups.link_chain keeps them
            after["previous_date"] = before["followup_date"]
            after["gap_days"] = (after["followup_date"] - before["followup_date"]).days
        batch.followups += followups
        row = _recipient_row(rid, area_id, person, visits, created_at)
        if person.status == RecipientStatus.registered:
            self._plan(row)
            if township == 0:
                self.doctor_recipient_ids.append(rid)
            if visits and (visits[-1].risk or 0) >= 3 and self.rng.random() < OPEN_ALERT_SHARE:
                row["open_alert"] = True
                batch.alerts.append(self._alert(row, doctor_id, batch.followups[-1]))
        batch.recipients.append(row)
        self._team(batch, rid, village, township, created_at)

    def _plan(self, row: dict) -> None:
        """A registered recipient's next home visit (monthly), and a rare withdrawal of follow-up consent."""
        if self.rng.random() < VISITED_SHARE:
            row["next_visit_date"] = self.today + timedelta(days=self.rng.randint(-10, 30))
        if self.rng.random() < WITHDRAWN_SHARE:
            row["followup_withdrawn_on"] = row["last_followup_date"] or self.today

    def _followup(self, rid: int, area_id: int, doctor_id: int, visit: Visit) -> dict:
        rng = self.rng
        return (
            _ANSWERS
            | (_UNREACHED if visit.risk is None else {})
            | {
                "id": self._id("followup"),
                "client_id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                "recipient_id": rid,
                "area_id": area_id,
                "created_by": doctor_id,
                "created_at": work_time(visit.day, rng),
                "followup_date": visit.day,
                "form": rng.choice((1, 2, 2, 2, 3)),  # 门诊 / 家庭访视 (most) / 电话
                "risk_level": visit.risk,
                "proposed_classification": visit.classification,
                "classification": visit.classification,
                "proposed_next_date": visit.next_date,
                "next_followup_date": visit.next_date,
                "doctor_name": self.layout.staff_names[doctor_id],
                "previous_date": None,
                "gap_days": None,
            }
        )

    def _alert(self, recipient: dict, owner_id: int, followup: dict) -> dict:
        """The latest follow-up's relapse alert: most already taken by the team doctor, some still open."""
        raised = followup["created_at"]
        taken = self.rng.random() < 0.7
        return {
            "id": self._id("alert"),
            "recipient_id": recipient["id"],
            "area_id": recipient["area_id"],
            "source": "followup",
            "source_id": followup["id"],
            "risk_level": followup["risk_level"],
            "reason": "",
            "raised_at": raised,
            "deadline_at": raised + timedelta(hours=24),
            "owner_id": owner_id,
            "escalation_level": 0,
            "status": AlertStatus.taken if taken else AlertStatus.open,
            "taken_by": owner_id if taken else None,
            "taken_at": raised + timedelta(hours=2) if taken else None,
            "outcome_note": "",
            "version": 1,
        }

    def _team(self, batch: Batch, rid: int, village: int, township: int, at: datetime) -> None:
        """The village's grid worker and doctor; a few also have a doctor of the neighbouring township."""
        layout = self.layout
        members = [
            (layout.grid_worker_ids[village], TeamRole.grid_worker),
            (layout.doctor_of(village), TeamRole.doctor),
        ]
        if township > 0 and self.rng.random() < NEIGHBOUR_DOCTOR_SHARE:
            members.append((layout.doctor_ids[township - 1][0], TeamRole.doctor))
        for user_id, team_role in members:
            batch.team.append(
                {
                    "id": self._id("team"),
                    "recipient_id": rid,
                    "user_id": user_id,
                    "team_role": team_role,
                    "created_at": at,
                }
            )


def write(connection: Connection, batch: Batch) -> None:
    """In foreign-key order."""
    insert_rows(connection, Recipient.__table__, batch.recipients)
    insert_rows(connection, CareTeamMember.__table__, batch.team)
    insert_rows(connection, Followup.__table__, batch.followups)
    insert_rows(connection, RiskAlert.__table__, batch.alerts)


def _recipient_row(rid: int, area_id: int, person: Person, visits: list[Visit], created_at: datetime) -> dict:
    details, status = person.details, person.status
    latest = visits[-1] if visits else None
    managed = status in (RecipientStatus.registered, RecipientStatus.suspended)
    chain = chain_summary([visit.day for visit in visits])  # as services.followups.link_chain keeps it
    return {
        "id": rid,
        "client_id": f"bench-recipient-{rid:07d}",
        "area_id": area_id,
        "name": details.name,
        "name_initials": person.initials,
        "id_number": details.id_number,
        "id_last4": details.id_number[-4:],
        "sex": details.sex,
        "birth_date": details.birth_date,
        "phone": details.mobile,
        "address": details.address,
        "hukou_local": details.county_hukou,
        "household_type": HOUSEHOLD_CODES.get(details.household_type, "rural"),
        "diagnosis": DIAGNOSIS_CODES.get(details.diagnosis, "other"),
        "diagnosis_hospital": details.diagnosis_hospital,
        "diagnosis_date": details.diagnosis_date,
        "disability_level": details.disability_level,
        "economic_status": ECONOMIC_CODES.get(details.economic_status, "unknown"),
        "low_income": details.dibao,
        "extreme_poverty": details.tekun,
        "employment": details.employment_code,
        "status": status,
        "status_reason": None,
        "guardian_name": details.guardian.name,
        "guardian_relation": RELATION_CODES.get(details.guardian.relation, "other"),
        "guardian_phone": details.guardian.mobile,
        "guardian_address": details.guardian.address,
        "risk_level": latest.risk if latest else None,
        "classification": latest.classification if latest else None,
        "last_followup_date": latest.day if latest else None,
        "followup_fourth_latest": chain.fourth_latest,
        "followup_long_gap_from": chain.long_gap_from,
        "next_followup_date": latest.next_date if latest and managed else None,
        "next_visit_date": None,
        "open_alert": False,
        "followup_withdrawn_on": None,
        "serious_physical_illness": False,
        "admitted_on": created_at.date() if status != RecipientStatus.applying else None,
        "created_at": created_at,
        "updated_at": created_at,
        "version": 1,
    }


# --- the whole county -----------------------------------------------------------------------------------------


@cache
def _population(size: Size, seed: int, today: date) -> tuple[Layout, list[Person]]:
    """Staff and people, made once for every database of a run."""
    rng = random.Random(seed)
    layout = Layout(size, rng)
    villages = [str(v) for v in range(size.villages)]
    people = demo_recipients(rng, COUNTY_CODE, villages, size.recipients, as_of=today)
    statuses = [rng.choice(STATUSES) for _ in people]
    counts = _followup_counts(rng, statuses, size.followups)
    return layout, [
        Person(p, name_initials(p.name), status, n)
        for p, status, n in zip(people, statuses, counts, strict=True)
    ]


def build(url: str, size: Size, seed: int = SEED) -> County:
    """Fills a freshly migrated, empty database."""
    today = clock.today()
    layout, people = _population(size, seed, today)
    writer = Writer(layout, random.Random(seed + 1), today)
    users, roles = _staff_rows(layout, clock.now())
    with loading(url) as connection:
        insert_rows(connection, Area.__table__, layout.area_rows())
        insert_rows(connection, User.__table__, users)
        insert_rows(connection, RoleAssignment.__table__, roles)
        for start in range(0, size.recipients, RECIPIENTS_PER_BATCH):
            batch = Batch()
            for index in range(start, min(start + RECIPIENTS_PER_BATCH, size.recipients)):
                writer.add(batch, index, people[index])
            write(connection, batch)
    return County(
        doctor_id=layout.doctor_ids[0][0],
        grid_worker_id=layout.grid_worker_ids[0],
        doctor_recipient_ids=writer.doctor_recipient_ids,
        counts={
            "areas": 1 + size.townships + size.villages,
            "users": len(users),
            "recipients": size.recipients,
            "followups": writer.ids["followup"],
            "care_team_links": writer.ids["team"],
            "open_alerts": writer.ids["alert"],
        },
        layout=layout,
        statuses=[person.status for person in people],
    )
