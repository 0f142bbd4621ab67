"""OpenAPI schemas of api/routes_volunteers.py and api/routes_shifts.py (the volunteer registry, shifts, sign-ups,
matching and transport requests), merged into api/openapi.py; their paths are api/openapi_shift_paths.py."""

from jingkang_app.api.openapi_common import (
    BOOLEAN,
    DATE,
    DATETIME,
    INTEGER,
    STRING,
    all_required,
    nullable,
    object_schema,
    ref,
)
from jingkang_app.domain.rules import transport as transport_rules
from jingkang_app.domain.rules import volunteer_registry as registry
from jingkang_app.domain.rules import volunteer_shifts as shift_rules
from jingkang_app.domain.rules.transport import TransportStatus
from jingkang_app.domain.rules.volunteers import (
    SKILLS,
    TRAININGS,
    ShiftKind,
    ShiftStatus,
    SignUpStatus,
    VolunteerStatus,
)


def _array(item: dict) -> dict:
    return {"type": "array", "items": item}


def _list(item: str, *, total: bool = False) -> dict:
    return all_required({"items": _array(ref(item))} | ({"total": INTEGER} if total else {}))


CLIENT_ID = {"type": "string", "minLength": 8, "maxLength": 36, "description": "a UUID made on the device"}
VERSION = INTEGER | {"description": "the version the record was read at"}
KIND = {"enum": [k.value for k in ShiftKind]}
SKILL_LIST = _array({"enum": list(SKILLS)})
TRAINING_LIST = _array({"enum": list(TRAININGS)})
SLOT_LIST = _array({"enum": list(registry.SLOTS)}) | {"description": "weekday × part of the day, e.g. sat_am"}
UNMET = _array({"enum": ["insurance", "training"]})

