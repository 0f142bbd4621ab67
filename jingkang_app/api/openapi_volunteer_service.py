"""OpenAPI paths and schemas of api/routes_volunteer_service.py (service records, points, certificates, the
volunteer's own page), merged into api/openapi.py."""

from jingkang_app.api.openapi_common import (
    BODY_ERRORS,
    DATE,
    DATETIME,
    ERROR,
    ERRORS,
    ID_PARAM,
    INTEGER,
    PUBLIC,
    STRING,
    VALIDATION_ERROR,
    all_required,
    json_body,
    nullable,
    object_schema,
    ref,
)
from jingkang_app.domain.rules import volunteer_hours as hours
from jingkang_app.domain.rules.volunteers import ShiftKind, SignUpStatus
from jingkang_app.domain.services.certificates import CODE_LENGTH
from jingkang_app.domain.services.points import MAX_REDEMPTION, REDEMPTION_MAX

KIND = {"enum": [k.value for k in ShiftKind]}
CLIENT_ID = {"type": "string", "minLength": 8, "maxLength": 36, "description": "a UUID made on the device"}
LIMIT = [{"name": "limit", "in": "query", "schema": INTEGER | {"minimum": 1}}]
STALE = json_body(ref("StaleVersionError"), "The record changed since `version`")

CERTIFICATE = {
    "code": STRING | {"description": f"证明编号, {CODE_LENGTH} characters; the code of the public check"},
    "volunteer_name": STRING,
    "id_type": STRING | {"description": "resident_id, passport, …; empty when none was given"},
    "id_number": STRING | {"description": "masked, except on /volunteer-certificates/{id}"},
    "volunteer_no": STRING,
    "period_start": DATE,
    "period_end": DATE,
    "minutes": INTEGER | {"description": "verified service time in the period, travel excluded"},
    "shifts": INTEGER,
    "content": STRING | {"description": "the kinds of service, in Chinese words"},
    "issuer": STRING,
    "person_in_charge": STRING,
    "handler": STRING | {"description": "经办人: the issuing coordinator"},
    "contact": STRING,
    "issued_on": DATE,
}
POINTS_LINE = {
    "id": INTEGER,
    "points": INTEGER | {"description": "positive when earned, negative when redeemed"},
    "source": {"enum": ["shift", "rehab_session", "redemption"]},
    "created_at": DATETIME,
    "recorded_by": STRING,
    "shift_sign_up_id": nullable(INTEGER),
    "shift_id": nullable(INTEGER),
    "shift_kind": {"enum": [*KIND["enum"], None]},
    "shift_starts_at": nullable(DATETIME),
    "rehab_attendance_id": nullable(INTEGER),
    "rehab_service_id": nullable(INTEGER),
    "service_date": nullable(DATE),
    "redemption": STRING | {"description": "what was given, for a redemption"},
}

