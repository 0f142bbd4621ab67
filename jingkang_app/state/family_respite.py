"""The caregiver's burden check and respite requests (services.burden, services.respite). The check's answers
go along with a request made from it, so the family answers once."""

import uuid
from collections.abc import Callable

import reflex as rx
from sqlmodel import Session

from jingkang_app.domain import clock
from jingkang_app.domain.errors import DomainError, StaleVersion, ValidationFailed
from jingkang_app.domain.permissions import Actor
from jingkang_app.domain.rules.respite import RespiteStatus
from jingkang_app.domain.services import burden, respite
from jingkang_app.state.base import AppState
from jingkang_app.state.family import RelativeState

ANSWER_FIELD = "burden_"  # one radio group per question: burden_own_time, …
CANCELLABLE = {RespiteStatus.pending, RespiteStatus.approved, RespiteStatus.arranged}


class BurdenQuestions(RelativeState, mixin=True):
    """A page that asks the county's burden questions."""

    questions: list[dict[str, str]] = []
    errors: dict[str, str] = {}

    def _questions(self, session: Session, actor: Actor) -> None:
        form = burden.check_form(session, actor, self.rid)
        self.questions = [{"key": k, "label": self.tr(f"burden.q.{k}")} for k in form.questions]

    def _answers(self, form_data: dict) -> dict[str, str]:
        """What was ticked; an untouched question is simply missing, for the service to refuse."""
        return {
            q["key"]: form_data[ANSWER_FIELD + q["key"]]
            for q in self.questions
            if form_data.get(ANSWER_FIELD + q["key"]) not in (None, "")
        }

    def _show(self, exc: ValidationFailed) -> None:
        self.errors = {field: self.tr(e.key, **e.params) for field, e in exc.errors.items()}


class BurdenState(BurdenQuestions, AppState):
    answers: dict[str, str] = {}
    answered_for: str = ""  # the relative the answers are about
    result: str = ""
    high: bool = False

    @rx.event
    def load(self):
        self.errors, self.result, self.high = {}, "", False

        def read(session, actor):
            if self._relative(session, actor) is not None:
                self._questions(session, actor)

        return self.guard(read)[1]

    @rx.event
    def assess(self, form_data: dict):
        answers = self._answers(form_data)
        self.errors, self.result = {}, ""
        try:
            result = self.call(lambda session, actor: burden.assess(session, actor, self.rid, answers))
        except ValidationFailed as exc:
            return self._show(exc)
        except DomainError as exc:
            return self.failure(exc)
        self.answers, self.answered_for, self.high = answers, self.rid, result.suggests_respite
        key = "burden.result_high" if result.suggests_respite else "burden.result_ok"
        self.result = self.tr(key, score=result.score, max=result.max_score)


class RespiteFamilyState(BurdenQuestions, AppState):
    quota_line: str = ""
    burden_defaults: dict[str, str] = {}
    client_id: str = ""
    saved: str = ""
    requests: list[dict[str, str]] = []
    rating_id: str = ""
    card_error: str = ""
    error_for: str = ""

    def _card(self, r) -> dict[str, str]:
        arrangement = r.carer or r.place
        return {
            "id": str(r.id),
            "version": str(r.version),
            "kind": self.tr(f"respite.kind.{r.kind}"),
            "dates": self.tr(
                "respite.dates",
                start=r.start_date.isoformat(),
                end=r.end_date.isoformat(),
                days=(r.end_date - r.start_date).days + 1,
            ),
            "status": self.tr(f"respite.status.{r.status}"),
            "status_code": r.status,
            "decision": self.tr("respite.rejected_because", reason=r.decision_reason)
            if r.status == RespiteStatus.rejected
            else "",
            "arrangement": self.tr(f"respite.arranged_{r.kind}", what=arrangement) if arrangement else "",
            "can_cancel": "1" if r.status in CANCELLABLE and r.start_date > clock.today() else "",
            "can_rate": "1" if r.status == RespiteStatus.completed else "",
            "rating": self.tr("respite.rated", stars="★" * r.rating) if r.rating else "",
        }

    def _read(self, session: Session, actor: Actor):
        if self._relative(session, actor) is None:
            return None
        self._questions(session, actor)
        # Cards are made while the session is open: the rows expire when it closes.
        cards = [self._card(r) for r in respite.requests_of(session, actor, self.rid)]
        return respite.quota_of(session, actor, self.rid), cards

    def _refresh(self):
        result, redirect = self.guard(self._read)
        if result is not None:
            quota, self.requests = result
            self.quota_line = self.tr(
                "family.respite_left", used=quota.used, left=quota.left, quota=quota.quota
            )
        return redirect

    @rx.event
    async def load(self):
        self.errors, self.saved, self.card_error, self.error_for, self.rating_id = {}, "", "", "", ""
        self.client_id = str(uuid.uuid4())
        redirect = self._refresh()
        check = await self.get_state(BurdenState)
        self.burden_defaults = dict(check.answers) if check.answered_for == self.rid else {}
        return redirect

    @rx.event
    def submit(self, form_data: dict):
        data = {
            "client_id": form_data.get("client_id") or self.client_id,
            "recipient_id": self.rid,
            "kind": form_data.get("kind", ""),
            "start_date": form_data.get("start_date", ""),
            "end_date": form_data.get("end_date", ""),
            "reason": form_data.get("reason", ""),
            "burden_answers": self._answers(form_data),
        }
        self.errors, self.saved, self.page_error = {}, "", ""

        def ask(session, actor) -> tuple[str, str]:
            request = respite.request_respite(session, actor, data).request
            return request.start_date.isoformat(), request.end_date.isoformat()

        try:
            start, end = self.call(ask)
        except ValidationFailed as exc:
            return self._show(exc)
        except DomainError as exc:
            return self.failure(exc)
        self.saved = self.tr("respite.sent", start=start, end=end)
        self.client_id = str(uuid.uuid4())
        return self._refresh() or rx.call_script("document.getElementById('respite-form').reset()")

    def _step(self, request_id: str, fn: Callable[[Session, Actor], object], done_key: str):
        self.card_error, self.error_for, self.saved, self.page_error = "", "", "", ""
        try:
            self.call(fn)
        except ValidationFailed as exc:
            self.error_for = request_id
            self.card_error = next(self.tr(e.key, **e.params) for e in exc.errors.values())
            return None
        except StaleVersion as exc:
            redirect = self._refresh()
            self.error_for, self.card_error = request_id, self.tr(exc.key)
            return redirect
        except DomainError as exc:
            return self.failure(exc)
        self.rating_id = ""
        self.saved = self.tr(done_key)
        return self._refresh()

    @rx.event
    def cancel(self, request_id: str, version: str):
        return self._step(
            request_id,
            lambda session, actor: respite.cancel(session, actor, request_id, {"version": version}),
            "respite.cancelled",
        )

    @rx.event
    def start_rating(self, request_id: str):
        self.rating_id = request_id

    @rx.event
    def rate(self, form_data: dict):
        request_id = self.rating_id
        data = {k: form_data.get(k) for k in ("version", "rating", "comment")}
        return self._step(
            request_id,
            lambda session, actor: respite.rate(session, actor, request_id, data),
            "respite.thanks",
        )
