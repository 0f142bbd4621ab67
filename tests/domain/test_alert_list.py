"""The relapse-alert work list (alerts.alert_page): who sees which alert, in what order, with whose names."""

import pytest

from jingkang_app.domain.errors import PermissionDenied
from jingkang_app.domain.models import Role
from jingkang_app.domain.services import alerts, followups
from tests.domain.test_followups import stable_form
from tests.factories import make_recipient, team_member_moved_away


def raise_for(session, world, village=None, name="张建国", **form):
    recipient = make_recipient(session, world, village=village, name=name)
    saved = followups.record_followup(
        session,
        world.actors[Role.community_doctor],
        stable_form(recipient.id, **({"risk_level": "3"} | form)),
    )
    return saved.alert


def test_the_list_names_the_owner_and_who_took_it_and_puts_untaken_alerts_first(session, world, fake_clock):
    taken = raise_for(session, world, name="王伟")
    fake_clock.advance(hours=1)
    waiting = raise_for(session, world, name="李娜")
    alerts.take(session, world.actors[Role.township_coordinator], taken.id, taken.version)
    views, total = alerts.alert_page(session, world.actors[Role.county_coordinator])
    assert total == 2
    assert [(v.recipient_name, v.status) for v in views] == [("李娜", "open"), ("王伟", "taken")]
    doctor_name = world.users[Role.community_doctor].name
    assert (views[0].owner_name, views[0].taken_by_name, views[0].source) == (doctor_name, None, "followup")
    assert views[1].taken_by_name == world.users[Role.township_coordinator].name
    assert waiting.id == views[0].id


def test_a_doctor_on_the_care_team_sees_an_alert_outside_their_township(session, world):
    recipient = make_recipient(session, world, village=world.village_b)
    doctor = world.actors[Role.community_doctor]
    team_member_moved_away(session, world, recipient, Role.community_doctor, "doctor")
    followups.record_followup(session, doctor, stable_form(recipient.id, risk_level="4"))
    views, _ = alerts.alert_page(session, doctor)
    assert [v.recipient_id for v in views] == [recipient.id]
    assert alerts.alert_page(session, world.actors[Role.township_coordinator]) == ([], 0)


def test_the_list_is_paged_with_its_total(session, world):
    for name in ("甲", "乙", "丙"):
        raise_for(session, world, name=name)
    views, total = alerts.alert_page(session, world.actors[Role.social_worker], offset=2, limit=2)
    assert (len(views), total) == (1, 3)


@pytest.mark.parametrize("role", [Role.grid_worker, Role.village_cadre, Role.caregiver, Role.volunteer])
def test_roles_that_do_not_handle_alerts_are_refused_the_list(session, world, role):
    raise_for(session, world)
    with pytest.raises(PermissionDenied):
        alerts.alert_page(session, world.actors[role])
    assert alerts.open_alerts(session, world.actors[role]) == []
