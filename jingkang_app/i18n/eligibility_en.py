"""Eligibility screening, admission and consent withdrawal — to be merged into en.py. Same keys as
eligibility_zh.py."""

ELIGIBILITY_EN: dict[str, str] = {
    "eligibility.hukou": "Household registration (hukou) in this county",
    "eligibility.age": "Aged {min_age}–{max_age}",
    "eligibility.condition": "Mental disability level or diagnosis",
    "eligibility.physical_health": "No serious physical or infectious disease",
    "eligibility.risk_history": "Risk level 0–{max_level} at every follow-up in the last {months} months",
    "eligibility.agreement": "Service agreement signed by the person and the guardian",
    "eligibility.met": "Met",
    "eligibility.not_met": "Not met",
    "eligibility.unknown": "To be checked",
    "error.admission_reason_required": "Not every admission criterion is met: please give the reason for admitting anyway.",
    "error.not_applying": "Only a recipient whose application is pending can be admitted.",
    "error.withdrawal_before_signing": "The withdrawal date cannot be before the signing date.",
    "error.already_withdrawn": "This consent has already been withdrawn.",
}
