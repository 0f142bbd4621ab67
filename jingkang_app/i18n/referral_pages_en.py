"""English — the referral pages (转介, DOMAIN.md §3.7): the list's tabs and card lines, the detail's history, step
forms and confirmations, the new-referral form, and the links from the overview and the recipient page. Same keys
as referral_pages_zh.py."""

from jingkang_app.i18n.referral_pages_zh import CHANGED_FIELDS
from jingkang_app.i18n.referrals_en import REFERRALS_EN

REFERRAL_PAGES_EN: dict[str, str] = {
    "overview.referrals": "Referrals (late)",
    "referral_page.start": "Start a referral",
    "referral_page.back_to_list": "Back to referrals",
    # The list.
    "referral_page.tab.open": "In progress",
    "referral_page.tab.late": "Late",
    "referral_page.tab.ended": "Closed · returned",
    "referral_page.all_kinds": "All kinds",
    "referral_page.receiver_line": "Receiving institution: {receiver}",
    "referral_page.applied_line": "Applied on {date}",
    "referral_page.register_by_line": "Register by {date}",
    "referral_page.refer_by_line": "Refer by {date}",
    "referral_page.holders_line": "Held by: {roles}",
    # One referral.
    "referral_page.created_by": "Filed by",
    "referral_page.dates": "Dates and deadlines",
    "referral_page.history_by": "{who} · {time}",
    "referral_page.history_note": "Note: {note}",
    "referral_page.history_reason": "Reason for returning: {reason}",
    "referral_page.history_empty": "Not submitted yet: no steps taken.",
    "referral_page.no_steps": "There is no step for you to take now.",
    "referral_page.resubmit_help": "You may change the reason and the receiving institution before submitting again.",
    "referral_page.return_help": "Say why it is returned; the applicant is told.",
    "referral_page.confirm": "Confirm",
    "referral_page.cancel": "Cancel",
    "referral_page.done": "“{step}” done.",
    "referral_page.risk_unknown": "Not assessed",
    "referral_page.drug_line": "{name} ({when})",
    "referral_page.none": "None",
    # The new referral.
    "referral_page.receiver_help": "For example: Chengguan rehab service station, county mental health centre",
    "referral_page.applied_on_help": "For a paper application, the date written on it; today by default.",
}
REFERRAL_PAGES_EN |= {
    f"referral_page.field.{name}": REFERRALS_EN[key] for name, key in CHANGED_FIELDS.items()
}
