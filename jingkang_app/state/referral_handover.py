"""The handover pack (交接材料) as the receiving side reads it: its four parts (summary, risk, medication, contacts),
each a heading and label–value lines in the reader's language. The pack stores coded values as catalogue keys
(services.referral_handover); this state sees a pack only when services.referral_views returned one."""

from jingkang_app.state.base import AppState
from jingkang_app.state.family import medicine_line

H = "referral.handover."


def _heading(state: AppState, part: str) -> dict[str, str]:
    return {"kind": "heading", "label": state.tr(H + part), "value": ""}


def _line(state: AppState, label: str, value: object) -> dict[str, str]:
    shown = "" if value is None else str(value)
    return {"kind": "line", "label": state.tr(H + label), "value": shown or state.tr("referral_page.none")}


def _coded(state: AppState, key: str | None) -> str:
    return state.tr(key) if key else ""


def _person(state: AppState, label: str, person: dict | None) -> dict[str, str]:
    if not person or not person.get("name"):
        return _line(state, label, "")
    parts = [person["name"], _coded(state, person.get("relation")), person.get("phone") or ""]
    return _line(state, label, " · ".join(p for p in parts if p))


def handover_lines(state: AppState, pack: dict) -> list[dict[str, str]]:
    summary, risk = pack.get("summary", {}), pack.get("risk", {})
    medication, contacts = pack.get("medication", {}), pack.get("contacts", {})
    level = risk.get("level")
    drugs = [medicine_line(state, drug) for drug in medication.get("drugs", [])]
    return [
        _line(state, "built_on", pack.get("built_on")),
        _heading(state, "summary"),
        _line(state, "name", summary.get("name")),
        _line(state, "sex", _coded(state, summary.get("sex"))),
        _line(state, "age", summary.get("age")),
        _line(state, "diagnosis", _coded(state, summary.get("diagnosis"))),
        _line(state, "reason", summary.get("reason")),
        _heading(state, "risk"),
        _line(
            state,
            "level",
            state.tr("risk.level", level=level)
            if level is not None
            else state.tr("referral_page.risk_unknown"),
        ),
        _line(state, "classification", _coded(state, risk.get("classification"))),
        _line(state, "last_followup_date", risk.get("last_followup_date")),
        _heading(state, "medication"),
        _line(
            state,
            "drugs",
            state.tr("timeline.separator").join(state.tr("referral_page.drug_line", **d) for d in drugs)
            if drugs
            else state.tr(H + "no_drugs"),
        ),
        _line(state, "recorded_on", medication.get("recorded_on")),
        _heading(state, "contacts"),
        _person(state, "guardian", contacts.get("guardian")),
        _person(state, "doctor", contacts.get("doctor")),
        _person(state, "social_worker", contacts.get("social_worker")),
    ]
