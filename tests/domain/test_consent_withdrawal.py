import uuid
from datetime import date

import pytest
from sqlmodel import func, select

from jingkang_app.domain.errors import NotFound, PermissionDenied, StaleVersion, ValidationFailed
from jingkang_app.domain.models import AuditLog, ConsentRecord, Recipient, Role
from jingkang_app.domain.services import consent
from jingkang_app.domain.services.consent_withdrawal import followup_consent_restored, withdraw_consent
from tests.factories import build_world, make_recipient, sign_consent


@pytest.fixture
def world(session, fake_clock):
    return build_world(session)


def sign(
    session, world, recipient: Recipient, kind: str = "service_agreement", signed_on: str = "2026-03-01"
):
    return sign_consent(session, world, recipient, kind, signed_on)


def renew_followup_consent(session, world, recipient: Recipient, signed_on: str) -> ConsentRecord:
    """What record_consent is to do for a new consent to follow-up management (it calls the restore)."""
    renewed = sign(session, world, recipient, "followup_management", signed_on)
    followup_consent_restored(session, recipient, world.actors[Role.grid_worker])
    session.commit()
    return renewed


def withdrawal(record: ConsentRecord, **overrides) -> dict:
    return {"withdrawn_on": "2026-11-20", "reason": "家属要求停止", "version": record.version} | overrides


def withdraw(session, world, record: ConsentRecord, **overrides) -> ConsentRecord:
    return withdraw_consent(
        session, world.actors[Role.grid_worker], record.id, withdrawal(record, **overrides)
    )


def written(session) -> tuple:
    """Everything a failed call could have written, pending changes included (the queries autoflush)."""
    return (
        session.exec(select(func.count()).select_from(AuditLog)).one(),
        session.exec(
            select(ConsentRecord.id, ConsentRecord.version, ConsentRecord.withdrawn_on).order_by(
                ConsentRecord.id
            )
        ).all(),
        session.exec(select(Recipient.id, Recipient.version, Recipient.followup_withdrawn_on)).all(),
    )


def test_a_withdrawal_is_recorded_on_the_consent_with_a_new_version_and_an_audit_entry(session, world):
    recipient = make_recipient(session, world)
    agreement = sign(session, world, recipient)
    withdrawn = withdraw(session, world, agreement, reason="  本人不愿继续  ")
    assert (withdrawn.withdrawn_on, withdrawn.withdrawn_reason, withdrawn.version) == (
        date(2026, 11, 20),
        "本人不愿继续",
        2,
    )
    entry = session.exec(select(AuditLog).where(AuditLog.action == "consent.withdraw")).one()
    assert (entry.entity, entry.entity_id, entry.recipient_id) == ("consent", agreement.id, recipient.id)
    assert entry.actor_id == world.users[Role.grid_worker].id


def test_withdrawing_a_service_agreement_leaves_follow_up_management_alone(session, world):
    recipient = make_recipient(session, world)
    version = recipient.version
    withdraw(session, world, sign(session, world, recipient))
    session.refresh(recipient)
    assert (recipient.followup_withdrawn_on, recipient.version) == (None, version)


def test_withdrawing_consent_to_follow_up_management_stops_it(session, world):
    recipient = make_recipient(session, world)
    version = recipient.version
    withdraw(session, world, sign(session, world, recipient, "followup_management"))
    session.refresh(recipient)
    assert (recipient.followup_withdrawn_on, recipient.version) == (date(2026, 11, 20), version + 1)
    entry = session.exec(select(AuditLog).where(AuditLog.action == "recipient.followup_withdrawn")).one()
    assert (entry.entity, entry.entity_id) == ("recipient", recipient.id)


def test_another_consent_to_follow_up_management_still_in_force_keeps_it_going(session, world):
    recipient = make_recipient(session, world)
    sign(session, world, recipient, "followup_management", "2026-01-05")
    withdraw(session, world, sign(session, world, recipient, "followup_management", "2026-06-01"))
    session.refresh(recipient)
    assert recipient.followup_withdrawn_on is None


