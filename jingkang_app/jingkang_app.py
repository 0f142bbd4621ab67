"""The Reflex app: theme, head (PWA), pages, the JSON API beside it."""

import json

import reflex as rx

from jingkang_app.api import build_api
from jingkang_app.components.shell import connection_banner
from jingkang_app.components.styles import BASE_STYLE
from jingkang_app.i18n import t
from jingkang_app.pages.admin_users import admin_users_page
from jingkang_app.pages.alerts import alerts_page
from jingkang_app.pages.dashboard import dashboard_page
from jingkang_app.pages.event_detail import event_detail_page
from jingkang_app.pages.events import events_page
from jingkang_app.pages.family import family_page
from jingkang_app.pages.family_help import help_page
from jingkang_app.pages.family_respite import burden_page, respite_page
from jingkang_app.pages.feedback import feedback_page
from jingkang_app.pages.feedback_manage import feedback_manage_page
from jingkang_app.pages.field_forms import followup_edit_page, followup_page, visit_page
from jingkang_app.pages.home import me_page, not_found_page, root_page, tasks_page
from jingkang_app.pages.login import login_page
from jingkang_app.pages.notifications import notifications_page
from jingkang_app.pages.overview import overview_page
from jingkang_app.pages.recipient_new import recipient_new_page
from jingkang_app.pages.recipients import recipient_detail_page, recipients_page
from jingkang_app.pages.referral_detail import referral_detail_page
from jingkang_app.pages.referral_new import referral_new_page
from jingkang_app.pages.referrals import referrals_page
from jingkang_app.pages.rehab import rehab_page
from jingkang_app.pages.respite_queue import respite_queue_page
from jingkang_app.pages.shift_detail import shift_detail_page
from jingkang_app.pages.shifts_manage import shifts_manage_page
from jingkang_app.pages.subsidy import subsidy_page
from jingkang_app.pages.training import training_page
from jingkang_app.pages.transport import transport_page
from jingkang_app.pages.volunteer_certificates import certificate_check_page, my_certificate_page
from jingkang_app.pages.volunteer_detail import volunteer_detail_page
from jingkang_app.pages.volunteer_home import volunteer_home_page
from jingkang_app.pages.volunteer_register import volunteer_register_page
from jingkang_app.pages.volunteer_shifts import volunteer_shifts_page
from jingkang_app.pages.volunteers import volunteers_page
from jingkang_app.pwa import head_components
from jingkang_app.runtime import return_large_buffers_to_the_system
from jingkang_app.scheduler import escalate_overdue_alerts
from jingkang_app.state.admin import AdminUsersState
from jingkang_app.state.alerts import AlertsState
from jingkang_app.state.base import AppState
from jingkang_app.state.dashboard import DashboardState
from jingkang_app.state.duelist import DueListState
from jingkang_app.state.event_detail import EventDetailState
from jingkang_app.state.events import EventListState
from jingkang_app.state.family import FamilyState
from jingkang_app.state.family_help import HelpState
from jingkang_app.state.family_respite import BurdenState, RespiteFamilyState
from jingkang_app.state.family_subsidy import FamilySubsidyState
from jingkang_app.state.feedback_form import FeedbackFormState
from jingkang_app.state.feedback_queue import FeedbackQueueState
from jingkang_app.state.field_forms import FollowupEditState, FollowupFormState, VisitFormState
from jingkang_app.state.login import LoginState
from jingkang_app.state.notifications import NotificationsState
from jingkang_app.state.overview import OverviewState
from jingkang_app.state.recipient_new import RecipientNewState
from jingkang_app.state.recipient_points import RecipientPointsState
from jingkang_app.state.recipient_volunteer import RecipientVolunteerState
from jingkang_app.state.recipients import RecipientDetailState, RecipientListState
from jingkang_app.state.referral_detail import ReferralDetailState
from jingkang_app.state.referral_list import ReferralListState
from jingkang_app.state.referral_new import ReferralNewState
from jingkang_app.state.rehab import RehabState
from jingkang_app.state.respite_queue import RespiteQueueState
from jingkang_app.state.shift_detail import ShiftDetailState
from jingkang_app.state.shift_manage import ShiftManageState
from jingkang_app.state.subsidy import SubsidyState
from jingkang_app.state.training import TrainingState
from jingkang_app.state.transport import TransportQueueState, TransportRequestState
from jingkang_app.state.volunteer_certificates import CertificateCheckState, MyCertificateState
from jingkang_app.state.volunteer_detail import VolunteerDetailState
from jingkang_app.state.volunteer_home import VolunteerHomeState
from jingkang_app.state.volunteer_register import VolunteerRegisterState
from jingkang_app.state.volunteer_registry import VolunteerRegistryState
from jingkang_app.state.volunteer_shifts import ShiftOffersState

