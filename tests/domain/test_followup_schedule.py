from datetime import date

import pytest

from jingkang_app.domain.rules.followup_schedule import (
    DANGER_KINDS,
    FOLLOWUPS_PER_YEAR,
    Classification,
    Findings,
    acute_severe,
    add_months,
    check_choices,
    dangerous_behaviour,
    days_overdue,
    needs_alert,
    propose_classification,
    propose_next_date,
)

FOLLOWUP_DAY = date(2026, 3, 10)
CLEAN = Findings(reached=True, risk_level=0, social_functions=("good", "good", "na", "good", "good"))


def findings(**changes: object) -> Findings:
    values = {**CLEAN.__dict__, **changes}
    return Findings(**values)  # type: ignore[arg-type]


# --- classification ---------------------------------------------------------------------------


def test_clean_findings_are_stable():
    assert propose_classification(CLEAN) == Classification.stable


def test_no_social_functions_recorded_with_everything_else_clean_is_stable():
    assert propose_classification(findings(social_functions=())) == Classification.stable


@pytest.mark.parametrize(
    ("risk_level", "expected"),
    [
        (0, Classification.stable),
        (1, Classification.basic_stable),
        (2, Classification.basic_stable),
        (3, Classification.unstable),
        (4, Classification.unstable),
        (5, Classification.unstable),
    ],
)
def test_reached_patient_is_classified_by_risk_level(risk_level, expected):
    assert propose_classification(findings(risk_level=risk_level)) == expected


@pytest.mark.parametrize("risk_level", range(6))
def test_unreached_patient_is_unreached_whatever_the_risk(risk_level):
    assert propose_classification(findings(reached=False, risk_level=risk_level)) == Classification.unreached


def test_unreached_wins_over_dangerous_behaviour():
    f = findings(reached=False, risk_level=5, danger_counts={"disaster": 1}, symptoms=frozenset({7}))

    assert propose_classification(f) == Classification.unreached


@pytest.mark.parametrize(
    "trigger",
    [
        {"risk_level": 1},
        {"risk_level": 2},
        {"symptoms": frozenset({1})},
        {"symptoms": frozenset({8})},  # 悲观厌世 with full insight is not acute
        {"symptoms": frozenset({12})},
        {"insight": "partial"},
        {"insight": "none"},
        {"social_functions": ("good", "fair", "good", "good", "good")},
        {"social_functions": ("good", "good", "good", "good", "poor")},
        {"adverse_reaction": "yes"},
        {"physical_illness": True},
    ],
    ids=repr,
)
def test_each_basic_stable_trigger_alone_makes_basic_stable(trigger):
    assert propose_classification(findings(**trigger)) == Classification.basic_stable


@pytest.mark.parametrize(
    "clean_value",
    [
        {"social_functions": ("na", "na", "na", "na", "na")},
        {"adverse_reaction": "na"},
        {"danger_counts": {kind: 0 for kind in DANGER_KINDS}},
    ],
    ids=repr,
)
def test_not_applicable_and_zero_answers_keep_patient_stable(clean_value):
    assert propose_classification(findings(**clean_value)) == Classification.stable


@pytest.mark.parametrize(
    "trigger",
    [
        {"symptoms": frozenset({7})},
        {"symptoms": frozenset({8}), "insight": "none"},
        {"danger_counts": {"trouble": 1}},
        {"danger_counts": {"disaster": 1}},
        {"danger_counts": {"other_harm": 2}},
        {"danger_counts": {"self_harm": 1}},
        {"danger_counts": {"suicide_attempt": 1}},
    ],
    ids=repr,
)
def test_each_acute_trigger_alone_makes_unstable_at_risk_0(trigger):
    f = findings(**trigger)

    assert acute_severe(f)
    assert propose_classification(f) == Classification.unstable


def test_minor_trouble_alone_is_not_dangerous_and_not_unstable():
    f = findings(danger_counts={"minor_trouble": 3})

    assert not dangerous_behaviour(f)
    assert not acute_severe(f)
    assert propose_classification(f) == Classification.stable


def test_pessimism_with_partial_insight_is_not_acute():
    assert not acute_severe(findings(symptoms=frozenset({8}), insight="partial"))


def test_insight_none_without_pessimism_is_not_acute():
    assert not acute_severe(findings(symptoms=frozenset({1}), insight="none"))


@pytest.mark.parametrize("kind", DANGER_KINDS[1:])
def test_each_danger_kind_other_than_minor_trouble_is_dangerous(kind):
    assert dangerous_behaviour(findings(danger_counts={kind: 1}))


def test_zero_counts_are_not_dangerous():
    assert not dangerous_behaviour(findings(danger_counts={kind: 0 for kind in DANGER_KINDS}))


def test_danger_kinds_are_the_six_on_the_national_form_in_order():
    assert DANGER_KINDS == (
        "minor_trouble",
        "trouble",
        "disaster",
        "other_harm",
        "self_harm",
        "suicide_attempt",
    )


def test_classification_values_are_stable_strings():
    assert [c.value for c in Classification] == ["unstable", "basic_stable", "stable", "unreached"]


# --- relapse alert ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("risk_level", "alert"), [(0, False), (1, False), (2, False), (3, True), (4, True), (5, True)]
)
def test_alert_is_raised_from_risk_3(risk_level, alert):
    assert needs_alert(findings(risk_level=risk_level)) is alert


def test_dangerous_behaviour_at_risk_0_raises_an_alert():
    assert needs_alert(findings(danger_counts={"self_harm": 1}))


