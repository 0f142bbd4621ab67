"""Reading the national follow-up form 「严重精神障碍患者随访服务记录表」 (DOMAIN.md §3.5) from submitted values into
typed columns, every field's error at once. The choices are the form's own options; the catalogue labels them."""

from datetime import date

from jingkang_app.domain.rules import fields
from jingkang_app.domain.rules.followup_schedule import DANGER_KINDS, Classification, Findings

OUTCOMES = ("reached", "lost", "dead")  # 随访到 / 失访 / 死亡
FORMS = ("1", "2", "3")  # 门诊 / 家庭访视 / 电话
SUBJECTS = ("patient", "family", "informant")
LOST_REASONS = ("1", "2", "3", "4", "5")
DEATH_CAUSES = ("1", "2", "3", "4", "5", "6")
DEATH_DISEASES = (
    "infectious",
    "tumour",
    "heart",
    "cerebrovascular",
    "respiratory",
    "digestive",
    "other",
    "unknown",
)
SYMPTOMS = tuple(str(n) for n in range(1, 13))
INSIGHT = ("full", "partial", "none")
LEVELS = ("good", "fair", "poor")
SOCIAL_FUNCTIONS = ("self_care", "housework", "work", "learning", "social")
LOCKUP = ("none", "locked", "released")
HOSPITAL = ("none", "current", "past")
ADHERENCE = ("regular", "intermittent", "none", "not_needed")
ADVERSE = ("none", "yes", "na")
EFFECT = ("cured", "improved", "unchanged", "worse", "na")
REHAB_MEASURES = ("life", "vocational", "learning", "social", "other")
CLASSIFICATIONS = tuple(c.value for c in Classification)
MEDICATION_SLOTS = 3
MAX_DOSE_MG = 5000
MAX_DANGER_COUNT = 99


def _count(errors: fields.FieldErrors, data: dict, field: str) -> int:
    """危险行为 count since the last follow-up; blank means none."""
    raw = str(data.get(field) or "").strip()
    if not raw:
        return 0
    if not (raw.isascii() and raw.isdigit()) or int(raw) > MAX_DANGER_COUNT:
        errors.add(field, "error.count_range", max=MAX_DANGER_COUNT)
        return 0
    return int(raw)


def _dose(errors: fields.FieldErrors, data: dict, field: str) -> float | None:
    raw = str(data.get(field) or "").strip()
    if not raw:
        return None
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not 0 < value <= MAX_DOSE_MG:
        errors.add(field, "error.dose_range", max=MAX_DOSE_MG)
        return None
    return value


def _medications(errors: fields.FieldErrors, data: dict) -> list[dict]:
    """用药情况: up to three drugs, each with 早/中/晚 mg, or a long-acting one every N weeks."""
    drugs = []
    for slot in range(1, MEDICATION_SLOTS + 1):
        name = fields.text(errors, data, f"med{slot}_name", max_length=40, required=False)
        doses = {
            part: _dose(errors, data, f"med{slot}_{part}") for part in ("morning", "noon", "evening", "dose")
        }
        weeks = str(data.get(f"med{slot}_weeks") or "").strip()
        every_weeks = fields.whole_number(weeks) if weeks else None
        if weeks and not 1 <= (every_weeks or 0) <= 12:
            errors.add(f"med{slot}_weeks", "error.weeks_range")
        if not name:
            if any(v is not None for v in doses.values()) or every_weeks:
                errors.add(f"med{slot}_name", "error.required")
            continue
        if every_weeks and doses["dose"] is None:
            errors.add(f"med{slot}_dose", "error.required")
        elif not every_weeks and all(doses[p] is None for p in ("morning", "noon", "evening")):
            errors.add(f"med{slot}_morning", "error.dose_required")
        drug: dict = {"name": name}
        if every_weeks:
            drug |= {"every_weeks": every_weeks, "dose": doses["dose"]}
        else:
            drug |= {p: doses[p] for p in ("morning", "noon", "evening") if doses[p] is not None}
        drugs.append(drug)
    return drugs