# Every status line assets/outbox.js can show.
OUTBOX_STATES = ("queued", "sent", "rejected", "conflict", "login", "offline")


def _overlay_text() -> rx.Component:
    """Catalogue strings for the plain-JS parts (assets/reflex-i18n.js, assets/offline.html, assets/outbox.js)."""
    keys = {"new_version": "app.new_version", "reload": "app.reload"} | {
        f"outbox_{state}": f"outbox.{state}" for state in OUTBOX_STATES
    }
    text = {lang: {name: t(key, lang) for name, key in keys.items()} for lang in ("zh-CN", "en")}
    return rx.el.script(f"window.JK_TEXT={json.dumps(text, ensure_ascii=False)};")


return_large_buffers_to_the_system()

app = rx.App(
    style=BASE_STYLE,
    html_lang="zh-CN",
    head_components=[
        *head_components(),
        _overlay_text(),
        rx.el.script(src="/reflex-i18n.js", defer=True),
        rx.el.script(src="/outbox.js", defer=True),
        rx.el.script(src="/proposal.js", defer=True),
    ],
    api_transformer=build_api(),
)
# Reflex's connection toast is English: show the catalogue's banner instead.
app.app_wraps[(5, "Overlay")] = lambda stateful: connection_banner() if stateful else None
app.register_lifespan_task(escalate_overdue_alerts)

