"""The OpenAPI 3.1 description of the API, written by hand and kept as data. A test checks that every route
the app registers is described here, and that the record schemas match the domain's result types."""

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from jingkang_app.api import (
    openapi_coordination,
    openapi_exports,
    openapi_indicators,
    openapi_referrals,
    openapi_volunteer_paths,
    openapi_volunteer_service,
    openapi_volunteers,
)
from jingkang_app.api.encoding import ApiJSON
from jingkang_app.api.openapi_common import (
    BODY_ERRORS,
    BOOLEAN,
    DATE,
    DATETIME,
    ERROR,
    ERRORS,
    ID_PARAM,
    INTEGER,
    OBJECT,
    PAGE_PARAMS,
    PUBLIC,
    STRING,
    TEAM_ROLE,
    VALIDATION_ERROR,
)
from jingkang_app.api.openapi_common import all_required as _all_required
from jingkang_app.api.openapi_common import json_body as _json
from jingkang_app.api.openapi_common import nullable as _nullable
from jingkang_app.api.openapi_common import object_schema as _object
from jingkang_app.api.openapi_common import ref as _ref
from jingkang_app.domain.models import ConsentKind
from jingkang_app.domain.rules.events import (
    MAX_CAPACITY,
    NOTES_MAX,
    PLACE_MAX,
    REASON_MAX,
    TITLE_MAX,
    EventKind,
    EventStatus,
    SignUpStatus,
)
from jingkang_app.domain.rules.respite import QUEUES, RATINGS, RespiteKind, RespiteStatus
from jingkang_app.domain.rules.subsidy import CHECK_DUTIES as SUBSIDY_DUTIES
from jingkang_app.domain.rules.subsidy import QUEUES as SUBSIDY_QUEUES
from jingkang_app.domain.rules.subsidy import RiskClass, SubsidyStatus
from jingkang_app.domain.services.help_request import OTHER_TEXT_MAX, SIGNS
from jingkang_app.domain.services.rehab_services import CONTENTS, PLACES

EVENT_FIELDS = {
    "kind": {"enum": [k.value for k in EventKind], "description": "家属培训 training, 互助小组 mutual_aid"},
    "title": {"type": "string", "maxLength": TITLE_MAX},
    "place": {"type": "string", "maxLength": PLACE_MAX},
    "notes": {"type": "string", "maxLength": NOTES_MAX},
    "starts_at": DATETIME
    | {"description": "after now; without a zone it is Asia/Shanghai time, e.g. 2026-12-05T14:30"},
    "ends_at": DATETIME | {"description": "after starts_at"},
    "capacity": {
        "type": "integer",
        "minimum": 1,
        "maximum": MAX_CAPACITY,
        "description": "seats; when changed, never below those taken",
    },
}
EVENT_REQUIRED = ["kind", "title", "place", "starts_at", "ends_at", "capacity"]
EVENT_VIEW = {
    "id": INTEGER,
    "client_id": STRING,
    "kind": {"enum": [k.value for k in EventKind]},
    "title": STRING,
    "place": STRING,
    "notes": STRING,
    "area_id": INTEGER,
    "area_name": STRING,
    "starts_at": DATETIME,
    "ends_at": DATETIME,
    "capacity": INTEGER,
    "signed_up": INTEGER | {"description": "seats taken"},
    "seats_left": INTEGER,
    "waiting": INTEGER | {"description": "families on the waiting list"},
    "status": {"enum": [s.value for s in EventStatus]},
    "cancel_reason": STRING,
    "attendance_taken_at": _nullable(DATETIME),
    "organiser": BOOLEAN | {"description": "the caller may change it, take attendance and see the roster"},
    "mine": {"oneOf": [_ref("SignUp"), {"type": "null"}], "description": "the caller's own live sign-up"},
    "version": INTEGER,
}

