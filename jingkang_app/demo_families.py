"""Family support in the demo county, recorded through the real services on a clock set back to each day: the demo
caregiver's pending respite request (work for the township coordinator's queue), another family's respite that
was approved, arranged and completed, and the demo guardian's 监护补贴 for this year, approved, with the village
committee's check of every quarter that has ended; next week's caregiver training (the demo family signed up)
and a mutual-aid group.

Deterministic client ids, and each later step only when its record was new, so loading twice adds nothing.
"""

from datetime import date, datetime, time, timedelta

from sqlmodel import Session

from jingkang_app.demo_history import days_ago
from jingkang_app.domain import clock
from jingkang_app.domain.models import Recipient
from jingkang_app.domain.permissions import Actor
from jingkang_app.domain.rules.subsidy import quarter_of
from jingkang_app.domain.services import event_sign_ups, events, respite, subsidy, subsidy_year

# ZBI-4 answers of a caregiver under strain (score 10 of 16: above the cut-off of 8).
STRAINED = {"own_time": 3, "stress_duties": 3, "strained": 2, "uncertain": 2}
SUBSIDY_APPLIED_DAYS_AGO = 150


def _ask(session: Session, asker: Actor, recipient: Recipient, key: str, start: date, days: int, reason: str):
    return respite.request_respite(
        session,
        asker,
        {
            "client_id": f"demo-respite-{recipient.id}-{key}",
            "recipient_id": recipient.id,
            "kind": "home",
            "start_date": start.isoformat(),
            "end_date": (start + timedelta(days=days - 1)).isoformat(),
            "reason": reason,
            "burden_answers": STRAINED,
        },
    )


def _respite(
    session: Session, caregiver: Actor, social_worker: Actor, coordinator: Actor, relative, neighbour
):
    with days_ago(2):
        _ask(
            session,
            caregiver,
            relative,
            "pending",
            clock.today() + timedelta(days=12),
            3,
            "连续照顾半年，想休息几天",
        )
    with days_ago(20):
        saved = _ask(
            session,
            social_worker,
            neighbour,
            "done",
            clock.today() + timedelta(days=10),
            3,
            "照护者需要住院检查",
        )
    if saved.repeat:
        return
    request = saved.request
    with days_ago(19):
        request = respite.approve(session, coordinator, request.id, {"version": request.version})
    with days_ago(18):
        request = respite.arrange(
            session, coordinator, request.id, {"version": request.version, "carer": "王秀英（护理员）"}
        )
    with days_ago(7):
        respite.complete(session, coordinator, request.id, {"version": request.version})


def _subsidy(session: Session, caregiver: Actor, cadre: Actor, coordinator: Actor, relative: Recipient):
    # Applied within this year (the only year whose quarters can be checked yet), approved three days later.
    new_year = date(clock.today().year, 1, 1)
    applied_days_ago = min(SUBSIDY_APPLIED_DAYS_AGO, (clock.today() - new_year).days)
    with days_ago(applied_days_ago) as applied:
        form = {"client_id": f"demo-subsidy-{relative.id}", "recipient_id": relative.id}
        saved = subsidy.apply(session, caregiver, form)
    if saved.repeat:
        return
    with days_ago(max(applied_days_ago - 3, 0)):
        subsidy.approve(session, coordinator, saved.subsidy.id, {"version": saved.subsidy.version})
    # The committee checks each quarter that has ended since the application, on its last day.
    for quarter in range(quarter_of(applied), quarter_of(clock.today())):
        last_day = date(applied.year, 3 * quarter + 1, 1) - timedelta(days=1)
        with days_ago((clock.today() - last_day).days):
            subsidy_year.record_check(
                session,
                cadre,
                saved.subsidy.id,
                {
                    "client_id": f"demo-subsidy-{relative.id}-q{quarter}",
                    "quarter": quarter,
                    "reported_moves": True,
                    "prevented_missing": True,
                    "reported_relapse_signs": True,
                    "cooperated_followups": True,
                    "passed": True,
                },
            )


def _events(session: Session, caregiver: Actor, coordinator: Actor, relative: Recipient) -> None:
    """Next week's caregiver training (the demo family has signed up) and a mutual-aid group the week after."""
    plans = (
        ("training", "家属照护技能培训：识别复发早期信号", 7, "城关镇社区卫生服务中心二楼会议室", 30),
        ("mutual_aid", "家属互助小组：照护经验分享", 14, "城关镇精康融合服务站活动室", 12),
    )
    published = []
    for kind, title, in_days, place, capacity in plans:
        starts = datetime.combine(clock.today() + timedelta(days=in_days), time(14, 30))
        form = {
            "client_id": f"demo-event-{kind}-{relative.area_id}",
            "kind": kind,
            "title": title,
            "place": place,
            "starts_at": starts.isoformat(),
            "ends_at": (starts + timedelta(hours=2)).isoformat(),
            "capacity": capacity,
        }
        published.append(events.publish_event(session, coordinator, form))
    training = published[0]
    if not training.repeat:
        form = {"client_id": f"demo-sign-up-{relative.id}", "recipient_id": relative.id}
        event_sign_ups.sign_up(session, caregiver, training.event.id, form)


def load_demo_families(
    session: Session,
    *,
    caregiver: Actor,
    social_worker: Actor,
    cadre: Actor,
    coordinator: Actor,
    relative: Recipient,
    neighbour: Recipient,
) -> None:
    """``relative``: the demo caregiver's; ``neighbour``: another recipient of the home village."""
    _respite(session, caregiver, social_worker, coordinator, relative, neighbour)
    _subsidy(session, caregiver, cadre, coordinator, relative)
    _events(session, caregiver, coordinator, relative)
