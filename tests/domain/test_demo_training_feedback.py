"""The demo county's staff training and public feedback (jingkang_app/demo_training_feedback.py)."""

from sqlmodel import select

from jingkang_app.domain.models import Feedback, Role, User
from jingkang_app.domain.services import auth, staff_training
from jingkang_app.seed import DEMO_ACCOUNTS, load_demo_county


def test_the_demo_township_has_staff_above_and_below_twenty_hours_and_feedback_answered_and_open(session):
    load_demo_county(session)
    phones = {a.role: a.phone for a in DEMO_ACCOUNTS}
    coordinator = session.exec(select(User).where(User.phone == phones[Role.township_coordinator])).one()
    rows = staff_training.staff_hours(session, auth.actor_for_user(session, coordinator, None))
    hours = {row.name: row.minutes / 60 for row in rows if row.minutes}
    # Doctor 8 + 6 + 8, social worker 8 + 12, grid worker 2.5 + 4.
    assert hours == {"孙慧敏": 22, "郭晓丽": 20, "王志刚": 6.5}
    assert [row.name for row in rows if row.minutes and row.under_target] == ["王志刚"]
    statuses = session.exec(select(Feedback.status).order_by(Feedback.received_on)).all()
    assert statuses == ["answered", "open"]