SCHEMAS = {
    "Error": _object(
        {
            "error": {"type": "string", "description": "catalogue key, e.g. error.permission_denied"},
            "message": {"type": "string", "description": "the key's text in the user's language"},
            "fields": {"type": "object", "additionalProperties": _ref("FieldError")},
        },
        ["error", "message"],
    ),
    "FieldError": _all_required({"key": STRING, "message": STRING}),
    "ValidationError": _object(
        {
            "error": {"const": "error.validation_failed"},
            "message": STRING,
            "fields": {"type": "object", "additionalProperties": _ref("FieldError")},
        },
        ["error", "message", "fields"],
    ),
    "LoginRequest": _all_required({"phone": STRING, "password": STRING}),
    "User": _all_required(
        {
            "id": INTEGER,
            "name": STRING,
            "roles": {"type": "array", "items": STRING},
            "lang": {"enum": ["zh-CN", "en"]},
        }
    ),
    "LoginResponse": _all_required(
        {"token": {"type": "string", "description": "send as `Authorization: Bearer`"}, "user": _ref("User")}
    ),
    "RecipientRow": _all_required(
        {
            "id": INTEGER,
            "name": STRING,
            "village": STRING,
            "sex": STRING,
            "age": INTEGER,
            "id_masked": {
                "type": "string",
                "description": "empty unless the caller may see identity numbers",
            },
            "risk_level": _nullable(INTEGER)
            | {"description": "null unless the caller may see clinical data"},
            "next_followup_date": _nullable(DATE),
            "status": {"enum": ["applying", "registered", "suspended", "exited"]},
        }
    ),
    "RecipientList": _all_required(
        {"items": {"type": "array", "items": _ref("RecipientRow")}, "total": INTEGER}
    ),
    "TeamMember": _all_required(
        {"user_id": INTEGER, "name": STRING, "team_role": TEAM_ROLE, "phone": STRING}
    ),
    "CareTeam": _all_required(
        {"recipient_id": INTEGER, "team": {"type": "array", "items": _ref("TeamMember")}}
    ),
    "TeamMemberInput": _all_required({"user_id": INTEGER, "team_role": TEAM_ROLE}),
    "TeamCandidate": _all_required(
        {
            "user_id": INTEGER,
            "name": STRING,
            "role": {"type": "string", "description": "the account role that fits, e.g. grid_worker"},
            "area": {"type": "string", "description": "the area of that role, which covers the recipient"},
            "team_role": TEAM_ROLE,
        }
    ),
    "TeamCandidateList": _all_required({"items": {"type": "array", "items": _ref("TeamCandidate")}}),
    "RecipientDetail": _all_required(
        {
            "id": INTEGER,
            "version": INTEGER,
            "name": STRING,
            "sex": STRING,
            "age": INTEGER,
            "village": STRING,
            "address": STRING,
            "status": STRING,
            "next_followup_date": _nullable(DATE),
            "guardian_name": _nullable(STRING),
            "guardian_relation": _nullable(STRING),
            "guardian_phone": _nullable(STRING),
            "team": {"type": "array", "items": _ref("TeamMember")},
            "id_number": _nullable(STRING) | {"description": "null unless the caller may see identity"},
            "phone": _nullable(STRING) | {"description": "null unless the caller may see identity"},
            "diagnosis": _nullable(STRING) | {"description": "null unless the caller may see clinical data"},
            "disability_level": _nullable(INTEGER),
            "risk_level": _nullable(INTEGER),
            "classification": _nullable(STRING)
            | {"description": "the latest 随访分类; null unless clinical"},
            "id_masked": {
                "type": "string",
                "description": "empty unless the caller may see identity numbers",
            },
            "next_visit_date": _nullable(DATE),
            "open_alert": BOOLEAN,
            "followup_withdrawn_on": _nullable(DATE),
            "allowed": {
                "type": "array",
                "items": STRING,
                "description": "actions the caller may do on this recipient, e.g. visit.record",
            },
        }
    ),
    "ConsentInput": _object(
        {
            "client_id": {
                "type": "string",
                "minLength": 8,
                "maxLength": 36,
                "description": "a UUID made on the device",
            },
            "recipient_id": INTEGER,
            "kind": {"enum": [k.value for k in ConsentKind]},
            "signed_on": DATE,
            "signed_by_recipient": BOOLEAN,
            "signed_by_guardian": BOOLEAN,
            "scope": {"type": "string", "maxLength": 500},
        },
        ["client_id", "recipient_id", "kind", "signed_on"],
    ),
    "Consent": _all_required(
        {
            "id": INTEGER,
            "client_id": STRING,
            "recipient_id": INTEGER,
            "kind": STRING,
            "signed_by_recipient": BOOLEAN,
            "signed_by_guardian": BOOLEAN,
            "signed_on": DATE,
            "scope": STRING,
            "withdrawn_on": _nullable(DATE),
            "withdrawn_reason": _nullable(STRING),
            "recorded_by": INTEGER,
            "created_at": DATETIME,
            "version": INTEGER,
        }
    ),
    "Followup": _object(
        {
            **{name: INTEGER for name in ("id", "recipient_id", "version")},
            "client_id": STRING,
            "followup_date": DATE,
            "risk_level": _nullable(INTEGER),
            "proposed_classification": STRING,
            "classification": STRING,
            "proposed_next_date": _nullable(DATE),
            "next_followup_date": _nullable(DATE),
            "captured_at": _nullable(DATETIME),
            "created_at": DATETIME,
            "alert_id": _nullable(INTEGER),
        }
    ),
    "SyncItem": _object(
        {
            "client_id": STRING,
            "kind": {"type": "string", "enum": ["followup", "home_visit"]},
            "data": {"type": "object"},
            "captured_at": DATETIME,
        },
        ["client_id", "kind", "data"],
    ),
    "SyncRequest": _object(
        {"items": {"type": "array", "items": _ref("SyncItem"), "maxItems": 100}}, ["items"]
    ),
    "SyncResult": _object(
        {
            "client_id": STRING,
            "status": {"type": "string", "enum": ["stored", "duplicate", "rejected", "conflict"]},
            "id": _nullable(INTEGER),
            "message": STRING,
            "errors": {"type": "object", "additionalProperties": STRING},
        },
        ["client_id", "status", "id"],
    ),
    "SyncResponse": _object({"results": {"type": "array", "items": _ref("SyncResult")}}, ["results"]),
    "EligibilityCriterion": _all_required(
        {
            "key": {"enum": ["hukou", "age", "condition", "physical_health", "risk_history", "agreement"]},
            "verdict": {"enum": ["met", "not_met", "unknown"]},
            "label": {"type": "string", "description": "the criterion in the caller's language"},
            "verdict_label": {"type": "string", "description": "the verdict in the caller's language"},
        }
    ),
    "EligibilityRules": _all_required(
        {
            "min_age": INTEGER,
            "max_age": INTEGER,
            "disability_levels": {"type": "array", "items": INTEGER},
            "lookback_months": INTEGER,
            "max_risk_level": INTEGER,
        }
    ),
    "Eligibility": _all_required(
        {
            "recipient_id": INTEGER,
            "eligible": BOOLEAN | {"description": "every criterion met"},
            "criteria": {"type": "array", "items": _ref("EligibilityCriterion")},
            "rules": _ref("EligibilityRules"),
        }
    ),
    "AdmissionInput": _object(
        {
            "reason": {
                "type": "string",
                "maxLength": 200,
                "description": "required when a criterion is not met (coordinators only)",
            },
            "version": INTEGER | {"description": "the recipient's version the screen was read at"},
        }
    ),
    "Admission": _all_required(
        {
            "id": INTEGER,
            "status": {"enum": ["applying", "registered", "suspended", "exited"]},
            "admitted_on": DATE,
            "admitted_by": INTEGER,
            "admission_reason": _nullable(STRING),
            "version": INTEGER,
        }
    ),
    "WithdrawalInput": _all_required(
        {"withdrawn_on": DATE, "reason": {"type": "string", "maxLength": 200}, "version": INTEGER}
    ),
    "RehabAttendee": _object(
        {"recipient_id": INTEGER, "attended": BOOLEAN | {"default": True}}, ["recipient_id"]
    ),
    "RehabServiceInput": _object(
        {
            "client_id": {
                "type": "string",
                "minLength": 8,
                "maxLength": 36,
                "description": "a UUID made on the device",
            },
            "service_date": DATE
            | {"description": "not in the future, not before 2000, not before any attendee's registration"},
            "place": {"enum": list(PLACES)},
            "site_name": {"type": "string", "maxLength": 100, "description": "required when place is site"},
            "contents": {
                "type": ["array", "string"],
                "items": {"enum": list(CONTENTS)},
                "minItems": 1,
                "description": "one or more; a single value may be sent as a string",
            },
            "duration_minutes": {"type": "integer", "minimum": 10, "maximum": 480},
            "notes": {"type": "string", "maxLength": 1000},
            "attendees": {
                "type": "array",
                "items": _ref("RehabAttendee"),
                "minItems": 1,
                "description": "exactly one when place is home; each must be in the caller's scope",
            },
            "recipient_ids": {
                "type": "array",
                "items": INTEGER,
                "description": "instead of attendees: everyone listed attended",
            },
        },
        ["client_id", "service_date", "place", "contents", "duration_minutes"],
    ),
    "RehabAttendance": _all_required({"recipient_id": INTEGER, "attended": BOOLEAN}),
    "RehabService": _all_required(
        {
            "id": INTEGER,
            "client_id": STRING,
            "area_id": INTEGER,
            "service_date": DATE,
            "place": {"enum": list(PLACES)},
            "site_name": STRING,
            "contents": {"type": "array", "items": {"enum": list(CONTENTS)}},
            "duration_minutes": INTEGER,
            "notes": STRING,
            "provider_id": INTEGER,
            "created_at": DATETIME,
            "version": INTEGER,
            "attendees": {"type": "array", "items": _ref("RehabAttendance")},
        }
    ),
    "RehabServiceRow": _all_required(
        {
            "id": INTEGER,
            "service_date": DATE,
            "place": {"enum": list(PLACES)},
            "site_name": STRING,
            "contents": {"type": "array", "items": {"enum": list(CONTENTS)}},
            "duration_minutes": INTEGER,
            "attended": BOOLEAN,
            "provider_name": STRING,
        }
    ),
    "RehabServiceList": _all_required({"items": {"type": "array", "items": _ref("RehabServiceRow")}}),
    "RespiteRequestInput": _object(
        {
            "client_id": {
                "type": "string",
                "minLength": 8,
                "maxLength": 36,
                "description": "a UUID made on the device",
            },
            "recipient_id": INTEGER,
            "kind": {
                "enum": [k.value for k in RespiteKind],
                "description": "居家喘息 home, 机构喘息 institution",
            },
            "start_date": DATE
            | {"description": "not before today; not overlapping the family's open requests"},
            "end_date": DATE | {"description": "not before start_date; both days count"},
            "reason": {"type": "string", "maxLength": 500},
            "burden_answers": {
                "type": "object",
                "additionalProperties": {"type": "integer", "minimum": 0, "maximum": 4},
                "maxProperties": 30,
                "description": "caregiver-burden question key → score 0–4",
            },
        },
        ["client_id", "recipient_id", "kind", "start_date", "end_date", "reason"],
    ),
    "RespiteStepInput": _object(
        {
            "version": INTEGER | {"description": "the version the request was read at"},
            "reason": {
                "type": "string",
                "maxLength": 500,
                "description": "reject: required; approve: required beyond the yearly quota",
            },
            "carer": {"type": "string", "maxLength": 100, "description": "arrange a home respite: who comes"},
            "place": {
                "type": "string",
                "maxLength": 100,
                "description": "arrange an institution stay: where",
            },
            "rating": {"type": "integer", "minimum": RATINGS.start, "maximum": RATINGS.stop - 1},
            "comment": {"type": "string", "maxLength": 500, "description": "rate: optional"},
        },
        ["version"],
    ),
    "RespiteRequest": _all_required(
        {
            "id": INTEGER,
            "client_id": STRING,
            "recipient_id": INTEGER,
            "kind": {"enum": [k.value for k in RespiteKind]},
            "start_date": DATE,
            "end_date": DATE,
            "reason": STRING,
            "burden_answers": {"type": "object", "additionalProperties": INTEGER},
            "status": {"enum": [s.value for s in RespiteStatus]},
            "decision_reason": STRING,
            "over_quota": BOOLEAN,
            "carer": STRING,
            "place": STRING,
            "rating": _nullable(INTEGER),
            "comment": STRING,
            "captured_at": _nullable(DATETIME),
            "created_at": DATETIME,
            "decided_at": _nullable(DATETIME),
            "arranged_at": _nullable(DATETIME),
            "completed_at": _nullable(DATETIME),
            "rated_at": _nullable(DATETIME),
            "cancelled_at": _nullable(DATETIME),
            "version": INTEGER,
        }
    ),
    "RespiteQuota": _all_required({"year": INTEGER, "quota": INTEGER, "used": INTEGER, "left": INTEGER}),
    "RespiteRequestList": _all_required(
        {"items": {"type": "array", "items": _ref("RespiteRequest")}, "quota": _ref("RespiteQuota")}
    ),
    "RespiteQueueRow": _all_required(
        {
            "id": INTEGER,
            "recipient_id": INTEGER,
            "recipient_name": STRING,
            "status": {"enum": [s.value for s in QUEUES]},
            "kind": {"enum": [k.value for k in RespiteKind]},
            "start_date": DATE,
            "end_date": DATE,
            "days": INTEGER,
            "waiting_hours": INTEGER,
            "reason": STRING,
            "burden_score": _nullable(INTEGER),
            "burden_max": INTEGER,
            "burden_high": BOOLEAN,
            "quota": INTEGER,
            "over_quota_days": INTEGER,
            "arrangement": STRING,
            "version": INTEGER,
        }
    ),
    "RespiteQueue": _all_required(
        {"items": {"type": "array", "items": _ref("RespiteQueueRow")}, "total": INTEGER}
    ),
    "SubsidyApplyInput": _object(
        {
            "client_id": {
                "type": "string",
                "minLength": 8,
                "maxLength": 36,
                "description": "a UUID made on the device",
            },
            "year": INTEGER | {"description": "this year (the default) or the next; one application a year"},
        },
        ["client_id"],
    ),
    "SubsidyDecisionInput": _object(
        {
            "version": INTEGER | {"description": "the version the application was read at"},
            "reason": {
                "type": "string",
                "maxLength": 500,
                "description": "reject: required; approve: a note",
            },
        },
        ["version"],
    ),
    "SubsidyCheckInput": _object(
        {
            "client_id": {
                "type": "string",
                "minLength": 8,
                "maxLength": 36,
                "description": "a UUID made on the device",
            },
            "quarter": {
                "type": "integer",
                "minimum": 1,
                "maximum": 4,
                "description": "of the application's year, from the quarter applied in, once begun; checked once",
            },
            **{duty: BOOLEAN for duty in SUBSIDY_DUTIES},
            "passed": BOOLEAN,
            "note": {"type": "string", "maxLength": 500, "description": "required when passed is false"},
        },
        ["client_id", "quarter", "passed"],
    ),
    "SubsidyPaymentInput": _object(
        {
            "client_id": {
                "type": "string",
                "minLength": 8,
                "maxLength": 36,
                "description": "a UUID made on the device",
            },
            "version": INTEGER | {"description": "the version the application was read at"},
            "paid_on": DATE | {"description": "default today; after the subsidy year, not in the future"},
            "note": {"type": "string", "maxLength": 500},
        },
        ["client_id", "version"],
    ),
    "GuardianSubsidy": _all_required(
        {
            "id": INTEGER,
            "client_id": STRING,
            "recipient_id": INTEGER,
            "year": INTEGER,
            "guardian_id": INTEGER | {"description": "the guardian who applied and is paid"},
            "status": {"enum": [s.value for s in SubsidyStatus]},
            "risk_class": _nullable(STRING) | {"enum": [c.value for c in RiskClass] + [None]},
            "guardian_monthly_yuan": _nullable(INTEGER) | {"description": "监护补助, fixed on approval"},
            "care_monthly_yuan": _nullable(INTEGER) | {"description": "看护补贴, fixed on approval"},
            "decision_reason": STRING,
            "captured_at": _nullable(DATETIME),
            "created_at": DATETIME,
            "decided_at": _nullable(DATETIME),
            "version": INTEGER,
        }
    ),
    "SubsidyCheck": _all_required(
        {
            "id": INTEGER,
            "client_id": STRING,
            "subsidy_id": INTEGER,
            "quarter": INTEGER,
            **{duty: BOOLEAN for duty in SUBSIDY_DUTIES},
            "passed": BOOLEAN,
            "note": STRING,
            "captured_at": _nullable(DATETIME),
            "created_at": DATETIME,
        }
    ),
    "SubsidyPayment": _all_required(
        {
            "id": INTEGER,
            "client_id": STRING,
            "subsidy_id": INTEGER,
            "year": INTEGER,
            "passed_quarters": {"type": "array", "items": INTEGER},
            "months": INTEGER | {"description": "3 per passed quarter; 0 when withheld"},
            "monthly_yuan": INTEGER,
            "amount_yuan": INTEGER | {"description": "months × monthly_yuan"},
            "withheld": BOOLEAN | {"description": "a follow-up of that year recorded 肇事 or 肇祸"},
            "incident_on": _nullable(DATE),
            "paid_on": DATE,
            "note": STRING,
            "created_at": DATETIME,
        }
    ),
    "GuardianSubsidyDetail": {
        "allOf": [
            _ref("GuardianSubsidy"),
            _all_required(
                {
                    "checks": {"type": "array", "items": _ref("SubsidyCheck")},
                    "payment": {"oneOf": [_ref("SubsidyPayment"), {"type": "null"}]},
                }
            ),
        ]
    },
    "GuardianSubsidyList": _all_required(
        {"items": {"type": "array", "items": _ref("GuardianSubsidyDetail")}}
    ),
    "SubsidyPaid": _all_required({"payment": _ref("SubsidyPayment"), "subsidy": _ref("GuardianSubsidy")}),
    "SubsidyQueueRow": _all_required(
        {
            "id": INTEGER,
            "recipient_id": INTEGER,
            "recipient_name": STRING,
            "year": INTEGER,
            "status": {"enum": [s.value for s in SUBSIDY_QUEUES]},
            "applied_at": DATETIME,
            "quarters_passed": INTEGER,
            "version": INTEGER,
        }
    ),
    "SubsidyQueue": _all_required(
        {"items": {"type": "array", "items": _ref("SubsidyQueueRow")}, "total": INTEGER}
    ),
    "StaleVersionError": _object(
        {
            "error": {"const": "error.stale_version"},
            "message": STRING,
            "fields": {"type": "object", "additionalProperties": _ref("FieldError")},
            "changed": {
                "type": "array",
                "items": STRING,
                "description": "the fields others changed since the caller's version",
            },
        },
        ["error", "message", "changed"],
    ),
    "HelpInput": _object(
        {
            "client_id": {
                "type": "string",
                "minLength": 8,
                "maxLength": 36,
                "description": "a UUID made on the device",
            },
            "signs": {
                "type": ["array", "string"],
                "items": {"enum": list(SIGNS)},
                "minItems": 1,
                "description": "不睡觉/不吃药/自言自语/打人毁物/想伤害自己/其他; one value may be sent as a string",
            },
            "other_text": {
                "type": "string",
                "maxLength": OTHER_TEXT_MAX,
                "description": "what is happening, in the family's words; required with other",
            },
        },
        ["client_id", "signs"],
    ),
    "Help": _all_required(
        {
            "id": INTEGER,
            "client_id": STRING,
            "signs": {"type": "array", "items": {"enum": list(SIGNS)}},
            "other_text": STRING,
            "asked_at": DATETIME,
            "asked_by_name": STRING,
            "alert_id": INTEGER | {"description": "the relapse alert the call raised (source caregiver)"},
            "status": {"enum": ["open", "taken", "closed"]},
            "owner_name": STRING,
            "taken_by_name": _nullable(STRING),
            "taken_at": _nullable(DATETIME),
            "closed_at": _nullable(DATETIME),
        }
    ),
    "HelpList": _all_required({"items": {"type": "array", "items": _ref("Help")}}),
    "EventInput": _object(
        {
            "client_id": {
                "type": "string",
                "minLength": 8,
                "maxLength": 36,
                "description": "a UUID made on the device",
            },
            "area_id": INTEGER
            | {"description": "an area inside the organiser's scope; the organiser's own area when left out"},
            **EVENT_FIELDS,
        },
        ["client_id", *EVENT_REQUIRED],
    ),
    "EventChangeInput": _object(
        {"version": INTEGER | {"description": "the version the event was read at"}, **EVENT_FIELDS},
        ["version", *EVENT_REQUIRED],
    ),
    "EventCancelInput": _all_required(
        {
            "version": INTEGER,
            "reason": {"type": "string", "maxLength": REASON_MAX, "description": "told to families"},
        }
    ),
    "AttendanceInput": _all_required(
        {
            "version": INTEGER,
            "attendance": {
                "type": "array",
                "minItems": 1,
                "items": _all_required({"sign_up_id": INTEGER, "attended": BOOLEAN}),
                "description": "sign-ups holding a seat; any left out keep what was recorded",
            },
        }
    ),
    "SignUpInput": _object(
        {
            "client_id": {
                "type": "string",
                "minLength": 8,
                "maxLength": 36,
                "description": "a UUID made on the device",
            },
            "recipient_id": INTEGER | {"description": "the family signed up for: a relative of the caller"},
            "waitlist": BOOLEAN
            | {
                "default": False,
                "description": "when the event is full, wait for a seat instead of a refusal",
            },
        },
        ["client_id", "recipient_id"],
    ),
    "SignUpCancelInput": _all_required({"version": INTEGER}),
    "SignUp": _all_required(
        {
            "id": INTEGER,
            "event_id": INTEGER,
            "recipient_id": INTEGER,
            "recipient_name": STRING,
            "caregiver_name": STRING,
            "status": {"enum": [s.value for s in SignUpStatus]},
            "position": _nullable(INTEGER)
            | {"description": "place on the waiting list, 1 first; null unless waiting"},
            "attended": {"type": ["boolean", "null"], "description": "null until the organiser records it"},
            "version": INTEGER,
        }
    ),
    "Event": _all_required(EVENT_VIEW),
    "EventDetail": _all_required(
        EVENT_VIEW
        | {
            "roster": {
                "type": ["array", "null"],
                "items": _ref("SignUp"),
                "description": "signed up first, then the waiting list; null unless the caller organises the event",
            }
        }
    ),
    "EventList": _all_required({"items": {"type": "array", "items": _ref("Event")}}),
    "AreaCount": _all_required(
        {"area_id": INTEGER, "name": STRING, "registered": INTEGER, "applying": INTEGER, "high_risk": INTEGER}
    ),
    "Overview": _all_required(
        {
            "area_name": STRING,
            "rows": {"type": "array", "items": _ref("AreaCount")},
            "total": _ref("AreaCount"),
        }
    ),
}

