"""OpenAPI paths of api/routes_volunteers.py and api/routes_shifts.py (their schemas: api/openapi_volunteers.py),
merged into api/openapi.py."""

from jingkang_app.api.openapi_common import (
    BODY_ERRORS,
    ERROR,
    ERRORS,
    ID_PARAM,
    INTEGER,
    PAGE_PARAMS,
    PUBLIC,
    STRING,
    VALIDATION_ERROR,
    json_body,
    ref,
)
from jingkang_app.domain.rules.transport import TransportStatus
from jingkang_app.domain.rules.volunteer_registry import VolunteerStep
from jingkang_app.domain.rules.volunteers import ShiftStatus, VolunteerStatus

STALE = json_body(ref("StaleVersionError"), "The record changed since `version`")


def _query(name: str, schema: dict, description: str = "") -> dict:
    parameter = {"name": name, "in": "query", "schema": schema}
    return parameter | ({"description": description} if description else {})


def _get(
    summary: str, answer: str, refusals: str, parameters: list | None = None, *, public: bool = False
) -> dict:
    operation: dict = {
        "summary": summary,
        "responses": {
            "200": json_body(ref(answer), "OK"),
            "403": ERROR | {"description": refusals},
            **ERRORS,
        },
    }
    if parameters:
        operation["parameters"] = parameters
        operation["responses"]["400"] = ERROR | {"description": "A number in the query is not a number"}
        operation["responses"]["404"] = ERROR
    if public:
        operation["security"] = PUBLIC
        del operation["responses"]["401"], operation["responses"]["403"]
    return {"get": operation}


def _post(
    summary: str,
    body: str,
    answer: str,
    refusals: str,
    *,
    created: bool = False,
    on_record: bool = True,
    stale: bool = False,
    public: bool = False,
) -> dict:
    """A POST: ``created`` answers 201 (a repeat of the client id alike); ``on_record`` acts on ``{id}``, at the
    version read unless it creates (409 when stale); ``stale`` for a versioned change of no ``{id}``."""
    operation: dict = {
        "summary": summary,
        "requestBody": {"required": True, "content": {"application/json": {"schema": ref(body)}}},
        "responses": {
            "201" if created else "200": json_body(
                ref(answer), "Stored, or already stored" if created else "Saved"
            ),
            "403": ERROR,
            "404": ERROR,
            "422": VALIDATION_ERROR | {"description": refusals},
            **ERRORS,
            **BODY_ERRORS,
        },
    }
    if on_record:
        operation["parameters"] = ID_PARAM
    if (on_record and not created) or stale:
        operation["responses"]["409"] = STALE
    if public:
        operation["security"] = PUBLIC
        del operation["responses"]["401"], operation["responses"]["403"], operation["responses"]["404"]
    return {"post": operation}


STEPS = {
    VolunteerStep.approve: "approve a registration: the volunteer role on their area and a volunteer number",
    VolunteerStep.reject: "reject a registration, with a `reason` the applicant is told",
    VolunteerStep.pause: "pause a volunteer, with a `reason`; their places on shifts to come are given back",
    VolunteerStep.resume: "resume a paused volunteer",
    VolunteerStep.leave: "let a volunteer leave, with a `reason`; their places on shifts to come are given back",
}
ONE_TAP = {
    "from-respite": (
        "ShiftFromRespiteInput",
        "an approved 居家喘息 request: 喘息协助 on a morning of its days",
    ),
    "from-event": ("ShiftFromEventInput", "a family event not yet started: 活动协助 at its time and place"),
    "from-visit": ("ShiftFromVisitInput", "a home visit: 走访陪同 on the morning of its next-visit date"),
}
ANSWERS = {
    "accept": "The volunteer accepts an invitation, taking a seat (same checks as signing up)",
    "decline": "The volunteer declines an invitation",
    "cancel": "The volunteer gives back their seat until volunteer.cancel_hours before the start; a coordinator "
    "calls off a seat or an invitation at any time",
}
SIGN_UP_REFUSALS = (
    "status: error.shift_full, error.shift_overlaps, error.shift_needs_insurance, error.shift_needs_training, "
    "error.volunteer_not_active, error.shift_already_signed_up, error.shift_started or error.shift_cancelled"
)

