"""培训记录 for coordinators: record a course of a staff member of the area, and the staff's hours of a year against
the county's target, those furthest below it first. Thin over services.staff_training, which decides who is staff
of whose area and what is valid."""

import uuid

import reflex as rx

from jingkang_app.domain import clock
from jingkang_app.domain.errors import DomainError, ValidationFailed
from jingkang_app.domain.rules.staff_training import hours_text
from jingkang_app.domain.services import staff_training
from jingkang_app.domain.services.staff_training import StaffHours, TrainingView
from jingkang_app.state.base import AppState
from jingkang_app.state.events import field_messages

FIELDS = ("user_id", "course", "organiser", "hours", "trained_on")
YEARS_SHOWN = 5  # this year and the four before it


class TrainingState(AppState):
    allowed: bool = False
    year: str = ""
    years: list[str] = []
    today: str = ""
    table_title: str = ""  # names the county's yearly target
    staff: list[dict[str, str]] = []  # the record form's choices, by name
    rows: list[dict[str, str]] = []  # the year's table, fewest hours first
    under: str = ""  # how many are below the target, in words
    # The record form: a fresh client id per form (a double tap stores once), what was sent after a refusal.
    client_id: str = ""
    typed: dict[str, str] = dict.fromkeys(FIELDS, "")
    errors: dict[str, str] = {}
    saved: str = ""

    def _record_line(self, record: TrainingView) -> str:
        values = {
            "date": record.trained_on.isoformat(),
            "course": record.course,
            "hours": hours_text(record.minutes),
        }
        if record.organiser:
            return self.tr("staff_training.record_line_by", organiser=record.organiser, **values)
        return self.tr("staff_training.record_line", **values)

    def _roles(self, row: StaffHours) -> str:
        return "、".join(self.tr(f"role.{role}") for role in row.roles)

    def _row(self, row: StaffHours) -> dict[str, str]:
        short = max(0, row.target_minutes - row.minutes)
        return {
            "id": str(row.user_id),
            "name": row.name,
            "roles": self._roles(row),
            "area": row.area_name,
            "hours": self.tr(
                "staff_training.hours_of",
                hours=hours_text(row.minutes),
                target=hours_text(row.target_minutes),
            ),
            "percent": str(min(100, row.minutes * 100 // row.target_minutes) if row.target_minutes else 100),
            "under": "1" if row.under_target else "",
            "standing": self.tr("staff_training.short_of", hours=hours_text(short))
            if row.under_target
            else self.tr("staff_training.met"),
            "records": "\n".join(self._record_line(r) for r in row.records)
            or self.tr("staff_training.no_records"),
        }

    def _option(self, row: StaffHours) -> dict[str, str]:
        label = self.tr(
            "staff_training.staff_option", name=row.name, roles=self._roles(row), area=row.area_name
        )
        return {"id": str(row.user_id), "label": label}

    def _fetch(self):
        found, redirect = self.guard(
            lambda session, actor: staff_training.staff_hours(session, actor, self.year)
        )
        self.allowed = found is not None
        found = found or []
        self.rows = [self._row(row) for row in found]
        self.staff = [self._option(row) for row in sorted(found, key=lambda row: row.name)]
        target = hours_text(found[0].target_minutes if found else 0)
        self.table_title = self.tr("staff_training.table_title", target=target)
        below = sum(1 for row in found if row.under_target)
        self.under = (
            self.tr("staff_training.under_count", count=below, target=target)
            if below
            else self.tr("staff_training.all_met", target=target)
        )
        return redirect

    def _fresh_form(self) -> None:
        self.client_id = str(uuid.uuid4())
        self.typed = dict.fromkeys(FIELDS, "") | {"trained_on": self.today}
        self.errors = {}

    @rx.event
    def load(self):
        today = clock.today()
        self.today, self.year = today.isoformat(), str(today.year)
        self.years = [str(today.year - n) for n in range(YEARS_SHOWN)]
        self.saved, self.page_error = "", ""
        self._fresh_form()
        return self._fetch()

    @rx.event
    def choose_year(self, year: str):
        if year in self.years:
            self.year = year
        self.saved = ""
        return self._fetch()

    @rx.event
    def submit(self, form_data: dict):
        self.errors, self.saved, self.page_error = {}, "", ""
        typed = {name: str(form_data.get(name) or "") for name in FIELDS}
        data = typed | {"client_id": str(form_data.get("client_id") or self.client_id)}
        try:
            saved = self.call(lambda session, actor: staff_training.record_training(session, actor, data))
        except ValidationFailed as exc:
            self.typed, self.errors = typed, field_messages(self, exc, FIELDS, "form")
            return None
        except DomainError as exc:
            self.typed = typed
            return self.failure(exc)
        record = saved.training
        name = next((s["name"] for s in self.rows if s["id"] == str(record.user_id)), "")
        self.saved = self.tr(
            "staff_training.saved", name=name, course=record.course, hours=hours_text(record.minutes)
        )
        self._fresh_form()
        return self._fetch()