PATHS = {
    "/api/v1/auth/login": {
        "post": {
            "summary": "Log in with phone and password",
            "security": PUBLIC,
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": _ref("LoginRequest")}},
            },
            "responses": {
                "200": _json(_ref("LoginResponse"), "Logged in"),
                "401": ERROR | {"description": "Wrong phone or password (error.login_failed)"},
                "422": VALIDATION_ERROR,
                "429": ERROR | {"description": "Locked after repeated failures; see Retry-After"},
                "503": ERRORS["503"],
                **BODY_ERRORS,
            },
        }
    },
    "/api/v1/auth/logout": {
        "post": {
            "summary": "End the session of the token sent (always 204)",
            "responses": {"204": {"description": "Logged out, or nothing to end"}, "503": ERRORS["503"]},
        }
    },
    "/api/v1/me": {
        "get": {
            "summary": "The logged-in user",
            "responses": {"200": _json(_ref("User"), "The caller"), **ERRORS},
        }
    },
    "/api/v1/recipients": {
        "get": {
            "summary": "Recipients the caller may list (masked, least view), next follow-up first",
            "parameters": [
                {
                    "name": "search",
                    "in": "query",
                    "schema": STRING,
                    "description": "name, pinyin initials, or ID last 4",
                },
                {"name": "offset", "in": "query", "schema": INTEGER | {"default": 0, "minimum": 0}},
                {
                    "name": "limit",
                    "in": "query",
                    "schema": INTEGER | {"default": 20, "minimum": 1, "maximum": 100},
                },
            ],
            "responses": {
                "200": _json(_ref("RecipientList"), "One page and the total"),
                "400": ERROR | {"description": "offset or limit is not a number"},
                **ERRORS,
            },
        }
    },
    "/api/v1/recipients/{id}": {
        "get": {
            "summary": "One recipient's detail; every read and every refused attempt is audited",
            "parameters": [{"name": "id", "in": "path", "required": True, "schema": INTEGER}],
            "responses": {
                "200": _json(_ref("RecipientDetail"), "The detail, fields the caller may not see are null"),
                "403": ERROR,
                "404": ERROR,
                **ERRORS,
            },
        }
    },
    "/api/v1/consents": {
        "post": {
            "summary": "Record a signed consent; a repeat of the same client_id returns the stored record",
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": _ref("ConsentInput")}},
            },
            "responses": {
                "201": _json(
                    _ref("Consent"), "Stored, or already stored under this client_id (no duplicate)"
                ),
                "403": ERROR,
                "404": ERROR | {"description": "No such recipient"},
                "422": VALIDATION_ERROR,
                **ERRORS,
                **BODY_ERRORS,
            },
        }
    },
    "/api/v1/overview": {
        "get": {
            "summary": "Counts for the caller's coordinated area, one row per child area (coordinators)",
            "responses": {"200": _json(_ref("Overview"), "The overview"), "403": ERROR, **ERRORS},
        }
    },
    "/api/v1/sync": {
        "post": {
            "summary": "The device outbox: each item stored, acknowledged as a repeat, rejected or in conflict",
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": _ref("SyncRequest")}},
            },
            "responses": {
                "200": _json(_ref("SyncResponse"), "One result per item, in order"),
                "400": ERROR | {"description": "Not a list of at most 100 items"},
                **ERRORS,
                **BODY_ERRORS,
            },
        }
    },
    "/api/v1/followups": {
        "post": {
            "summary": "Record a follow-up (the national form); a repeat of the same client_id stores nothing",
            "requestBody": {"required": True, "content": {"application/json": {"schema": OBJECT}}},
            "responses": {
                "201": _json(_ref("Followup"), "Stored, or already stored under this client_id"),
                "403": ERROR,
                "404": ERROR,
                "422": VALIDATION_ERROR,
                **ERRORS,
                **BODY_ERRORS,
            },
        }
    },
    "/api/v1/followups/proposal": {
        "post": {
            "summary": "The rules' classification and next date for a form being filled in; stores nothing",
            "requestBody": {"required": True, "content": {"application/json": {"schema": OBJECT}}},
            "responses": {
                "200": _json(
                    {
                        "type": "object",
                        "properties": {
                            "classification": {"type": "string"},
                            "next_followup_date": {"type": "string", "format": "date", "nullable": True},
                            "alert": {"type": "boolean"},
                            "message": {"type": "string"},
                        },
                    },
                    "The proposal, and a sentence saying it in the user's language",
                ),
                "403": ERROR,
                "404": ERROR,
                **ERRORS,
                **BODY_ERRORS,
            },
        }
    },
    "/api/v1/followups/{id}": {
        "put": {
            "summary": "Correct a follow-up; refused with 409 and what changed when `version` is stale",
            "parameters": ID_PARAM,
            "requestBody": {"required": True, "content": {"application/json": {"schema": OBJECT}}},
            "responses": {
                "200": _json(_ref("Followup"), "Stored"),
                "403": ERROR,
                "404": ERROR,
                "409": ERROR | {"description": "Stale version (error.stale_version)"},
                "422": VALIDATION_ERROR,
                **ERRORS,
                **BODY_ERRORS,
            },
        }
    },
    "/api/v1/home-visits": {
        "post": {
            "summary": "Record a home visit; each need found opens a task",
            "requestBody": {"required": True, "content": {"application/json": {"schema": OBJECT}}},
            "responses": {
                "201": _json(OBJECT, "Stored, or already stored under this client_id"),
                "403": ERROR,
                "404": ERROR,
                "422": VALIDATION_ERROR,
                **ERRORS,
                **BODY_ERRORS,
            },
        }
    },
    "/api/v1/due": {
        "get": {
            "summary": "Today's tasks: alerts first, then risk, then days overdue",
            "parameters": PAGE_PARAMS,
            "responses": {"200": _json(OBJECT, "One page of DueItem and the total"), **ERRORS},
        }
    },
    "/api/v1/alerts": {
        "get": {
            "summary": "Open relapse alerts in the caller's area, by deadline",
            "responses": {"200": _json(OBJECT, "items"), **ERRORS},
        }
    },
    "/api/v1/alerts/{id}/take": {
        "post": {
            "summary": "Take an open alert (send its `version`)",
            "parameters": ID_PARAM,
            "responses": {
                "200": _json(OBJECT, "The alert"),
                "403": ERROR,
                "404": ERROR,
                "409": ERROR,
                "422": VALIDATION_ERROR,
                **ERRORS,
            },
        }
    },
    "/api/v1/alerts/{id}/close": {
        "post": {
            "summary": "Close an alert with its outcome (home_response, hospitalised, resolved)",
            "parameters": ID_PARAM,
            "responses": {
                "200": _json(OBJECT, "The alert"),
                "403": ERROR,
                "404": ERROR,
                "409": ERROR,
                "422": VALIDATION_ERROR,
                **ERRORS,
            },
        }
    },
    "/api/v1/notifications": {
        "get": {
            "summary": "The caller's notifications, newest first, and the unread count",
            "responses": {"200": _json(OBJECT, "items and unread"), **ERRORS},
        }
    },
    "/api/v1/recipients/{id}/eligibility": {
        "get": {
            "summary": "The eligibility screen (入组评估): each criterion met, not met or to be checked; audited",
            "parameters": ID_PARAM,
            "responses": {
                "200": _json(_ref("Eligibility"), "The screen, labels in the caller's language"),
                "403": ERROR | {"description": "The caller may not see clinical data of this recipient"},
                "404": ERROR,
                **ERRORS,
            },
        }
    },
    "/api/v1/recipients/{id}/admit": {
        "post": {
            "summary": "Admit an applicant (申请中 → 在册); outside the rules only a coordinator, with a reason",
            "parameters": ID_PARAM,
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": _ref("AdmissionInput")}},
            },
            "responses": {
                "200": _json(_ref("Admission"), "Admitted"),
                "403": ERROR | {"description": "May not update the recipient or admit outside the rules"},
                "404": ERROR,
                "409": ERROR | {"description": "The recipient changed since `version` (error.stale_version)"},
                "422": VALIDATION_ERROR,
                **ERRORS,
                **BODY_ERRORS,
            },
        }
    },
    "/api/v1/consents/{id}/withdraw": {
        "post": {
            "summary": "Withdraw a consent; withdrawing follow-up consent stops follow-up management",
            "parameters": ID_PARAM,
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": _ref("WithdrawalInput")}},
            },
            "responses": {
                "200": _json(_ref("Consent"), "The consent with its withdrawal"),
                "403": ERROR,
                "404": ERROR | {"description": "No such consent"},
                "409": ERROR | {"description": "The consent changed since `version` (error.stale_version)"},
                "422": VALIDATION_ERROR,
                **ERRORS,
                **BODY_ERRORS,
            },
        }
    },
    "/api/v1/recipients/{id}/team": {
        "post": {
            "summary": (
                "Add a member to the recipient's care team (综合管理小组): an active user whose account role fits "
                "the team role and whose area covers the recipient; adding an existing member changes nothing"
            ),
            "parameters": ID_PARAM,
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": _ref("TeamMemberInput")}},
            },
            "responses": {
                "201": _json(_ref("CareTeam"), "The team with the member on it"),
                "403": ERROR | {"description": "May not update the recipient"},
                "404": ERROR | {"description": "No such recipient"},
                "422": VALIDATION_ERROR
                | {
                    "description": "user_id: error.team_member_unknown, error.team_role_unfit or "
                    "error.team_area_unfit; team_role: not a team role"
                },
                **ERRORS,
                **BODY_ERRORS,
            },
        }
    },
    "/api/v1/recipients/{id}/team/candidates": {
        "get": {
            "summary": "Who could join the care team: one item per (user, team role) not on the team yet",
            "parameters": ID_PARAM,
            "responses": {
                "200": _json(_ref("TeamCandidateList"), "By team role, then name"),
                "403": ERROR | {"description": "May not update the recipient"},
                "404": ERROR,
                **ERRORS,
            },
        }
    },
    "/api/v1/recipients/{id}/team/{user_id}/{team_role}": {
        "delete": {
            "summary": "Take a member off the recipient's care team (综合管理小组)",
            "parameters": [
                *ID_PARAM,
                {"name": "user_id", "in": "path", "required": True, "schema": INTEGER},
                {
                    "name": "team_role",
                    "in": "path",
                    "required": True,
                    "schema": TEAM_ROLE,
                },
            ],
            "responses": {
                "204": {"description": "Removed"},
                "403": ERROR,
                "404": ERROR | {"description": "No such recipient, or no such member in that role"},
                **ERRORS,
            },
        }
    },
    "/api/v1/rehab-services": {
        "post": {
            "summary": "Record a rehab service session and who attended; a repeat of the same client_id returns the stored record",
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": _ref("RehabServiceInput")}},
            },
            "responses": {
                "201": _json(
                    _ref("RehabService"), "Stored, or already stored under this client_id (no duplicate)"
                ),
                "403": ERROR | {"description": "The caller may not record rehab services for every attendee"},
                "404": ERROR | {"description": "An attendee does not exist"},
                "422": VALIDATION_ERROR,
                **ERRORS,
                **BODY_ERRORS,
            },
        }
    },
    "/api/v1/recipients/{id}/rehab-services": {
        "get": {
            "summary": "One recipient's rehab service sessions, newest first (the read is audited)",
            "parameters": [
                *ID_PARAM,
                {
                    "name": "limit",
                    "in": "query",
                    "schema": INTEGER | {"default": 20, "minimum": 1, "maximum": 100},
                },
            ],
            "responses": {
                "200": _json(_ref("RehabServiceList"), "The sessions, with this recipient's attendance"),
                "400": ERROR | {"description": "limit is not a number"},
                "403": ERROR,
                "404": ERROR,
                **ERRORS,
            },
        }
    },
    "/api/v1/respite-requests": {
        "post": {
            "summary": "Ask for respite (喘息服务) for a family; a repeat of the same client_id returns the stored request",
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": _ref("RespiteRequestInput")}},
            },
            "responses": {
                "201": _json(_ref("RespiteRequest"), "Stored, or already stored under this client_id"),
                "403": ERROR | {"description": "The caller may not ask for this recipient"},
                "404": ERROR | {"description": "No such recipient"},
                "422": VALIDATION_ERROR
                | {"description": "start_date in the past or overlapping, end_date before start_date, …"},
                **ERRORS,
                **BODY_ERRORS,
            },
        }
    },
    "/api/v1/recipients/{id}/respite-requests": {
        "get": {
            "summary": "One family's respite requests, latest dates first, with the days used and left this year",
            "parameters": ID_PARAM,
            "responses": {
                "200": _json(_ref("RespiteRequestList"), "The requests and this year's quota"),
                "403": ERROR | {"description": "The caller may not ask for this recipient (another family)"},
                "404": ERROR,
                **ERRORS,
            },
        }
    },
    "/api/v1/respite-requests/queue": {
        "get": {
            "summary": "Coordinators: respite requests in their area in one status (pending to decide, approved to "
            "arrange, arranged to complete), oldest first, with hours waited, burden score and quota effect",
            "parameters": [
                *PAGE_PARAMS,
                {
                    "name": "status",
                    "in": "query",
                    "required": False,
                    "schema": {"enum": [s.value for s in QUEUES], "default": "pending"},
                },
            ],
            "responses": {
                "200": _json(_ref("RespiteQueue"), "One page of the queue and its total"),
                "400": ERROR | {"description": "offset or limit is not a number, or status is not a queue"},
                "403": ERROR | {"description": "The caller does not decide respite requests"},
                **ERRORS,
            },
        }
    },
    **{
        f"/api/v1/respite-requests/{{id}}/{step}": {
            "post": {
                "summary": summary,
                "parameters": ID_PARAM,
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": _ref("RespiteStepInput")}},
                },
                "responses": {
                    "200": _json(_ref("RespiteRequest"), "The request in its new status, with a new version"),
                    "403": ERROR,
                    "404": ERROR | {"description": "No such request"},
                    "409": _json(_ref("StaleVersionError"), "The request changed since `version`"),
                    "422": VALIDATION_ERROR
                    | {"description": "status: error.respite_illegal_step when the step is not allowed now"},
                    **ERRORS,
                    **BODY_ERRORS,
                },
            }
        }
        for step, summary in (
            ("approve", "Coordinators: approve; beyond the yearly quota only with a `reason`"),
            ("reject", "Coordinators: reject with a `reason` the family sees"),
            (
                "arrange",
                "Coordinators: arrange an approved request (`carer` for home, `place` for institution)",
            ),
            ("complete", "Coordinators: record an arranged respite as completed, once it has started"),
            ("rate", "The family: rate a completed respite 1–5 (`rating`, optional `comment`)"),
            ("cancel", "The family: cancel before the first day"),
        )
    },
    "/api/v1/recipients/{id}/help": {
        "post": {
            "summary": (
                "紧急求助: the family says what is happening and a relapse alert opens with an owner, the county's "
                "deadline and escalation; a repeat of the same client_id returns the stored call"
            ),
            "parameters": ID_PARAM,
            "requestBody": {"required": True, "content": {"application/json": {"schema": _ref("HelpInput")}}},
            "responses": {
                "201": _json(
                    _ref("Help"), "Stored, or already stored under this client_id (no second alert)"
                ),
                "400": ERROR
                | {"description": "No staff member can take the alert (error.help_no_one_to_take)"},
                "403": ERROR | {"description": "Not a caregiver on this recipient's care team"},
                "404": ERROR,
                "422": VALIDATION_ERROR
                | {
                    "description": "signs: error.help_signs_required; other_text: error.help_other_text_required"
                },
                **ERRORS,
                **BODY_ERRORS,
            },
        },
        "get": {
            "summary": (
                "The family's calls for help about this relative, newest first: open and taken ones, and those "
                "closed in the last 30 days, with who took each and when"
            ),
            "parameters": ID_PARAM,
            "responses": {
                "200": _json(_ref("HelpList"), "At most 20"),
                "403": ERROR | {"description": "Not a caregiver on this recipient's care team"},
                "404": ERROR,
                **ERRORS,
            },
        },
    },
    "/api/v1/recipients/{id}/guardian-subsidies": {
        "post": {
            "summary": (
                "The guardian applies for the guardian subsidy (监护补贴) for a year; a repeat of the same client_id "
                "returns the stored application"
            ),
            "parameters": ID_PARAM,
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": _ref("SubsidyApplyInput")}},
            },
            "responses": {
                "201": _json(_ref("GuardianSubsidy"), "Stored, or already stored under this client_id"),
                "403": ERROR | {"description": "Not the guardian on this recipient's care team"},
                "404": ERROR,
                "422": VALIDATION_ERROR
                | {"description": "year: error.subsidy_year, or error.subsidy_year_taken (one a year)"},
                **ERRORS,
                **BODY_ERRORS,
            },
        },
        "get": {
            "summary": "One family's applications, latest year first, with their quarterly checks and payment",
            "parameters": ID_PARAM,
            "responses": {
                "200": _json(_ref("GuardianSubsidyList"), "Every application of the recipient"),
                "403": ERROR | {"description": "Another family, or a role that does not handle the subsidy"},
                "404": ERROR,
                **ERRORS,
            },
        },
    },
    "/api/v1/guardian-subsidies/queue": {
        "get": {
            "summary": (
                "Township and county: applications in their area waiting for a decision (pending) or for the "
                "yearly payment (approved), oldest first"
            ),
            "parameters": [
                *PAGE_PARAMS,
                {
                    "name": "status",
                    "in": "query",
                    "required": False,
                    "schema": {"enum": [s.value for s in SUBSIDY_QUEUES], "default": "pending"},
                },
            ],
            "responses": {
                "200": _json(_ref("SubsidyQueue"), "One page of the queue and its total"),
                "400": ERROR | {"description": "offset or limit is not a number"},
                "403": ERROR | {"description": "The caller does not decide subsidies"},
                "422": VALIDATION_ERROR | {"description": "status is not a queue"},
                **ERRORS,
            },
        }
    },
    "/api/v1/guardian-subsidies/{id}/checks": {
        "post": {
            "summary": (
                "The village committee of the recipient's area (or a coordinator) records a quarter's check of the "
                "guardian's care duties (看护管理记录); a repeat of the same client_id returns the stored check"
            ),
            "parameters": ID_PARAM,
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": _ref("SubsidyCheckInput")}},
            },
            "responses": {
                "201": _json(_ref("SubsidyCheck"), "Stored, or already stored under this client_id"),
                "403": ERROR,
                "404": ERROR | {"description": "No such application"},
                "422": VALIDATION_ERROR
                | {
                    "description": (
                        "quarter: error.subsidy_quarter_not_open / error.subsidy_quarter_checked; note: "
                        "error.subsidy_check_note_required; status: error.subsidy_illegal_step once decided"
                    )
                },
                **ERRORS,
                **BODY_ERRORS,
            },
        }
    },
    "/api/v1/guardian-subsidies/{id}/payments": {
        "post": {
            "summary": (
                "Township and county, once the year is over: record the yearly payment, worked out from the passed "
                "quarters and the approved monthly amount, or withheld (amount 0) for a year with 肇事肇祸"
            ),
            "parameters": ID_PARAM,
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": _ref("SubsidyPaymentInput")}},
            },
            "responses": {
                "201": _json(_ref("SubsidyPaid"), "Stored, or already stored under this client_id"),
                "403": ERROR,
                "404": ERROR | {"description": "No such application"},
                "409": _json(_ref("StaleVersionError"), "The application changed since `version`"),
                "422": VALIDATION_ERROR
                | {
                    "description": (
                        "status: error.subsidy_illegal_step (not approved), error.subsidy_year_not_over, "
                        "error.subsidy_checks_missing"
                    )
                },
                **ERRORS,
                **BODY_ERRORS,
            },
        }
    },
    **{
        f"/api/v1/guardian-subsidies/{{id}}/{step}": {
            "post": {
                "summary": summary,
                "parameters": ID_PARAM,
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": _ref("SubsidyDecisionInput")}},
                },
                "responses": {
                    "200": _json(
                        _ref("GuardianSubsidy"), "The application in its new status, with a new version"
                    ),
                    "403": ERROR,
                    "404": ERROR | {"description": "No such application"},
                    "409": _json(_ref("StaleVersionError"), "The application changed since `version`"),
                    "422": VALIDATION_ERROR
                    | {"description": "status: error.subsidy_illegal_step when it is no longer pending"},
                    **ERRORS,
                    **BODY_ERRORS,
                },
            }
        }
        for step, summary in (
            (
                "approve",
                "Township and county: approve; fixes the class and monthly amounts from the county's settings",
            ),
            ("reject", "Township and county: reject with a `reason` the guardian sees"),
        )
    },
    "/api/v1/events": {
        "get": {
            "summary": (
                "Events not yet over the caller may see, soonest first: an organiser's in their areas, a family's "
                "in the areas containing their relative's; with seats left and the caller's own sign-up"
            ),
            "parameters": [
                {
                    "name": "recipient_id",
                    "in": "query",
                    "schema": INTEGER,
                    "description": "only the events open to this family",
                }
            ],
            "responses": {
                "200": _json(_ref("EventList"), "At most 100"),
                "400": ERROR | {"description": "recipient_id is not a number"},
                "403": ERROR
                | {"description": "The caller neither organises nor joins events, or not this family"},
                "404": ERROR | {"description": "No such recipient"},
                **ERRORS,
            },
        },
        "post": {
            "summary": (
                "Coordinators and social workers: publish a training or mutual-aid event (家属培训/互助小组) for an "
                "area of their scope; a repeat of the same client_id returns the stored event"
            ),
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": _ref("EventInput")}},
            },
            "responses": {
                "201": _json(_ref("Event"), "Stored, or already stored under this client_id"),
                "403": ERROR | {"description": "The caller does not publish events"},
                "422": VALIDATION_ERROR
                | {
                    "description": "starts_at: error.event_start_in_past; ends_at: error.event_end_before_start; "
                    "capacity: error.event_capacity; area_id: error.event_area_out_of_scope; …"
                },
                **ERRORS,
                **BODY_ERRORS,
            },
        },
    },
    "/api/v1/events/{id}": {
        "get": {
            "summary": "One event; the roster only for its organisers (a family sees counts and its own sign-up)",
            "parameters": ID_PARAM,
            "responses": {
                "200": _json(
                    _ref("EventDetail"), "The event, with `roster` null unless the caller organises it"
                ),
                "403": ERROR
                | {"description": "Outside the caller's area, or not open to the caller's family"},
                "404": ERROR,
                **ERRORS,
            },
        }
    },
    **{
        f"/api/v1/events/{{id}}/{step}": {
            "post": {
                "summary": summary,
                "parameters": ID_PARAM,
                "requestBody": {"required": True, "content": {"application/json": {"schema": _ref(body)}}},
                "responses": {
                    "200": _json(_ref(answer), "With a new version"),
                    "403": ERROR | {"description": "Not an organiser of the event's area"},
                    "404": ERROR | {"description": "No such event"},
                    "409": _json(_ref("StaleVersionError"), "The event changed since `version`"),
                    "422": VALIDATION_ERROR | {"description": refusals},
                    **ERRORS,
                    **BODY_ERRORS,
                },
            }
        }
        for step, summary, body, answer, refusals in (
            (
                "update",
                "Organisers: change an event before it starts; more seats go to the waiting list, and families "
                "are told of a new time or place",
                "EventChangeInput",
                "Event",
                "status: error.event_started or error.event_cancelled; capacity: error.event_capacity_below_taken; "
                "the fields as when publishing",
            ),
            (
                "cancel",
                "Organisers: cancel an event before it starts, with a `reason` every family signed up or waiting "
                "is told",
                "EventCancelInput",
                "Event",
                "status: error.event_started or error.event_cancelled; reason: error.required",
            ),
            (
                "attendance",
                "Organisers: record who came (attended true/false per sign-up), once the event has started",
                "AttendanceInput",
                "EventDetail",
                "status: error.event_not_started or error.event_cancelled; attendance: "
                "error.event_attendance_unknown or error.event_attendance_invalid",
            ),
        )
    },
    "/api/v1/events/{id}/sign-ups": {
        "post": {
            "summary": (
                "A caregiver signs up for their family; when the event is full, only with `waitlist` (then "
                "waiting, with a position); a repeat of the same client_id returns the stored sign-up"
            ),
            "parameters": ID_PARAM,
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": _ref("SignUpInput")}},
            },
            "responses": {
                "201": _json(_ref("SignUp"), "Signed up or waiting; already stored under this client_id"),
                "403": ERROR
                | {
                    "description": "Not a caregiver of this recipient, or the event is not open to their area"
                },
                "404": ERROR | {"description": "No such event or recipient"},
                "422": VALIDATION_ERROR
                | {
                    "description": "waitlist: error.event_full; status: error.event_already_signed_up, "
                    "error.event_started or error.event_cancelled"
                },
                **ERRORS,
                **BODY_ERRORS,
            },
        }
    },
    "/api/v1/event-sign-ups/{id}/cancel": {
        "post": {
            "summary": "The family cancels a sign-up before the event starts; its seat goes to the first waiting",
            "parameters": ID_PARAM,
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": _ref("SignUpCancelInput")}},
            },
            "responses": {
                "200": _json(_ref("SignUp"), "The sign-up, cancelled"),
                "403": ERROR | {"description": "Not a caregiver of the family signed up"},
                "404": ERROR | {"description": "No such sign-up"},
                "409": _json(
                    _ref("StaleVersionError"), "The sign-up changed since `version` (e.g. promoted)"
                ),
                "422": VALIDATION_ERROR
                | {
                    "description": "status: error.event_sign_up_cancelled, error.event_started or error.event_cancelled"
                },
                **ERRORS,
                **BODY_ERRORS,
            },
        }
    },
    "/api/v1/openapi.json": {
        "get": {
            "summary": "This document",
            "security": PUBLIC,
            "responses": {"200": {"description": "OpenAPI 3.1", "content": {"application/json": {}}}},
        }
    },
}