SCHEMAS = {
    "ServiceRecord": all_required(
        {
            "id": INTEGER | {"description": "the sign-up's id"},
            "shift_id": INTEGER,
            "volunteer_id": INTEGER,
            "volunteer_name": STRING,
            "status": {"enum": [s.value for s in SignUpStatus]},
            "kind": KIND,
            "task": STRING,
            "first_name": STRING | {"description": "of whom the shift serves: all a volunteer is told"},
            "place": STRING,
            "starts_at": DATETIME,
            "ends_at": DATETIME,
            "check_in_at": nullable(DATETIME),
            "check_out_at": nullable(DATETIME),
            "correction_reason": STRING,
            "proposed_minutes": nullable(INTEGER)
            | {"description": "what verifying counts by default, once checked out"},
            "verified_minutes": nullable(INTEGER),
            "verified_at": nullable(DATETIME),
            "rating": nullable(INTEGER),
            "points": nullable(INTEGER) | {"description": "earned by the verification"},
            "version": INTEGER,
        }
    ),
    "ServiceRecordList": all_required({"items": {"type": "array", "items": ref("ServiceRecord")}}),
    "ServiceCheckInput": object_schema(
        {
            "captured_at": DATETIME
            | {
                "description": "only from a device that was offline: the moment it captured, kept when inside "
                "the window; otherwise the server's time counts"
            }
        }
    ),
    "ServiceCorrectionInput": all_required(
        {
            "version": INTEGER,
            "check_in_at": DATETIME
            | {"description": "from 60 min before the shift; Asia/Shanghai without a zone"},
            "check_out_at": DATETIME
            | {"description": "after check_in_at, until 6 h after the shift, not future"},
            "reason": {"type": "string", "maxLength": hours.REASON_MAX},
        }
    ),
    "ServiceVerifyInput": object_schema(
        {
            "version": INTEGER,
            "verified_minutes": INTEGER
            | {"minimum": 0, "description": "default: proposed_minutes; any other value needs a reason"},
            "reason": {"type": "string", "maxLength": hours.REASON_MAX},
            "rating": INTEGER | {"minimum": 1, "maximum": 5, "description": "the coordinator's evaluation"},
        },
        ["version"],
    ),
    "ServiceVersionInput": all_required({"version": INTEGER}),
    "PointsLine": all_required(POINTS_LINE),
    "PointsLedger": all_required(
        {
            "balance": INTEGER,
            "lines": {"type": "array", "items": ref("PointsLine"), "description": "newest first"},
        }
    ),
    "PointsRedemptionInput": object_schema(
        {
            "client_id": CLIENT_ID,
            "volunteer_id": INTEGER | {"description": "exactly one of volunteer_id and recipient_id"},
            "recipient_id": INTEGER,
            "points": INTEGER | {"minimum": 1, "maximum": MAX_REDEMPTION},
            "redemption": {"type": "string", "maxLength": REDEMPTION_MAX, "description": "what was given"},
        },
        ["client_id", "points", "redemption"],
    ),
    "PointsRedeemed": all_required({"line": ref("PointsLine"), "balance": INTEGER}),
    "CertificateInput": all_required(
        {
            "client_id": CLIENT_ID,
            "volunteer_id": INTEGER,
            "period_start": DATE,
            "period_end": DATE | {"description": "not before period_start, not after today"},
        }
    ),
    "PublicCertificate": all_required(CERTIFICATE),
    "Certificate": all_required({**CERTIFICATE, "id": INTEGER, "volunteer_id": INTEGER}),
    "CertificateList": all_required({"items": {"type": "array", "items": ref("Certificate")}}),
    "VolunteerUpcomingShift": all_required(
        {
            "sign_up_id": INTEGER,
            "status": {"enum": ["invited", "signed_up", "checked_in"]},
            "kind": KIND,
            "task": STRING,
            "first_name": STRING,
            "place": STRING,
            "starts_at": DATETIME,
            "ends_at": DATETIME,
            "may_check_in": {"type": "boolean"},
            "may_check_out": {"type": "boolean"},
            "version": INTEGER,
        }
    ),
    "VolunteerHome": all_required(
        {
            "volunteer_id": INTEGER,
            "name": STRING,
            "volunteer_no": STRING,
            "year": INTEGER,
            "minutes_this_year": INTEGER,
            "minutes_total": INTEGER,
            "points": INTEGER,
            "upcoming": {"type": "array", "items": ref("VolunteerUpcomingShift")},
            "recent_points": {"type": "array", "items": ref("PointsLine")},
            "certificates": {"type": "array", "items": ref("Certificate")},
        }
    ),
}


def _get(summary: str, answer: str, refusals: str, parameters: list | None = None) -> dict:
    operation = {
        "summary": summary,
        "responses": {
            "200": json_body(ref(answer), "OK"),
            "403": ERROR | {"description": refusals},
            "404": ERROR,
            **ERRORS,
        },
    }
    if parameters:
        operation["parameters"] = parameters
    return {"get": operation}


def _post(summary: str, body: str, answer: str, refusals: str, *, created: bool = False, **extra) -> dict:
    operation = {
        "summary": summary,
        "requestBody": {"required": True, "content": {"application/json": {"schema": ref(body)}}},
        "responses": {
            "201" if created else "200": json_body(
                ref(answer), "Stored" if created else "With a new version"
            ),
            "403": ERROR,
            "404": ERROR,
            "422": VALIDATION_ERROR | {"description": refusals},
            **ERRORS,
            **BODY_ERRORS,
        },
    }
    if not created:
        operation["parameters"] = ID_PARAM
        operation["responses"]["409"] = STALE
    operation.update(extra)
    return {"post": operation}


