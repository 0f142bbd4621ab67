"""The home-visit and follow-up pages. The forms themselves go through the device outbox (assets/outbox.js →
/api/v1/sync → services.visits / services.followups); these states only authorise the page, give the form its
starting values, and say what the server stored once outbox.js reports it."""

from typing import ClassVar

import reflex as rx
from sqlmodel import Session

from jingkang_app.domain import clock
from jingkang_app.domain.models import Followup, Recipient
from jingkang_app.domain.permissions import Action, Actor
from jingkang_app.domain.rules.fields import whole_number
from jingkang_app.domain.services import followups, recipients, visits
from jingkang_app.state.base import AppState


def form_start(defaults: dict) -> tuple[dict[str, str], list[str]]:
    """Form defaults (strings and lists) as the page reads them: text values by name, and "name=value" for every
    radio or checkbox that starts ticked."""
    values = {name: value for name, value in defaults.items() if isinstance(value, str)}
    checked = [
        f"{name}={v}"
        for name, value in defaults.items()
        for v in ([value] if isinstance(value, str) else value)
    ]
    return values, checked


def followup_summary(state: AppState, key: str, record: Followup) -> str:
    return state.tr(
        key,
        classification=state.tr(f"followup.classification.{record.classification}"),
        date=record.next_followup_date.isoformat() if record.next_followup_date else "—",
    )


class FieldFormState(AppState, mixin=True):
    # The form mounts only once the server has authorised the page and set its starting values: an
    # uncontrolled input reads its default once, when it mounts.
    loaded: bool = False
    recipient_id: str = ""
    recipient_name: str = ""
    draft_key: str = ""
    values: dict[str, str] = {}
    checked: list[str] = []
    saved: str = ""
    alert_raised: bool = False

    KIND: ClassVar[str]  # the draft key's prefix
    ACTION: ClassVar[Action]

    def _defaults(self, session: Session, actor: Actor, recipient_id: int) -> dict:
        raise NotImplementedError

    def _saved_text(self, session: Session, actor: Actor, recipient_id: int, client_id: str) -> str:
        raise NotImplementedError

    def _path_id(self) -> int:
        # /recipients/<rid>/visit, /recipients/<rid>/followup, /followups/<fid>/edit
        return whole_number(self.router.url.path.strip("/").split("/")[1])

    def _open(self, session: Session, actor: Actor, path_id: int) -> tuple[Recipient, dict, str]:
        """The recipient, the form's starting values, and the key of its draft on the device."""
        recipient = recipients.recipient_for(session, actor, self.ACTION, path_id)
        return recipient, self._defaults(session, actor, recipient.id), f"{self.KIND}:{recipient.id}"

    def _start(self, session: Session, actor: Actor, path_id: int) -> tuple[str, int, dict, str]:
        recipient, defaults, draft_key = self._open(session, actor, path_id)
        return recipient.name, recipient.id, defaults, draft_key

    @rx.event
    def load(self):
        self.loaded = False
        self.saved = ""
        self.alert_raised = False
        path_id = self._path_id()
        result, redirect = self.guard(lambda session, actor: self._start(session, actor, path_id))
        if result is None:
            return redirect
        self.recipient_name, rid, defaults, self.draft_key = result
        self.values, self.checked = form_start(defaults)
        self.recipient_id = str(rid)
        self.loaded = True
        return None

    @rx.event
    def show_saved(self, form_data: dict):
        """outbox.js submits the page's hidden form with the client id the server acknowledged."""
        client_id = str(form_data.get("client_id") or "")
        rid = whole_number(self.recipient_id)
        text, redirect = self.guard(lambda session, actor: self._saved_text(session, actor, rid, client_id))
        if text is not None:
            self.saved = text
        return redirect


class VisitFormState(FieldFormState, AppState):
    KIND: ClassVar[str] = "visit"
    ACTION: ClassVar[Action] = Action.visit_record

    def _defaults(self, session: Session, actor: Actor, recipient_id: int) -> dict:
        return {"visit_date": clock.today().isoformat()}

    def _saved_text(self, session: Session, actor: Actor, recipient_id: int, client_id: str) -> str:
        saved = visits.find_saved(session, actor, recipient_id, client_id)
        if saved is None:
            return ""
        needs = "、".join(self.tr(f"visit.needs.{task.kind}") for task in saved.tasks)
        text = self.tr("visit.saved", date=saved.visit.next_visit_date.isoformat())
        return text + (self.tr("visit.tasks_opened", needs=needs) if needs else "")


class FollowupFormState(FieldFormState, AppState):
    KIND: ClassVar[str] = "followup"
    ACTION: ClassVar[Action] = Action.followup_record

    def _defaults(self, session: Session, actor: Actor, recipient_id: int) -> dict:
        return followups.form_defaults(session, actor, recipient_id)

    def _saved_text(self, session: Session, actor: Actor, recipient_id: int, client_id: str) -> str:
        saved = followups.find_saved(session, actor, recipient_id, client_id)
        if saved is None:
            return ""
        self.alert_raised = saved.alert is not None
        return followup_summary(self, "followup.saved", saved.followup)


class FollowupEditState(FieldFormState, AppState):
    """Correcting a stored follow-up: the form starts from the record and carries the version it was opened at;
    the sync route refuses it as a conflict, naming what changed, if someone corrected the record meanwhile."""

    KIND: ClassVar[str] = "followup-edit"
    ACTION: ClassVar[Action] = Action.followup_record

    def _open(self, session: Session, actor: Actor, path_id: int) -> tuple[Recipient, dict, str]:
        followup, values = followups.edit_values(session, actor, path_id)
        recipient = recipients.get_recipient(session, followup.recipient_id)
        # The version is part of the key: once the record has changed, the form opens on the new version
        # instead of restoring a draft of the old one.
        return recipient, values, f"{self.KIND}:{followup.id}:{followup.version}"

    def _saved_text(self, session: Session, actor: Actor, recipient_id: int, client_id: str) -> str:
        followup, _values = followups.edit_values(session, actor, self._path_id())
        return followup_summary(self, "followup.updated", followup)
