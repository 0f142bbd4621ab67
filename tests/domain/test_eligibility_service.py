import re
import uuid
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import func, select

from jingkang_app.domain import settings
from jingkang_app.domain.errors import NotFound, PermissionDenied, StaleVersion, ValidationFailed
from jingkang_app.domain.models import AuditLog, Followup, Recipient, RecipientStatus, Role
from jingkang_app.domain.rules.eligibility import Verdict
from jingkang_app.domain.services import consent_withdrawal, eligibility
from jingkang_app.i18n.eligibility_en import ELIGIBILITY_EN
from jingkang_app.i18n.eligibility_zh import ELIGIBILITY_ZH
from jingkang_app.i18n.zh_cn import ZH_CN
from tests.factories import build_world, make_recipient, sign_consent

TODAY = date(2026, 11, 23)  # the fake clock's local date
WINDOW_START = date(2026, 5, 23)  # six months back


@pytest.fixture
def world(session, fake_clock):
    return build_world(session)


def applicant(session, world, village=None, **overrides) -> Recipient:
    """A registered application (申请中). Registration through the service always files recipients as 在册 for
    now, so the status is set here."""
    recipient = make_recipient(session, world, village, **({"hukou_local": True} | overrides))
    recipient.status = RecipientStatus.applying
    session.add(recipient)
    session.commit()
    return recipient


def add_followup(session, world, recipient: Recipient, on: date, risk_level: int | None) -> Followup:
    # No follow-up service yet: the row is written as the follow-up workflow will store it.
    followup = Followup(
        client_id=str(uuid.uuid4()),
        recipient_id=recipient.id,
        area_id=recipient.area_id,
        created_by=world.users[Role.community_doctor].id,
        followup_date=on,
        form=2,
        risk_level=risk_level,
        proposed_classification="stable",
        classification="stable",
        doctor_name="王医生",
    )
    session.add(followup)
    session.commit()
    return followup


def record_physical_health(session, world, recipient: Recipient, serious: bool | None) -> Recipient:
    return eligibility.set_physical_health(
        session, world.actors[Role.community_doctor], recipient.id, serious, recipient.version
    )


def eligible_applicant(session, world, **overrides) -> Recipient:
    recipient = applicant(session, world, **overrides)
    recipient = record_physical_health(session, world, recipient, False)
    add_followup(session, world, recipient, date(2026, 10, 8), 1)
    sign_consent(session, world, recipient)
    return recipient


def verdicts(session, world, recipient: Recipient) -> dict[str, Verdict]:
    view = eligibility.screen_recipient(session, world.actors[Role.community_doctor], recipient.id)
    return {c.key: c.verdict for c in view.criteria}


def written(session) -> tuple:
    """Everything a failed call could have written, pending changes included (the queries autoflush)."""
    return (
        session.exec(select(func.count()).select_from(AuditLog)).one(),
        session.exec(
            select(
                Recipient.id,
                Recipient.status,
                Recipient.version,
                Recipient.admitted_on,
                Recipient.admission_reason,
                Recipient.serious_physical_illness,
            ).order_by(Recipient.id)
        ).all(),
    )


# --- the screen, criterion by criterion -------------------------------------------------------------------


def test_an_applicant_with_every_record_in_order_meets_every_criterion(session, world):
    recipient = eligible_applicant(session, world)
    view = eligibility.screen_recipient(session, world.actors[Role.community_doctor], recipient.id)
    assert [c.key for c in view.criteria] == [
        "hukou",
        "age",
        "condition",
        "physical_health",
        "risk_history",
        "agreement",
    ]
    assert all(c.verdict is Verdict.met for c in view.criteria)
    assert view.eligible and view.recipient_id == recipient.id


def test_a_new_applicant_has_health_and_risk_to_be_checked_and_no_agreement(session, world):
    recipient = applicant(session, world)
    assert verdicts(session, world, recipient) == {
        "hukou": Verdict.met,
        "age": Verdict.met,
        "condition": Verdict.met,
        "physical_health": Verdict.unknown,
        "risk_history": Verdict.unknown,
        "agreement": Verdict.not_met,
    }


def test_hukou_outside_the_county_is_not_met(session, world):
    recipient = applicant(session, world, hukou_local=False)
    assert verdicts(session, world, recipient)["hukou"] is Verdict.not_met


@pytest.mark.parametrize(
    ("birth_date", "expected"),
    [
        (date(2008, 11, 23), Verdict.met),  # 18 today
        (date(2008, 11, 24), Verdict.not_met),  # 18 tomorrow
        (date(1966, 11, 23), Verdict.met),  # 60 today
        (date(1965, 11, 23), Verdict.not_met),  # 61
    ],
)
def test_age_is_counted_in_full_years_from_the_id_number(session, world, birth_date, expected):
    recipient = applicant(session, world, id_number=world.id_number(birth_date))
    assert verdicts(session, world, recipient)["age"] is expected


