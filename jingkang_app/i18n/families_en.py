"""English — family support (DOMAIN.md §3.9): respite requests' errors and the notices the caregiver receives.
Same keys as families_zh.py."""

FAMILIES_EN: dict[str, str] = {
    "error.respite_start_in_past": "The start date cannot be before today; choose another date.",
    "error.respite_end_before_start": "The end date cannot be before the start date; choose another date.",
    "error.respite_overlaps": "These dates overlap a respite request already made ({start} to {end}); choose other dates.",
    "error.respite_burden_answers": "The caregiver-burden answers are not valid; fill in the questionnaire again.",
    "error.respite_illegal_step": "This request's current status does not allow that; refresh to see it.",
    "error.respite_over_quota_reason": (
        "This request goes beyond the yearly quota of {quota} days ({over} days over); give a reason to approve it."
    ),
    "error.respite_not_started": "The respite has not started yet; record completion once it has.",
    "error.respite_already_started": "The respite has already started and can no longer be cancelled.",
    "error.respite_rating": "Choose a rating from 1 to 5 stars.",
    "notice.respite_approved": "The respite request for {name} ({start} to {end}) is approved.",
    "notice.respite_rejected": "The respite request for {name} ({start} to {end}) was not approved: {reason}",
    "notice.respite_arranged": "Respite for {name} ({start} to {end}) is arranged: {arrangement}.",
    "notice.respite_completed": "Respite for {name} ({start} to {end}) is completed; please rate it.",
    "notice.respite_rated": "Respite for {name} ({start} to {end}) is rated. Thank you.",
    "notice.respite_cancelled": "The respite request for {name} ({start} to {end}) is cancelled.",
}
