"""Every role × action × where: in its area, outside it, and as a named care-team member (DOMAIN.md §2, §8).

The expected tables are written out by hand here, independently of permissions.POLICY.
"""

import pytest

from jingkang_app.domain.errors import PermissionDenied
from jingkang_app.domain.models import Role
from jingkang_app.domain.permissions import Action, Actor, Scope, Target, can, require, roles_allowed

COUNTY, TOWNSHIP_A, VILLAGE_A = "/1/", "/1/2/", "/1/2/3/"
VILLAGE_B = "/1/4/5/"  # in another township
ELSEWHERE = "/9/10/11/"  # a village of another county: outside every scope here
USER_ID = 42

HOME = {
    Role.caregiver: VILLAGE_A,
    Role.grid_worker: VILLAGE_A,
    Role.village_cadre: VILLAGE_A,
    Role.volunteer: VILLAGE_A,
    Role.community_doctor: TOWNSHIP_A,
    Role.social_worker: TOWNSHIP_A,
    Role.township_coordinator: TOWNSHIP_A,
    Role.county_coordinator: COUNTY,
    Role.admin: COUNTY,
}

L, V, ID, CL = (
    Action.recipient_list,
    Action.recipient_view,
    Action.recipient_view_identity,
    Action.recipient_view_clinical,
)
NEW, UPD, CON = Action.recipient_create, Action.recipient_update, Action.consent_record
OV, USERS, AUDIT = Action.area_overview, Action.user_manage, Action.audit_view
VISIT, FU, ALERT, REHAB, ADMIT = (
    Action.visit_record,
    Action.followup_record,
    Action.alert_handle,
    Action.rehab_record,
    Action.recipient_admit,
)
ASK, DECIDE = Action.respite_request, Action.respite_decide
HELP = Action.help_request
FAMILY = Action.family_view
PUBLISH, JOIN = Action.event_publish, Action.event_join
RESPITE = {ASK, DECIDE}
# 监护补贴: the guardian applies, the village committee checks, the township and county decide and pay.
SUBSIDY_VIEW, SUBSIDY_APPLY = Action.subsidy_view, Action.subsidy_apply
SUBSIDY_CHECK = {SUBSIDY_VIEW, Action.subsidy_check}
SUBSIDY = SUBSIDY_CHECK | {Action.subsidy_decide, Action.subsidy_pay}
# 志愿者: coordinators manage volunteers and shifts; families and social workers ask for transport (免费接送).
MANAGE, SERVE, TRANSPORT = Action.volunteer_manage, Action.volunteer_serve, Action.transport_request
# 转介: every field role and the families take the steps their role may take; coordinators also export (with and
# without personal data), record staff training and answer the public's feedback.
REF = Action.referral_work
COORDINATE = {
    Action.export_statistics,
    Action.export_personal,
    Action.training_record,
    Action.feedback_answer,
}

# What each role may do to a recipient inside its own area (not on the care team).
IN_AREA = {
    Role.caregiver: set(),
    Role.grid_worker: {L, V, CON, VISIT, REF},
    Role.village_cadre: {L, V, ID, NEW, UPD, CON, VISIT, REF} | SUBSIDY_CHECK,
    Role.community_doctor: {L, V, ID, CL, NEW, UPD, CON, VISIT, FU, ALERT, REHAB, REF},
    Role.social_worker: {L, V, ID, CL, NEW, UPD, CON, VISIT, ALERT, REHAB, ASK, PUBLISH, TRANSPORT, REF},
    Role.volunteer: set(),
    Role.township_coordinator: {L, V, ID, CL, NEW, UPD, CON, OV, VISIT, FU, ALERT, REHAB, ADMIT, PUBLISH}
    | RESPITE
    | SUBSIDY
    | COORDINATE
    | {MANAGE, REF},
    Role.county_coordinator: {L, V, ID, CL, NEW, UPD, CON, OV, AUDIT, VISIT, FU, ALERT, REHAB, ADMIT, PUBLISH}
    | RESPITE
    | SUBSIDY
    | COORDINATE
    | {MANAGE, REF},
    Role.admin: {USERS, AUDIT},
}
# ... to a recipient elsewhere on whose care team the user is named: the same as in the area, but for a caregiver,
# who alone presses 「紧急求助」 (staff raise alerts by their own records) and signs the family up for events, and for
# a volunteer, whose own volunteer record is a target with the volunteer as its only "team" member (serve is no
# recipient action: no service asks it of a recipient).
ON_TEAM_ELSEWHERE = IN_AREA | {
    Role.caregiver: {L, V, ASK, HELP, FAMILY, JOIN, SUBSIDY_VIEW, SUBSIDY_APPLY, TRANSPORT, REF},
    Role.volunteer: {SERVE},
}
# ... outside its area and not on the team: only account administration, which is not area-bound.
OUT_OF_SCOPE = {role: ({USERS, AUDIT} if role is Role.admin else set()) for role in Role}

