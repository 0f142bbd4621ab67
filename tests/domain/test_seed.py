from sqlmodel import SQLModel, func, select

from jingkang_app.domain import clock
from jingkang_app.domain.models import (
    Area,
    AreaLevel,
    EventSignUp,
    FamilyEvent,
    GuardianSubsidy,
    PointsEntry,
    Recipient,
    RespiteRequest,
    Role,
    RoleAssignment,
    ShiftSignUp,
    SubsidyCheck,
    User,
    Volunteer,
)
from jingkang_app.domain.rules.subsidy import quarter_of
from jingkang_app.domain.services import auth, referral_queue
from jingkang_app.seed import DEMO_ACCOUNTS, DEMO_PASSWORD, load_demo_county


def row_counts(session) -> dict[str, int]:
    return {
        table.name: session.exec(select(func.count()).select_from(table)).one()
        for table in SQLModel.metadata.sorted_tables
    }


def test_the_demo_county_has_its_areas_recipients_and_one_account_per_role(session):
    load_demo_county(session)
    levels = session.exec(select(Area.level, func.count()).group_by(Area.level)).all()
    assert dict(levels) == {AreaLevel.county: 1, AreaLevel.township: 3, AreaLevel.village: 12}
    assert session.exec(select(func.count()).select_from(Recipient)).one() == 200
    assert {Role(r) for r in session.exec(select(RoleAssignment.role))} == set(Role)


def test_loading_the_demo_county_twice_changes_nothing(session):
    load_demo_county(session)
    before = row_counts(session)
    load_demo_county(session)
    assert row_counts(session) == before


def test_every_demo_account_logs_in_with_the_documented_password(session):
    load_demo_county(session)
    for account in DEMO_ACCOUNTS:
        assert auth.login(session, account.phone, DEMO_PASSWORD).actor.roles == (account.role,)


def test_the_demo_families_have_respite_work_an_approved_guardian_subsidy_and_events(session):
    load_demo_county(session)
    statuses = sorted(session.exec(select(RespiteRequest.status)).all())
    assert statuses == [
        "completed",
        "pending",
    ]  # the coordinator's queue has work; history shows a finished one
    guardian = session.exec(select(User).where(User.phone == DEMO_ACCOUNTS[-1].phone)).one()
    mine = session.exec(select(RespiteRequest).where(RespiteRequest.created_by == guardian.id)).one()
    assert (mine.status, mine.burden_answers["own_time"]) == ("pending", 3)
    subsidy = session.exec(select(GuardianSubsidy)).one()
    assert (subsidy.guardian_id, subsidy.status) == (guardian.id, "approved")
    checked = session.exec(select(SubsidyCheck.quarter).where(SubsidyCheck.subsidy_id == subsidy.id)).all()
    applied = subsidy.created_at.astimezone(clock.LOCAL_TZ).date()
    assert checked == list(range(quarter_of(applied), quarter_of(clock.today())))
    kinds = session.exec(select(FamilyEvent.kind).order_by(FamilyEvent.starts_at)).all()
    assert kinds == ["training", "mutual_aid"]
    assert session.exec(select(EventSignUp.created_by)).all() == [guardian.id]


def test_the_demo_volunteer_is_approved_with_verified_hours_points_and_next_weeks_shift(session):
    load_demo_county(session)
    phone = next(a.phone for a in DEMO_ACCOUNTS if a.role == Role.volunteer)
    volunteer = session.exec(select(Volunteer).where(Volunteer.phone == phone)).one()
    assert (volunteer.status, volunteer.volunteer_no != "") == ("active", True)
    sign_ups = session.exec(
        select(ShiftSignUp.status, ShiftSignUp.verified_minutes).where(
            ShiftSignUp.volunteer_id == volunteer.id
        )
    ).all()
    # A month ago: checked in 08:55, out 11:05 — 130 minutes, inside the 2-hour activity plus its 30-minute tolerance.
    assert sorted(sign_ups, key=str) == sorted([("verified", 130), ("signed_up", None)], key=str)
    points = session.exec(select(PointsEntry.points).where(PointsEntry.volunteer_id == volunteer.id)).all()
    assert points == [130 * 10 // 60]
    waiting = session.exec(select(Volunteer.status).where(Volunteer.phone != phone)).all()
    assert waiting == ["pending"]


def test_the_township_coordinator_finds_the_demo_countys_late_rehab_referral(session):
    load_demo_county(session)
    coordinator = next(a for a in DEMO_ACCOUNTS if a.role == Role.township_coordinator)
    actor = auth.login(session, coordinator.phone, DEMO_PASSWORD).actor
    rows, _ = referral_queue.referral_list(session, actor)
    late, _ = referral_queue.referral_list(session, actor, late_only=True)
    # Besides the 上转 drafts the demo history's relapse alerts left:
    assert sorted(row.status for row in rows if row.status != "draft") == [
        "applied",
        "in_service",
        "initiated",
    ]
    assert [(row.kind, row.status, row.late_step) for row in late] == [("rehab", "applied", "register")]
