"""Referral rules (转介, DOMAIN.md §3.7, §5): kinds, application routes, the status machine per kind, who may take
each step, 退回, and the registration/referral deadlines in working days. Pure: no database.

Every referral starts as a draft (草稿, not yet submitted). 精康转介 follows the 2023 measures: 提出申请 → 初核登记 →
康复转介 → [接收确认] → 综合评估 → 服务提供 → 阶段性评估 (→ 服务提供 again, or) → 结案与回访. 上转: 发起 → 接收确认 →
就诊/住院 → 回转社区 → 结案; 下转: 发起 → 接收确认 → 社区接诊 → 结案; 就业转介 and 救助: 发起 → 接收确认 → 服务提供 →
结案. The receiving side acknowledges (接收确认) first. 退回 (with a reason: ``return_reason``) is allowed from any
open status of a 精康转介, and from the others until the receiver starts; a returned referral is resubmitted with
its first step. Roles are ``models.Role`` values kept as strings (rules import no database code). Receiving
institutions (hospital, 就业服务机构, 民政/救助) have no accounts: the county coordinator, who handles referrals
between institutions, records their answers. Admins and volunteers take no step; caregivers only apply (精康转介).

Deadlines (精康转介 only): 初核登记 within ``referral.register_within_days`` (5) working days of the application;
康复转介 within ``referral.refer_within_days`` (5) working days of the actual registration (no referral deadline
before it). Working-day conventions: rules/working_days.py.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from jingkang_app.domain.rules.working_days import add_working_days, parse_days


class ReferralKind(StrEnum):
    rehab = "rehab"  # 精康转介: into community rehab services
    hospital_up = "hospital_up"  # 上转: community → hospital
    hospital_down = "hospital_down"  # 下转: hospital → community
    employment = "employment"  # 就业转介
    aid = "aid"  # 救助


class ApplicationRoute(StrEnum):
    personal = "personal"  # 个人自愿申请
    medical = "medical"  # 医疗卫生机构协助
    other = "other"  # 其他主体协助 (企事业单位、村(居)委会、社会组织及个人)


class ReferralStatus(StrEnum):
    draft = "draft"  # 草稿
    applied = "applied"  # 已申请 (rehab)
    registered = "registered"  # 已登记 (rehab)
    referred = "referred"  # 已转介, awaiting 接收确认 (rehab)
    initiated = "initiated"  # 已发起, awaiting 接收确认 (hospital, employment, aid)
    accepted = "accepted"  # 已接收
    assessed = "assessed"  # 已评估 (rehab)
    in_service = "in_service"  # 服务中 (rehab, employment, aid)
    reviewed = "reviewed"  # 已阶段评估 (rehab)
    in_care = "in_care"  # 就诊/住院 (上转), 社区接诊 (下转)
    back_in_community = "back_in_community"  # 已回转社区 (上转)
    returned = "returned"  # 已退回
    closed = "closed"  # 已结案


class ReferralStep(StrEnum):
    apply = "apply"  # 提出申请
    register = "register"  # 初核登记
    refer = "refer"  # 康复转介
    initiate = "initiate"  # 发起
    acknowledge = "acknowledge"  # 接收确认
    assess = "assess"  # 综合评估
    provide = "provide"  # 服务提供
    review = "review"  # 阶段性评估
    treat = "treat"  # 就诊/住院 (上转), 社区接诊 (下转)
    send_back = "send_back"  # 回转社区
    close = "close"  # 结案 (rehab: 结案与回访)
    return_ = "return"  # 退回 (with a reason)


_K, _S, _E = ReferralKind, ReferralStatus, ReferralStep

_FLOWS: dict[ReferralKind, dict[tuple[ReferralStatus, ReferralStep], ReferralStatus]] = {
    _K.rehab: {
        (_S.applied, _E.register): _S.registered,
        (_S.registered, _E.refer): _S.referred,
        (_S.referred, _E.acknowledge): _S.accepted,
        (_S.accepted, _E.assess): _S.assessed,
        (_S.assessed, _E.provide): _S.in_service,
        (_S.in_service, _E.review): _S.reviewed,
        (_S.reviewed, _E.provide): _S.in_service,
        (_S.reviewed, _E.close): _S.closed,
    },
    _K.hospital_up: {
        (_S.initiated, _E.acknowledge): _S.accepted,
        (_S.accepted, _E.treat): _S.in_care,
        (_S.in_care, _E.send_back): _S.back_in_community,
        (_S.back_in_community, _E.close): _S.closed,
    },
    _K.hospital_down: {
        (_S.initiated, _E.acknowledge): _S.accepted,
        (_S.accepted, _E.treat): _S.in_care,
        (_S.in_care, _E.close): _S.closed,
    },
}
for _kind in (_K.employment, _K.aid):
    _FLOWS[_kind] = {
        (_S.initiated, _E.acknowledge): _S.accepted,
        (_S.accepted, _E.provide): _S.in_service,
        (_S.in_service, _E.close): _S.closed,
    }
# The first step (提出申请 or 发起) submits a draft, or resubmits a returned referral.
FIRST_STEP = {kind: _E.apply if kind is _K.rehab else _E.initiate for kind in ReferralKind}
for _kind, _flow in _FLOWS.items():
    _first_status = _S.applied if _kind is _K.rehab else _S.initiated
    _flow |= {(_S.draft, FIRST_STEP[_kind]): _first_status, (_S.returned, FIRST_STEP[_kind]): _first_status}

# 退回 (with a reason) is allowed from these statuses.
RETURNABLE: dict[ReferralKind, frozenset[ReferralStatus]] = {
    _K.rehab: frozenset(
        {_S.applied, _S.registered, _S.referred, _S.accepted, _S.assessed, _S.in_service, _S.reviewed}
    ),
} | dict.fromkeys(
    (_K.hospital_up, _K.hospital_down, _K.employment, _K.aid), frozenset({_S.initiated, _S.accepted})
)

# The only legal transitions: (kind, from, step) → to.
TRANSITIONS: dict[tuple[ReferralKind, ReferralStatus, ReferralStep], ReferralStatus] = {
    (kind, status, step): to for kind, flow in _FLOWS.items() for (status, step), to in flow.items()
} | {(kind, status, _E.return_): _S.returned for kind, statuses in RETURNABLE.items() for status in statuses}

# Waiting for the receiving side's 接收确认.
AWAITING_ACK = frozenset({_S.referred, _S.initiated})
TERMINAL = frozenset({_S.closed})

# Role values (models.Role).
CAREGIVER, GRID, VILLAGE, DOCTOR = "caregiver", "grid_worker", "village_cadre", "community_doctor"
SOCIAL, TOWNSHIP, COUNTY = "social_worker", "township_coordinator", "county_coordinator"
_COORDS = frozenset({TOWNSHIP, COUNTY})
_COUNTY = frozenset({COUNTY})
_DOCTOR_COUNTY = frozenset({DOCTOR, COUNTY})
_FIELD = frozenset({GRID, VILLAGE, SOCIAL, DOCTOR})

# Who may take each step of each kind.
ROLES: dict[tuple[ReferralKind, ReferralStep], frozenset[str]] = {
    (_K.rehab, _E.apply): _FIELD | _COORDS | {CAREGIVER},
    (_K.rehab, _E.register): _COORDS,
    (_K.rehab, _E.refer): _COORDS,
    (_K.rehab, _E.acknowledge): frozenset({SOCIAL}),
    (_K.rehab, _E.assess): frozenset({SOCIAL, DOCTOR}),
    (_K.rehab, _E.provide): frozenset({SOCIAL}),
    (_K.rehab, _E.review): frozenset({SOCIAL, DOCTOR}),
    (_K.rehab, _E.close): frozenset({SOCIAL, TOWNSHIP}),
    (_K.rehab, _E.return_): _COORDS | {SOCIAL},
    (_K.hospital_up, _E.initiate): _DOCTOR_COUNTY,
    (_K.hospital_up, _E.acknowledge): _COUNTY,
    (_K.hospital_up, _E.treat): _DOCTOR_COUNTY,
    (_K.hospital_up, _E.send_back): _DOCTOR_COUNTY,
    (_K.hospital_up, _E.close): _DOCTOR_COUNTY,
    (_K.hospital_up, _E.return_): _COUNTY,
    (_K.hospital_down, _E.initiate): _COUNTY,
    (_K.hospital_down, _E.acknowledge): frozenset({DOCTOR}),
    (_K.hospital_down, _E.treat): frozenset({DOCTOR}),
    (_K.hospital_down, _E.close): frozenset({DOCTOR, TOWNSHIP}),
    (_K.hospital_down, _E.return_): _DOCTOR_COUNTY,
}
for _kind in (_K.employment, _K.aid):
    ROLES |= {
        (_kind, _E.initiate): _COORDS | {SOCIAL, VILLAGE},
        (_kind, _E.acknowledge): _COUNTY,
        (_kind, _E.provide): _COUNTY,
        (_kind, _E.close): _COORDS | {SOCIAL},
        (_kind, _E.return_): _COUNTY,
    }

# Who may file an application on each route (coordinators also enter paper applications of any route).
ROUTE_ROLES: dict[ApplicationRoute, frozenset[str]] = {
    ApplicationRoute.personal: _COORDS | {CAREGIVER},
    ApplicationRoute.medical: _COORDS | {DOCTOR},
    ApplicationRoute.other: _COORDS | {GRID, VILLAGE, SOCIAL},
}


class IllegalTransition(ValueError):
    """The step is not allowed from the referral's current status for its kind."""


