"""The care side of the county's coordination records (benchkit/coordination.py): rehab sessions, home visits,
referrals walked through their flow, and respite requests."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from benchkit.county import weighted
from jingkang_app.domain.models import HomeVisit, Referral, RehabAttendance, RehabService, RespiteRequest
from jingkang_app.domain.rules.referrals import (
    RETURNABLE,
    ApplicationRoute,
    ReferralKind,
    ReferralStatus,
    deadlines,
)
from jingkang_app.domain.rules.respite import RespiteKind, RespiteStatus
from jingkang_app.domain.services.rehab_services import CONTENTS

if TYPE_CHECKING:
    from benchkit.coordination import Records

SITE_SESSIONS_PER_MONTH = 12  # per township, at its rehab site
HOME_SESSIONS_PER_MONTH = 300  # per township of 10,000 recipients
VISITED_SHARE = 0.85  # registered recipients visited at home each month
VISIT_MONTHS = 3
REFERRALS = 2_000  # over the 13 months, in a county of 100,000
RESPITE_REQUESTS = 1_500

# --- rehab sessions -------------------------------------------------------------------------------------------


def rehab_sessions(r: Records) -> None:
    rng = r.rng
    for t in range(r.size.townships):
        pool = r.rehab_pool[t]
        for _ in range(r.monthly(SITE_SESSIONS_PER_MONTH)):
            attendees = rng.sample(pool, min(len(pool), rng.randint(10, 20)))
            _session(r, t, "site", f"第{t + 1}镇精康服务站", attendees, rng.randint(60, 120))
        for _ in range(r.monthly(HOME_SESSIONS_PER_MONTH, r.township_scale)):
            _session(r, t, "home", "", [rng.choice(pool)], rng.randint(30, 60))


def _session(r: Records, township: int, place: str, site: str, attendees: list[int], minutes: int) -> None:
    rng, day = r.rng, r.day()
    service = r.add(
        RehabService,
        {
            "client_id": r.uuid(),
            "area_id": r.area_of(attendees[0]),  # as services.rehab_services stores it
            "service_date": day,
            "place": place,
            "site_name": site,
            "contents": sorted(rng.sample(CONTENTS, rng.randint(1, 3)), key=CONTENTS.index),
            "duration_minutes": minutes,
            "notes": "",
            "provider_id": rng.choice(r.layout.doctor_ids[township]),
            "created_at": r.at(day),
            "version": 1,
        },
    )
    for recipient_id in attendees:
        attended = rng.random() < 0.92
        r.add(
            RehabAttendance, {"service_id": service["id"], "recipient_id": recipient_id, "attended": attended}
        )


# --- home visits ----------------------------------------------------------------------------------------------

# The stored codes of services/visits.py, weighted as a county's visits answer.
CONDITIONS = weighted({"stable": 80, "fluctuating": 12, "worse": 3, "unknown": 5})
TREATMENTS = weighted({"regular": 75, "irregular": 12, "none": 5, "not_needed": 8})
REHABS = weighted({"attending": 15, "at_home": 55, "none": 30})
FAMILIES = weighted({"good": 75, "strained": 18, "hardship": 7})
AIDS = weighted({"none": 80, "needed": 8, "receiving": 12})
SATISFACTIONS = weighted({"satisfied": 86, "basically": 11, "unsatisfied": 3})
MET = (["recipient", "family"], ["recipient"], ["family"])  # shared lists: each is serialised once
NO_NEEDS: list[str] = []  # a need would open a care task, which the dashboard does not read


def home_visits(r: Records, township: int) -> None:
    """Each month of the last three (counted back from today), most of the township's registered recipients."""
    rng, layout = r.rng, r.layout
    for recipient_id in r.registered[township]:
        if rng.random() >= VISITED_SHARE:
            continue
        village = r.village_of(recipient_id)
        for month in range(VISIT_MONTHS):
            day = r.today - timedelta(days=30 * month + rng.randint(0, 29))
            r.add(
                HomeVisit,
                {
                    "client_id": r.uuid(),
                    "recipient_id": recipient_id,
                    "area_id": layout.village_ids[village],
                    "captured_at": None,
                    "created_by": layout.grid_worker_ids[village],
                    "created_at": r.at(day),
                    "updated_by": None,
                    "updated_at": None,
                    "version": 1,
                    "visit_date": day,
                    "companions": "",
                    "met": rng.choice(MET),
                    "condition": rng.choice(CONDITIONS),
                    "treatment": rng.choice(TREATMENTS),
                    "rehab": rng.choice(REHABS),
                    "family": rng.choice(FAMILIES),
                    "aid": rng.choice(AIDS),
                    "notes": "",
                    "needs": NO_NEEDS,
                    "satisfaction": rng.choice(SATISFACTIONS),
                    "next_visit_date": day + timedelta(days=30),
                },
            )


