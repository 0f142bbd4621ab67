"""English — guardian subsidy (监护补贴/以奖代补, DOMAIN.md §3.13): labels, errors and the notices the guardian
receives. Same keys as subsidy_zh.py."""

SUBSIDY_EN: dict[str, str] = {
    "subsidy.title": "Guardian subsidy",
    "subsidy.status.pending": "Waiting for review",
    "subsidy.status.approved": "Approved",
    "subsidy.status.rejected": "Rejected",
    "subsidy.status.paid": "Paid",
    "subsidy.status.withheld": "Withheld",
    "subsidy.class.standard": "Standard (risk level 0–2)",
    "subsidy.class.high": "High (risk level 3 or above, or past causing trouble or disaster)",
    "subsidy.check": "Care duty check",
    "subsidy.reported_moves": "Reported the recipient's trips and moves in time",
    "subsidy.prevented_missing": "The recipient did not go missing",
    "subsidy.reported_relapse_signs": "Reported signs of relapse in time",
    "subsidy.cooperated_followups": "Cooperated with follow-ups",
    "subsidy.passed": "Passed this quarter",
    "subsidy.withheld_incident": "A follow-up this year recorded causing trouble or disaster ({date}); not paid.",
    "error.subsidy_year": "You can apply for {this} or {next} only; choose one of these years.",
    "error.subsidy_year_taken": "There is already an application for {year} for this recipient; one per year.",
    "error.subsidy_illegal_step": "This application's current status does not allow that; refresh to see it.",
    "error.subsidy_quarter": "Enter a quarter from 1 to 4.",
    "error.subsidy_quarter_not_open": (
        "Quarter {quarter} cannot be checked: only quarters from the application on that have begun."
    ),
    "error.subsidy_quarter_checked": "Quarter {quarter} has already been checked; it is recorded once.",
    "error.subsidy_check_note_required": "A check that did not pass needs a note, so the family knows why.",
    "error.subsidy_year_not_over": "The year {year} is not over yet; record the yearly payment next year.",
    "error.subsidy_checks_missing": (
        "Quarter(s) {quarters} have no care duty check yet; the village committee records them first."
    ),
    "error.subsidy_paid_on_in_year": "The payment date must be after the end of {year}; choose another date.",
    "notice.subsidy_approved": (
        "The guardian subsidy for {name} for {year} is approved: {monthly} yuan a month, paid after the year by "
        "the quarterly checks."
    ),
    "notice.subsidy_rejected": "The guardian subsidy for {name} for {year} was not approved: {reason}",
    "notice.subsidy_paid": "The guardian subsidy for {name} for {year} is paid: {months} months, {amount} yuan.",
    "notice.subsidy_withheld": (
        "The guardian subsidy for {name} for {year} is withheld: a follow-up that year recorded causing trouble "
        "or disaster ({date})."
    ),
    "notice.subsidy_check_failed": "The care duty check for {name}, quarter {quarter} of {year}, did not pass: {note}",
    # the staff page (/subsidies): the village committee's checks, the township's decisions and payments
    "nav.subsidies": "Subsidy",
    "overview.subsidy_queue": "Guardian subsidies to review",
    "subsidy.intro": (
        "Reward instead of subsidy: the village committee records the care duty check every quarter, the township "
        "reviews applications, and after the year the quarters that passed are paid."
    ),
    "subsidy.empty": "There are no applications here for now.",
    "subsidy.year": "Year {year}",
    "subsidy.applied_on": "Applied on {date}",
    "subsidy.quarters_passed": "Care duty checks passed: {count} quarter(s)",
    "subsidy.pay_after_year": "Record the payment after the end of {year}",
    "subsidy.approve": "Approve",
    "subsidy.reject": "Reject",
    "subsidy.record_check": "Record care duty check",
    "subsidy.record_payment": "Record payment",
    "subsidy.confirm": "Confirm",
    "subsidy.cancel": "Cancel",
    "subsidy.approve_reason": "Review note (optional)",
    "subsidy.approve_help": (
        "On approval the class is set from the latest risk assessment and any record of causing trouble or "
        "disaster; the monthly amounts follow the county's rates."
    ),
    "subsidy.reject_reason": "Reason for rejecting (the family sees it)",
    "subsidy.quarter": "Quarter",
    "subsidy.quarter.1": "First quarter",
    "subsidy.quarter.2": "Second quarter",
    "subsidy.quarter.3": "Third quarter",
    "subsidy.quarter.4": "Fourth quarter",
    "subsidy.no_quarter_open": "No quarter to record now: every quarter that has begun is recorded.",
    "subsidy.duties": "Care duties fulfilled (tick those done)",
    "subsidy.verdict": "Result",
    "subsidy.verdict.yes": "Passed",
    "subsidy.verdict.no": "Not passed",
    "subsidy.check_note": "Note",
    "subsidy.check_note_help": "Required when the check did not pass; the family sees it.",
    "subsidy.paid_on": "Payment date",
    "subsidy.paid_on_help": (
        "The amount is worked out from the quarters that passed and the approved monthly amount; a year with "
        "trouble or disaster on a follow-up is not paid."
    ),
    "subsidy.payment_note": "Note (optional)",
    "subsidy.done.approve": "Approved for {name}: {risk_class}, {monthly} yuan a month. The family is told.",
    "subsidy.done.reject": "Rejected for {name}; the family is told the reason.",
    "subsidy.done.check": "Care duty check recorded for {name}, quarter {quarter}: {verdict}.",
    "subsidy.done.paid": (
        "Payment recorded for {name}, {year}: {months} months at {monthly} yuan, {amount} yuan in all ({paid_on})."
    ),
    "subsidy.done.withheld": (
        "The {year} subsidy for {name} is withheld, 0 yuan: a follow-up that year recorded causing trouble or "
        "disaster ({date})."
    ),
    "subsidy.field.status": "status",
    "subsidy.field.risk_class": "class",
    "subsidy.field.guardian_monthly_yuan": "guardian allowance",
    "subsidy.field.care_monthly_yuan": "care allowance",
    "subsidy.field.decision_reason": "review note",
    "subsidy.field.payment": "payment",
    "error.subsidy_guardian_left": "The applicant is no longer a guardian on this recipient's care team, so it cannot be approved. The current guardian should apply.",
}