def next_status(kind: str, status: str, step: str) -> ReferralStatus:
    try:
        return TRANSITIONS[(ReferralKind(kind), ReferralStatus(status), ReferralStep(step))]
    except (KeyError, ValueError):
        raise IllegalTransition(f"{step} from {status} ({kind})") from None


def steps_from(kind: str, status: str) -> list[ReferralStep]:
    """The steps legal from ``status``, in declaration order (for the buttons a user sees)."""
    return [step for step in ReferralStep if (kind, status, step) in TRANSITIONS]


def may_take(role: str, kind: str, step: str) -> bool:
    return role in ROLES.get((kind, step), frozenset())  # StrEnum keys hash and compare as their values


def may_apply(role: str, route: str) -> bool:
    return role in ROUTE_ROLES.get(route, frozenset())


RETURN_REASON_MAX = 500


def return_reason(reason: str | None) -> str:
    """The stripped reason a 退回 needs; raises ``ValueError`` when it is blank or longer than 500 characters."""
    text = (reason or "").strip()
    if not text or len(text) > RETURN_REASON_MAX:
        raise ValueError("return_reason")
    return text


@dataclass(frozen=True)
class DeadlineRules:
    register_within_days: int = 5
    refer_within_days: int = 5
    holidays: frozenset[date] = frozenset()
    make_up_days: frozenset[date] = frozenset()

    @classmethod
    def from_settings(cls, values: Mapping[str, Any]) -> "DeadlineRules":
        """From the county's ``referral.*`` settings (ISO date strings as stored)."""
        return cls(
            register_within_days=int(values["referral.register_within_days"]),
            refer_within_days=int(values["referral.refer_within_days"]),
            holidays=parse_days(values["referral.holidays"]),
            make_up_days=parse_days(values["referral.make_up_days"]),
        )