# --- referrals ------------------------------------------------------------------------------------------------

_K, _S = ReferralKind, ReferralStatus
KINDS = weighted({_K.rehab: 70, _K.hospital_up: 8, _K.hospital_down: 7, _K.employment: 8, _K.aid: 7})
# Each kind's way through its flow after the first step (rules/referrals.py), with the days each step takes.
PATHS = {
    _K.rehab: (_S.registered, _S.referred, _S.accepted, _S.assessed, _S.in_service, _S.reviewed, _S.closed),
    _K.hospital_up: (_S.accepted, _S.in_care, _S.back_in_community, _S.closed),
    _K.hospital_down: (_S.accepted, _S.in_care, _S.closed),
    _K.employment: (_S.accepted, _S.in_service, _S.closed),
    _K.aid: (_S.accepted, _S.in_service, _S.closed),
}
STEP_DAYS = {
    _S.accepted: (1, 5),
    _S.assessed: (3, 15),
    _S.in_service: (3, 14),
    _S.reviewed: (60, 120),
    _S.in_care: (1, 10),
    _S.back_in_community: (7, 40),
    _S.closed: (10, 60),
}
FIRST_STATUS = {kind: _S.applied if kind == _K.rehab else _S.initiated for kind in ReferralKind}
STEP_DATES = {_S.registered: "registered_on", _S.referred: "referred_on", _S.closed: "closed_on"}
DEADLINE_STEPS = (_S.registered, _S.referred)
# Of each deadline step (初核登记, 康复转介): ~15 % of 精康转介 are late on one, ~11 % of all referrals.
LATE_SHARE = 0.08
STALL_SHARE = 0.08  # per step after the deadlines: a referral still waiting there, whatever its age
RETURN_SHARE = 0.01  # per step: 退回
DRAFT_SHARE = 0.02
RECEIVERS = {
    _K.hospital_up: "县精神卫生中心",
    _K.hospital_down: "乡镇卫生院",
    _K.employment: "县就业服务中心",
    _K.aid: "县民政局社会救助科",
}
REASON = "病情稳定，需社区康复与支持"
HANDOVER = {
    "summary": "病情稳定，规律服药",
    "risk": 1,
    "medication": "利培酮 早1mg 晚2mg",
    "contacts": "监护人",
}
NO_HANDOVER: dict = {}


def referrals(r: Records) -> None:
    rng, layout = r.rng, r.layout
    for _ in range(max(5, round(REFERRALS * r.county_scale))):
        kind, t = rng.choice(KINDS), rng.randrange(r.size.townships)
        recipient_id = rng.choice(r.rehab_pool[t] if kind == _K.rehab else r.registered[t])
        doctor = rng.choice(layout.doctor_ids[t])
        creator = {
            _K.rehab: doctor,
            _K.hospital_up: doctor,
            _K.hospital_down: layout.county_coordinator_id,
        }.get(kind, layout.coordinator_ids[t])
        row = _walk(r, kind, rng.random() >= DRAFT_SHARE)
        created_on = row.pop("created_on")
        r.add(
            Referral,
            {
                "client_id": r.uuid(),
                "recipient_id": recipient_id,
                "area_id": r.area_of(recipient_id),
                "kind": kind,
                "route": rng.choice(tuple(ApplicationRoute)) if kind == _K.rehab else None,
                "reason": REASON,
                "receiver": RECEIVERS.get(kind, f"第{t + 1}镇精康服务站"),
                "receiver_area_id": layout.township_ids[t] if kind in (_K.rehab, _K.hospital_down) else 1,
                "alert_id": None,
                "created_by": creator,
                "created_at": r.at(created_on),
                "updated_by": None if row["version"] == 1 else layout.coordinator_ids[t],
            }
            | row,
        )


def _walk(r: Records, kind: ReferralKind, submitted: bool) -> dict:
    """Status, step dates and deadlines: from its application day, each step as long after the one before as it
    takes, until the next would fall after today (or it is returned). As services.referrals keeps them: the
    handover pack goes with the sending step (康复转介, or 发起), deadlines are the 精康转介's."""
    rng, day = r.rng, r.day()
    row = {"created_on": day, "status": _S.draft, "applied_on": day, "closed_on": None, "version": 1}
    row |= {"registered_on": None, "referred_on": None, "return_reason": "", "handover": NO_HANDOVER}
    updated_on = None
    if submitted:
        row["status"], row["version"], updated_on = FIRST_STATUS[kind], 2, day
        for status in PATHS[kind]:
            next_day = _step_day(r, status, day)
            if next_day > r.today or (status not in DEADLINE_STEPS and rng.random() < STALL_SHARE):
                break
            row["version"] += 1
            if row["status"] in RETURNABLE[kind] and rng.random() < RETURN_SHARE:
                row |= {"status": _S.returned, "return_reason": "材料不全，请补充后重新提交"}
                updated_on = next_day
                break
            row["status"], day = status, next_day
            updated_on = day
            if status in STEP_DATES:
                row[STEP_DATES[status]] = day
        row["handover"] = HANDOVER if kind != _K.rehab or row["referred_on"] else NO_HANDOVER
    fixed = kind == _K.rehab and submitted
    due = deadlines(row["applied_on"], row["registered_on"], r.deadline_rules) if fixed else None
    return row | {
        "register_by": due.register_by if due else None,
        "refer_by": due.refer_by if due else None,
        "updated_at": r.at(updated_on) if updated_on else None,
    }