PROFILE_FIELDS = {
    "skills": SKILL_LIST,
    "availability": SLOT_LIST,
    "insured_until": nullable(DATE) | {"description": "志愿服务保险; empty: not insured"},
    "trainings": TRAINING_LIST,
}
REGISTRATION_FIELDS = {
    "client_id": CLIENT_ID,
    "name": {"type": "string", "maxLength": registry.NAME_MAX},
    "phone": STRING | {"description": "a mainland mobile number; one not yet registered"},
    "password": {"type": "string", "minLength": 8},
    "area_id": INTEGER | {"description": "a village or a township (GET /volunteer-registration/areas)"},
    "id_type": {"enum": ["", *registry.ID_TYPES]},
    "id_number": {"type": "string", "maxLength": registry.ID_NUMBER_MAX},
    **PROFILE_FIELDS,
}
REGISTRATION_REQUIRED = ["client_id", "name", "phone", "password", "area_id"]
VOLUNTEER = {
    "id": INTEGER,
    "client_id": STRING,
    "volunteer_no": STRING | {"description": "志愿者编号, e.g. ZY-330127-000123; empty until approved"},
    "name": STRING,
    "phone": STRING | {"description": "masked in lists"},
    "id_type": STRING,
    "id_number": STRING | {"description": "masked in lists"},
    "area_id": INTEGER,
    "area_name": STRING,
    **PROFILE_FIELDS,
    "status": {"enum": [s.value for s in VolunteerStatus]},
    "status_reason": STRING | {"description": "the reason given with the last status step"},
    "recipient_id": nullable(INTEGER) | {"description": "a recipient volunteering (coordinators only)"},
    "self_registered": BOOLEAN,
    "created_at": DATETIME,
    "version": INTEGER,
}
OWN_PROFILE = {name: schema for name, schema in VOLUNTEER.items() if name != "recipient_id"}
SHIFT_FIELDS = {
    "area_id": INTEGER | {"description": "inside the coordinator's area; default: their own"},
    "kind": KIND,
    "place": {"type": "string", "maxLength": shift_rules.PLACE_MAX, "description": "the meeting place"},
    "starts_at": DATETIME | {"description": "after now; without a zone it is Asia/Shanghai time"},
    "ends_at": DATETIME | {"description": f"after starts_at, at most {shift_rules.MAX_HOURS} hours later"},
    "capacity": {"type": "integer", "minimum": 1, "maximum": shift_rules.MAX_CAPACITY},
    "needs_insurance": BOOLEAN,
    "needs_training": {"enum": [None, *TRAININGS]},
    "task": {
        "type": "string",
        "maxLength": shift_rules.TASK_MAX,
        "description": "what the volunteer is told",
    },
    "first_name": {
        "type": "string",
        "maxLength": shift_rules.FIRST_NAME_MAX,
        "description": "the given name of whom it serves, never the full name",
    },
}
SHIFT = {
    "id": INTEGER,
    "client_id": STRING,
    "area_id": INTEGER,
    "area_name": STRING,
    "kind": KIND,
    "place": STRING,
    "starts_at": DATETIME,
    "ends_at": DATETIME,
    "capacity": INTEGER,
    "seats_taken": INTEGER,
    "seats_left": INTEGER,
    "invited": INTEGER | {"description": "invitations not yet answered"},
    "needs_insurance": BOOLEAN,
    "needs_training": {"enum": [None, *TRAININGS]},
    "task": STRING,
    "first_name": STRING,
    "source": {"enum": ["", "respite", "event", "visit", "transport"]},
    "source_id": nullable(INTEGER),
    "status": {"enum": [s.value for s in ShiftStatus]},
    "cancel_reason": STRING,
    "version": INTEGER,
}
SIGN_UP = {
    "id": INTEGER,
    "shift_id": INTEGER,
    "volunteer_id": INTEGER,
    "volunteer_name": STRING,
    "status": {"enum": [s.value for s in SignUpStatus]},
    "invited": BOOLEAN,
    "version": INTEGER,
}
WEEKLY = {
    "planned": {
        "type": "number",
        "description": "hours of the volunteer's other seats in the shift's ISO week",
    },
    "with_shift": {"type": "number"},
    "cap": INTEGER | {"description": "the county's volunteer.weekly_hours_cap"},
    "over": BOOLEAN | {"description": "a warning for the coordinator, never a refusal"},
}
TRANSPORT = {
    "id": INTEGER,
    "client_id": STRING,
    "recipient_id": INTEGER,
    "recipient_name": STRING,
    "area_name": STRING,
    "requested_by": STRING,
    "accompanied": BOOLEAN,
    "pickup": STRING,
    "destination": STRING,
    "wanted_at": DATETIME,
    "note": STRING,
    "status": {"enum": [s.value for s in TransportStatus]},
    "shift_id": nullable(INTEGER),
    "created_at": DATETIME,
    "version": INTEGER,
}
OFFERED_SHIFT = {
    "id": INTEGER,
    "kind": KIND,
    "task": STRING,
    "first_name": STRING,
    "place": STRING,
    "starts_at": DATETIME,
    "ends_at": DATETIME,
    "seats_left": INTEGER,
    "qualifies": BOOLEAN,
    "unmet": UNMET,
    "needs_training": {"enum": [None, *TRAININGS]},
    "mine": {"oneOf": [ref("MySignUp"), {"type": "null"}], "description": "the volunteer's own live sign-up"},
}
MATCH = {
    "volunteer_id": INTEGER,
    "name": STRING,
    "area_name": STRING,
    "qualifies": BOOLEAN,
    "unmet": UNMET,
    "area_fit": {"enum": list(shift_rules.AREA_FITS)},
    "available": BOOLEAN,
    "skills": SKILL_LIST | {"description": "theirs that suit the kind"},
    "hours_30d": {"type": "number"},
    "weekly": ref("WeeklyHours"),
    "sign_up_status": {"enum": [None, *(s.value for s in SignUpStatus)]},
    "why": _array(ref("MatchReason")),
}
ONE_TAP_NOTE = "any field of ShiftInput may be sent too, to change its default"