@dataclass(frozen=True)
class Deadlines:
    register_by: date
    refer_by: date | None  # None until registered


def deadlines(applied_on: date, registered_on: date | None, rules: DeadlineRules) -> Deadlines:
    def due(start: date, n: int) -> date:
        return add_working_days(start, n, rules.holidays, rules.make_up_days)

    return Deadlines(
        register_by=due(applied_on, rules.register_within_days),
        refer_by=None if registered_on is None else due(registered_on, rules.refer_within_days),
    )


def late_steps(
    applied_on: date,
    registered_on: date | None,
    referred_on: date | None,
    today: date,
    rules: DeadlineRules,
) -> list[ReferralStep]:
    """The deadline steps that are late: taken after their deadline, or not taken and past it on ``today``."""
    return late_against(deadlines(applied_on, registered_on, rules), registered_on, referred_on, today)


def late_against(
    due: Deadlines, registered_on: date | None, referred_on: date | None, today: date
) -> list[ReferralStep]:
    """``late_steps`` against deadlines already fixed (a stored referral keeps those of the day its clock
    started, whatever the county's holiday list says since)."""
    late = []
    if (registered_on or today) > due.register_by:
        late.append(ReferralStep.register)
    if due.refer_by is not None and (referred_on or today) > due.refer_by:
        late.append(ReferralStep.refer)
    return late