def test_a_county_setting_overrides_the_maximum_age(session, world):
    recipient = applicant(session, world, id_number=world.id_number(date(1980, 5, 17)))  # 46
    settings.put(session, world.county.id, "eligibility.max_age", 40)
    session.commit()
    view = eligibility.screen_recipient(session, world.actors[Role.community_doctor], recipient.id)
    assert {c.key: c.verdict for c in view.criteria}["age"] is Verdict.not_met
    assert view.rules.max_age == 40
    assert view.label_params()["max_age"] == 40


@pytest.mark.parametrize(
    ("diagnosis", "disability_level", "expected"),
    [
        ("schizophrenia", "", Verdict.met),
        ("other", "3", Verdict.met),
        ("other", "2", Verdict.not_met),
        ("", "", Verdict.unknown),
    ],
)
def test_condition_needs_a_severe_diagnosis_or_a_level_3_or_4_certificate(
    session, world, diagnosis, disability_level, expected
):
    recipient = applicant(session, world, diagnosis=diagnosis, disability_level=disability_level)
    assert verdicts(session, world, recipient)["condition"] is expected


@pytest.mark.parametrize(("serious", "expected"), [(True, Verdict.not_met), (False, Verdict.met)])
def test_physical_health_follows_the_recorded_check(session, world, serious, expected):
    recipient = record_physical_health(session, world, applicant(session, world), serious)
    assert verdicts(session, world, recipient)["physical_health"] is expected


def test_a_risk_above_2_in_the_last_six_months_is_not_met(session, world):
    recipient = applicant(session, world)
    add_followup(session, world, recipient, date(2026, 9, 1), 1)
    add_followup(session, world, recipient, date(2026, 11, 2), 3)
    assert verdicts(session, world, recipient)["risk_history"] is Verdict.not_met


def test_follow_ups_older_than_six_months_are_ignored(session, world):
    recipient = applicant(session, world)
    add_followup(session, world, recipient, date(2026, 5, 22), 5)
    add_followup(session, world, recipient, WINDOW_START, 2)
    assert verdicts(session, world, recipient)["risk_history"] is Verdict.met


def test_only_old_follow_ups_leave_the_risk_history_to_be_checked(session, world):
    recipient = applicant(session, world)
    add_followup(session, world, recipient, date(2026, 1, 10), 0)
    assert verdicts(session, world, recipient)["risk_history"] is Verdict.unknown


def test_a_follow_up_without_a_risk_level_is_skipped(session, world):
    recipient = applicant(session, world)
    add_followup(session, world, recipient, date(2026, 10, 1), None)
    assert verdicts(session, world, recipient)["risk_history"] is Verdict.unknown


def test_another_recipients_follow_ups_do_not_count(session, world):
    recipient = applicant(session, world)
    add_followup(session, world, applicant(session, world, name="王伟"), date(2026, 10, 1), 4)
    add_followup(session, world, recipient, date(2026, 10, 1), 0)
    assert verdicts(session, world, recipient)["risk_history"] is Verdict.met


def test_an_agreement_signed_by_the_recipient_alone_is_not_met(session, world):
    recipient = applicant(session, world)
    sign_consent(session, world, recipient, by_guardian=False)
    assert verdicts(session, world, recipient)["agreement"] is Verdict.not_met


def test_recipient_and_guardian_may_sign_separate_agreements(session, world):
    recipient = applicant(session, world)
    sign_consent(session, world, recipient, by_guardian=False)
    sign_consent(session, world, recipient, by_recipient=False)
    assert verdicts(session, world, recipient)["agreement"] is Verdict.met


def test_other_kinds_of_consent_are_no_service_agreement(session, world):
    recipient = applicant(session, world)
    sign_consent(session, world, recipient, "followup_management")
    sign_consent(session, world, recipient, "sensitive_information")
    assert verdicts(session, world, recipient)["agreement"] is Verdict.not_met


def test_a_withdrawn_agreement_no_longer_counts(session, world):
    recipient = applicant(session, world)
    agreement = sign_consent(session, world, recipient)
    consent_withdrawal.withdraw_consent(
        session,
        world.actors[Role.grid_worker],
        agreement.id,
        {"withdrawn_on": "2026-11-20", "reason": "本人不愿继续", "version": agreement.version},
    )
    assert verdicts(session, world, recipient)["agreement"] is Verdict.not_met