def test_a_new_consent_to_follow_up_management_resumes_it(session, world):
    recipient = make_recipient(session, world)
    withdraw(session, world, sign(session, world, recipient, "followup_management"))
    renew_followup_consent(session, world, recipient, "2026-11-22")
    session.refresh(recipient)
    assert recipient.followup_withdrawn_on is None
    assert session.exec(select(AuditLog).where(AuditLog.action == "recipient.followup_restored")).one()


def test_an_older_paper_consent_entered_late_does_not_resume_follow_up_management(session, world):
    recipient = make_recipient(session, world)
    withdraw(session, world, sign(session, world, recipient, "followup_management"))
    renew_followup_consent(session, world, recipient, "2026-02-01")
    session.refresh(recipient)
    assert recipient.followup_withdrawn_on == date(2026, 11, 20)


def test_restoring_without_a_withdrawal_changes_nothing(session, world):
    recipient = make_recipient(session, world)
    sign(session, world, recipient, "followup_management")
    assert followup_consent_restored(session, recipient) is False
    assert recipient.version == 1


@pytest.mark.parametrize(
    ("overrides", "field", "key"),
    [
        ({"withdrawn_on": "2026-11-24"}, "withdrawn_on", "error.date_in_future"),
        ({"withdrawn_on": "2026-02-28"}, "withdrawn_on", "error.withdrawal_before_signing"),
        ({"withdrawn_on": "20/11/2026"}, "withdrawn_on", "error.date_format"),
        ({"withdrawn_on": ""}, "withdrawn_on", "error.required"),
        ({"reason": "  "}, "reason", "error.required"),
        ({"reason": "因" * 201}, "reason", "error.too_long"),
        ({"version": None}, "version", "error.required"),
    ],
)
def test_bad_input_is_refused_beside_its_field_and_nothing_is_written(session, world, overrides, field, key):
    recipient = make_recipient(session, world)
    record = sign(session, world, recipient, "followup_management")
    before = written(session)
    with pytest.raises(ValidationFailed) as refused:
        withdraw(session, world, record, **overrides)
    assert refused.value.errors[field].key == key
    assert written(session) == before


def test_a_withdrawal_on_the_day_of_signing_is_accepted(session, world):
    record = sign(session, world, make_recipient(session, world))
    assert withdraw(session, world, record, withdrawn_on="2026-03-01").withdrawn_on == date(2026, 3, 1)


def test_a_consent_cannot_be_withdrawn_twice(session, world):
    record = sign(session, world, make_recipient(session, world))
    withdrawn = withdraw(session, world, record)
    before = written(session)
    with pytest.raises(ValidationFailed) as refused:
        withdraw(session, world, withdrawn, withdrawn_on="2026-11-21")
    assert refused.value.errors["withdrawn_on"].key == "error.already_withdrawn"
    assert written(session) == before


def test_a_withdrawal_sent_with_another_version_is_refused_as_stale(session, world):
    record = sign(session, world, make_recipient(session, world))
    before = written(session)
    with pytest.raises(StaleVersion) as refused:
        withdraw(session, world, record, version=record.version + 1)
    assert refused.value.key == "error.stale_version"
    assert refused.value.params == {"changed": []}
    assert written(session) == before


def test_withdrawing_consent_outside_ones_area_is_refused(session, world):
    record = sign(session, world, make_recipient(session, world))
    recipient_b = make_recipient(session, world, world.village_b, name="王伟")
    record_b = consent.record_consent(
        session,
        world.actors[Role.county_coordinator],
        {
            "client_id": str(uuid.uuid4()),
            "recipient_id": recipient_b.id,
            "kind": "followup_management",
            "signed_on": "2026-03-01",
            "signed_by_guardian": True,
        },
    )
    before = written(session)
    with pytest.raises(PermissionDenied):
        withdraw(session, world, record_b)
    with pytest.raises(PermissionDenied):
        withdraw_consent(session, world.actors[Role.volunteer], record.id, withdrawal(record))
    assert written(session) == before


def test_withdrawing_an_unknown_consent_is_not_found(session, world):
    with pytest.raises(NotFound):
        withdraw_consent(session, world.actors[Role.grid_worker], 999, {"version": 1})
