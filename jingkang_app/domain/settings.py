"""County settings: the rules DOMAIN.md marks configurable. A county's own value wins; otherwise the default here
(the demo county's practice). Settings hang on the county area, the first segment of every area path."""

import json
from typing import Any

from sqlmodel import Session, select

from jingkang_app.domain.models import Setting
from jingkang_app.domain.rules.eligibility import EligibilityRules
from jingkang_app.domain.rules.working_days import iso_range

DEFAULTS: dict[str, Any] = {
    # 入组评估 (DOMAIN.md §3.2)
    "eligibility.min_age": 18,
    "eligibility.max_age": 60,
    "eligibility.disability_levels": [3, 4],
    "eligibility.lookback_months": 6,
    "eligibility.max_risk_level": 2,
    # 绿色通道 (DOMAIN.md §5): an alert is taken within this many hours, else it escalates one level; again after
    # the same time at the township.
    "alert.take_within_hours": 24,
    # 入户走访: the next visit proposed when the visitor leaves it empty.
    "visit.interval_days": 30,
    # 喘息服务 (DOMAIN.md §3.9): days per recipient's family per calendar year; no national rule, so each county sets it.
    "respite.quota_days": 14,
    # 监护补贴/以奖代补 (DOMAIN.md §3.13, rules/subsidy.py): local rules. Defaults follow Zhejiang: 监护补助 150 元/月
    # for risk 0–2, 400 元/月 for risk ≥ 3 or a past 肇事肇祸, plus 看护补贴 200 元/月 (Beijing pays a flat 200:
    # standard = high = 200 and no 看护补贴).
    "subsidy.guardian_monthly_yuan": {"standard": 150, "high": 400},
    "subsidy.high_risk_from": 3,
    "subsidy.incident_is_high": True,
    "subsidy.care_allowance_monthly_yuan": 200,
    # 照护负担自评 (rules/burden.py): ZBI-4 and its published cut-off for high burden, which suggests respite.
    "burden.questions": ["own_time", "stress_duties", "strained", "uncertain"],
    "burden.respite_from": 8,
    # 志愿者 (DOMAIN.md §3.11, §5): a volunteer may cancel up to this many hours before a shift starts; the
    # coordinator is warned past the weekly hours cap; points per verified hour and per attended rehab session
    # (积分兑换); who issues the 志愿服务记录证明 ("谁记录谁证明").
    "volunteer.cancel_hours": 12,
    "volunteer.weekly_hours_cap": 12,
    "volunteer.points_per_hour": 10,
    "rehab.points_per_session": 5,
    "certificate.issuer": "示范县精康融合服务中心",
    "certificate.person_in_charge": "陈丽华",
    "certificate.contact": "0571-88000000",
    # 转介时限 (DOMAIN.md §5, rules/referrals.py): 初核登记 within 5 working days of the application, 康复转介 within
    # 5 further working days of registration. Working days skip weekends and these public holidays and count these
    # 调休 make-up weekend days (rules/working_days.py). Defaults: the State Council's notice on the 2026 holidays
    # (国务院办公厅, 2025-11-04); a county adds each new year's notice and any local days.
    "referral.holidays": [
        *iso_range("2026-01-01", "2026-01-03"),  # 元旦
        *iso_range("2026-02-15", "2026-02-23"),  # 春节
        *iso_range("2026-04-04", "2026-04-06"),  # 清明节
        *iso_range("2026-05-01", "2026-05-05"),  # 劳动节
        *iso_range("2026-06-19", "2026-06-21"),  # 端午节
        *iso_range("2026-09-25", "2026-09-27"),  # 中秋节
        *iso_range("2026-10-01", "2026-10-07"),  # 国庆节
    ],
    "referral.make_up_days": [
        "2026-01-04",  # Sun, 元旦
        "2026-02-14",  # Sat, 春节
        "2026-02-28",  # Sat, 春节
        "2026-05-09",  # Sat, 劳动节
        "2026-09-20",  # Sun, 国庆节
        "2026-10-10",  # Sat, 国庆节
    ],
    "referral.register_within_days": 5,
    "referral.refer_within_days": 5,
    # 意见反馈 (DOMAIN.md §3.14): answered within this many working days (same calendar as referrals); the public
    # form takes this many submissions per client address per hour (also the public volunteer registration's).
    "feedback.answer_within_days": 5,
    "public_form.max_per_hour": 5,
    # 培训记录 (DOMAIN.md §1, §3.12): hours of training a year for each direct-service staff member.
    "training.yearly_hours": 20,
    # Indicators (DOMAIN.md §6), the configurable definitions. 规范服务率: a rehab recipient with an attended rehab
    # service in the period whose latest follow-up by the period's end is at most this many days old.
    # 规范管理率: at least this many follow-ups in the 12 months to the period's end, adjacent ones at most this
    # many days apart.
    "indicator.followup_on_schedule_days": 92,
    "indicator.managed_min_followups": 4,
    "indicator.managed_max_gap_days": 92,
}


def county_id_of(area_path: str) -> int:
    """ "/1/4/17/" → 1."""
    return int(area_path.strip("/").split("/")[0])


def get(session: Session, county_id: int, key: str) -> Any:
    if key not in DEFAULTS:
        raise KeyError(key)
    stored = session.exec(
        select(Setting.value).where(Setting.area_id == county_id, Setting.key == key)
    ).first()
    return json.loads(stored) if stored is not None else DEFAULTS[key]


def get_many(session: Session, county_id: int, keys: list[str]) -> dict[str, Any]:
    """Several settings in one query (a dashboard reads many)."""
    unknown = set(keys) - set(DEFAULTS)
    if unknown:
        raise KeyError(sorted(unknown))
    stored = dict(
        session.exec(
            select(Setting.key, Setting.value).where(Setting.area_id == county_id, Setting.key.in_(keys))
        ).all()
    )
    return {key: json.loads(stored[key]) if key in stored else DEFAULTS[key] for key in keys}


def eligibility_rules(session: Session, county_id: int) -> EligibilityRules:
    rows = dict(
        session.exec(
            select(Setting.key, Setting.value).where(
                Setting.area_id == county_id, Setting.key.startswith("eligibility.")
            )
        ).all()
    )

    def value(key: str) -> Any:
        return json.loads(rows[key]) if key in rows else DEFAULTS[key]

    return EligibilityRules(
        min_age=value("eligibility.min_age"),
        max_age=value("eligibility.max_age"),
        disability_levels=frozenset(value("eligibility.disability_levels")),
        lookback_months=value("eligibility.lookback_months"),
        max_risk_level=value("eligibility.max_risk_level"),
    )


def put(session: Session, county_id: int, key: str, value: Any, *, by: int | None = None) -> None:
    """Stores a county's value (the caller authorises and commits)."""
    if key not in DEFAULTS:
        raise KeyError(key)
    setting = session.exec(select(Setting).where(Setting.area_id == county_id, Setting.key == key)).first()
    if setting is None:
        setting = Setting(area_id=county_id, key=key, value="")
    setting.value = json.dumps(value)
    setting.updated_by = by
    session.add(setting)