TITLE = t("app.name")
_signed_in = [AppState.load_user]
app.add_page(root_page, route="/", title=TITLE, on_load=AppState.go_home)
app.add_page(login_page, route="/login", title=TITLE, on_load=LoginState.check_already_signed_in)
app.add_page(rehab_page, route="/rehab/new", title=TITLE, on_load=[*_signed_in, RehabState.load])
app.add_page(tasks_page, route="/tasks", title=TITLE, on_load=[*_signed_in, DueListState.load])
app.add_page(
    family_page,
    route="/family",
    title=TITLE,
    on_load=[*_signed_in, FamilyState.load, FamilySubsidyState.load],
)
app.add_page(help_page, route="/family/help", title=TITLE, on_load=[*_signed_in, HelpState.load])
app.add_page(burden_page, route="/family/burden", title=TITLE, on_load=[*_signed_in, BurdenState.load])
app.add_page(
    respite_page, route="/family/respite", title=TITLE, on_load=[*_signed_in, RespiteFamilyState.load]
)
app.add_page(respite_queue_page, route="/respite", title=TITLE, on_load=[*_signed_in, RespiteQueueState.load])
app.add_page(dashboard_page, route="/dashboard", title=TITLE, on_load=[*_signed_in, DashboardState.load])
app.add_page(events_page, route="/events", title=TITLE, on_load=[*_signed_in, EventListState.load])
app.add_page(
    event_detail_page, route="/events/[eid]", title=TITLE, on_load=[*_signed_in, EventDetailState.load]
)
app.add_page(subsidy_page, route="/subsidies", title=TITLE, on_load=[*_signed_in, SubsidyState.load])
app.add_page(overview_page, route="/overview", title=TITLE, on_load=[*_signed_in, OverviewState.load])
app.add_page(
    recipients_page, route="/recipients", title=TITLE, on_load=[*_signed_in, RecipientListState.load]
)
app.add_page(
    recipient_new_page,
    route="/recipients/new",
    title=TITLE,
    on_load=[*_signed_in, RecipientNewState.load],
)
app.add_page(
    recipient_detail_page,
    route="/recipients/[rid]",
    title=TITLE,
    on_load=[*_signed_in, RecipientDetailState.load, RecipientPointsState.load, RecipientVolunteerState.load],
)
app.add_page(
    visit_page, route="/recipients/[rid]/visit", title=TITLE, on_load=[*_signed_in, VisitFormState.load]
)
app.add_page(
    followup_page,
    route="/recipients/[rid]/followup",
    title=TITLE,
    on_load=[*_signed_in, FollowupFormState.load],
)
app.add_page(admin_users_page, route="/admin/users", title=TITLE, on_load=[*_signed_in, AdminUsersState.load])
app.add_page(
    followup_edit_page,
    route="/followups/[fid]/edit",
    title=TITLE,
    on_load=[*_signed_in, FollowupEditState.load],
)
app.add_page(alerts_page, route="/alerts", title=TITLE, on_load=[*_signed_in, AlertsState.load])
app.add_page(
    notifications_page, route="/notifications", title=TITLE, on_load=[*_signed_in, NotificationsState.load]
)
# The coordinator's volunteer pages (reached from the overview's cards, not the navigation bar).
app.add_page(
    volunteers_page, route="/volunteers", title=TITLE, on_load=[*_signed_in, VolunteerRegistryState.load]
)
app.add_page(
    volunteer_detail_page,
    route="/volunteers/[vid]",
    title=TITLE,
    on_load=[*_signed_in, VolunteerDetailState.load],
)
app.add_page(
    shifts_manage_page, route="/shifts/manage", title=TITLE, on_load=[*_signed_in, ShiftManageState.load]
)
app.add_page(
    shift_detail_page, route="/shifts/[sid]", title=TITLE, on_load=[*_signed_in, ShiftDetailState.load]
)
app.add_page(
    transport_page,
    route="/transport",
    title=TITLE,
    on_load=[*_signed_in, TransportQueueState.load, TransportRequestState.load],
)
# The volunteer's pages; registration and the certificate check are public (no login, like /login).
app.add_page(
    volunteer_register_page, route="/volunteer/register", title=TITLE, on_load=VolunteerRegisterState.load
)
app.add_page(
    volunteer_home_page, route="/volunteer", title=TITLE, on_load=[*_signed_in, VolunteerHomeState.load]
)
app.add_page(
    volunteer_shifts_page, route="/shifts", title=TITLE, on_load=[*_signed_in, ShiftOffersState.load]
)
app.add_page(
    my_certificate_page,
    route="/volunteer/certificates/[cid]",
    title=TITLE,
    on_load=[*_signed_in, MyCertificateState.load],
)
app.add_page(
    certificate_check_page, route="/certificates/[code]", title=TITLE, on_load=CertificateCheckState.load
)
# 培训记录 and 意见反馈 (reached from the overview's cards); the feedback form is public (no login, like /login).
app.add_page(training_page, route="/training", title=TITLE, on_load=[*_signed_in, TrainingState.load])
app.add_page(
    feedback_manage_page,
    route="/feedback/manage",
    title=TITLE,
    on_load=[*_signed_in, FeedbackQueueState.load],
)
app.add_page(feedback_page, route="/feedback", title=TITLE, on_load=FeedbackFormState.load)
# 转介 (reached from the overview's card, the recipient page and the notices, not the navigation bar).
app.add_page(referrals_page, route="/referrals", title=TITLE, on_load=[*_signed_in, ReferralListState.load])
app.add_page(
    referral_new_page, route="/referrals/new", title=TITLE, on_load=[*_signed_in, ReferralNewState.load]
)
app.add_page(
    referral_detail_page,
    route="/referrals/[rid]",
    title=TITLE,
    on_load=[*_signed_in, ReferralDetailState.load],
)
app.add_page(me_page, route="/me", title=TITLE, on_load=_signed_in)
app.add_page(not_found_page, route="404", title=TITLE)
