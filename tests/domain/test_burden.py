"""The burden check with the county's settings, for the family of the recipient only."""

from datetime import date, timedelta

import pytest

from jingkang_app.domain import settings
from jingkang_app.domain.errors import PermissionDenied, ValidationFailed
from jingkang_app.domain.models import Role
from jingkang_app.domain.services import auth, burden, respite
from tests.factories import make_family, other_family, respite_form


@pytest.fixture
def recipient(session, world):
    return make_family(session, world)


@pytest.fixture
def caregiver(session, world, recipient):
    return world.actor(session, Role.caregiver)


def test_the_default_check_is_zbi4_with_its_cut_off(session, recipient, caregiver):
    form = burden.check_form(session, caregiver, recipient.id)
    assert (form.questions, form.respite_from) == (("own_time", "stress_duties", "strained", "uncertain"), 8)
    result = burden.assess(session, caregiver, recipient.id, dict.fromkeys(form.questions, "2"))
    assert (result.score, result.suggests_respite) == (8, True)


def test_a_county_with_its_own_questions_and_threshold_scores_by_them(session, world, recipient, caregiver):
    county = world.county.id
    settings.put(session, county, "burden.questions", ["health", "privacy"])
    settings.put(session, county, "burden.respite_from", 6)
    session.commit()
    result = burden.assess(session, caregiver, recipient.id, {"health": 3, "privacy": 2})
    assert (result.score, result.max_score, result.suggests_respite) == (5, 8, False)
    # A respite request carries answers to the county's questions, not to ZBI-4's.
    start = date(2026, 12, 10)
    with pytest.raises(ValidationFailed) as excinfo:
        respite.request_respite(session, caregiver, respite_form(recipient, start, start + timedelta(days=1)))
    assert excinfo.value.errors["burden_answers"].key == "error.respite_burden_answers"


def test_an_unanswered_check_is_refused_beside_the_questions(session, recipient, caregiver):
    with pytest.raises(ValidationFailed) as excinfo:
        burden.assess(session, caregiver, recipient.id, {})
    assert excinfo.value.errors["burden_answers"].key == "error.burden_incomplete"


def test_another_family_cannot_use_the_check_for_a_recipient_not_theirs(session, world, recipient):
    _theirs, guardian = other_family(session, world)
    stranger = auth.actor_for_user(session, guardian, None)
    with pytest.raises(PermissionDenied):
        burden.check_form(session, stranger, recipient.id)
