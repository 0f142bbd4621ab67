"""Staff training and public feedback in the demo county, through the real services: the township coordinator has
recorded this year's courses of the home township's doctor and social worker (past the 20-hour target) and of the
grid worker (well below it, so the /training page has someone to chase); the public sent two pieces of feedback
about the home township, one answered a week ago and one still open.

Deterministic client ids; an answer only when its feedback was new, so loading twice adds nothing.
"""

from datetime import date, timedelta

from sqlmodel import Session

from jingkang_app.demo_history import days_ago
from jingkang_app.domain import clock
from jingkang_app.domain.models import Area, User
from jingkang_app.domain.permissions import Actor
from jingkang_app.domain.services import feedback, staff_training

# (key, who, course, organiser, hours, days ago)
COURSES = (
    ("doctor-1", "doctor", "严重精神障碍患者危险性评估与应急处置", "县精神卫生中心", "8", 200),
    ("doctor-2", "doctor", "抗精神病药物规范使用与不良反应识别", "县卫生健康局", "6", 120),
    ("doctor-3", "doctor", "精神障碍社区康复服务规范", "县民政局", "8", 40),
    ("social-1", "social_worker", "精神障碍社区康复服务规范", "县民政局", "8", 40),
    ("social-2", "social_worker", "家庭支持与照护者减压小组带领", "市社会工作者协会", "12", 90),
    ("grid-1", "grid_worker", "入户走访与精神障碍早期识别", "城关镇卫生院", "2.5", 60),
    ("grid-2", "grid_worker", "精神障碍社区康复服务规范", "县民政局", "4", 40),
)
ANSWERED_DAYS_AGO, OPEN_DAYS_AGO = 12, 2


def _trained_on(days: int) -> date:
    """``days`` ago, kept inside this year so each total reads as this year's."""
    today = clock.today()
    return max(today - timedelta(days=days), date(today.year, 1, 1))


def _courses(session: Session, coordinator: Actor, staff: dict[str, User]) -> None:
    for key, who, course, organiser, hours, days in COURSES:
        form = {
            "client_id": f"demo-training-{key}",
            "user_id": staff[who].id,
            "course": course,
            "organiser": organiser,
            "hours": hours,
            "trained_on": _trained_on(days).isoformat(),
        }
        staff_training.record_training(session, coordinator, form)


def _feedback(session: Session, coordinator: Actor, township: Area) -> None:
    with days_ago(ANSWERED_DAYS_AGO):
        answered = feedback.submit_feedback(
            session,
            {
                "client_id": "demo-feedback-answered",
                "kind": "suggestion",
                "area_id": township.id,
                "content": "建议康复站周六上午也开放，家属上班的日子没法陪孩子过来。",
                "contact_name": "周女士",
                "contact_phone": "13588886666",
            },
        )
    if not answered.repeat:
        with days_ago(ANSWERED_DAYS_AGO - 3):
            feedback.answer_feedback(
                session,
                coordinator,
                int(answered.reference.removeprefix("FK-")),
                {
                    "version": 1,
                    "answer": "感谢建议。自下月起，城关镇康复站每周六上午 9:00–11:30 开放，已电话告知周女士。",
                },
            )
    with days_ago(OPEN_DAYS_AGO):
        feedback.submit_feedback(
            session,
            {
                "client_id": "demo-feedback-open",
                "kind": "complaint",
                "area_id": township.id,
                "content": "上周四约好的上门随访，医生没有来，也没有提前通知。",
            },
        )


def load_demo_training_feedback(
    session: Session, *, coordinator: Actor, staff: dict[str, User], township: Area
) -> None:
    """``staff`` holds the home township's "doctor", "social_worker" and "grid_worker" accounts."""
    _courses(session, coordinator, staff)
    _feedback(session, coordinator, township)
