import pytest
from sqlmodel import select

from jingkang_app.domain.errors import DomainError, PermissionDenied, ValidationFailed
from jingkang_app.domain.models import AuditLog, Role, User
from jingkang_app.domain.services import auth, users
from tests.factories import build_world


@pytest.fixture
def world(session, fake_clock):
    return build_world(session)


def test_an_administrator_creates_a_user_with_a_normalised_phone(session, world):
    user = users.create_user(
        session, world.admin, {"name": "赵网格", "phone": "+86 138-0000-1234", "password": "long-enough"}
    )
    assert user.phone == "13800001234"
    assert session.exec(
        select(AuditLog).where(AuditLog.action == "user.create", AuditLog.entity_id == user.id)
    ).one()


def test_a_new_user_is_checked_field_by_field(session, world):
    with pytest.raises(ValidationFailed) as refused:
        users.create_user(session, world.admin, {"name": "", "phone": "12345", "password": "short"})
    assert {f: e.key for f, e in refused.value.errors.items()} == {
        "name": "error.required",
        "phone": "error.mobile_invalid",
        "password": "error.password_too_short",
    }


def test_a_phone_number_can_belong_to_one_account_only(session, world):
    with pytest.raises(ValidationFailed) as refused:
        users.create_user(
            session,
            world.admin,
            {"name": "重复", "phone": world.users[Role.grid_worker].phone, "password": "x" * 8},
        )
    assert refused.value.errors["phone"].key == "error.phone_taken"


@pytest.mark.parametrize("role", [r for r in Role if r is not Role.admin], ids=lambda r: r.value)
def test_only_administrators_manage_accounts(session, world, role):
    with pytest.raises(PermissionDenied):
        users.create_user(
            session, world.actors[role], {"name": "某人", "phone": "13800001234", "password": "x" * 8}
        )
    assert session.exec(select(User).where(User.phone == "13800001234")).first() is None


def test_a_role_is_assigned_at_its_level_of_area(session, world):
    user = users.create_user(
        session, world.admin, {"name": "钱医生", "phone": "13800001234", "password": "x" * 8}
    )
    with pytest.raises(ValidationFailed) as refused:
        users.assign_role(session, world.admin, user.id, "community_doctor", world.village_a.id)
    assert refused.value.errors["area"].key == "error.role_area_level_township"
    users.assign_role(session, world.admin, user.id, "community_doctor", world.township_a.id)
    assert auth.actor_for_user(session, user, None).roles == (Role.community_doctor,)


def test_a_user_may_hold_several_roles_and_lose_one(session, world):
    user = world.users[Role.grid_worker]
    extra = users.assign_role(session, world.admin, user.id, "volunteer", world.village_b.id)
    assert set(auth.actor_for_user(session, user, None).roles) == {Role.grid_worker, Role.volunteer}
    users.remove_role(session, world.admin, extra.id)
    assert auth.actor_for_user(session, user, None).roles == (Role.grid_worker,)


def test_an_administrator_cannot_lock_themselves_out(session, world):
    with pytest.raises(DomainError):
        users.set_active(session, world.admin, world.admin.user_id, False)


def test_the_user_list_shows_roles_and_areas_and_is_searchable(session, world):
    rows, total = users.list_users(session, world.admin, search="grid_worker")
    assert total == 1
    assert [(role, area) for _id, role, area in rows[0].roles] == [("grid_worker", "南塘村")]


def test_the_language_choice_is_remembered_on_the_account(session, world):
    users.set_language(session, world.actors[Role.grid_worker], "en")
    assert session.get(User, world.users[Role.grid_worker].id).lang == "en"
    with pytest.raises(DomainError):
        users.set_language(session, world.actors[Role.grid_worker], "fr")
