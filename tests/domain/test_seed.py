from sqlmodel import SQLModel, func, select

from jingkang_app.domain.models import Area, AreaLevel, Recipient, Role, RoleAssignment
from jingkang_app.domain.services import auth
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
