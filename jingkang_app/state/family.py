"""A caregiver's page: their own relative, in plain words, with the care team to call."""

import reflex as rx

from jingkang_app.domain.services import recipients
from jingkang_app.state.base import AppState
from jingkang_app.state.recipients import team_rows


class FamilyState(AppState):
    relatives: list[dict[str, str]] = []
    team: list[dict[str, str]] = []

    @rx.event
    def load(self):
        def read(session, actor):
            rows, _ = recipients.list_recipients(session, actor, limit=10)
            return [recipients.get_recipient_detail(session, actor, row.id) for row in rows]

        result, redirect = self.guard(read)
        if result is not None:
            self.relatives = [
                {
                    "name": d.name,
                    "village": d.village,
                    "next": d.next_followup_date.isoformat()
                    if d.next_followup_date
                    else self.tr("family.no_visit"),
                }
                for d in result
            ]
            # The caregiver is the guardian: the team to call is everyone else.
            self.team = [
                row
                for d in result
                for row in team_rows(self, tuple(m for m in d.team if m.team_role != "guardian"))
            ]
        return redirect
