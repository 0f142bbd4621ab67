"""OpenAPI paths and schemas of api/routes_referrals.py (转介), merged into api/openapi.py."""

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
    STRING,
    VALIDATION_ERROR,
    all_required,
    json_body,
    nullable,
    object_schema,
    ref,
)
from jingkang_app.domain.models import Role
from jingkang_app.domain.rules.referrals import (
    RETURN_REASON_MAX,
    ApplicationRoute,
    ReferralKind,
    ReferralStatus,
    ReferralStep,
)
from jingkang_app.domain.services.referrals import NOTE_MAX, REASON_MAX, RECEIVER_MAX


def _array(item: dict) -> dict:
    return {"type": "array", "items": item}


KIND = {"enum": [k.value for k in ReferralKind]}
ROUTE = {
    "enum": [*(r.value for r in ApplicationRoute), None],
    "description": "精康转介 only; null for the others",
}
STATUS = {"enum": [s.value for s in ReferralStatus]}
STEP = {"enum": [s.value for s in ReferralStep]}
ROLES = _array({"enum": [r.value for r in Role]})
LATE_STEPS = _array({"enum": [ReferralStep.register.value, ReferralStep.refer.value]})

SCHEMAS = {
    "ReferralInput": object_schema(
        {
            "client_id": {
                "type": "string",
                "minLength": 8,
                "maxLength": 36,
                "description": "a UUID made on the device",
            },
            "recipient_id": INTEGER,
            "kind": KIND,
            "route": {
                "enum": [r.value for r in ApplicationRoute],
                "description": "required for 精康转介; each role files on its own routes (coordinators on any)",
            },
            "reason": {"type": "string", "maxLength": REASON_MAX},
            "receiver": {
                "type": "string",
                "maxLength": RECEIVER_MAX,
                "description": "接收机构: site, hospital or office",
            },
            "receiver_area_id": INTEGER
            | {
                "description": "a township or the county; default: the county for 上转, else the recipient's township"
            },
            "applied_on": DATE
            | {"description": "default today; not in the future, not before the recipient's registration"},
            "submit": BOOLEAN | {"description": "take the first step (提出申请/发起) at once; else a draft"},
        },
        ["client_id", "recipient_id", "kind", "reason", "receiver"],
    ),
    "ReferralStepInput": object_schema(
        {
            "step": STEP,
            "version": INTEGER | {"description": "the version the referral was read at"},
            "note": {"type": "string", "maxLength": NOTE_MAX},
            "reason": {
                "type": "string",
                "maxLength": RETURN_REASON_MAX,
                "description": "退回: required, the reason; the first step (filing again): the referral's reason",
            },
            "receiver": {"type": "string", "maxLength": RECEIVER_MAX, "description": "first step only"},
            "receiver_area_id": INTEGER | {"description": "first step only"},
            "applied_on": DATE | {"description": "first step only; default today"},
        },
        ["step", "version"],
    ),
    "Referral": all_required(
        {
            "id": INTEGER,
            "client_id": nullable(STRING) | {"description": "null when drafted by a relapse alert"},
            "recipient_id": INTEGER,
            "area_id": INTEGER,
            "kind": KIND,
            "route": ROUTE,
            "status": STATUS,
            "reason": STRING,
            "receiver": STRING,
            "receiver_area_id": nullable(INTEGER),
            "alert_id": nullable(INTEGER),
            "applied_on": nullable(DATE),
            "registered_on": nullable(DATE),
            "referred_on": nullable(DATE),
            "closed_on": nullable(DATE),
            "register_by": nullable(DATE) | {"description": "初核登记 deadline (精康转介), in working days"},
            "refer_by": nullable(DATE) | {"description": "康复转介 deadline, once registered"},
            "return_reason": STRING,
            "created_at": DATETIME,
            "updated_at": nullable(DATETIME),
            "version": INTEGER,
        }
    ),
    "ReferralHistoryStep": all_required(
        {
            "step": STEP,
            "label": STRING | {"description": "catalogue key of the step as the kind names it"},
            "from_status": STATUS,
            "to_status": STATUS,
            "note": STRING | {"description": "退回's reason, or the step's note"},
            "taken_on": DATE,
            "taken_at": DATETIME,
            "taken_by_name": STRING,
        }
    ),
    "ReferralDetail": all_required(
        {
            "id": INTEGER,
            "version": INTEGER,
            "recipient_id": INTEGER,
            "recipient_name": STRING,
            "id_masked": STRING | {"description": "empty unless the caller may see identity numbers"},
            "village": STRING,
            "kind": KIND,
            "route": ROUTE,
            "status": STATUS,
            "reason": STRING,
            "receiver": STRING,
            "receiver_area_id": nullable(INTEGER),
            "receiver_area_name": STRING,
            "alert_id": nullable(INTEGER),
            "applied_on": nullable(DATE),
            "registered_on": nullable(DATE),
            "referred_on": nullable(DATE),
            "closed_on": nullable(DATE),
            "register_by": nullable(DATE),
            "refer_by": nullable(DATE),
            "late_steps": LATE_STEPS,
            "return_reason": STRING,
            "created_by_name": STRING,
            "created_at": DATETIME,
            "history": _array(ref("ReferralHistoryStep")),
            "holders": ROLES | {"description": "the roles that may take the next step; empty once closed"},
            "next_steps": _array(STEP) | {"description": "the steps the caller may take now"},
            "handover": {
                "oneOf": [OBJECT, {"type": "null"}],
                "description": "交接材料 (summary, risk, medication, contacts): only for the receiving side; each "
                "read is audited",
            },
        }
    ),
    "ReferralRow": all_required(
        {
            "id": INTEGER,
            "recipient_id": INTEGER,
            "recipient_name": STRING,
            "id_masked": STRING | {"description": "empty unless the caller may see identity numbers"},
            "village": STRING,
            "kind": KIND,
            "route": ROUTE,
            "status": STATUS,
            "receiver": STRING,
            "receiver_area_name": STRING,
            "applied_on": nullable(DATE),
            "register_by": nullable(DATE),
            "refer_by": nullable(DATE),
            "late": BOOLEAN,
            "late_step": {"enum": [ReferralStep.register.value, ReferralStep.refer.value, None]},
            "holders": ROLES,
            "version": INTEGER,
        }
    ),
    "ReferralList": all_required({"items": _array(ref("ReferralRow")), "total": INTEGER}),
}

