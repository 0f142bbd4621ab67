"""In-app notices: each user reads only their own, and opening one marks only that one read."""

from jingkang_app.domain.models import Role
from jingkang_app.domain.services import notifications
from jingkang_app.domain.services.notifications import notify


def test_opening_a_notice_marks_it_read_and_another_users_id_changes_nothing(session, world):
    doctor, coordinator = world.actors[Role.community_doctor], world.actors[Role.township_coordinator]
    for n in (1, 2):
        notify(
            session,
            {doctor.user_id},
            "alert_raised",
            params={"name": "甲", "risk": 3},
            link="/",
            dedupe=f"d{n}",
        )
    notify(
        session, {coordinator.user_id}, "alert_raised", params={"name": "乙", "risk": 3}, link="/", dedupe="c"
    )
    session.commit()
    first = notifications.list_notifications(session, doctor)[-1]
    notifications.mark_read(session, doctor, first.id)
    others = notifications.list_notifications(session, coordinator)[0]
    notifications.mark_read(session, doctor, others.id)
    assert notifications.unread_count(session, doctor) == 1
    assert notifications.unread_count(session, coordinator) == 1
