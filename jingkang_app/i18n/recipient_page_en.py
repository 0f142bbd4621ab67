"""English — the recipient page: header, actions, service records, eligibility screening, consent withdrawal; and
the list's registration button. Same keys as recipient_page_zh.py."""

RECIPIENT_PAGE_EN: dict[str, str] = {
    # list
    "recipient.register": "Register a recipient",
    # header
    "recipient.classification": "Classification",
    "recipient.open_alert": "Open relapse alert",
    "recipient.followup_stopped": "Stopped (consent to follow-up withdrawn on {date})",
    # actions
    "recipient.actions": "Record a service",
    "recipient.action.visit": "Home visit",
    "recipient.action.followup": "Follow-up",
    "recipient.action.rehab": "Rehab service",
    # service records (timeline)
    "timeline.fact": "{label}: {values}",
    "timeline.separator": ", ",
    "timeline.recorded_by": "Recorded by {name}",
    "timeline.owner": "Handled by {name}",
    "timeline.needs": "Needs found",
    "timeline.alert_status": "Status",
    "timeline.alert_status.open": "Waiting",
    "timeline.alert_status.taken": "Being handled",
    "timeline.alert_status.closed": "Closed",
    "timeline.attendance": "Attendance",
    "timeline.attendance.attended": "Attended",
    "timeline.attendance.absent": "Did not attend",
    # eligibility screening
    "eligibility.title": "Eligibility screening",
    "eligibility.eligible": "Meets every admission criterion.",
    "eligibility.not_eligible": "Does not meet every admission criterion.",
    "eligibility.coordinator_only": "Not every criterion is met: a township or county coordinator may admit with a reason.",
    "eligibility.reason": "Reason for admitting outside the rules",
    "eligibility.reason_help": "Say why the recipient is admitted although not every criterion is met; it goes into the audit log.",
    "eligibility.admit": "Admit",
    "eligibility.admitted": "Admitted; the status is now Registered.",
    # consents and their withdrawal
    "consent.records": "Signed consents",
    "consent.none": "No consents recorded yet.",
    "consent.signed_line": "Signed {date} · {signers}",
    "consent.signer.recipient": "the recipient",
    "consent.signer.guardian": "the guardian",
    "consent.in_force": "In force",
    "consent.withdrawn_line": "Withdrawn on {date}: {reason}",
    "consent.withdraw": "Withdraw",
    "consent.withdrawn_on": "Date of withdrawal",
    "consent.withdraw_reason": "Reason for withdrawal",
    "consent.withdraw_submit": "Confirm withdrawal",
    "consent.withdraw_saved": "Withdrawn.",
    # points (the recipient's) and their redemption
    "recipient.points.from_rehab": "Rehab session ({date})",
    "recipient.points.line_meta": "{date} · recorded by {name}",
    # registering as a volunteer, once the recipient consented to volunteering
    "recipient.volunteer.title": "Register as a volunteer",
    "recipient.volunteer.help": "The recipient consented to volunteering. Once registered they are an active volunteer and log in with the phone number and initial password below.",
    "recipient.volunteer.submit": "Register as a volunteer",
    "recipient.volunteer.saved": "Registered as volunteer {number}.",
    "recipient.volunteer.registered": "Registered as a volunteer.",
    # service records: a companion shift for the next visit, in one tap
    "timeline.visit_shift": "Make a visit companion shift",
}
