"""「我的信息」 on the volunteer's page: their own availability, skills and insurance, at the version read
(services.volunteers.update_my_profile; trainings are the coordinator's). Mixed into the page's state, which shows
the profile it read with ``_show_profile``."""

import reflex as rx

from jingkang_app.domain.errors import DomainError, StaleVersion, ValidationFailed
from jingkang_app.domain.rules.volunteers import VolunteerStatus
from jingkang_app.domain.services import volunteer_views, volunteers
from jingkang_app.domain.services.volunteer_views import VolunteerView
from jingkang_app.state.base import AppState
from jingkang_app.state.coordination import profile_data, ticked
from jingkang_app.state.events import field_messages

SHOWN = ("skills", "availability", "insured_until")


class VolunteerProfileForm(AppState, mixin=True):
    profile_editable: bool = False
    profile_version: str = ""
    # The checkbox names the stored profile ticks ("skill_dialect", "slot_sat_am" …), for the form's defaults.
    profile_ticked: list[str] = []
    profile_insured_until: str = ""
    profile_errors: dict[str, str] = {}
    profile_saved: str = ""

    def _show_profile(self, profile: VolunteerView | None) -> None:
        """The form's defaults; the form is keyed by the version, so it is drawn afresh when that changes."""
        self.profile_editable = profile is not None and profile.status != VolunteerStatus.left
        if profile is None:
            self.profile_version, self.profile_ticked, self.profile_insured_until = "", [], ""
            return
        self.profile_version = str(profile.version)
        self.profile_ticked = ticked(profile.skills, profile.availability, [])
        self.profile_insured_until = profile.insured_until.isoformat() if profile.insured_until else ""

    @rx.event
    def save_profile(self, form_data: dict):
        data = profile_data(form_data) | {"version": form_data.get("version") or self.profile_version}
        data.pop("trainings", None)
        self.profile_errors, self.profile_saved, self.page_error = {}, "", ""
        try:
            profile = self.call(lambda session, actor: volunteers.update_my_profile(session, actor, data))
        except ValidationFailed as exc:
            self.profile_errors = field_messages(self, exc, SHOWN, "form")
            return None
        except StaleVersion as exc:
            message = self.stale_message(exc, "volunteer.{}")
            redirect = self._reload_profile()
            self.profile_errors = {"form": message}
            return redirect
        except DomainError as exc:
            return self.failure(exc)
        self._show_profile(profile)
        self.profile_saved = self.tr("volunteer_page.profile_saved")
        return None

    def _reload_profile(self):
        profile, redirect = self.guard(volunteer_views.my_profile)
        self._show_profile(profile)
        return redirect
