"""Correcting a stored follow-up from its form: the form starts from the record exactly, an edit resent by the
device is applied once, and an edit based on an older version is a conflict (also through the sync route)."""

import json
import uuid

import pytest
from sqlmodel import select

from jingkang_app.domain.errors import NotFound, PermissionDenied
from jingkang_app.domain.models import AuditLog, Role
from jingkang_app.domain.services import followups, sync
from tests.domain.test_followups import stable_form
from tests.factories import make_recipient


@pytest.fixture
def recipient(session, world, fake_clock):
    return make_recipient(session, world)


@pytest.fixture
def doctor(world):
    return world.actors[Role.community_doctor]


def full_form(recipient_id: int) -> dict:
    """Every kind of answer: lists, counts, a long-acting drug, a referral, an override with its reason."""
    return stable_form(
        recipient_id,
        risk_level="2",
        symptoms=["1", "10"],
        symptoms_other="夜间自语",
        insight="partial",
        minor_trouble="2",
        hospital="past",
        last_discharge_date="2026-08-01",
        adverse_reaction="yes",
        adverse_text="手抖",
        physical_illness="on",
        effect="improved",
        referred="on",
        referral_reason="调整用药",
        referral_to="县精神卫生中心",
        med2_name="棕榈酸帕利哌酮",
        med2_weeks="4",
        med2_dose="150",
        rehab_measures=["social", "vocational"],
        classification="unstable",
        override_reason="家属反映近期情绪波动",
    )


def opened(session, actor, followup_id: int) -> dict:
    """What the edit page's form sends back untouched."""
    _record, values = followups.edit_values(session, actor, followup_id)
    return values | {"client_id": str(uuid.uuid4())}


def test_the_edit_form_starts_from_the_record_so_sending_it_unchanged_changes_nothing(
    session, recipient, doctor
):
    saved = followups.record_followup(session, doctor, full_form(recipient.id))
    before = saved.followup.model_dump(exclude={"updated_by", "updated_at", "version"})
    edited = followups.edit_followup(
        session, doctor, saved.followup.id, opened(session, doctor, saved.followup.id)
    )
    assert edited.followup.model_dump(exclude={"updated_by", "updated_at", "version"}) == before
    entry = session.exec(select(AuditLog).where(AuditLog.action == "followup.edit")).one()
    assert json.loads(entry.detail)["changed"] == []


def test_a_rules_proposal_stays_open_to_the_rules_while_an_override_is_kept(session, recipient, doctor):
    proposed = followups.record_followup(session, doctor, stable_form(recipient.id)).followup
    overridden = followups.record_followup(session, doctor, full_form(recipient.id)).followup
    assert "classification" not in followups.edit_values(session, doctor, proposed.id)[1]
    values = followups.edit_values(session, doctor, overridden.id)[1]
    assert (values["classification"], values["override_reason"]) == ("unstable", "家属反映近期情绪波动")
    assert (values["followup_id"], values["version"]) == (str(overridden.id), "1")


def test_an_edit_resent_by_the_device_is_applied_once(session, recipient, doctor):
    saved = followups.record_followup(session, doctor, stable_form(recipient.id))
    form = opened(session, doctor, saved.followup.id) | {"sleep": "poor"}
    first = followups.edit_followup(session, doctor, saved.followup.id, form)
    again = followups.edit_followup(session, doctor, saved.followup.id, form)
    assert (first.repeat, again.repeat) == (False, True)
    assert again.followup.version == 2
    assert len(session.exec(select(AuditLog).where(AuditLog.action == "followup.edit")).all()) == 1


def test_through_the_sync_route_a_correction_is_stored_repeated_or_a_conflict(
    session, recipient, doctor, world
):
    saved = followups.record_followup(session, doctor, stable_form(recipient.id))
    mine = opened(session, doctor, saved.followup.id) | {"diet": "fair"}
    theirs = opened(session, doctor, saved.followup.id) | {"sleep": "poor"}

    def send(data: dict) -> sync.ItemResult:
        data = dict(data)
        return sync.sync_item(
            session, doctor, {"client_id": data.pop("client_id"), "kind": "followup_edit", "data": data}
        )

    assert send(theirs | {"client_id": theirs["client_id"]}).status == "stored"
    assert send(theirs | {"client_id": theirs["client_id"]}).status == "duplicate"
    conflict = send(mine | {"client_id": mine["client_id"]})
    assert conflict.status == "conflict"
    assert conflict.error.params["changed"][0] == "sleep"
    session.refresh(saved.followup)
    assert (saved.followup.sleep, saved.followup.diet) == ("poor", "good")  # never silently overwritten


def test_only_those_who_record_follow_ups_in_scope_may_open_one_for_correction(
    session, world, recipient, doctor
):
    saved = followups.record_followup(session, doctor, stable_form(recipient.id))
    with pytest.raises(PermissionDenied):
        followups.edit_values(session, world.actors[Role.grid_worker], saved.followup.id)
    with pytest.raises(NotFound):
        followups.edit_values(session, doctor, saved.followup.id + 1000)
