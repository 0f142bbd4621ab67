"""The caregiver's pages: their relative in plain words (home), 紧急求助, the burden check and respite requests.
Each page is about one relative, ``?rid=`` or the caregiver's first; the services decide who may see what."""

import reflex as rx
from sqlmodel import Session

from jingkang_app.domain.permissions import Action, Actor
from jingkang_app.domain.services import event_views, family_home, help_request, recipients, respite
from jingkang_app.state.base import AppState, local_time
from jingkang_app.state.events import event_card
from jingkang_app.state.recipients import team_rows

DOSE_TIMES = ("morning", "noon", "evening")
UPCOMING_EVENTS = 3  # the rest are on /events


class RelativeState(AppState, mixin=True):
    """Which relative a family page is about (mixed into each family page's state)."""

    rid: str = ""
    relative_name: str = ""

    def _relative(self, session: Session, actor: Actor) -> int | None:
        """The relative's id, or None for a caregiver not yet on anyone's care team."""
        wanted = self.router.url.query_parameters.get("rid", "")
        if wanted:
            recipient = recipients.recipient_for(session, actor, Action.family_view, wanted)
        else:
            ids = family_home.relatives_of(session, actor)
            if not ids:
                return None
            recipient = recipients.get_recipient(session, ids[0])
        self.rid, self.relative_name = str(recipient.id), recipient.name
        return recipient.id

    @rx.var
    def query(self) -> str:
        """The ``?rid=`` the family pages link each other with."""
        return f"?rid={self.rid}"


def help_card(state: AppState, view: help_request.HelpView) -> dict[str, str]:
    """A call for help as the family follows it: what they said, and where it stands."""
    signs = [state.tr(f"help.sign.{s}") for s in view.signs if s != help_request.OTHER]
    if view.other_text:
        signs.append(view.other_text)
    if view.status == "taken":
        status = state.tr("help.status.taken", name=view.taken_by_name, time=local_time(view.taken_at))
    else:
        status = state.tr(f"help.status.{view.status}")
    return {
        "id": str(view.id),
        "asked": state.tr("help.asked_at", time=local_time(view.asked_at)),
        "signs": "、".join(signs) if state.lang != "en" else ", ".join(signs),
        "status": status,
        "owner": state.tr("help.owner", name=view.owner_name),
        "state": view.status,
    }


def medicine_line(state: AppState, drug: dict) -> dict[str, str]:
    """「利培酮：早 2 mg · 晚 2 mg」 or, for a long-acting injection, 「每 4 周一次，每次 100 mg」."""
    if drug.get("every_weeks"):
        when = state.tr("family.med_every_weeks", weeks=drug["every_weeks"], dose=f"{drug['dose']:g}")
    else:
        when = " · ".join(
            state.tr(f"family.med_{time}", dose=f"{drug[time]:g}") for time in DOSE_TIMES if drug.get(time)
        )
    return {"name": drug["name"], "when": when}


class FamilyState(RelativeState, AppState):
    has_relative: bool = False
    relatives: list[dict[str, str]] = []
    facts: dict[str, str] = {}
    team: list[dict[str, str]] = []
    recent: list[dict[str, str]] = []
    medicines: list[dict[str, str]] = []
    medicines_from: str = ""
    calls: list[dict[str, str]] = []
    respite_line: str = ""
    events: list[dict[str, str]] = []

    def _read(self, session: Session, actor: Actor):
        rid = self._relative(session, actor)
        if rid is None:
            return None
        others = [
            {"id": str(i), "name": recipients.get_recipient(session, i).name}
            for i in family_home.relatives_of(session, actor)
        ]
        return (
            family_home.family_home(session, actor, rid),
            others,
            help_request.help_status(session, actor, rid),
            respite.quota_of(session, actor, rid),
            event_views.upcoming_events(session, actor, recipient_id=rid)[:UPCOMING_EVENTS],
        )

    def _who_when(self, on, by: str | None) -> str:
        if on is None:
            return self.tr("family.not_planned")
        return self.tr("family.date_by", date=on.isoformat(), name=by) if by else on.isoformat()

    @rx.event
    def load(self):
        result, redirect = self.guard(self._read)
        self.has_relative = result is not None
        if result is None:
            return redirect
        home, others, calls, quota, upcoming = result
        self.relatives = others if len(others) > 1 else []
        self.facts = {
            "name": home.name,
            "village": home.village,
            "followup": self._who_when(home.next_followup_date, home.followup_by),
            "visit": self._who_when(home.next_visit_date, home.visit_by),
        }
        self.team = team_rows(self, home.team)
        self.recent = [
            {"date": r.on.isoformat(), "what": self.tr(f"family.recent.{r.kind}", name=r.by)}
            for r in home.recent
        ]
        self.medicines = [medicine_line(self, drug) for drug in home.medicines]
        self.medicines_from = (
            self.tr("family.medicines_from", date=home.medicines_on.isoformat()) if home.medicines_on else ""
        )
        # Open and taken calls stay on the home page until the team has closed them.
        self.calls = [help_card(self, view) for view in calls if view.status != "closed"]
        self.events = [event_card(self, view) for view in upcoming]
        self.respite_line = self.tr(
            "family.respite_left", used=quota.used, left=quota.left, quota=quota.quota
        )
        return redirect
