"""OpenAPI paths and schemas of api/routes_training.py (培训记录) and api/routes_feedback.py (意见反馈), merged into
api/openapi.py."""

from jingkang_app.api.openapi_common import (
    BODY_ERRORS,
    DATE,
    ERROR,
    ERRORS,
    ID_PARAM,
    INTEGER,
    PAGE_PARAMS,
    PUBLIC,
    STRING,
    VALIDATION_ERROR,
    all_required,
    json_body,
    nullable,
    object_schema,
    ref,
)
from jingkang_app.domain.rules import feedback as feedback_rules
from jingkang_app.domain.rules import staff_training as training_rules
from jingkang_app.domain.rules.feedback import FeedbackKind, FeedbackStatus


def _array(item: dict) -> dict:
    return {"type": "array", "items": item}


CLIENT_ID = {"type": "string", "minLength": 8, "maxLength": 36, "description": "a UUID made on the device"}
YEAR = [
    {
        "name": "year",
        "in": "query",
        "schema": INTEGER,
        "description": "a calendar year up to this one; this year when left out",
    }
]
STALE = json_body(ref("StaleVersionError"), "The feedback changed since `version`")
TOO_MANY = ERROR | {
    "description": "error.too_many_submissions: this address sent as many as the county allows in an hour; "
    "see Retry-After"
}

TRAINING = {
    "id": INTEGER,
    "client_id": STRING,
    "user_id": INTEGER,
    "area_id": INTEGER | {"description": "where the staff member works"},
    "course": STRING,
    "organiser": STRING,
    "minutes": INTEGER | {"description": "hours × 60"},
    "trained_on": DATE,
}
SCHEMAS = {
    "TrainingInput": object_schema(
        {
            "client_id": CLIENT_ID,
            "user_id": INTEGER | {"description": "a staff member of the caller's area (GET /training/staff)"},
            "course": {"type": "string", "maxLength": training_rules.COURSE_MAX},
            "organiser": {"type": "string", "maxLength": training_rules.ORGANISER_MAX},
            "hours": {
                "type": ["string", "number"],
                "description": '0.5–24 hours, decimals allowed ("2.5"); stored as whole minutes',
            },
            "trained_on": DATE | {"description": "not in the future"},
        },
        ["client_id", "user_id", "course", "hours", "trained_on"],
    ),
    "Training": all_required(TRAINING),
    "OwnTraining": all_required(
        {
            "year": INTEGER,
            "minutes": INTEGER,
            "target_minutes": INTEGER | {"description": "the county's yearly hours × 60"},
            "records": _array(ref("Training")),
        }
    ),
    "StaffHours": all_required(
        {
            "user_id": INTEGER,
            "name": STRING,
            "roles": _array({"enum": [r.value for r in training_rules.STAFF_ROLES]}),
            "area_name": STRING,
            "minutes": INTEGER | {"description": "trained in the year"},
            "target_minutes": INTEGER,
            "under_target": {"type": "boolean"},
            "records": _array(ref("Training")),
        }
    ),
    "StaffHoursList": all_required({"items": _array(ref("StaffHours"))}),
    "FeedbackInput": object_schema(
        {
            "client_id": CLIENT_ID,
            "kind": {
                "enum": [k.value for k in FeedbackKind],
                "description": "投诉 complaint, 建议 suggestion",
            },
            "area_id": INTEGER | {"description": "the county or one of its townships (GET /feedback/areas)"},
            "content": {"type": "string", "maxLength": feedback_rules.CONTENT_MAX},
            "contact_name": {"type": "string", "maxLength": feedback_rules.CONTACT_NAME_MAX},
            "contact_phone": STRING | {"description": "optional; a mainland mobile number"},
        },
        ["client_id", "kind", "area_id", "content"],
    ),
    "FeedbackReceipt": all_required(
        {
            "reference": STRING | {"description": "e.g. FK-000042: what the sender notes"},
            "kind": {"enum": [k.value for k in FeedbackKind]},
            "area_name": STRING,
            "received_on": DATE,
            "answer_by": DATE,
            "answer_within_days": INTEGER | {"description": "working days"},
            "repeat": {"type": "boolean", "description": "this client_id was already stored"},
        }
    ),
    "FeedbackArea": all_required({"id": INTEGER, "label": STRING}),
    "FeedbackAreaList": all_required({"items": _array(ref("FeedbackArea"))}),
    "FeedbackRow": all_required(
        {
            "id": INTEGER,
            "reference": STRING,
            "kind": {"enum": [k.value for k in FeedbackKind]},
            "area_id": INTEGER,
            "area_name": STRING,
            "content": STRING,
            "contact_name": STRING,
            "contact_phone": STRING | {"description": "masked, e.g. 138****5678"},
            "status": {"enum": [s.value for s in FeedbackStatus]},
            "received_on": DATE,
            "answer_by": DATE,
            "overdue": {"type": "boolean", "description": "open past its answering day"},
            "answer": STRING,
            "answered_on": nullable(DATE),
            "answered_late": {"type": "boolean"},
            "version": INTEGER,
        }
    ),
    "FeedbackQueue": all_required({"items": _array(ref("FeedbackRow")), "total": INTEGER}),
    "FeedbackContact": all_required({"name": STRING, "phone": STRING | {"description": "in full"}}),
    "FeedbackAnswerInput": object_schema(
        {
            "version": INTEGER | {"description": "the version the feedback was read at"},
            "answer": {"type": "string", "maxLength": feedback_rules.ANSWER_MAX},
        },
        ["version", "answer"],
    ),
    "FeedbackAnswered": all_required(
        {
            "id": INTEGER,
            "reference": STRING,
            "status": {"enum": [s.value for s in FeedbackStatus]},
            "answer": STRING,
            "answered_on": DATE,
            "answer_by": DATE,
            "version": INTEGER,
        }
    ),
}


