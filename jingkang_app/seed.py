"""The demo county: 1 county, 3 townships, 12 villages, 200 recipients and one account per role.

Deterministic and idempotent: everything is looked up by its natural key (area code, phone, client id) before
it is created, so loading twice changes nothing. Run: ``python -m jingkang_app.seed``.
"""

import os
import random
import unicodedata
from dataclasses import dataclass

from sqlmodel import Session, select

from jingkang_app import demo_families, demo_history, demo_referrals, demo_training_feedback, demo_volunteers
from jingkang_app.demo_people import DEMO_TOWNSHIPS, DemoPerson, demo_recipients
from jingkang_app.domain.db import session_scope
from jingkang_app.domain.models import Area, Role, TeamRole, User
from jingkang_app.domain.permissions import Actor
from jingkang_app.domain.services import areas, auth, care_team, recipients, users
from jingkang_app.i18n import t

COUNTY_NAME = "示范县"
COUNTY_CODE = "330127"
RECIPIENT_COUNT = 200
DEMO_PASSWORD = "jingkang2026"
SEED = 20261123
HOME_TOWNSHIP = "城关镇"
HOME_VILLAGE = "南塘村"


@dataclass(frozen=True)
class DemoAccount:
    role: Role
    name: str
    phone: str
    area: str  # "county", or a township / village name


DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount(Role.admin, "周文斌", "13900000001", "county"),
    DemoAccount(Role.county_coordinator, "陈丽华", "13900000002", "county"),
    DemoAccount(Role.township_coordinator, "刘海涛", "13900000003", HOME_TOWNSHIP),
    DemoAccount(Role.community_doctor, "孙慧敏", "13900000004", HOME_TOWNSHIP),
    DemoAccount(Role.social_worker, "郭晓丽", "13900000005", HOME_TOWNSHIP),
    DemoAccount(Role.grid_worker, "王志刚", "13900000006", HOME_VILLAGE),
    DemoAccount(Role.village_cadre, "李德明", "13900000007", HOME_VILLAGE),
    DemoAccount(Role.volunteer, "赵雨婷", "13900000008", HOME_VILLAGE),
    # The caregiver's name is taken from the guardian of their relative (the first recipient of the village).
    DemoAccount(Role.caregiver, "", "13900000009", HOME_VILLAGE),
)

HOUSEHOLD_CODES = {"城镇": "urban", "农村": "rural"}
ECONOMIC_CODES = {"贫困": "poor", "非贫困": "not_poor", "不详": "unknown"}
RELATION_CODES = {
    "父亲": "father",
    "母亲": "mother",
    "配偶": "spouse",
    "兄弟": "sibling",
    "姐妹": "sibling",
    "儿子": "son",
    "女儿": "daughter",
}
DIAGNOSIS_CODES = {
    "精神分裂症": "schizophrenia",
    "分裂情感性障碍": "schizoaffective",
    "偏执性精神病": "paranoid_psychosis",
    "双相(情感)障碍": "bipolar",
    "双相情感障碍": "bipolar",
    "癫痫所致精神障碍": "epilepsy_psychosis",
    "精神发育迟滞伴发精神障碍": "intellectual_disability",
}
# The staff on every home-village recipient's care team, each in the team role their account role fills.
_TEAM_STAFF = (Role.grid_worker, Role.community_doctor, Role.social_worker)


def _area_tree(session: Session) -> dict[str, Area]:
    """County, townships and villages by name (plus "county"), created where missing."""
    county = areas.get_by_code(session, COUNTY_CODE) or areas.create_area(session, COUNTY_NAME, COUNTY_CODE)
    tree = {"county": county}
    for n, (township_name, villages) in enumerate(DEMO_TOWNSHIPS.items(), start=1):
        code = f"{COUNTY_CODE}{n:03d}"
        township = areas.get_by_code(session, code) or areas.create_area(session, township_name, code, county)
        tree[township_name] = township
        for v, village_name in enumerate(villages, start=1):
            vcode = f"{code}{v:03d}"
            tree[village_name] = areas.get_by_code(session, vcode) or areas.create_area(
                session, village_name, vcode, township
            )
    session.commit()
    return tree


def _recipient_form(n: int, person: DemoPerson, village: Area) -> dict:
    return {
        "client_id": f"demo-recipient-{n:04d}",
        "area_id": village.id,
        "name": person.name,
        "id_number": person.id_number,
        "phone": person.mobile,
        "address": person.address,
        "hukou_local": person.county_hukou,
        "household_type": HOUSEHOLD_CODES.get(person.household_type, "rural"),
        "diagnosis": DIAGNOSIS_CODES.get(person.diagnosis, "other"),
        "diagnosis_hospital": person.diagnosis_hospital,
        "diagnosis_date": person.diagnosis_date.isoformat(),
        "disability_level": person.disability_level or "",
        "economic_status": ECONOMIC_CODES.get(person.economic_status, "unknown"),
        "low_income": person.dibao,
        "extreme_poverty": person.tekun,
        "employment": person.employment_code,
        "guardian_name": person.guardian.name,
        "guardian_relation": RELATION_CODES.get(person.guardian.relation, "other"),
        "guardian_phone": person.guardian.mobile,
        "guardian_address": person.guardian.address,
    }


def _account(session: Session, admin: Actor, account: DemoAccount, name: str, area: Area) -> User:
    user = session.exec(select(User).where(User.phone == account.phone)).first()
    if user is None:
        user = users.create_user(
            session, admin, {"name": name, "phone": account.phone, "password": DEMO_PASSWORD}
        )
    users.assign_role(session, admin, user.id, account.role, area.id)
    return user