SCHEMAS |= openapi_volunteer_service.SCHEMAS
PATHS |= openapi_volunteer_service.PATHS
SCHEMAS |= openapi_volunteers.SCHEMAS
PATHS |= openapi_volunteer_paths.PATHS
PATHS |= openapi_exports.PATHS
SCHEMAS |= openapi_referrals.SCHEMAS
PATHS |= openapi_referrals.PATHS
SCHEMAS |= openapi_coordination.SCHEMAS
PATHS |= openapi_coordination.PATHS
SCHEMAS |= openapi_indicators.SCHEMAS
PATHS |= openapi_indicators.PATHS

OPENAPI = {
    "openapi": "3.1.0",
    "info": {
        "title": "Jingkang (精康) API",
        "version": "1",
        "description": (
            "Community mental-health rehabilitation services. Authenticate with the token from "
            "/api/v1/auth/login as `Authorization: Bearer <token>`, or (same origin) the `jk_session` cookie "
            "of the web app. Errors are `{error, message, fields?}`; `message` follows the user's language, "
            "else Accept-Language. Dates are ISO 8601 strings; request bodies are at most 64 KiB."
        ),
    },
    "servers": [{"url": "/"}],
    "security": [{"bearerAuth": []}, {"cookieAuth": []}],
    "paths": PATHS,
    "components": {
        "schemas": SCHEMAS,
        "securitySchemes": {
            "bearerAuth": {"type": "http", "scheme": "bearer"},
            "cookieAuth": {"type": "apiKey", "in": "cookie", "name": "jk_session"},
        },
    },
}


async def openapi_json(_request: Request) -> Response:
    return ApiJSON(OPENAPI)


ROUTES = [Route("/openapi.json", openapi_json, methods=["GET"])]
