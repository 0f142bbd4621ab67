"""Which navigation items a user's roles show, and where each role lands after login.

Navigation is convenience only: every page and handler still asks domain.permissions on the server.
"""

from dataclasses import dataclass

from jingkang_app.domain.models import Role
from jingkang_app.domain.permissions import POLICY, Action

# Roles with a due-list on /tasks. Volunteers reach no recipient record, so theirs would always be empty: they
# have their own pages (我的服务, 志愿岗位) instead.
FIELD_ROLES = {
    Role.grid_worker,
    Role.village_cadre,
    Role.community_doctor,
    Role.social_worker,
}
COORDINATORS = {Role.township_coordinator, Role.county_coordinator}
RECIPIENT_LISTERS = FIELD_ROLES | COORDINATORS
VOLUNTEERS = frozenset({Role.volunteer})


def roles_that(action: Action) -> frozenset[Role]:
    """Roles granted ``action`` by the policy table, so the navigation follows permissions.py."""
    return frozenset(role for role, (_reach, actions) in POLICY.items() if action in actions)


@dataclass(frozen=True)
class NavItem:
    key: str  # catalogue key of the label
    route: str
    icon: str  # lucide icon name
    roles: frozenset[Role]


NAV_ITEMS: tuple[NavItem, ...] = (
    NavItem("nav.tasks", "/tasks", "list-checks", frozenset(FIELD_ROLES)),
    NavItem("nav.family", "/family", "house", frozenset({Role.caregiver})),
    NavItem("nav.overview", "/overview", "layout-dashboard", frozenset(COORDINATORS)),
    NavItem("nav.alerts", "/alerts", "siren", roles_that(Action.alert_handle)),
    NavItem("nav.recipients", "/recipients", "users", frozenset(RECIPIENT_LISTERS)),
    NavItem("nav.users", "/admin/users", "user-cog", frozenset({Role.admin})),
    NavItem("nav.my_service", "/volunteer", "hand-heart", VOLUNTEERS),
    NavItem("nav.volunteer_shifts", "/shifts", "calendar-check", VOLUNTEERS),
    # 监护补贴: the village committee's quarterly checks (coordinators reach the page from the overview).
    NavItem("nav.subsidies", "/subsidies", "hand-coins", frozenset({Role.village_cadre})),
    # 家属活动: a caregiver alone sees it right after 我的家人; placed here so that a worker who is also a
    # caregiver loses it before their work items when the bar is full (organisers reach /events by link cards).
    NavItem("nav.events", "/events", "calendar-days", frozenset({Role.caregiver})),
    # Last before 我的: the item a user holding several roles loses first when the bar is full.
    NavItem("nav.rehab", "/rehab/new", "heart-handshake", roles_that(Action.rehab_record)),
    NavItem("nav.me", "/me", "circle-user", frozenset(Role)),
)
# A 360 px phone fits five items of four characters; every single role needs at most five.
MAX_BOTTOM_ITEMS = 5

# The first matching role decides the landing page of a user who holds several.
_HOME_ORDER: tuple[tuple[frozenset[Role], str], ...] = (
    (frozenset(COORDINATORS), "/overview"),
    (frozenset(FIELD_ROLES), "/tasks"),
    (frozenset({Role.caregiver}), "/family"),
    (VOLUNTEERS, "/volunteer"),
    (frozenset({Role.admin}), "/admin/users"),
)


def nav_for(roles: list[str] | tuple[Role, ...]) -> list[NavItem]:
    """The user's items in bar order. A user whose roles add up to more than fit keeps the first ones and
    always 我的 (language, logout)."""
    held = {Role(r) for r in roles}
    items = [item for item in NAV_ITEMS if item.roles & held]
    if len(items) <= MAX_BOTTOM_ITEMS:
        return items
    return [*items[: MAX_BOTTOM_ITEMS - 1], items[-1]]


def home_for(roles: list[str] | tuple[Role, ...]) -> str:
    held = {Role(r) for r in roles}
    for group, route in _HOME_ORDER:
        if group & held:
            return route
    return "/me"
