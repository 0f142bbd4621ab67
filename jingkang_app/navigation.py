"""Which navigation items a user's roles show, and where each role lands after login.

Navigation is convenience only: every page and handler still asks domain.permissions on the server.
"""

from dataclasses import dataclass

from jingkang_app.domain.models import Role

FIELD_ROLES = {
    Role.grid_worker,
    Role.village_cadre,
    Role.community_doctor,
    Role.social_worker,
    Role.volunteer,
}
COORDINATORS = {Role.township_coordinator, Role.county_coordinator}
RECIPIENT_LISTERS = FIELD_ROLES - {Role.volunteer} | COORDINATORS


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
    NavItem("nav.recipients", "/recipients", "users", frozenset(RECIPIENT_LISTERS)),
    NavItem("nav.users", "/admin/users", "user-cog", frozenset({Role.admin})),
    NavItem("nav.me", "/me", "circle-user", frozenset(Role)),
)
MAX_BOTTOM_ITEMS = 5

# The first matching role decides the landing page of a user who holds several.
_HOME_ORDER: tuple[tuple[frozenset[Role], str], ...] = (
    (frozenset(COORDINATORS), "/overview"),
    (frozenset(FIELD_ROLES), "/tasks"),
    (frozenset({Role.caregiver}), "/family"),
    (frozenset({Role.admin}), "/admin/users"),
)


def nav_for(roles: list[str] | tuple[Role, ...]) -> list[NavItem]:
    held = {Role(r) for r in roles}
    items = [item for item in NAV_ITEMS if item.roles & held]
    return items[:MAX_BOTTOM_ITEMS]


def home_for(roles: list[str] | tuple[Role, ...]) -> str:
    held = {Role(r) for r in roles}
    for group, route in _HOME_ORDER:
        if group & held:
            return route
    return "/me"