# --- who may see the screen ---------------------------------------------------------------------------------


def test_reading_the_screen_is_audited(session, world):
    recipient = applicant(session, world)
    eligibility.screen_recipient(session, world.actors[Role.community_doctor], recipient.id)
    entry = session.exec(select(AuditLog).where(AuditLog.action == "recipient.screen")).one()
    assert (entry.recipient_id, entry.actor_id) == (recipient.id, world.users[Role.community_doctor].id)


@pytest.mark.parametrize("role", [Role.grid_worker, Role.village_cadre, Role.volunteer, Role.caregiver])
def test_roles_without_clinical_view_cannot_see_the_screen(session, world, role):
    recipient = applicant(session, world)
    before = written(session)
    with pytest.raises(PermissionDenied):
        eligibility.screen_recipient(session, world.actors[role], recipient.id)
    assert written(session) == before


def test_a_doctor_cannot_screen_a_recipient_outside_their_township(session, world):
    recipient = applicant(session, world, world.village_b)
    before = written(session)
    with pytest.raises(PermissionDenied):
        eligibility.screen_recipient(session, world.actors[Role.community_doctor], recipient.id)
    assert written(session) == before


def test_screening_an_unknown_recipient_is_not_found(session, world):
    with pytest.raises(NotFound):
        eligibility.screen_recipient(session, world.actors[Role.community_doctor], 999)


# --- admission ----------------------------------------------------------------------------------------------


def test_a_village_cadre_admits_an_applicant_inside_the_rules(session, world):
    recipient = eligible_applicant(session, world)
    version = recipient.version
    admitted = eligibility.admit(session, world.actors[Role.village_cadre], recipient.id, {})
    assert admitted.status == RecipientStatus.registered
    assert (admitted.admitted_on, admitted.admitted_by) == (TODAY, world.users[Role.village_cadre].id)
    assert admitted.admission_reason is None
    assert admitted.version == version + 1
    entry = session.exec(select(AuditLog).where(AuditLog.action == "recipient.admit")).one()
    assert entry.recipient_id == recipient.id
    assert '"eligible": true' in entry.detail and '"agreement": "met"' in entry.detail


def test_a_village_cadre_may_not_admit_outside_the_rules(session, world):
    recipient = applicant(session, world)
    before = written(session)
    with pytest.raises(PermissionDenied):
        eligibility.admit(session, world.actors[Role.village_cadre], recipient.id, {"reason": "家属强烈要求"})
    assert written(session) == before


@pytest.mark.parametrize("reason", [None, "", "   "])
def test_a_coordinator_admitting_outside_the_rules_must_give_a_reason(session, world, reason):
    recipient = applicant(session, world)
    before = written(session)
    with pytest.raises(ValidationFailed) as refused:
        eligibility.admit(session, world.actors[Role.township_coordinator], recipient.id, {"reason": reason})
    assert refused.value.errors["reason"].key == "error.admission_reason_required"
    assert written(session) == before


def test_an_admission_reason_over_200_characters_is_refused(session, world):
    recipient = applicant(session, world)
    with pytest.raises(ValidationFailed) as refused:
        eligibility.admit(
            session, world.actors[Role.township_coordinator], recipient.id, {"reason": "理" * 201}
        )
    assert refused.value.errors["reason"].key == "error.too_long"


def test_a_coordinator_admits_outside_the_rules_with_a_reason_that_is_stored_and_audited(session, world):
    recipient = applicant(session, world, hukou_local=False)
    reason = "户籍在邻县，长期在本村居住，经综合管理小组讨论同意"
    admitted = eligibility.admit(
        session, world.actors[Role.township_coordinator], recipient.id, {"reason": f"  {reason} "}
    )
    assert (admitted.status, admitted.admission_reason) == (RecipientStatus.registered, reason)
    assert admitted.admitted_by == world.users[Role.township_coordinator].id
    entry = session.exec(select(AuditLog).where(AuditLog.action == "recipient.admit")).one()
    assert reason in entry.detail
    assert '"hukou": "not_met"' in entry.detail and '"eligible": false' in entry.detail


def test_a_recipient_who_is_not_applying_cannot_be_admitted(session, world):
    recipient = make_recipient(session, world, hukou_local=True)  # already 在册
    before = written(session)
    with pytest.raises(ValidationFailed) as refused:
        eligibility.admit(
            session, world.actors[Role.county_coordinator], recipient.id, {"reason": "再次入组"}
        )
    assert refused.value.errors["status"].key == "error.not_applying"
    assert written(session) == before


