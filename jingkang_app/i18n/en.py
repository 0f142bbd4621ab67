"""English — the second catalogue; every key of zh_cn.py must be here too (a test checks)."""

from jingkang_app.i18n.alerts_page_en import ALERTS_PAGE_EN
from jingkang_app.i18n.care_en import CARE_EN
from jingkang_app.i18n.care_team_en import CARE_TEAM_EN
from jingkang_app.i18n.coordination_pages_en import COORDINATION_PAGES_EN
from jingkang_app.i18n.dashboard_page_en import DASHBOARD_PAGE_EN
from jingkang_app.i18n.eligibility_en import ELIGIBILITY_EN
from jingkang_app.i18n.events_en import EVENTS_EN
from jingkang_app.i18n.exports_en import EXPORTS_EN
from jingkang_app.i18n.families_en import FAMILIES_EN
from jingkang_app.i18n.family_home_en import FAMILY_HOME_EN
from jingkang_app.i18n.help_en import HELP_EN
from jingkang_app.i18n.indicators_en import INDICATORS_EN
from jingkang_app.i18n.recipient_page_en import RECIPIENT_PAGE_EN
from jingkang_app.i18n.referral_pages_en import REFERRAL_PAGES_EN
from jingkang_app.i18n.referrals_en import REFERRALS_EN
from jingkang_app.i18n.registration_en import REGISTRATION_EN
from jingkang_app.i18n.rehab_en import REHAB_EN
from jingkang_app.i18n.staff_feedback_en import STAFF_FEEDBACK_EN
from jingkang_app.i18n.subsidy_en import SUBSIDY_EN
from jingkang_app.i18n.volunteer_pages_en import VOLUNTEER_PAGES_EN
from jingkang_app.i18n.volunteer_service_en import VOLUNTEER_SERVICE_EN
from jingkang_app.i18n.volunteers_en import VOLUNTEERS_EN

