"""OpenAPI paths and schemas of api/routes_indicators.py (the coordinator dashboard, DOMAIN.md §6), merged into
api/openapi.py. The schemas follow services.indicator_figures, indicators, indicator_lists and indicator_trend
field for field (tests/api/test_indicator_routes.py checks it)."""

from jingkang_app.api.openapi_common import (
    DATE,
    ERROR,
    ERRORS,
    INTEGER,
    STRING,
    VALIDATION_ERROR,
    all_required,
    json_body,
    nullable,
    ref,
)
from jingkang_app.domain.rules.indicators import MAX_TREND_MONTHS, Indicator, RecipientList
from jingkang_app.domain.services.indicator_lists import PAGE_SIZE
from jingkang_app.domain.services.indicator_trend import SERIES

NUMBER = {"type": "number"}
FRACTION = nullable(NUMBER) | {"description": "a fraction (0.6 is 60 %); null when the denominator is 0"}


def _array(item: dict) -> dict:
    return {"type": "array", "items": item}


def _counts(*names: str) -> dict:
    return all_required(dict.fromkeys(names, INTEGER))


SCHEMAS = {
    "IndicatorRate": all_required(
        {
            "numerator": INTEGER,
            "denominator": INTEGER,
            "rate": FRACTION,
            "target": FRACTION | {"description": "the year's 精康融合行动 target, where one is set"},
        }
    ),
    "IndicatorDefinitions": _counts(
        "on_schedule_days",
        "min_followups",
        "max_gap_days",
        "training_hours",
        "respite_quota_days",
        "feedback_answer_days",
    ),
    "FollowupFigure": _counts("done", "due", "overdue_now"),
    "RiskFigure": all_required(
        {
            "levels": _array(INTEGER)
            | {"description": "levels[n]: registered recipients at risk level n (0–5)"},
            "unknown": INTEGER,
            "high": INTEGER,
        }
    ),
    "AlertFigure": _counts("raised", "taken_late", "open_now", "in_hand_now", "late_now"),
    "KindStatusCount": all_required({"kind": STRING, "status": STRING, "count": INTEGER}),
    "ReferralFigure": all_required(
        {
            "applied": INTEGER,
            "by_kind_status": _array(ref("KindStatusCount")),
            "employment": INTEGER,
            "open_now": INTEGER,
            "late_now": INTEGER,
            "taken_late": INTEGER,
            "late": INTEGER,
        }
    ),
    "StatusCount": all_required({"status": STRING, "count": INTEGER}),
    "RespiteFigure": all_required(
        {
            "requested": INTEGER,
            "by_status": _array(ref("StatusCount")),
            "days_used": INTEGER,
            "families": INTEGER,
            "quota": ref("IndicatorRate"),
            "median_wait_days": nullable(NUMBER),
        }
    ),
    "VolunteerFigure": all_required(
        {"verified_hours": NUMBER, "active_volunteers": INTEGER, "shifts": INTEGER, "shifts_full": INTEGER}
    ),
    "TrainingFigure": all_required(
        {
            "staff": INTEGER,
            "meeting_target": ref("IndicatorRate"),
            "average_hours": nullable(NUMBER),
            "target_hours": INTEGER,
        }
    ),
    "FeedbackFigure": all_required({"received": INTEGER, "on_time": ref("IndicatorRate")}),
    "Dashboard": all_required(
        {
            "area_id": INTEGER,
            "area_name": STRING,
            "area_level": {"enum": ["county", "township", "village"]},
            "period": STRING | {"description": "2026-11 (a month) or 2026 (a year)"},
            "start": DATE,
            "end": DATE,
            "as_of": DATE | {"description": "the day the snapshot figures (…_now, risk levels) describe"},
            "definitions": ref("IndicatorDefinitions"),
            "home_patients": INTEGER,
            "in_programme": INTEGER,
            "standard_service_rate": ref("IndicatorRate"),
            "managed_rate": ref("IndicatorRate"),
            "coverage": ref("IndicatorRate"),
            "followups": ref("FollowupFigure"),
            "risk_distribution": ref("RiskFigure"),
            "alerts": ref("AlertFigure"),
            "referrals": ref("ReferralFigure"),
            "respite": ref("RespiteFigure"),
            "volunteers": ref("VolunteerFigure"),
            "training": ref("TrainingFigure"),
            "satisfaction": ref("IndicatorRate"),
            "feedback": ref("FeedbackFigure"),
        }
    ),
    "BreakdownRow": all_required(
        {
            "area_id": INTEGER,
            "area_name": STRING,
            "area_level": STRING,
            "figure": {
                "description": "the indicator's figure for this child area, shaped as in Dashboard",
                "oneOf": [
                    INTEGER,
                    *(
                        ref(name)
                        for name in (
                            "IndicatorRate",
                            "FollowupFigure",
                            "RiskFigure",
                            "AlertFigure",
                            "ReferralFigure",
                            "RespiteFigure",
                            "VolunteerFigure",
                            "TrainingFigure",
                            "FeedbackFigure",
                        )
                    ),
                ],
            },
        }
    ),
    "Breakdown": all_required(
        {
            "area_id": INTEGER,
            "area_name": STRING,
            "area_level": STRING,
            "period": STRING,
            "start": DATE,
            "end": DATE,
            "indicator": {"enum": [i.value for i in Indicator]},
            "rows": _array(ref("BreakdownRow")),
        }
    ),
    "RecipientBehind": all_required(
        {
            "id": INTEGER,
            "name": STRING,
            "id_masked": STRING
            | {"description": "3301**********123X; empty unless the caller may see ID numbers"},
            "village": STRING,
            "date": nullable(DATE)
            | {
                "description": "why the person is listed: registered on, latest or next follow-up, deadline …"
            },
        }
    ),
    "RecipientPage": all_required(
        {
            "list": {"enum": [k.value for k in RecipientList]},
            "area_id": INTEGER,
            "area_name": STRING,
            "period": STRING,
            "items": _array(ref("RecipientBehind")),
            "total": INTEGER,
            "page": INTEGER,
            "page_size": INTEGER,
        }
    ),
    "TrendSeries": all_required({"key": {"enum": list(SERIES)}, "values": _array(NUMBER)}),
    "Trend": all_required(
        {
            "area_id": INTEGER,
            "area_name": STRING,
            "area_level": STRING,
            "months": _array(STRING) | {"description": "YYYY-MM, oldest first"},
            "series": _array(ref("TrendSeries")),
        }
    ),
}