def read_followup(errors: fields.FieldErrors, data: dict, *, today: date, registered_on: date) -> dict:
    """Column values of a follow-up (without the proposal and the chosen class/next date, which need them)."""
    values: dict = {}
    followup_date = fields.recorded_date(
        errors, data, "followup_date", today=today, registered_on=registered_on
    )
    values["followup_date"] = followup_date
    outcome = fields.choice(errors, data, "outcome", set(OUTCOMES))
    values["outcome"] = outcome
    values["form"] = fields.whole_number(fields.choice(errors, data, "form", set(FORMS)))
    values["subjects"] = fields.many(errors, data, "subjects", SUBJECTS)
    values["doctor_name"] = fields.text(errors, data, "doctor_name", max_length=32)
    if outcome == "lost":
        values["lost_reason"] = fields.whole_number(
            fields.choice(errors, data, "lost_reason", set(LOST_REASONS))
        )
    if outcome == "dead":
        death_date = fields.local_date(errors, data, "death_date")
        if death_date and followup_date and death_date > followup_date:
            errors.add("death_date", "error.death_after_followup")
        values["death_date"] = death_date
        cause = fields.choice(errors, data, "death_cause", set(DEATH_CAUSES))
        values["death_cause"] = fields.whole_number(cause)
        if cause == "1":
            values["death_disease"] = fields.choice(errors, data, "death_disease", set(DEATH_DISEASES))
    if outcome != "reached":
        return values
    if not values["subjects"]:
        errors.add("subjects", "error.required")
    risk = fields.choice(errors, data, "risk_level", {str(n) for n in range(6)})
    values["risk_level"] = int(risk) if risk.isdigit() else None
    values["symptoms"] = [int(s) for s in fields.many(errors, data, "symptoms", SYMPTOMS)]
    values["symptoms_other"] = fields.text(errors, data, "symptoms_other", max_length=100, required=False)
    values["insight"] = fields.choice(errors, data, "insight", set(INSIGHT))
    for field in ("sleep", "diet", *SOCIAL_FUNCTIONS):
        allowed = (*LEVELS, "na") if field == "work" else LEVELS
        values[field] = fields.choice(errors, data, field, set(allowed))
    for kind in DANGER_KINDS:
        values[kind] = _count(errors, data, kind)
    values["lockup"] = fields.choice(errors, data, "lockup", set(LOCKUP))
    values["hospital"] = fields.choice(errors, data, "hospital", set(HOSPITAL))
    values["last_discharge_date"] = fields.local_date(errors, data, "last_discharge_date", required=False)
    if values["hospital"] == "past" and values["last_discharge_date"] is None:
        errors.add("last_discharge_date", "error.required")
    values["lab"] = fields.text(errors, data, "lab", max_length=200, required=False)
    values["adherence"] = fields.choice(errors, data, "adherence", set(ADHERENCE))
    values["adverse_reaction"] = fields.choice(errors, data, "adverse_reaction", set(ADVERSE))
    values["adverse_text"] = fields.text(
        errors, data, "adverse_text", max_length=200, required=values["adverse_reaction"] == "yes"
    )
    values["physical_illness"] = fields.flag(data, "physical_illness")
    values["effect"] = fields.optional_choice(errors, data, "effect", set(EFFECT))
    values["referred"] = fields.flag(data, "referred")
    values["referral_reason"] = fields.text(
        errors, data, "referral_reason", max_length=200, required=values["referred"]
    )
    values["referral_to"] = fields.text(
        errors, data, "referral_to", max_length=100, required=values["referred"]
    )
    values["medications"] = _medications(errors, data)
    values["rehab_measures"] = fields.many(errors, data, "rehab_measures", REHAB_MEASURES)
    return values


def findings_of(values: dict) -> Findings:
    if values.get("outcome") != "reached":
        return Findings(reached=False, risk_level=0)
    return Findings(
        reached=True,
        risk_level=values.get("risk_level") or 0,
        symptoms=frozenset(values.get("symptoms") or ()),
        insight=values.get("insight") or "full",
        social_functions=tuple(values.get(f) or "good" for f in SOCIAL_FUNCTIONS),
        danger_counts={kind: values.get(kind, 0) for kind in DANGER_KINDS},
        adverse_reaction=values.get("adverse_reaction") or "none",
        physical_illness=bool(values.get("physical_illness")),
    )


# Answers kept as they are, shown as text in the form (a date as ISO, a number as digits).
_AS_TEXT = (
    "lost_reason",
    "death_date",
    "death_cause",
    "death_disease",
    "risk_level",
    "symptoms_other",
    "insight",
    "sleep",
    "diet",
    *SOCIAL_FUNCTIONS,
    "lockup",
    "hospital",
    "last_discharge_date",
    "lab",
    "adherence",
    "adverse_reaction",
    "adverse_text",
    "effect",
    "referral_reason",
    "referral_to",
    "override_reason",
)


def outcome_of(record) -> str:
    if record.death_date is not None:
        return "dead"
    return "lost" if record.lost_reason is not None else "reached"


def medication_values(medications: list[dict]) -> dict[str, str]:
    values = {}
    for slot, drug in enumerate(medications[:MEDICATION_SLOTS], start=1):
        for key, value in drug.items():
            name = f"med{slot}_{'weeks' if key == 'every_weeks' else key}"
            values[name] = f"{value:g}" if isinstance(value, float) else str(value)
    return values


def form_values(record) -> dict:
    """A stored follow-up as its form sends it (strings, and lists for groups of boxes): what read_followup reads
    back to the same record. A class or next date the rules proposed stays blank, so the rules decide again."""
    values: dict = {
        "followup_date": record.followup_date.isoformat(),
        "outcome": outcome_of(record),
        "form": str(record.form),
        "subjects": list(record.subjects),
        "doctor_name": record.doctor_name,
        "symptoms": [str(n) for n in record.symptoms],
        "rehab_measures": list(record.rehab_measures),
    }
    # A ticked box is sent as "on", an unticked one not at all.
    values |= {name: "on" for name in ("physical_illness", "referred") if getattr(record, name)}
    for name in _AS_TEXT:
        value = getattr(record, name)
        if value is not None and value != "":
            values[name] = value.isoformat() if isinstance(value, date) else str(value)
    values |= {kind: str(getattr(record, kind)) for kind in DANGER_KINDS if getattr(record, kind)}
    values |= medication_values(record.medications)
    if record.classification != record.proposed_classification:
        values["classification"] = record.classification
    if record.next_followup_date and record.next_followup_date != record.proposed_next_date:
        values["next_followup_date"] = record.next_followup_date.isoformat()
    return values