def _body(schema: str) -> dict:
    return {"required": True, "content": {"application/json": {"schema": ref(schema)}}}


def _read(summary: str, answer: str, refusals: str, parameters: list) -> dict:
    return {
        "summary": summary,
        "parameters": parameters,
        "responses": {
            "200": json_body(ref(answer), "OK"),
            "400": ERROR | {"description": "A number in the query is not a number"},
            "403": ERROR | {"description": refusals},
            "422": VALIDATION_ERROR | {"description": "year or status is not one to read"},
            **ERRORS,
        },
    }


PATHS = {
    "/api/v1/training": {
        "get": _read("The caller's own training of a year and their target", "OwnTraining", "never", YEAR),
        "post": {
            "summary": "Record a course a staff member of the caller's area attended (coordinators)",
            "requestBody": _body("TrainingInput"),
            "responses": {
                "201": json_body(ref("Training"), "Stored, or already stored under this client_id"),
                "403": ERROR | {"description": "The caller records no staff training"},
                "422": VALIDATION_ERROR
                | {"description": "user_id: error.training_not_staff; hours: error.training_hours_*; ..."},
                **ERRORS,
                **BODY_ERRORS,
            },
        },
    },
    "/api/v1/training/staff": {
        "get": _read(
            "The staff of the caller's area with their hours of a year, fewest first",
            "StaffHoursList",
            "The caller records no staff training",
            YEAR,
        )
    },
    "/api/v1/feedback": {
        "post": {
            "summary": "Send a complaint or suggestion (anyone, no login); rate-limited per client address",
            "security": PUBLIC,
            "requestBody": _body("FeedbackInput"),
            "responses": {
                "201": json_body(
                    ref("FeedbackReceipt"), "Received, or already received under this client_id"
                ),
                "422": VALIDATION_ERROR,
                "429": TOO_MANY,
                "503": ERRORS["503"],
                **BODY_ERRORS,
            },
        },
        "get": _read(
            "The feedback about the caller's area: open oldest first, or answered latest first",
            "FeedbackQueue",
            "The caller answers no feedback",
            [
                {
                    "name": "status",
                    "in": "query",
                    "schema": {"enum": list(feedback_rules.QUEUES), "default": "open"},
                },
                *PAGE_PARAMS,
            ],
        ),
    },
    "/api/v1/feedback/areas": {
        "get": {
            "summary": "What feedback may be about: each county and its townships",
            "security": PUBLIC,
            "responses": {"200": json_body(ref("FeedbackAreaList"), "OK"), "503": ERRORS["503"]},
        }
    },
    "/api/v1/feedback/{id}/contact": {
        "get": {
            "summary": "The sender's name and full phone number, to call back (the read is audited)",
            "parameters": ID_PARAM,
            "responses": {
                "200": json_body(ref("FeedbackContact"), "OK"),
                "403": ERROR | {"description": "The feedback is not about the caller's area"},
                "404": ERROR,
                **ERRORS,
            },
        }
    },
    "/api/v1/feedback/{id}/answer": {
        "post": {
            "summary": "Answer open feedback at the version read",
            "parameters": ID_PARAM,
            "requestBody": _body("FeedbackAnswerInput"),
            "responses": {
                "200": json_body(ref("FeedbackAnswered"), "Answered"),
                "403": ERROR | {"description": "The feedback is not about the caller's area"},
                "404": ERROR,
                "409": STALE,
                "422": VALIDATION_ERROR
                | {"description": "answer required, at most 1000; status: error.feedback_already_answered"},
                **ERRORS,
                **BODY_ERRORS,
            },
        }
    },
}