def _step_day(r: Records, status: ReferralStatus, since: date) -> date:
    rules, rng = r.deadline_rules, r.rng
    within = {_S.registered: rules.register_within_days, _S.referred: rules.refer_within_days}.get(status)
    if within is None:
        return since + timedelta(days=rng.randint(*STEP_DAYS[status]))
    if rng.random() < LATE_SHARE:
        return r.working_days_after(since, within) + timedelta(days=rng.randint(1, 10))
    return r.working_days_after(since, rng.randint(1, within))


# --- respite requests -----------------------------------------------------------------------------------------

_R = RespiteStatus
AHEAD = weighted({_R.pending: 40, _R.approved: 25, _R.arranged: 25, _R.rejected: 5, _R.cancelled: 5})
UNDER_WAY = weighted({_R.arranged: 90, _R.cancelled: 10})
OVER = weighted({_R.completed: 25, _R.rated: 55, _R.rejected: 10, _R.cancelled: 10})
DECIDED = frozenset({_R.approved, _R.rejected, _R.arranged, _R.completed, _R.rated, _R.cancelled})
ARRANGED = frozenset({_R.arranged, _R.completed, _R.rated})
BURDEN = {"own_time": 3, "stress_duties": 3, "strained": 2, "uncertain": 2}


def respite_requests(r: Records) -> None:
    """One request per family (no two holding the same days, none over the yearly quota)."""
    rng, layout = r.rng, r.layout
    families = [rid for township in r.registered for rid in township]
    for recipient_id in rng.sample(families, min(len(families), round(RESPITE_REQUESTS * r.county_scale))):
        village = r.village_of(recipient_id)
        coordinator = layout.coordinator_ids[layout.township_of(village)]
        asked = r.day()
        start = asked + timedelta(days=rng.randint(3, 20))
        end = start + timedelta(days=rng.randint(0, 6))
        status = rng.choice(AHEAD if start > r.today else UNDER_WAY if end >= r.today else OVER)
        kind = rng.choice((RespiteKind.home, RespiteKind.home, RespiteKind.institution))
        decided_on, arranged = min(asked + timedelta(days=rng.randint(0, 2)), r.today), status in ARRANGED
        done = status in (_R.completed, _R.rated)
        r.add(
            RespiteRequest,
            {
                "client_id": r.uuid(),
                "recipient_id": recipient_id,
                "area_id": layout.village_ids[village],
                "captured_at": None,
                "created_by": layout.grid_worker_ids[village],
                "created_at": r.at(asked),
                "updated_by": coordinator if status != _R.pending else None,
                "updated_at": r.at(decided_on) if status != _R.pending else None,
                "version": 1,
                "kind": kind,
                "start_date": start,
                "end_date": end,
                "reason": "家属长期照护，身心疲惫",
                "burden_answers": BURDEN,
                "status": status,
                "decided_by": coordinator if status in DECIDED else None,
                "decided_at": r.at(decided_on) if status in DECIDED else None,
                "decision_reason": "家属可自行照护" if status == _R.rejected else "",
                "over_quota": False,
                "carer": "护工李阿姨" if arranged and kind == RespiteKind.home else "",
                "place": "县精神卫生中心喘息床位" if arranged and kind == RespiteKind.institution else "",
                "arranged_by": coordinator if arranged else None,
                "arranged_at": r.at(min(decided_on + timedelta(days=1), r.today)) if arranged else None,
                "completed_at": r.at(end) if done else None,
                "rating": rng.choice((3, 4, 4, 5, 5)) if status == _R.rated else None,
                "comment": "",
                "rated_at": r.at(min(end + timedelta(days=rng.randint(0, 5)), r.today))
                if status == _R.rated
                else None,
                "cancelled_by": coordinator if status == _R.cancelled else None,
                "cancelled_at": r.at(min(decided_on + timedelta(days=1), r.today))
                if status == _R.cancelled
                else None,
            },
        )
