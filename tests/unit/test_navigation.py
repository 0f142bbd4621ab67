from itertools import combinations

import pytest

from jingkang_app.domain.models import Role
from jingkang_app.navigation import MAX_BOTTOM_ITEMS, NAV_ITEMS, home_for, nav_for

ALERT_HANDLERS = {
    Role.community_doctor,
    Role.social_worker,
    Role.township_coordinator,
    Role.county_coordinator,
}


@pytest.mark.parametrize(
    ("role", "home"),
    [
        (Role.grid_worker, "/tasks"),
        (Role.village_cadre, "/tasks"),
        (Role.community_doctor, "/tasks"),
        (Role.social_worker, "/tasks"),
        (Role.volunteer, "/volunteer"),
        (Role.caregiver, "/family"),
        (Role.township_coordinator, "/overview"),
        (Role.county_coordinator, "/overview"),
        (Role.admin, "/admin/users"),
    ],
)
def test_each_role_lands_on_its_own_home(role, home):
    assert home_for([role.value]) == home
    assert home in [item.route for item in nav_for([role.value])]


@pytest.mark.parametrize("role", list(Role), ids=str)
def test_a_single_role_gets_every_item_meant_for_it_within_five(role):
    items = nav_for([role.value])
    assert items == [item for item in NAV_ITEMS if role in item.roles]
    assert len(items) <= MAX_BOTTOM_ITEMS


@pytest.mark.parametrize("roles", list(combinations(list(Role), 2)) + [tuple(Role)], ids=str)
def test_no_combination_of_roles_shows_more_than_five_items_and_me_is_always_there(roles):
    routes = [item.route for item in nav_for(list(roles))]
    assert 1 <= len(routes) <= MAX_BOTTOM_ITEMS
    assert routes[-1] == "/me"


def test_the_roles_that_handle_alerts_get_the_alert_page_and_the_rehab_record():
    for role in Role:
        routes = [item.route for item in nav_for([role.value])]
        assert ("/alerts" in routes) is (role in ALERT_HANDLERS), role
        assert ("/rehab/new" in routes) is (role in ALERT_HANDLERS), role


def test_a_doctor_who_is_also_a_caregiver_keeps_the_alerts_and_loses_the_rehab_shortcut_first():
    routes = [item.route for item in nav_for(["community_doctor", "caregiver"])]
    assert routes == ["/tasks", "/family", "/alerts", "/recipients", "/me"]


def test_a_caregiver_never_gets_the_recipient_list():
    assert "/recipients" not in [item.route for item in nav_for(["caregiver"])]


def test_a_user_without_roles_lands_on_their_own_page():
    assert home_for([]) == "/me"


def test_a_volunteer_has_their_own_pages_and_no_due_list():
    assert [item.route for item in nav_for(["volunteer"])] == ["/volunteer", "/shifts", "/me"]


def test_a_grid_worker_who_volunteers_lands_on_the_due_list_and_keeps_the_volunteer_pages():
    assert home_for(["grid_worker", "volunteer"]) == "/tasks"
    routes = [item.route for item in nav_for(["grid_worker", "volunteer"])]
    assert routes == ["/tasks", "/recipients", "/volunteer", "/shifts", "/me"]
