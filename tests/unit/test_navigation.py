from itertools import combinations

import pytest

from jingkang_app.domain.models import Role
from jingkang_app.navigation import MAX_BOTTOM_ITEMS, home_for, nav_for


@pytest.mark.parametrize(
    ("role", "home"),
    [
        (Role.grid_worker, "/tasks"),
        (Role.village_cadre, "/tasks"),
        (Role.community_doctor, "/tasks"),
        (Role.social_worker, "/tasks"),
        (Role.volunteer, "/tasks"),
        (Role.caregiver, "/family"),
        (Role.township_coordinator, "/overview"),
        (Role.county_coordinator, "/overview"),
        (Role.admin, "/admin/users"),
    ],
)
def test_each_role_lands_on_its_own_home(role, home):
    assert home_for([role.value]) == home
    assert home in [item.route for item in nav_for([role.value])]


@pytest.mark.parametrize("roles", list(combinations(list(Role), 2)) + [tuple(Role)], ids=str)
def test_no_combination_of_roles_shows_more_than_five_items(roles):
    items = nav_for(list(roles))
    assert 1 <= len(items) <= MAX_BOTTOM_ITEMS
    assert "/me" in [item.route for item in items] or len(items) == MAX_BOTTOM_ITEMS


def test_a_caregiver_never_gets_the_recipient_list():
    assert "/recipients" not in [item.route for item in nav_for(["caregiver"])]


def test_a_user_without_roles_lands_on_their_own_page():
    assert home_for([]) == "/me"
