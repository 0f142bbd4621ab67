"""A small world built through the services: a county with two townships, a village in each, one user per role
in township A / village A, and recipients made on demand."""

import random
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from sqlmodel import Session

from jingkang_app.demo_people import demo_id_number
from jingkang_app.domain import clock
from jingkang_app.domain.models import (
    Area,
    ConsentRecord,
    Recipient,
    RespiteRequest,
    Role,
    ShiftSignUp,
    User,
    Volunteer,
    VolunteerShift,
)
from jingkang_app.domain.permissions import Actor
from jingkang_app.domain.services import (
    areas,
    auth,
    care_team,
    consent,
    recipients,
    referrals,
    respite,
    users,
)

PASSWORD = "correct-horse-9"


@dataclass
class World:
    county: Area
    township_a: Area
    township_b: Area
    village_a: Area
    village_b: Area
    admin: Actor
    actors: dict[Role, Actor] = field(default_factory=dict)
    users: dict[Role, User] = field(default_factory=dict)
    rng: random.Random = field(default_factory=lambda: random.Random(7))

    def actor(self, session: Session, role: Role) -> Actor:
        """Freshly resolved, so role changes made in a test are seen."""
        return auth.actor_for_user(session, self.users[role], None)

    def id_number(self, birth: date = date(1980, 5, 17), sex: str = "male") -> str:
        return demo_id_number(self.rng, "330127", birth, sex)


def _phone(n: int) -> str:
    return f"1390000{n:04d}"


def build_world(session: Session) -> World:
    county = areas.create_area(session, "示范县", "330127")
    township_a = areas.create_area(session, "城关镇", "330127001", county)
    township_b = areas.create_area(session, "青山乡", "330127002", county)
    village_a = areas.create_area(session, "南塘村", "330127001001", township_a)
    village_b = areas.create_area(session, "石桥村", "330127002001", township_b)
    session.commit()
    admin_user = users.bootstrap_admin(
        session, {"name": "管理员", "phone": _phone(1), "password": PASSWORD}, county
    )
    admin = auth.actor_for_user(session, admin_user, None)
    world = World(county, township_a, township_b, village_a, village_b, admin)
    world.users[Role.admin] = admin_user
    home = {"village": village_a, "township": township_a, "county": county}
    for n, role in enumerate(r for r in Role if r is not Role.admin):
        user = users.create_user(
            session, admin, {"name": f"{role.value}用户", "phone": _phone(10 + n), "password": PASSWORD}
        )
        users.assign_role(session, admin, user.id, role, home[users.ROLE_AREA_LEVEL[role].value].id)
        world.users[role] = user
        world.actors[role] = auth.actor_for_user(session, user, None)
    world.actors[Role.admin] = admin
    return world


def recipient_form(world: World, village: Area | None = None, **overrides) -> dict:
    """What a registration form sends for a new recipient (a fresh client id and ID number each time)."""
    return {
        "client_id": str(uuid.uuid4()),
        "area_id": (village or world.village_a).id,
        "name": "张建国",
        "id_number": world.id_number(),
        "phone": "13812345678",
        "address": "南塘村3组12号",
        "guardian_name": "李秀英",
        "guardian_relation": "spouse",
        "guardian_phone": "13987654321",
        "diagnosis": "schizophrenia",
    } | overrides


def make_recipient(session: Session, world: World, village: Area | None = None, **overrides) -> Recipient:
    data = recipient_form(world, village, **overrides)
    return recipients.create_recipient(session, world.actors[Role.county_coordinator], data)


def team_member_moved_away(
    session: Session, world: World, recipient: Recipient, role: Role, team_role: str
) -> None:
    """Puts the world's ``role`` user on the recipient's team as a worker who has since moved away: the service
    adds only users whose area covers the recipient, so the user is assigned there for the addition and then
    keeps only their own area A. Their world.actors entry was resolved with area A alone all along."""
    village = session.get(Area, recipient.area_id)
    level = users.ROLE_AREA_LEVEL[role]
    area = village if level == village.level else session.get(Area, village.parent_id)
    user_id = world.users[role].id
    there = users.assign_role(session, world.admin, user_id, role, area.id)
    care_team.add_team_member(
        session, world.actors[Role.county_coordinator], recipient.id, user_id, team_role
    )
    users.remove_role(session, world.admin, there.id)