SCHEMAS = {
    "RegistrationAreaList": all_required({"items": _array(all_required({"id": INTEGER, "label": STRING}))}),
    "VolunteerRegistrationInput": object_schema(REGISTRATION_FIELDS, REGISTRATION_REQUIRED),
    "VolunteerInput": object_schema(
        REGISTRATION_FIELDS | {"recipient_id": INTEGER | {"description": "a recipient volunteering"}},
        REGISTRATION_REQUIRED,
    ),
    "Volunteer": all_required(VOLUNTEER),
    "VolunteerProfile": all_required(OWN_PROFILE),
    "VolunteerList": _list("Volunteer", total=True),
    "VolunteerStepInput": object_schema(
        {"version": VERSION, "reason": {"type": "string", "maxLength": registry.REASON_MAX}}, ["version"]
    ),
    "VolunteerProfileInput": object_schema({"version": VERSION, **PROFILE_FIELDS}, ["version"]),
    "ShiftInput": object_schema(
        {"client_id": CLIENT_ID, **SHIFT_FIELDS},
        ["client_id", "kind", "place", "starts_at", "ends_at", "capacity"],
    ),
    "ShiftFromRespiteInput": object_schema(
        {
            "client_id": CLIENT_ID,
            "respite_request_id": INTEGER | {"description": "an approved 居家喘息 request"},
            "day": DATE | {"description": "one of its days; default the first"},
        },
        ["client_id", "respite_request_id"],
    )
    | {"description": ONE_TAP_NOTE},
    "ShiftFromEventInput": object_schema(
        {"client_id": CLIENT_ID, "event_id": INTEGER}, ["client_id", "event_id"]
    )
    | {"description": ONE_TAP_NOTE},
    "ShiftFromVisitInput": object_schema(
        {"client_id": CLIENT_ID, "home_visit_id": INTEGER}, ["client_id", "home_visit_id"]
    )
    | {"description": ONE_TAP_NOTE},
    "Shift": all_required(SHIFT),
    "ShiftList": _list("Shift", total=True),
    "RosterRow": all_required(
        {
            "sign_up_id": INTEGER,
            "volunteer_id": INTEGER,
            "volunteer_name": STRING,
            "phone": STRING | {"description": "masked"},
            "status": {"enum": [s.value for s in SignUpStatus]},
            "invited": BOOLEAN,
            "version": INTEGER,
        }
    ),
    "ShiftDetail": all_required(SHIFT | {"roster": _array(ref("RosterRow"))}),
    "ShiftCancelInput": all_required(
        {"version": VERSION, "reason": {"type": "string", "maxLength": shift_rules.REASON_MAX}}
    ),
    "MySignUp": all_required(
        {
            "id": INTEGER,
            "status": {"enum": [SignUpStatus.invited.value, SignUpStatus.signed_up.value]},
            "version": INTEGER,
            "cancel_until": DATETIME | {"description": "the volunteer may cancel their own seat until then"},
        }
    ),
    "OfferedShift": all_required(OFFERED_SHIFT)
    | {"description": "least view: no recipient id, diagnosis, risk, ID number, address or source record"},
    "OfferedShiftList": _list("OfferedShift"),
    "ShiftSignUpInput": all_required({"client_id": CLIENT_ID}),
    "ShiftInvitationInput": all_required({"client_id": CLIENT_ID, "volunteer_id": INTEGER}),
    "ShiftSignUp": all_required(SIGN_UP),
    "WeeklyHours": all_required(WEEKLY),
    "ShiftSignUpSaved": all_required(SIGN_UP | {"weekly": ref("WeeklyHours")}),
    "ShiftSignUpVersionInput": all_required({"version": VERSION}),
    "MatchReason": all_required(
        {
            "key": STRING | {"description": "a catalogue key, e.g. match.same_village"},
            "params": {"type": "object"},
        }
    ),
    "Match": all_required(MATCH),
    "MatchList": _list("Match"),
    "TransportInput": object_schema(
        {
            "client_id": CLIENT_ID,
            "recipient_id": INTEGER,
            "pickup": {
                "type": "string",
                "maxLength": transport_rules.PLACE_MAX,
                "description": "the volunteer reads it: a meeting point",
            },
            "destination": {"type": "string", "maxLength": transport_rules.PLACE_MAX},
            "wanted_at": DATETIME | {"description": "after now; without a zone it is Asia/Shanghai time"},
            "accompanied": BOOLEAN | {"description": "陪伴出行: someone goes along"},
            "note": {"type": "string", "maxLength": transport_rules.NOTE_MAX, "description": "staff only"},
        },
        ["client_id", "recipient_id", "pickup", "destination", "wanted_at"],
    ),
    "Transport": all_required(TRANSPORT),
    "TransportQueue": _list("Transport", total=True),
    "TransportList": _list("Transport"),
    "TransportFillInput": object_schema(
        {"version": VERSION, "client_id": CLIENT_ID, **SHIFT_FIELDS}, ["version", "client_id"]
    )
    | {"description": "the shift's fields are optional: they change the defaults taken from the request"},
    "TransportFilled": all_required({"request": ref("Transport"), "shift": ref("Shift")}),
    "TransportVersionInput": all_required({"version": VERSION}),
}