WHERE = {
    "in_area": (Target(area_path=VILLAGE_A), IN_AREA),
    "on_team_elsewhere": (Target(area_path=ELSEWHERE, team_user_ids=frozenset({USER_ID})), ON_TEAM_ELSEWHERE),
    "out_of_scope": (Target(area_path=ELSEWHERE, team_user_ids=frozenset({7})), OUT_OF_SCOPE),
}
CASES = [(role, action, where) for role in Role for action in Action for where in WHERE]


def actor(role: Role) -> Actor:
    return Actor(user_id=USER_ID, name="测试", scopes=(Scope(role, 3, HOME[role]),))


@pytest.mark.parametrize(("role", "action", "where"), CASES, ids=[f"{r}-{a}-{w}" for r, a, w in CASES])
def test_role_action_scope(role: Role, action: Action, where: str) -> None:
    target, expected = WHERE[where]
    assert can(actor(role), action, target) is (action in expected[role])


def test_county_coordinator_reaches_every_township() -> None:
    assert can(actor(Role.county_coordinator), Action.recipient_view, Target(area_path=VILLAGE_B))


def test_a_user_with_two_roles_gets_the_union_of_both() -> None:
    both = Actor(
        user_id=USER_ID,
        name="测试",
        scopes=(Scope(Role.grid_worker, 3, VILLAGE_A), Scope(Role.community_doctor, 5, "/1/4/")),
    )
    assert can(both, Action.recipient_view_clinical, Target(area_path=VILLAGE_B))
    assert not can(both, Action.recipient_view_clinical, Target(area_path=VILLAGE_A))


def test_a_sibling_path_prefix_is_not_inside_the_scope() -> None:
    # "/1/2/" must not cover "/1/23/": paths end with a slash for exactly this reason.
    assert not can(actor(Role.community_doctor), Action.recipient_view, Target(area_path="/1/23/9/"))


def test_require_raises_permission_denied_when_refused() -> None:
    with pytest.raises(PermissionDenied):
        require(actor(Role.volunteer), Action.recipient_view, Target(area_path=VILLAGE_A))


def test_a_user_without_roles_may_do_nothing() -> None:
    nobody = Actor(user_id=USER_ID, name="无角色", scopes=())
    assert not any(can(nobody, action, Target(area_path=VILLAGE_A)) for action in Action)


@pytest.mark.parametrize(
    "role", [r for r in Role if r not in (Role.county_coordinator, Role.admin)], ids=lambda r: r.value
)
def test_no_role_below_the_county_reaches_another_township(role: Role) -> None:
    assert not any(can(actor(role), action, Target(area_path=VILLAGE_B)) for action in Action)


def test_roles_allowed_names_the_roles_whose_scopes_allow_the_action_there() -> None:
    both = Actor(
        user_id=USER_ID,
        name="测试",
        scopes=(Scope(Role.grid_worker, 3, VILLAGE_A), Scope(Role.community_doctor, 5, "/1/4/")),
    )
    assert roles_allowed(both, REF, Target(area_path=VILLAGE_A)) == {Role.grid_worker}
    assert roles_allowed(both, REF, Target(area_path=VILLAGE_B)) == {Role.community_doctor}
    assert roles_allowed(both, REF, Target(area_path=ELSEWHERE)) == set()


def test_roles_allowed_counts_a_caregiver_only_on_the_team() -> None:
    on_team = Target(area_path=VILLAGE_A, team_user_ids=frozenset({USER_ID}))
    assert roles_allowed(actor(Role.caregiver), REF, Target(area_path=VILLAGE_A)) == set()
    assert roles_allowed(actor(Role.caregiver), REF, on_team) == {Role.caregiver}