PATHS = {
    "/api/v1/volunteer-registration/areas": _get(
        "The villages and townships one may register to serve in (no login)",
        "RegistrationAreaList",
        "",
        public=True,
    ),
    "/api/v1/volunteer-registration": _post(
        "Register as a volunteer (no login): an account without a role and a registration waiting for a coordinator "
        "of the area; a repeat of the same client_id returns it",
        "VolunteerRegistrationInput",
        "VolunteerProfile",
        "phone: error.volunteer_phone_registered or error.mobile_invalid; area_id: error.volunteer_area; password: "
        "error.password_too_short; …",
        created=True,
        on_record=False,
        public=True,
    ),
    "/api/v1/volunteers": {
        **_get(
            "Coordinators: volunteers serving inside their area, waiting registrations first; phones and ID numbers "
            "masked",
            "VolunteerList",
            "The caller manages no volunteers, or area_id is outside their area",
            [
                _query("status", {"enum": [s.value for s in VolunteerStatus]}),
                _query("area_id", INTEGER, "this area and what lies inside it"),
                _query("search", STRING, "part of a name or phone number"),
                *PAGE_PARAMS,
            ],
        ),
        **_post(
            "Coordinators: add a volunteer of their area, active at once, with an initial password",
            "VolunteerInput",
            "Volunteer",
            "area_id: error.volunteer_area_out_of_scope; recipient_id: error.volunteer_recipient_not_stable, "
            "error.volunteer_consent_missing or error.volunteer_recipient_registered; phone: "
            "error.volunteer_phone_registered; …",
            created=True,
            on_record=False,
        ),
    },
    "/api/v1/volunteers/{id}": _get(
        "Coordinators: one volunteer in full (phone and ID number); the read is audited",
        "Volunteer",
        "Not a coordinator of the volunteer's area",
        ID_PARAM,
    ),
    "/api/v1/volunteers/{id}/profile": _post(
        "Coordinators: a volunteer's skills, availability, insurance and trainings",
        "VolunteerProfileInput",
        "Volunteer",
        "skills, availability, trainings: error.invalid_choice; insured_until: error.date_format",
    ),
    **{
        f"/api/v1/volunteers/{{id}}/{step.value}": _post(
            f"Coordinators: {summary}",
            "VolunteerStepInput",
            "Volunteer",
            "status: error.volunteer_illegal_step; reason: error.required",
        )
        for step, summary in STEPS.items()
    },
    "/api/v1/me/volunteer-profile": {
        **_get("The caller's own volunteer record, also while it waits for approval", "VolunteerProfile", ""),
        **_post(
            "The volunteer updates their own skills, availability and insurance",
            "VolunteerProfileInput",
            "VolunteerProfile",
            "skills, availability: error.invalid_choice; insured_until: error.date_format",
            on_record=False,
            stale=True,
        ),
    },
    "/api/v1/me/volunteer-shifts": _get(
        "The shifts offered to the volunteer, in the least view: open ones of their area with a seat left, and those "
        "they are invited to or hold a seat on",
        "OfferedShiftList",
        "The caller is not a volunteer",
    ),
    "/api/v1/shifts": {
        **_get(
            "Coordinators: shifts in their area, by default open ones not yet over, soonest first",
            "ShiftList",
            "The caller manages no volunteers, or area_id is outside their area",
            [
                _query("status", {"enum": [s.value for s in ShiftStatus], "default": "open"}),
                _query(
                    "upcoming", {"type": "boolean", "default": True}, "false: past ones too, latest first"
                ),
                _query("area_id", INTEGER),
                *PAGE_PARAMS,
            ],
        ),
        **_post(
            "Coordinators: create a shift for an area of theirs; a repeat of the same client_id returns it",
            "ShiftInput",
            "Shift",
            "starts_at: error.shift_start_in_past; ends_at: error.shift_end_before_start or error.shift_too_long; "
            "capacity: error.shift_capacity; area_id: error.shift_area_out_of_scope; …",
            created=True,
            on_record=False,
        ),
    },
    **{
        f"/api/v1/shifts/{name}": _post(
            f"Coordinators: one tap — a shift filled in from {summary}; a repeat of the same client_id returns it",
            body,
            "Shift",
            "respite_request_id: error.shift_respite_not_home or error.shift_respite_not_approved; day: "
            "error.shift_day_outside_respite; event_id: error.shift_event_not_open; starts_at: "
            "error.shift_visit_no_next_date or error.shift_start_in_past; …",
            created=True,
            on_record=False,
        )
        for name, (body, summary) in ONE_TAP.items()
    },
    "/api/v1/shifts/{id}": _get(
        "Coordinators: one shift with its roster (seats first, then invitations)",
        "ShiftDetail",
        "Not a coordinator of the shift's area",
        ID_PARAM,
    ),
    "/api/v1/shifts/{id}/cancel": _post(
        "Coordinators: cancel a shift before it starts, with a `reason` its volunteers are told; a transport request "
        "it filled waits again",
        "ShiftCancelInput",
        "Shift",
        "status: error.shift_started or error.shift_cancelled; reason: error.required",
    ),
    "/api/v1/shifts/{id}/matches": _get(
        "Coordinators: the active volunteers of their area ranked for the shift, each with why and the weekly-cap "
        "warning",
        "MatchList",
        "Not a coordinator of the shift's area",
        ID_PARAM,
    ),
    "/api/v1/shifts/{id}/sign-ups": _post(
        "The volunteer takes a seat on a shift offered to them; a repeat of the same client_id returns it",
        "ShiftSignUpInput",
        "ShiftSignUpSaved",
        SIGN_UP_REFUSALS,
        created=True,
    ),
    "/api/v1/shifts/{id}/invitations": _post(
        "Coordinators: invite a volunteer of their area (no seat until accepted); `weekly` warns of the hours cap",
        "ShiftInvitationInput",
        "ShiftSignUpSaved",
        SIGN_UP_REFUSALS.replace("error.shift_full, ", ""),
        created=True,
    ),
    **{
        f"/api/v1/shift-sign-ups/{{id}}/{name}": _post(
            summary,
            "ShiftSignUpVersionInput",
            "ShiftSignUp",
            "status: error.shift_not_invited, error.shift_sign_up_not_cancellable, error.shift_cancel_too_late, or "
            "as when signing up",
        )
        for name, summary in ANSWERS.items()
    },
    "/api/v1/transport-requests": _post(
        "A caregiver (for their relative) or a social worker asks for a ride or an accompanied trip; a repeat of the "
        "same client_id returns it",
        "TransportInput",
        "Transport",
        "wanted_at: error.transport_time_in_past; pickup, destination: error.required",
        created=True,
        on_record=False,
    ),
    "/api/v1/transport-requests/queue": _get(
        "Coordinators: transport requests in their area in one status, soonest wanted first",
        "TransportQueue",
        "The caller manages no volunteers",
        [
            _query("status", {"enum": [s.value for s in TransportStatus], "default": "requested"}),
            *PAGE_PARAMS,
        ],
    ),
    "/api/v1/recipients/{id}/transport-requests": _get(
        "One recipient's transport requests, latest first (for those who may ask for them)",
        "TransportList",
        "The caller may not ask for this recipient",
        ID_PARAM,
    ),
    "/api/v1/transport-requests/{id}/fill": _post(
        "Coordinators: fill a request with a 接送 shift in one call (the pickup as meeting place, pickup → "
        "destination as the task); the requester is told",
        "TransportFillInput",
        "TransportFilled",
        "status: error.transport_not_requested; the shift's fields as when creating one",
    ),
    "/api/v1/transport-requests/{id}/cancel": _post(
        "The requester cancels before the request is filled",
        "TransportVersionInput",
        "Transport",
        "status: error.transport_not_requested",
    ),
}