def test_minor_trouble_alone_raises_no_alert():
    assert not needs_alert(findings(danger_counts={"minor_trouble": 1}))


def test_acute_symptoms_without_danger_or_high_risk_raise_no_alert():
    assert not needs_alert(findings(symptoms=frozenset({7})))


def test_unreached_patient_raises_no_alert_even_at_risk_5():
    assert not needs_alert(findings(reached=False, risk_level=5, danger_counts={"disaster": 1}))


# --- next dates ---------------------------------------------------------------------------------


def test_risk_3_is_unstable_and_followed_up_in_two_weeks():
    c = propose_classification(findings(risk_level=3))

    assert propose_next_date(c, FOLLOWUP_DAY) == date(2026, 3, 24)


@pytest.mark.parametrize(
    "c", [Classification.unstable, Classification.basic_stable, Classification.unreached]
)
def test_non_stable_classes_are_followed_up_in_14_days(c):
    assert propose_next_date(c, date(2026, 3, 10)) == date(2026, 3, 24)


def test_two_weeks_crosses_a_year_boundary():
    assert propose_next_date(Classification.unstable, date(2026, 12, 25)) == date(2027, 1, 8)


def test_stable_is_followed_up_in_three_calendar_months():
    assert propose_next_date(Classification.stable, date(2026, 3, 10)) == date(2026, 6, 10)


def test_stable_three_months_crosses_a_year_boundary():
    assert propose_next_date(Classification.stable, date(2026, 10, 15)) == date(2027, 1, 15)


@pytest.mark.parametrize(
    ("followup_day", "expected"),
    [
        (date(2026, 11, 30), date(2027, 2, 28)),
        (date(2027, 11, 30), date(2028, 2, 29)),
        (date(2026, 5, 31), date(2026, 8, 31)),
        (date(2026, 3, 31), date(2026, 6, 30)),
    ],
)
def test_stable_next_date_is_clamped_to_month_end(followup_day, expected):
    assert propose_next_date(Classification.stable, followup_day) == expected


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2026, 12, 15), 1, date(2027, 1, 15)),
        (date(2026, 1, 15), 12, date(2027, 1, 15)),
        (date(2026, 1, 15), 0, date(2026, 1, 15)),
        (date(2026, 8, 31), -6, date(2026, 2, 28)),
        (date(2026, 1, 15), -1, date(2025, 12, 15)),
    ],
)
def test_add_months_moves_calendar_months_and_clamps(start, months, expected):
    assert add_months(start, months) == expected


# --- worker's choices ---------------------------------------------------------------------------

PROPOSED_NEXT = date(2026, 3, 24)


def test_same_class_and_date_need_no_reason():
    errors = check_choices(Classification.unstable, Classification.unstable, PROPOSED_NEXT, PROPOSED_NEXT, "")

    assert errors == {}


def test_overriding_class_without_reason_is_refused():
    errors = check_choices(
        Classification.unstable, Classification.basic_stable, PROPOSED_NEXT, PROPOSED_NEXT, ""
    )

    assert errors == {"classification": "error.override_reason_required"}


def test_overriding_class_with_reason_is_allowed():
    errors = check_choices(
        Classification.unstable, Classification.basic_stable, PROPOSED_NEXT, PROPOSED_NEXT, "家属陪同，已就医"
    )

    assert errors == {}


def test_later_next_date_without_reason_is_refused():
    errors = check_choices(Classification.stable, Classification.stable, PROPOSED_NEXT, date(2026, 3, 25), "")

    assert errors == {"next_followup_date": "error.later_date_reason_required"}


def test_later_next_date_with_reason_is_allowed():
    errors = check_choices(
        Classification.stable, Classification.stable, PROPOSED_NEXT, date(2026, 4, 20), "外出务工，四月返乡"
    )

    assert errors == {}


def test_earlier_next_date_is_allowed_without_reason():
    errors = check_choices(Classification.stable, Classification.stable, PROPOSED_NEXT, date(2026, 3, 11), "")

    assert errors == {}


def test_class_override_and_later_date_without_reason_give_both_errors():
    errors = check_choices(
        Classification.basic_stable, Classification.stable, PROPOSED_NEXT, date(2026, 6, 10), ""
    )

    assert errors == {
        "classification": "error.override_reason_required",
        "next_followup_date": "error.later_date_reason_required",
    }


@pytest.mark.parametrize("blank", [" ", "\t\n", "\u3000"])
def test_whitespace_only_reason_counts_as_none(blank):
    errors = check_choices(
        Classification.unstable, Classification.stable, PROPOSED_NEXT, date(2026, 4, 1), blank
    )

    assert set(errors) == {"classification", "next_followup_date"}


def test_next_date_before_followup_date_is_not_checked_here():
    errors = check_choices(Classification.stable, Classification.stable, PROPOSED_NEXT, date(2026, 1, 1), "")

    assert errors == {}


# --- overdue ------------------------------------------------------------------------------------


def test_due_today_is_not_overdue():
    assert days_overdue(date(2026, 3, 24), today=date(2026, 3, 24)) == 0


def test_day_after_due_is_one_day_overdue():
    assert days_overdue(date(2026, 3, 24), today=date(2026, 3, 25)) == 1


def test_before_due_is_not_overdue():
    assert days_overdue(date(2026, 3, 24), today=date(2026, 3, 1)) == 0


def test_overdue_days_count_across_a_year_boundary():
    assert days_overdue(date(2026, 12, 30), today=date(2027, 1, 9)) == 10


def test_at_least_four_followups_a_year():
    assert FOLLOWUPS_PER_YEAR == 4