_QUERY = [
    {"name": "status", "in": "query", "schema": STATUS},
    {"name": "kind", "in": "query", "schema": KIND},
    {
        "name": "late",
        "in": "query",
        "schema": BOOLEAN | {"description": "only those with a late deadline step"},
    },
    {
        "name": "area_id",
        "in": "query",
        "schema": INTEGER | {"description": "only the recipients of this area"},
    },
]

PATHS = {
    "/api/v1/referrals": {
        "get": {
            "summary": "Referrals the caller reaches (their area, the receiving side's area, their care teams), "
            "newest first, each with its late flag (初核登记 within 5, 康复转介 within 5 more working days)",
            "parameters": [*PAGE_PARAMS, *_QUERY],
            "responses": {
                "200": json_body(ref("ReferralList"), "One page and the total"),
                "400": ERROR | {"description": "offset, limit or late is malformed"},
                "403": ERROR | {"description": "The caller works on no referrals"},
                "404": ERROR | {"description": "No such area_id"},
                "422": VALIDATION_ERROR | {"description": "status or kind is not one of the codes"},
                **ERRORS,
            },
        },
        "post": {
            "summary": "File a referral (转介) for a recipient: a draft, or submitted at once (`submit`); a repeat "
            "of the same client_id returns the stored referral with 200",
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": ref("ReferralInput")}},
            },
            "responses": {
                "201": json_body(ref("Referral"), "Stored"),
                "200": json_body(ref("Referral"), "Already stored under this client_id"),
                "403": ERROR | {"description": "The caller may not file this kind for this recipient"},
                "404": ERROR | {"description": "No such recipient"},
                "422": VALIDATION_ERROR
                | {"description": "route not the caller's (error.referral_route_not_allowed), applied_on, …"},
                **ERRORS,
                **BODY_ERRORS,
            },
        },
    },
    "/api/v1/referrals/{id}": {
        "get": {
            "summary": "One referral: status, deadlines and late steps, history, who holds it, the caller's next "
            "steps, and the handover pack for the receiving side (the read is audited)",
            "parameters": ID_PARAM,
            "responses": {
                "200": json_body(ref("ReferralDetail"), "The referral"),
                "403": ERROR | {"description": "The caller reaches neither side of the referral"},
                "404": ERROR | {"description": "No such referral"},
                **ERRORS,
            },
        }
    },
    "/api/v1/referrals/{id}/steps": {
        "post": {
            "summary": "Take a step (提出申请, 初核登记, 康复转介, 接收确认, …, 退回 with a `reason`) the caller's role "
            "may take from its side",
            "parameters": ID_PARAM,
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": ref("ReferralStepInput")}},
            },
            "responses": {
                "200": json_body(ref("Referral"), "The referral in its new status, with a new version"),
                "403": ERROR | {"description": "The caller's role may not take this step from their side"},
                "404": ERROR | {"description": "No such referral"},
                "409": json_body(ref("StaleVersionError"), "The referral changed since `version`"),
                "422": VALIDATION_ERROR
                | {
                    "description": "step: error.referral_illegal_step.<status> when not legal now; reason: "
                    "error.referral_return_reason"
                },
                **ERRORS,
                **BODY_ERRORS,
            },
        }
    },
}