def respite_form(recipient: Recipient, start: date, end: date, **overrides) -> dict:
    """What the caregiver's respite request form sends (a fresh client id each time)."""
    return {
        "client_id": str(uuid.uuid4()),
        "recipient_id": recipient.id,
        "kind": "home",
        "start_date": start.isoformat(),
        "end_date": end.isoformat(),
        "reason": "家里人连续照顾三个月，需要休息几天",
        "burden_answers": {"own_time": 3, "stress_duties": 2, "strained": 2, "uncertain": 1},
    } | overrides


def on_team(session: Session, world: World, recipient: Recipient, role: Role, team_role: str) -> None:
    """Puts the world's ``role`` user on the recipient's care team (added by the county coordinator)."""
    care_team.add_team_member(
        session, world.actors[Role.county_coordinator], recipient.id, world.users[role].id, team_role
    )


def make_family(session: Session, world: World, *, with_doctor: bool = False) -> Recipient:
    """A recipient whose guardian is the world's caregiver (and, if asked, whose team doctor is the world's
    doctor)."""
    recipient = make_recipient(session, world)
    on_team(session, world, recipient, Role.caregiver, "guardian")
    if with_doctor:
        on_team(session, world, recipient, Role.community_doctor, "doctor")
    return recipient


def sign_consent(
    session: Session,
    world: World,
    recipient: Recipient,
    kind: str = "service_agreement",
    signed_on: str = "2026-11-01",
    *,
    by_recipient: bool = True,
    by_guardian: bool = True,
) -> ConsentRecord:
    """A consent signed on paper and recorded by the village's grid worker."""
    return consent.record_consent(
        session,
        world.actors[Role.grid_worker],
        {
            "client_id": str(uuid.uuid4()),
            "recipient_id": recipient.id,
            "kind": kind,
            "signed_on": signed_on,
            "signed_by_recipient": by_recipient,
            "signed_by_guardian": by_guardian,
        },
    )


def make_recipient_registered_on(session: Session, world: World, day: date, **overrides) -> Recipient:
    """A recipient registered on ``day`` (10:00 in Shanghai): nothing about them may be recorded before it."""
    with clock.frozen_at(datetime.combine(day, time(2, 0), tzinfo=UTC)):
        return make_recipient(session, world, **overrides)


def subsidy_check_form(quarter: int, **overrides) -> dict:
    """What the village committee's quarterly check (看护管理记录) sends: every duty done, passed."""
    return {
        "client_id": str(uuid.uuid4()),
        "quarter": quarter,
        "reported_moves": True,
        "prevented_missing": True,
        "reported_relapse_signs": True,
        "cooperated_followups": True,
        "passed": True,
    } | overrides


def other_family(
    session: Session, world: World, village: Area | None = None, *, n: int = 0
) -> tuple[Recipient, User]:
    """A second family (in village A unless told) whose guardian is a caregiver account of its own; ``n`` (0–9)
    tells several such families apart."""
    village = village or world.village_a
    recipient = make_recipient(session, world, village, name="王伟")
    guardian = users.create_user(
        session, world.admin, {"name": "王家属", "phone": _phone(90 + n), "password": PASSWORD}
    )
    users.assign_role(session, world.admin, guardian.id, Role.caregiver, village.id)
    care_team.add_team_member(
        session, world.actors[Role.county_coordinator], recipient.id, guardian.id, "guardian"
    )
    return recipient, guardian


def user_with_role(session: Session, world: World, role: Role, area: Area, n: int = 0) -> User:
    """Another account (``n`` 0–9) holding ``role`` in ``area``, e.g. the social worker of township B."""
    user = users.create_user(
        session, world.admin, {"name": f"{area.name}{n}", "phone": _phone(80 + n), "password": PASSWORD}
    )
    users.assign_role(session, world.admin, user.id, role, area.id)
    return user


def event_form(starts_at: datetime, ends_at: datetime, **overrides) -> dict:
    """What an organiser's event form sends (a fresh client id each time); times as local ISO strings."""
    return {
        "client_id": str(uuid.uuid4()),
        "kind": "training",
        "title": "家属照护技能培训",
        "place": "城关镇社区卫生服务中心二楼会议室",
        "starts_at": starts_at.isoformat(),
        "ends_at": ends_at.isoformat(),
        "capacity": 20,
    } | overrides


# --- volunteers: rows inserted directly (the registry, shifts and sign-ups have services of their own) --------


