"""English — the coordinator dashboard's indicators (DOMAIN.md §6). Same keys as indicators_zh.py."""

INDICATORS_EN: dict[str, str] = {
    # names
    "dashboard.home_patients": "Registered home patients",
    "dashboard.in_programme": "Registered rehab recipients",
    "dashboard.standard_service_rate": "Standardised-service rate",
    "dashboard.managed_rate": "Managed-to-standard rate",
    "dashboard.coverage": "County coverage",
    "dashboard.coverage.township": "Township coverage",
    "dashboard.followups": "Follow-ups done / due",
    "dashboard.risk_distribution": "Risk levels",
    "dashboard.alerts": "Relapse alerts",
    "dashboard.referrals": "Referrals",
    "dashboard.respite": "Respite",
    "dashboard.volunteers": "Volunteer hours",
    "dashboard.training": "Training hours",
    "dashboard.satisfaction": "Satisfaction",
    "dashboard.feedback": "Feedback answered on time",
    # formulas (tooltips)
    "dashboard.home_patients.formula": "Recipients registered by the end of the period and not exited "
    "(applying and suspended included)",
    "dashboard.in_programme.formula": "Recipients registered by the end of the period whose status is registered",
    "dashboard.standard_service_rate.formula": "Registered rehab recipients served to standard ÷ registered rehab "
    "recipients; to standard: at least 1 rehab service record in the period and a follow-up within "
    "{on_schedule_days} days before its end",
    "dashboard.managed_rate.formula": "Registered confirmed patients managed to standard ÷ registered confirmed "
    "patients; to standard: at least {min_followups} follow-ups in the 12 months to the end of the period (the "
    "calendar year for a year), adjacent ones at most {max_gap_days} days apart",
    "dashboard.coverage.formula": "Townships with a service site active in the period ÷ all townships",
    "dashboard.followups.formula": "Done: follow-ups recorded in the period; due: follow-ups whose next date, set "
    "by the one before, falls in the period; overdue now: registered recipients, consent not withdrawn, whose "
    "next follow-up date has passed",
    "dashboard.risk_distribution.formula": "Registered recipients by their latest risk assessment (levels 0–5), now",
    "dashboard.alerts.formula": "Alerts raised in the period and those taken after their deadline; alerts not yet "
    "taken and those past their deadline, now",
    "dashboard.referrals.formula": "Referrals applied for in the period (by kind and status); referrals under way "
    "now; rehab referrals past their registration or referral deadline (working days) are late",
    "dashboard.respite.formula": "Respite requests made in the period (by status); days approved this year ÷ "
    "({respite_quota_days} days a year × families); median days from request to decision of those decided in "
    "the period",
    "dashboard.volunteers.formula": "Volunteer hours verified in the period; registered volunteers with verified "
    "service in it; shifts in the period and those full",
    "dashboard.training.formula": "Staff with at least {training_hours} training hours from New Year to the end of "
    "the period ÷ staff; average hours",
    "dashboard.satisfaction.formula": "Satisfied and basically satisfied answers of home visits in the period ÷ "
    "answers",
    "dashboard.feedback.formula": "Feedback answered within {feedback_answer_days} working days ÷ feedback received "
    "in the period that is answered or past its answering date",
    # parts of the figures: dashboard.rate.<field> for every rate, dashboard.<indicator>.<field> for the rest
    "dashboard.rate.numerator": "Numerator",
    "dashboard.rate.denominator": "Denominator",
    "dashboard.rate.rate": "Rate",
    "dashboard.rate.target": "Target for the year",
    "dashboard.followups.done": "Done",
    "dashboard.followups.due": "Due",
    "dashboard.followups.overdue_now": "Overdue follow-ups now",
    "dashboard.risk_distribution.levels": "Risk levels",
    "dashboard.risk_distribution.unknown": "Not assessed",
    "dashboard.risk_distribution.high": "Level 3 and above",
    "dashboard.alerts.raised": "Raised",
    "dashboard.alerts.taken_late": "Taken late",
    "dashboard.alerts.open_now": "Waiting to be taken",
    "dashboard.alerts.in_hand_now": "Being handled",
    "dashboard.alerts.late_now": "Past deadline, not taken",
    "dashboard.referrals.applied": "Applied for",
    "dashboard.referrals.by_kind_status": "By kind and status",
    "dashboard.referrals.employment": "Employment referrals",
    "dashboard.referrals.open_now": "Under way",
    "dashboard.referrals.late_now": "Late now",
    "dashboard.referrals.taken_late": "Steps taken late",
    "dashboard.referrals.late": "Late referrals",
    "dashboard.respite.requested": "Requested",
    "dashboard.respite.by_status": "By status",
    "dashboard.respite.days_used": "Days approved this year",
    "dashboard.respite.families": "Families",
    "dashboard.respite.quota": "Yearly quota used",
    "dashboard.respite.median_wait_days": "Days waiting for a decision (median)",
    "dashboard.volunteers.verified_hours": "Verified hours",
    "dashboard.volunteers.active_volunteers": "Active volunteers",
    "dashboard.volunteers.shifts": "Shifts",
    "dashboard.volunteers.shifts_full": "Full shifts",
    "dashboard.training.staff": "Staff",
    "dashboard.training.meeting_target": "Reaching the yearly hours",
    "dashboard.training.average_hours": "Average hours",
    "dashboard.training.target_hours": "Hours required a year",
    "dashboard.feedback.received": "Received",
    "dashboard.feedback.on_time": "Answered on time",
    # drill-down lists
    "dashboard.list.home_patients": "Registered home patients",
    "dashboard.list.in_programme": "Registered rehab recipients",
    "dashboard.list.standard_service_met": "Served to standard",
    "dashboard.list.standard_service_missed": "Not served to standard",
    "dashboard.list.managed": "Managed to standard",
    "dashboard.list.not_managed": "Not managed to standard",
    "dashboard.list.overdue_followups": "Overdue follow-ups now",
    "dashboard.list.high_risk": "Risk level 3 and above",
    "dashboard.list.open_alerts": "Relapse alerts waiting to be taken",
    "dashboard.list.late_alerts": "Relapse alerts past their deadline",
    "dashboard.list.late_referrals": "Late rehab referrals",
    # trend series
    "dashboard.trend.followups_done": "Follow-ups done",
    "dashboard.trend.followups_due": "Follow-ups due",
    "dashboard.trend.alerts_raised": "Relapse alerts",
    "dashboard.trend.rehab_attendances": "Rehab attendances",
    "dashboard.trend.volunteer_hours": "Volunteer hours",
    # periods and targets
    "dashboard.period": "Period",
    "dashboard.period.month": "{month}/{year}",
    "dashboard.period.year": "{year}",
    "dashboard.target": "Target {year}: {target}",
    "dashboard.snapshot": "Now",
    "dashboard.as_of": "As of {date}",
    "dashboard.no_rate": "—",
    "error.period_format": "Enter the period as a year (e.g. 2026) or a month (e.g. 2026-11).",
    "error.period_year": "The year must be between {first} and {last}.",
    "error.trend_months": "The number of months must be a whole number from 1 to {max}.",
}
