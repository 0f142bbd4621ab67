"""English — referrals (转介, DOMAIN.md §3.7): kinds, application routes, statuses, each kind's steps, the handover
pack, errors and the notices of whoever holds a referral next. Same keys as referrals_zh.py."""

from jingkang_app.i18n.referrals_zh import FLOW_STEPS

KINDS = {
    "rehab": "Rehab service referral",
    "hospital_up": "Referral to hospital",
    "hospital_down": "Referral back from hospital",
    "employment": "Employment referral",
    "aid": "Aid referral",
}
STATUSES = {
    "draft": "Draft",
    "applied": "Applied",
    "registered": "Registered",
    "referred": "Referred (awaiting acknowledgement)",
    "initiated": "Initiated (awaiting acknowledgement)",
    "accepted": "Accepted",
    "assessed": "Assessed",
    "in_service": "In service",
    "reviewed": "Reviewed",
    "in_care": "In care",
    "back_in_community": "Back in the community",
    "returned": "Returned",
    "closed": "Closed",
}
STEPS = {
    "apply": "Apply",
    "register": "Check and register",
    "refer": "Refer to a service",
    "initiate": "Initiate",
    "acknowledge": "Acknowledge receipt",
    "assess": "Comprehensive assessment",
    "provide": "Provide services",
    "review": "Periodic review",
    "treat": "Outpatient visit / admission",
    "send_back": "Send back to the community",
    "close": "Close",
    "return": "Return",
}
KIND_STEPS = {
    ("rehab", "close"): "Close and follow up",
    ("hospital_down", "treat"): "Received by the community",
}

REFERRALS_EN: dict[str, str] = {
    "referral.title": "Referral",
    "referral.list_title": "Referrals",
    "referral.empty": "No referrals.",
    "referral.new": "New referral",
    "referral.kind": "Kind of referral",
    "referral.route": "Application route",
    "referral.route.personal": "Personal voluntary application",
    "referral.route.medical": "Assisted by a health institution",
    "referral.route.other": "Assisted by another party",
    "referral.status": "Status",
    "referral.reason": "Reason for referral",
    "referral.receiver": "Receiving institution",
    "referral.receiver_area": "Receiving side's area",
    "referral.applied_on": "Applied on",
    "referral.registered_on": "Registered on",
    "referral.referred_on": "Referred on",
    "referral.closed_on": "Closed on",
    "referral.register_by": "Register by",
    "referral.refer_by": "Refer by",
    "referral.late": "Late",
    "referral.late_step": "“{step}” is late",
    "referral.late_only": "Late only",
    "referral.submit": "Submit",
    "referral.save_draft": "Save as draft",
    "referral.note": "Note",
    "referral.return_reason": "Reason for returning",
    "referral.history": "History",
    "referral.history_line": "{when} {who}: {step}",
    "referral.holders": "Held by",
    "referral.no_holders": "Closed: nothing left to do.",
    "referral.next_steps": "You can",
    "referral.from_alert": "Drafted by a relapse alert (green channel)",
    "referral.handover.title": "Handover pack",
    "referral.handover.hidden": "Only the receiving side can read the handover pack.",
    "referral.handover.built_on": "Prepared on",
    "referral.handover.summary": "Summary",
    "referral.handover.name": "Name",
    "referral.handover.sex": "Sex",
    "referral.handover.age": "Age",
    "referral.handover.diagnosis": "Current diagnosis",
    "referral.handover.reason": "Reason for referral",
    "referral.handover.risk": "Risk",
    "referral.handover.level": "Latest risk assessment",
    "referral.handover.classification": "Latest follow-up classification",
    "referral.handover.last_followup_date": "Latest follow-up",
    "referral.handover.medication": "Medication",
    "referral.handover.drugs": "Drugs and doses",
    "referral.handover.recorded_on": "Recorded on",
    "referral.handover.no_drugs": "The latest follow-up recorded no medication.",
    "referral.handover.contacts": "Contacts",
    "referral.handover.guardian": "Guardian",
    "referral.handover.relation": "Relation to the patient",
    "referral.handover.doctor": "Community doctor",
    "referral.handover.social_worker": "Social worker",
    "referral.handover.phone": "Phone",
    "error.referral_route_not_allowed": "Application route: your role cannot file on this route. Choose one you may file for (e.g. “Assisted by another party”).",
    "error.referral_receiver_area": "Receiving side's area: choose a township (street) of this county or the county itself, not a village or another county.",
    "error.referral_return_reason": "Reason for returning: required, at most {max} characters. Say why it is returned so the applicant can fix it and file again.",
    "notice.referral_applied": "{name}'s rehab service referral waits to be checked and registered within 5 working days.",
    "notice.referral_registered": "{name}'s rehab service referral is registered: refer it to a rehab service within 5 working days.",
    "notice.referral_referred": "{name} is referred to “{receiver}”: please acknowledge receipt.",
    "notice.referral_initiated": "{name}'s referral to “{receiver}” is initiated: please acknowledge receipt.",
    "notice.referral_accepted": "“{receiver}” accepted {name}'s referral: please take the next step.",
    "notice.referral_assessed": "{name} has had the comprehensive assessment: please arrange services.",
    "notice.referral_in_service": "{name} is receiving services ({receiver}): please take the next step in time.",
    "notice.referral_reviewed": "{name} has had the periodic review: continue services, or close and follow up.",
    "notice.referral_in_care": "{name} is in care at “{receiver}”: please follow up.",
    "notice.referral_back_in_community": "{name} is back in the community: please resume management and close the referral.",
    "notice.referral_returned": "{name}'s referral was returned: {reason}. Please fix it and file it again.",
    "notice.referral_closed": "{name}'s referral is closed.",
}
REFERRALS_EN |= {f"referral.kind.{code}": label for code, label in KINDS.items()}
REFERRALS_EN |= {f"referral.status.{code}": label for code, label in STATUSES.items()}
REFERRALS_EN |= {
    f"referral.step.{kind}.{step}": KIND_STEPS.get((kind, step), STEPS[step])
    for kind, steps in FLOW_STEPS.items()
    for step in steps
}
REFERRALS_EN |= {
    f"error.referral_illegal_step.{code}": f"This referral is now “{label}”, so that step cannot be taken. Refresh the page and take one of the steps it offers."
    for code, label in STATUSES.items()
}