def test_admitting_twice_is_refused_the_second_time(session, world):
    recipient = eligible_applicant(session, world)
    eligibility.admit(session, world.actors[Role.village_cadre], recipient.id, {})
    with pytest.raises(ValidationFailed) as refused:
        eligibility.admit(session, world.actors[Role.village_cadre], recipient.id, {})
    assert refused.value.errors["status"].key == "error.not_applying"


def test_an_admission_sent_with_a_stale_version_is_refused_with_what_changed(session, world):
    recipient = applicant(session, world)
    seen_version = recipient.version
    record_physical_health(session, world, recipient, True)  # someone else records a finding meanwhile
    before = written(session)
    with pytest.raises(StaleVersion) as refused:
        eligibility.admit(
            session,
            world.actors[Role.township_coordinator],
            recipient.id,
            {"reason": "照顾需要", "version": seen_version},
        )
    assert refused.value.params == {"changed": ["serious_physical_illness"]}
    assert written(session) == before


@pytest.mark.parametrize("role", [Role.grid_worker, Role.caregiver, Role.volunteer])
def test_roles_that_may_not_update_a_recipient_cannot_admit(session, world, role):
    recipient = eligible_applicant(session, world)
    with pytest.raises(PermissionDenied):
        eligibility.admit(session, world.actors[role], recipient.id, {})


def test_a_coordinator_cannot_admit_in_another_township(session, world):
    recipient = applicant(session, world, world.village_b)
    before = written(session)
    with pytest.raises(PermissionDenied):
        eligibility.admit(
            session, world.actors[Role.township_coordinator], recipient.id, {"reason": "照顾需要"}
        )
    assert written(session) == before


# --- recording physical health ----------------------------------------------------------------------------


def test_a_doctor_records_physical_health_with_a_new_version_and_an_audit_entry(session, world):
    recipient = applicant(session, world)
    version = recipient.version
    updated = record_physical_health(session, world, recipient, True)
    assert (updated.serious_physical_illness, updated.version) == (True, version + 1)
    entry = session.exec(select(AuditLog).where(AuditLog.action == "recipient.physical_health")).one()
    assert entry.actor_id == world.users[Role.community_doctor].id


def test_recording_the_same_physical_health_again_changes_nothing(session, world):
    recipient = record_physical_health(session, world, applicant(session, world), False)
    before = written(session)
    record_physical_health(session, world, recipient, False)
    assert written(session) == before


def test_physical_health_sent_with_a_stale_version_is_refused_with_what_changed(session, world):
    recipient = applicant(session, world)
    seen_version = recipient.version
    eligibility.set_physical_health(
        session, world.actors[Role.social_worker], recipient.id, False, seen_version
    )
    before = written(session)
    with pytest.raises(StaleVersion) as refused:
        eligibility.set_physical_health(
            session, world.actors[Role.community_doctor], recipient.id, True, seen_version
        )
    assert refused.value.params == {"changed": ["serious_physical_illness"]}
    assert written(session) == before


def test_a_village_cadre_may_not_record_clinical_findings(session, world):
    recipient = applicant(session, world)
    before = written(session)
    with pytest.raises(PermissionDenied):
        eligibility.set_physical_health(
            session, world.actors[Role.village_cadre], recipient.id, True, recipient.version
        )
    assert written(session) == before


# --- catalogue ----------------------------------------------------------------------------------------------


def test_both_catalogues_hold_the_same_keys_and_placeholders():
    assert set(ELIGIBILITY_ZH) == set(ELIGIBILITY_EN)
    for key, text in ELIGIBILITY_ZH.items():
        assert set(re.findall(r"{(\w+)}", text)) == set(re.findall(r"{(\w+)}", ELIGIBILITY_EN[key])), key


def test_every_criterion_and_verdict_has_a_label(session, world):
    view = eligibility.screen_recipient(
        session, world.actors[Role.community_doctor], applicant(session, world).id
    )
    for criterion in view.criteria:
        assert ELIGIBILITY_ZH[f"eligibility.{criterion.key}"].format(**view.label_params())
    assert {f"eligibility.{v.value}" for v in Verdict} <= set(ELIGIBILITY_ZH)


def test_every_error_key_the_new_services_use_has_a_message():
    app = Path(eligibility.__file__).resolve().parents[2]
    sources = [
        app / "domain/services/eligibility.py",
        app / "domain/services/consent_withdrawal.py",
        app / "domain/services/care_team.py",
        app / "api/routes_eligibility.py",
    ]
    keys = {key for path in sources for key in re.findall(r'"(error\.[a-z_.]+)"', path.read_text())}
    assert keys and keys - set(ZH_CN) - set(ELIGIBILITY_ZH) == set()