STEPS = {
    "check-in": (
        "The volunteer checks in on their own sign-up, from 60 minutes before the shift until it ends; a resent "
        "check-in returns the record as it stands",
        "ServiceCheckInput",
        "status: error.service_check_in_not_open, error.service_check_in_closed, error.service_shift_cancelled "
        "or error.service_record_status; captured_at: error.service_captured_in_future",
    ),
    "check-out": (
        "The volunteer checks out after checking in, until 6 hours after the shift ends",
        "ServiceCheckInput",
        "status: error.service_not_checked_in or error.service_check_out_closed",
    ),
    "correct": (
        "Coordinators: record the check-in and check-out times with a reason; the record is then checked out",
        "ServiceCorrectionInput",
        "reason: error.required; check_in_at/check_out_at: error.service_times_outside_shift, "
        "error.service_times_order or error.service_time_in_future",
    ),
    "verify": (
        "Coordinators: verify the service time (never their own) and earn the volunteer's points; once only",
        "ServiceVerifyInput",
        "status: error.service_not_checked_out or error.service_already_verified; verified_minutes: "
        "error.service_minutes_range; reason: error.service_minutes_reason; rating: error.service_rating",
    ),
    "no-show": (
        "Coordinators: record that a volunteer never checked in, once the shift has started",
        "ServiceVersionInput",
        "status: error.service_shift_not_started or error.service_record_status",
    ),
}

PATHS = {
    "/api/v1/service-records/review": _get(
        "Coordinators: service records in their areas to verify, correct or mark no-show, oldest shift first",
        "ServiceRecordList",
        "The caller manages no volunteers",
        LIMIT,
    ),
    "/api/v1/service-records/{id}": _get(
        "One service record (by sign-up id), for the volunteer or a coordinator of the shift's area",
        "ServiceRecord",
        "Neither the volunteer nor a coordinator of the area",
        ID_PARAM,
    ),
    **{
        f"/api/v1/service-records/{{id}}/{step}": _post(summary, body, "ServiceRecord", refusals)
        for step, (summary, body, refusals) in STEPS.items()
    },
    "/api/v1/volunteers/{id}/points": _get(
        "A volunteer's points: balance and ledger lines, each traceable to its shift or redemption",
        "PointsLedger",
        "Neither the volunteer nor a coordinator of their area",
        ID_PARAM + LIMIT,
    ),
    "/api/v1/recipients/{id}/points": _get(
        "A recipient's attendance points (积分): for care staff who see the rehab record, and the family",
        "PointsLedger",
        "The caller does not see this recipient's rehab record",
        ID_PARAM + LIMIT,
    ),
    "/api/v1/points/redemptions": _post(
        "Coordinators: redeem points for goods; never below a zero balance; a repeat of the same client_id "
        "returns the stored line",
        "PointsRedemptionInput",
        "PointsRedeemed",
        "points: error.points_amount or error.points_insufficient; volunteer_id: error.points_owner",
        created=True,
    ),
    "/api/v1/certificates": _post(
        "Coordinators: issue a 志愿服务记录证明 for a volunteer and a period; a repeat of the same client_id "
        "returns the stored certificate",
        "CertificateInput",
        "Certificate",
        "period_start: error.certificate_no_hours; period_end: error.certificate_period_order or "
        "error.certificate_period_future",
        created=True,
    ),
    "/api/v1/certificates/{code}": {
        "get": {
            "summary": "Public check of a certificate by its code (no login); the ID number masked",
            "security": PUBLIC,
            "parameters": [{"name": "code", "in": "path", "required": True, "schema": STRING}],
            "responses": {
                "200": json_body(ref("PublicCertificate"), "What the certificate says"),
                "404": ERROR | {"description": "No certificate has this code"},
                "503": ERRORS["503"],
            },
        }
    },
    "/api/v1/volunteers/{id}/certificates": _get(
        "A volunteer's certificates, newest first, ID numbers masked",
        "CertificateList",
        "Neither the volunteer nor a coordinator of their area",
        ID_PARAM,
    ),
    "/api/v1/volunteer-certificates/{id}": _get(
        "One certificate with the full ID number, to print (the read is audited)",
        "Certificate",
        "Neither the volunteer nor a coordinator of their area",
        ID_PARAM,
    ),
    "/api/v1/me/volunteering": _get(
        "The volunteer's own page: shifts ahead (least view), verified hours this year and in all, points, "
        "recent ledger lines, certificates",
        "VolunteerHome",
        "The caller is not a volunteer",
    ),
}