def make_volunteer(
    session: Session, world: World, user: User | None = None, *, n: int = 1, **overrides
) -> Volunteer:
    """An approved (在册) volunteer of village A, by default the world's volunteer account; ``n`` tells several
    apart (their numbers)."""
    volunteer = Volunteer(
        client_id=str(uuid.uuid4()),
        user_id=(user or world.users[Role.volunteer]).id,
        volunteer_no=f"ZY-330127-{n:06d}",
        name="周志远",
        phone=_phone(70 + n),
        id_type="resident_id",
        id_number=world.id_number(date(1990, 3, 8)),
        area_id=world.village_a.id,
        status="active",
        created_by=world.users[Role.county_coordinator].id,
    )
    for name, value in overrides.items():
        setattr(volunteer, name, value)
    session.add(volunteer)
    session.commit()
    return volunteer


def make_shift(
    session: Session, world: World, starts_at: datetime, *, hours: float = 2, **overrides
) -> VolunteerShift:
    """An open 陪伴 shift in village A from ``starts_at`` (UTC) for ``hours``, made by the township coordinator."""
    shift = VolunteerShift(
        client_id=str(uuid.uuid4()),
        area_id=world.village_a.id,
        kind="companion",
        place="南塘村文化礼堂门口",
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=hours),
        capacity=3,
        task="陪老人散步、聊天",
        first_name="建国",
        created_by=world.users[Role.township_coordinator].id,
    )
    for name, value in overrides.items():
        setattr(shift, name, value)
    session.add(shift)
    session.commit()
    return shift


def make_sign_up(
    session: Session,
    world: World,
    shift: VolunteerShift,
    volunteer: Volunteer,
    status: str = "signed_up",
    **overrides,
) -> ShiftSignUp:
    """``volunteer`` on ``shift`` in ``status`` (signed up by default; times and minutes as overrides)."""
    sign_up = ShiftSignUp(
        client_id=str(uuid.uuid4()),
        shift_id=shift.id,
        volunteer_id=volunteer.id,
        status=status,
        created_by=volunteer.user_id or world.users[Role.township_coordinator].id,
    )
    for name, value in overrides.items():
        setattr(sign_up, name, value)
    session.add(sign_up)
    session.commit()
    return sign_up


# --- volunteers through their services (registry, shifts made by a coordinator) -------------------------------


def volunteer_form(area: Area, **overrides) -> dict:
    """What the public registration form sends (a fresh client id each time)."""
    return {
        "client_id": str(uuid.uuid4()),
        "name": "林晓燕",
        "phone": "13700001234",
        "password": PASSWORD,
        "area_id": area.id,
        "skills": ["companionship", "dialect"],
        "availability": ["tue_am", "sat_am", "sat_pm"],
        "insured_until": "2027-06-30",
        "trainings": ["volunteer_basics"],
    } | overrides


def shift_form(starts_at: datetime, hours: float = 2, **overrides) -> dict:
    """What the coordinator's shift form sends (local ISO times, a fresh client id each time)."""
    return {
        "client_id": str(uuid.uuid4()),
        "kind": "companion",
        "place": "南塘村文化礼堂门口",
        "starts_at": starts_at.isoformat(),
        "ends_at": (starts_at + timedelta(hours=hours)).isoformat(),
        "capacity": 2,
        "task": "陪老人散步、聊天",
        "first_name": "建国",
    } | overrides


def approved_respite(session: Session, world: World, start: date, end: date, **overrides) -> RespiteRequest:
    """A 居家喘息 request of the world's family (its guardian asked), approved by the township coordinator."""
    recipient = make_family(session, world)
    asked = respite.request_respite(
        session, world.actors[Role.caregiver], respite_form(recipient, start, end, **overrides)
    )
    request = asked.request
    return respite.approve(
        session, world.actors[Role.township_coordinator], request.id, {"version": request.version}
    )


# --- referrals (转介) ----------------------------------------------------------------------------------------


def referral_form(recipient: Recipient, kind: str = "rehab", **overrides) -> dict:
    """What the referral form sends (a fresh client id each time): a 精康转介 on the 其他主体协助 route by default,
    submitted at once."""
    route = {"route": "other"} if kind == "rehab" else {}
    return (
        {
            "client_id": str(uuid.uuid4()),
            "recipient_id": recipient.id,
            "kind": kind,
            "reason": "病情稳定，需要日间康复训练",
            "receiver": "城关镇精康融合服务站",
            "submit": True,
        }
        | route
        | overrides
    )


def take_referral_step(session: Session, actor: Actor, referral, step: str, **data):
    """``actor`` takes ``step`` on the referral at the version it has now."""
    return referrals.take_step(
        session, actor, referral.id, {"step": step, "version": referral.version} | data
    )