AREA = {
    "name": "area_id",
    "in": "query",
    "schema": INTEGER,
    "description": "the caller's area or one inside it; the widest area they coordinate when left out",
}
PERIOD = {
    "name": "period",
    "in": "query",
    "schema": STRING,
    "description": "a month (2026-11) or a year (2026); this month when left out",
}
KEY_DESCRIPTION = {
    "breakdown": "the indicator: " + ", ".join(i.value for i in Indicator),
    "recipients": "the list: " + ", ".join(k.value for k in RecipientList),
}


def _key(kind: str) -> dict:
    return {
        "name": "key",
        "in": "path",
        "required": True,
        "schema": STRING,
        "description": KEY_DESCRIPTION[kind],
    }


def _get(summary: str, answer: str, parameters: list, extra: dict | None = None) -> dict:
    return {
        "get": {
            "summary": summary,
            "parameters": parameters,
            "responses": {
                "200": json_body(ref(answer), summary),
                "403": ERROR | {"description": "Not a township or county coordinator of this area"},
                "404": ERROR | {"description": "No such area (or indicator, or list)"},
                "422": VALIDATION_ERROR | {"description": "period: error.period_format or error.period_year"},
                **(extra or {}),
                **ERRORS,
            },
        }
    }


PATHS = {
    "/api/v1/indicators": _get("Every indicator of the area for the period", "Dashboard", [AREA, PERIOD]),
    "/api/v1/indicators/trend": _get(
        "Monthly series up to the period's month: follow-ups done and due, alerts, rehab attendances, volunteer "
        "hours",
        "Trend",
        [
            AREA,
            PERIOD,
            {
                "name": "months",
                "in": "query",
                "schema": INTEGER | {"minimum": 1, "maximum": MAX_TREND_MONTHS, "default": 12},
            },
        ],
        {"422": VALIDATION_ERROR | {"description": "period: error.period_*; months: error.trend_months"}},
    ),
    "/api/v1/indicators/{key}/breakdown": _get(
        "One indicator for each child area (county → townships → villages)",
        "Breakdown",
        [_key("breakdown"), AREA, PERIOD],
    ),
    "/api/v1/indicators/{key}/recipients": _get(
        f"The recipients behind a figure, masked, {PAGE_SIZE} a page, earliest date first (needs recipient.list "
        "on the area too)",
        "RecipientPage",
        [
            _key("recipients"),
            AREA,
            PERIOD,
            {"name": "page", "in": "query", "schema": INTEGER | {"minimum": 1, "default": 1}},
        ],
    ),
}
