import pytest
from sqlmodel import select

from jingkang_app.domain.errors import PermissionDenied, ValidationFailed
from jingkang_app.domain.models import AuditLog, ConsentRecord, Role
from jingkang_app.domain.services import consent
from tests.factories import build_world, make_recipient


@pytest.fixture
def world(session, fake_clock):
    return build_world(session)


def form(recipient_id: int, **overrides) -> dict:
    return {
        "client_id": "5b0c7c7e-1111-4222-8333-444455556666",
        "recipient_id": recipient_id,
        "kind": "service_agreement",
        "signed_on": "2026-11-20",
        "signed_by_recipient": "on",
        "signed_by_guardian": "on",
    } | overrides


def test_a_grid_worker_records_a_signed_agreement_with_its_audit_entry(session, world):
    recipient = make_recipient(session, world)
    stored = consent.record_consent(session, world.actors[Role.grid_worker], form(recipient.id))
    assert (stored.kind, stored.signed_by_recipient, stored.signed_by_guardian) == (
        "service_agreement",
        True,
        True,
    )
    entry = session.exec(select(AuditLog).where(AuditLog.action == "consent.record")).one()
    assert (entry.entity_id, entry.recipient_id) == (stored.id, recipient.id)


def test_the_same_consent_sent_twice_is_stored_once(session, world):
    recipient = make_recipient(session, world)
    first = consent.record_consent(session, world.actors[Role.grid_worker], form(recipient.id))
    again = consent.record_consent(session, world.actors[Role.grid_worker], form(recipient.id))
    assert again.id == first.id
    assert len(session.exec(select(ConsentRecord)).all()) == 1


@pytest.mark.parametrize(
    ("overrides", "field", "key"),
    [
        ({"signed_on": "2026-11-24"}, "signed_on", "error.date_in_future"),
        ({"signed_on": "20/11/2026"}, "signed_on", "error.date_format"),
        ({"signed_on": ""}, "signed_on", "error.required"),
        ({"signed_by_recipient": "", "signed_by_guardian": ""}, "signed_by", "error.signer_required"),
        ({"kind": "anything"}, "kind", "error.invalid_choice"),
        ({"scope": "字" * 501}, "scope", "error.too_long"),
    ],
)
def test_bad_input_is_refused_beside_its_field_and_nothing_is_stored(session, world, overrides, field, key):
    recipient = make_recipient(session, world)
    with pytest.raises(ValidationFailed) as refused:
        consent.record_consent(session, world.actors[Role.grid_worker], form(recipient.id, **overrides))
    assert refused.value.errors[field].key == key
    assert session.exec(select(ConsentRecord)).all() == []
    assert session.exec(select(AuditLog).where(AuditLog.action == "consent.record")).all() == []


def test_recording_consent_outside_ones_scope_is_refused(session, world):
    recipient = make_recipient(session, world, village=world.village_b)
    with pytest.raises(PermissionDenied):
        consent.record_consent(session, world.actors[Role.grid_worker], form(recipient.id))
    assert session.exec(select(ConsentRecord)).all() == []


def test_a_volunteer_may_not_record_consent(session, world):
    recipient = make_recipient(session, world)
    with pytest.raises(PermissionDenied):
        consent.record_consent(session, world.actors[Role.volunteer], form(recipient.id))


def test_a_client_id_reused_for_another_recipient_does_not_return_the_first_record(session, world):
    first = make_recipient(session, world)
    second = make_recipient(session, world, name="王伟")
    consent.record_consent(session, world.actors[Role.grid_worker], form(first.id))
    with pytest.raises(ValidationFailed) as refused:
        consent.record_consent(session, world.actors[Role.grid_worker], form(second.id))
    assert refused.value.errors["client_id"].key == "error.client_id_reused"


def test_two_simultaneous_copies_of_one_submission_store_one_record(
    session, world, database_url, monkeypatch
):
    from sqlmodel import Session

    from jingkang_app.domain.db import get_engine
    from jingkang_app.domain.services import idempotency

    recipient = make_recipient(session, world)
    actor = world.actors[Role.grid_worker]
    with Session(get_engine(database_url), expire_on_commit=False) as other:
        # The other copy is stored between this request's duplicate check and its insert.
        original = idempotency.stored_repeat
        missed = []

        def miss_once(s, model, cid, recipient_id, **owner):
            if s is session and not missed:
                missed.append(cid)
                return None
            return original(s, model, cid, recipient_id, **owner)

        monkeypatch.setattr(idempotency, "stored_repeat", miss_once)
        stored_elsewhere = consent.record_consent(other, actor, form(recipient.id))
        again = consent.record_consent(session, actor, form(recipient.id))
        assert missed, "the duplicate check was not bypassed: the test did not exercise the race"
    assert again.id == stored_elsewhere.id
    assert len(session.exec(select(ConsentRecord)).all()) == 1