def load_demo_county(session: Session) -> dict[str, int]:
    tree = _area_tree(session)
    admin_account = DEMO_ACCOUNTS[0]
    admin_user = session.exec(select(User).where(User.phone == admin_account.phone)).first()
    if admin_user is None:
        admin_user = users.bootstrap_admin(
            session,
            {"name": admin_account.name, "phone": admin_account.phone, "password": DEMO_PASSWORD},
            tree["county"],
        )
    admin = auth.actor_for_user(session, admin_user, None)

    people = demo_recipients(
        random.Random(SEED), COUNTY_CODE, [v for vs in DEMO_TOWNSHIPS.values() for v in vs], RECIPIENT_COUNT
    )
    relative_form = next(
        _recipient_form(n, p, tree[p.village]) for n, p in enumerate(people, 1) if p.village == HOME_VILLAGE
    )
    caregiver_phone = DEMO_ACCOUNTS[-1].phone
    staff: dict[Role, User] = {Role.admin: admin_user}
    for account in DEMO_ACCOUNTS[1:]:
        if account.role == Role.volunteer:
            continue  # registers on the public form below and is approved by the township coordinator
        name = account.name or relative_form["guardian_name"]
        staff[account.role] = _account(session, admin, account, name, tree[account.area])

    registrar = auth.actor_for_user(session, staff[Role.county_coordinator], None)
    created = []
    # Registered before the demo history starts: nothing is recorded about a recipient before registration.
    with demo_history.days_ago(demo_history.HISTORY_DAYS + 30):
        for n, person in enumerate(people, start=1):
            form = _recipient_form(n, person, tree[person.village])
            if form["client_id"] == relative_form["client_id"]:
                form["guardian_phone"] = caregiver_phone  # the demo caregiver is this guardian
            created.append(recipients.create_recipient(session, registrar, form))

    relative = next(r for r in created if r.client_id == relative_form["client_id"])
    care_team.add_team_member(session, registrar, relative.id, staff[Role.caregiver].id, TeamRole.guardian)
    for recipient in created:
        if recipient.area_id == tree[HOME_VILLAGE].id:
            for role in _TEAM_STAFF:
                team_role = care_team.TEAM_ROLES[role][0]
                care_team.add_team_member(session, registrar, recipient.id, staff[role].id, team_role)
    home_villages = {tree[name].id for name in DEMO_TOWNSHIPS[HOME_TOWNSHIP]}
    demo_history.load_demo_history(
        session,
        doctor=auth.actor_for_user(session, staff[Role.community_doctor], None),
        grid_worker=auth.actor_for_user(session, staff[Role.grid_worker], None),
        township=[r for r in created if r.area_id in home_villages],
        village_ids={tree[HOME_VILLAGE].id},
        seed=SEED,
    )
    actor = {role: auth.actor_for_user(session, user, None) for role, user in staff.items()}
    volunteer_account = next(a for a in DEMO_ACCOUNTS if a.role == Role.volunteer)
    demo_families.load_demo_families(
        session,
        caregiver=actor[Role.caregiver],
        social_worker=actor[Role.social_worker],
        cadre=actor[Role.village_cadre],
        coordinator=actor[Role.township_coordinator],
        relative=relative,
        neighbour=next(r for r in created if r.area_id == tree[HOME_VILLAGE].id and r.id != relative.id),
    )
    demo_volunteers.load_demo_volunteers(
        session,
        coordinator=actor[Role.township_coordinator],
        account_phone=volunteer_account.phone,
        password=DEMO_PASSWORD,
        area=tree[volunteer_account.area],
    )
    demo_training_feedback.load_demo_training_feedback(
        session,
        coordinator=actor[Role.township_coordinator],
        staff={
            "doctor": staff[Role.community_doctor],
            "social_worker": staff[Role.social_worker],
            "grid_worker": staff[Role.grid_worker],
        },
        township=tree[HOME_TOWNSHIP],
    )
    neighbours = [r for r in created if r.area_id == tree[HOME_VILLAGE].id and r.id != relative.id]
    demo_referrals.load_demo_referrals(
        session,
        grid_worker=actor[Role.grid_worker],
        social_worker=actor[Role.social_worker],
        coordinator=actor[Role.township_coordinator],
        recipients=neighbours[1:4],  # the first is the respite neighbour
    )
    return {"areas": len(tree), "recipients": len(created), "accounts": len(DEMO_ACCOUNTS)}


def _pad(text: str, width: int) -> str:
    """Left-aligns for a terminal, where a Chinese character takes two columns."""
    columns = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(1, width - columns)


def demo_logins_table(lang: str = "zh-CN") -> str:
    rows = [(t("seed.role", lang), t("login.phone", lang), t("login.password", lang))]
    rows += [(t(f"role.{a.role.value}", lang), a.phone, DEMO_PASSWORD) for a in DEMO_ACCOUNTS]
    return "\n".join(_pad(role, 20) + _pad(phone, 14) + password for role, phone, password in rows)


if __name__ == "__main__":
    with session_scope() as db_session:
        counts = load_demo_county(db_session)
    port = os.environ.get("PORT", "3000")
    print(f"示范县已就绪：{counts['recipients']} 名服务对象，{counts['accounts']} 个演示账户")
    print(f"精康: http://localhost:{port}\n")
    print(demo_logins_table())