EN: dict[str, str] = {
    "error.generic": "That did not work. Please try again later.",
    "error.permission_denied": "You are not allowed to see or change this record.",
    "error.not_found": "This record was not found. It may have been removed, or the address is wrong.",
    "error.not_authenticated": "Please log in first.",
    "error.session_expired": "Your session has expired. Please log in again.",
    "error.login_failed": "The phone number or password is wrong. Please try again.",
    "error.too_many_failed_logins": "Too many failed logins: the account is locked for now. Try again in {minutes} minutes.",
    "error.account_disabled": "This account has been deactivated. Please contact the administrator.",
    "error.stale_version": "Someone else changed this record. Reload it before editing.",
    "error.validation_failed": "Some entries need fixing. See the notes beside the fields.",
    "error.required": "Required.",
    "error.too_long": "Too long: at most {max} characters.",
    "error.date_format": "Not a valid date. Please pick a date (year-month-day).",
    "error.date_in_future": "The date cannot be later than today.",
    "error.date_too_early": "The date is too early. Please check the year.",
    "error.invalid_choice": "Please choose one of the options.",
    "error.mobile_invalid": "Not a valid mobile number: 11 digits starting with 1.",
    "error.phone_taken": "An account with this phone number already exists.",
    "error.password_too_short": "The password needs at least {min} characters.",
    "error.role_area_level_village": "This role is assigned to a village or community.",
    "error.role_area_level_township": "This role is assigned to a township or street.",
    "error.role_area_level_county": "This role is assigned to the county.",
    "error.cannot_remove_own_admin": "You cannot remove your own administrator role.",
    "error.cannot_deactivate_self": "You cannot deactivate your own account.",
    "error.admin_exists": "An administrator already exists.",
    "error.id_number_length": "The ID number must have 18 characters.",
    "error.id_number_format": "Not a valid ID number: 17 digits followed by a digit or X.",
    "error.id_number_birth_date": "The birth date inside the ID number is not a real date.",
    "error.id_number_checksum": "The ID number's check character is wrong. Please check it.",
    "error.id_number_duplicate": "This ID number is already registered.",
    "error.village_required": "Please choose the village or community.",
    "error.signer_required": "Tick at least one signer (the person or the guardian).",
    "error.database_unavailable": "The database cannot be reached right now. Nothing you typed is lost; please try again shortly.",
    "error.page_not_found": "Page not found",
    "error.request_too_large": "The request is too large.",
    "error.bad_request": "The request is malformed.",
    "app.name": "Jingkang",
    "app.tagline": "Community mental-health rehabilitation services",
    "app.new_version": "Jingkang has been updated. Please reload the page.",
    "app.reload": "Reload",
    "connection.lost": "Connection lost. Reconnecting… Nothing you typed is lost.",
    "nav.tasks": "Today",
    "nav.family": "My family",
    "nav.overview": "Overview",
    "nav.recipients": "Recipients",
    "nav.users": "Users",
    "nav.me": "Me",
    "nav.back_home": "Back to home",
    "login.phone": "Mobile number",
    "login.password": "Password",
    "login.submit": "Log in",
    "login.missing": "Please enter your mobile number and password.",
    "me.language": "Language",
    "me.logout": "Log out",
    "tasks.empty_title": "Nothing due today",
    "tasks.empty_body": "Recipients with a follow-up or home visit due will be listed here, most urgent first.",
    "overview.area": "Area",
    "overview.registered": "Registered recipients",
    "overview.applying": "Applying",
    "overview.high_risk": "Risk level 3 or higher",
    "list.search": "Search",
    "list.previous": "Previous",
    "list.next": "Next",
    "list.empty": "No matching records.",
    "list.page": "{first}–{last} of {total}",
    "recipient.title": "Recipient",
    "recipient.search_hint": "Name, pinyin initials or last 4 ID digits",
    "recipient.next_followup": "Next follow-up",
    "recipient.no_date": "Not scheduled",
    "recipient.sex_age": "{sex} · {age}",
    "recipient.id_number": "ID number",
    "recipient.phone": "Phone",
    "recipient.address": "Address",
    "recipient.diagnosis": "Diagnosis",
    "recipient.disability": "Disability certificate",
    "recipient.disability_level": "Mental disability, level {level}",
    "recipient.guardian": "Guardian",
    "recipient.guardian_phone": "Guardian’s phone",
    "recipient.care_team": "Care team",
    "risk.level": "Risk level {level}",
    "sex.male": "Male",
    "sex.female": "Female",
    "status.applying": "Applying",
    "status.registered": "Registered",
    "status.suspended": "Suspended",
    "status.exited": "Exited",
    "relation.father": "Father",
    "relation.mother": "Mother",
    "relation.spouse": "Spouse",
    "relation.sibling": "Sibling",
    "relation.son": "Son",
    "relation.daughter": "Daughter",
    "relation.other": "Other",
    "diagnosis.schizophrenia": "Schizophrenia",
    "diagnosis.schizoaffective": "Schizoaffective disorder",
    "diagnosis.paranoid_psychosis": "Paranoid psychosis",
    "diagnosis.bipolar": "Bipolar disorder",
    "diagnosis.epilepsy_psychosis": "Mental disorder due to epilepsy",
    "diagnosis.intellectual_disability": "Intellectual disability with mental disorder",
    "diagnosis.other": "Other",
    "team_role.guardian": "Guardian",
    "team_role.grid_worker": "Grid worker",
    "team_role.disability_worker": "Disability officer",
    "team_role.civil_affairs": "Civil-affairs assistant",
    "team_role.doctor": "Community doctor",
    "team_role.police": "Community police",
    "team_role.social_worker": "Social worker",
    "team_role.volunteer": "Volunteer",
    "role.caregiver": "Family caregiver",
    "role.grid_worker": "Grid worker",
    "role.village_cadre": "Village committee",
    "role.community_doctor": "Community doctor",
    "role.social_worker": "Social worker",
    "role.volunteer": "Volunteer",
    "role.township_coordinator": "Township coordinator",
    "role.county_coordinator": "County coordinator",
    "role.admin": "Administrator",
    "consent.title": "Consent / service agreement",
    "consent.kind": "Agreement",
    "consent.kind.service_agreement": "Service agreement",
    "consent.kind.sensitive_information": "Consent to process sensitive information",
    "consent.kind.followup_management": "Consent to follow-up management",
    "consent.signed_on": "Signed on",
    "consent.signed_by": "Signed by",
    "consent.signed_by_recipient": "The person",
    "consent.signed_by_guardian": "The guardian",
    "consent.scope": "Scope (optional)",
    "consent.submit": "Save",
    "consent.saved": "Saved.",
    "admin.create_title": "New user",
    "admin.name": "Name",
    "admin.initial_password": "Initial password",
    "admin.password_help": "At least 8 characters. Tell the person in person and ask them to change it.",
    "admin.create": "Create user",
    "admin.search_hint": "Name or mobile number",
    "admin.active": "Active",
    "admin.inactive": "Deactivated",
    "admin.remove_role": "Remove role",
    "admin.role": "Role",
    "admin.area": "Area",
    "admin.assign_role": "Assign role",
    "admin.new_password": "New password",
    "admin.reset_password": "Reset password",
    "admin.deactivate": "Deactivate",
    "admin.activate": "Activate",
    "admin.user_created": "User created.",
    "admin.role_assigned": "Role assigned.",
    "admin.role_removed": "Role removed.",
    "admin.password_reset": "Password reset; the user must log in again.",
    "admin.user_activated": "Account activated.",
    "admin.user_deactivated": "Account deactivated; their sessions have ended.",
    "error.page_not_found_body": "This page does not exist. Check the address or go back to the home page.",
    "seed.role": "Role",
    "admin.manage": "Manage roles, password and status",
    "error.client_id_reused": "This submission id already belongs to another record. Reload the page and fill it in again.",
}
EN |= CARE_EN
EN |= ELIGIBILITY_EN
EN |= REHAB_EN
EN |= FAMILIES_EN
EN |= FAMILY_HOME_EN
EN |= REGISTRATION_EN
EN |= ALERTS_PAGE_EN
EN |= RECIPIENT_PAGE_EN
EN |= CARE_TEAM_EN
EN |= HELP_EN
EN |= EVENTS_EN
EN |= SUBSIDY_EN
EN |= VOLUNTEER_SERVICE_EN
EN |= VOLUNTEERS_EN
EN |= COORDINATION_PAGES_EN
EN |= VOLUNTEER_PAGES_EN
EN |= EXPORTS_EN
EN |= REFERRALS_EN
EN |= REFERRAL_PAGES_EN
EN |= STAFF_FEEDBACK_EN
EN |= INDICATORS_EN
EN |= DASHBOARD_PAGE_EN
