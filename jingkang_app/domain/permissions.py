"""Who may do what, where: role × action × scope. The one place access is decided (DOMAIN.md §2, §8).

A role reaches a recipient in one of two ways:
- through its area scope: the recipient's area lies inside an area the role is assigned to;
- through the care team: the actor is a named member of that recipient's team (a caregiver only this way).
Volunteers reach no recipient record at all. Their own volunteer record (shifts, sign-ups, hours) is reached
the team way: services build its Target with the volunteer's own user as its only team member and its area, so
a coordinator reaches it by area (volunteer.manage) and the volunteer by being that user (volunteer.serve).
"""

from dataclasses import dataclass, field
from enum import StrEnum

from jingkang_app.domain.errors import PermissionDenied
from jingkang_app.domain.models import Role


class Action(StrEnum):
    recipient_list = "recipient.list"  # appears in lists, masked
    recipient_view = "recipient.view"  # the detail page (read is audited)
    recipient_view_identity = "recipient.view_identity"  # full ID and phone numbers
    recipient_view_clinical = "recipient.view_clinical"  # diagnosis, risk, disability, medication
    recipient_create = "recipient.create"
    recipient_update = "recipient.update"
    consent_record = "consent.record"  # also its withdrawal
    recipient_admit = "recipient.admit"  # admission outside the eligibility rules, with a reason
    visit_record = "visit.record"  # 入户走访
    followup_record = "followup.record"  # 随访 (the national form, by the doctor)
    alert_handle = "alert.handle"  # take and close a 复发预警
    rehab_record = "rehab.record"  # 康复服务记录
    respite_request = "respite.request"  # ask for 喘息服务, read, cancel and rate the family's requests
    respite_decide = "respite.decide"  # approve, reject, arrange and complete respite requests
    help_request = "help.request"  # 紧急求助: the family raises a relapse alert and follows who took it
    family_view = (
        "family.view"  # the family's page: who comes when, recent visit dates, the doctor's medicines
    )
    subsidy_view = "subsidy.view"  # 监护补贴: read a family's applications, checks and payments
    subsidy_apply = "subsidy.apply"  # the guardian applies for a year
    subsidy_check = "subsidy.check"  # 看护管理记录: the quarterly check of the guardian's care duties
    subsidy_decide = "subsidy.decide"  # approve or reject an application (乡镇民政)
    subsidy_pay = "subsidy.pay"  # record the yearly payment (or its withholding)
    event_publish = "event.publish"  # 家属培训/互助小组: publish, change, cancel events and take attendance
    event_join = "event.join"  # sign the family up for an event (or its waiting list) and cancel
    # 志愿者: approve, add and pause volunteers; shifts, invitations, verified hours and points
    volunteer_manage = "volunteer.manage"
    volunteer_serve = "volunteer.serve"  # one's own shifts, check-in/out, hours, points and certificate
    transport_request = "transport.request"  # 免费接送/陪伴出行 for a recipient
    # 转介: take the referral steps rules.referrals lets one's role take, on referrals one's scope reaches
    referral_work = "referral.work"
    area_overview = "area.overview"  # counts and indicators for an area
    export_statistics = "export.statistics"  # reports without personal data (XLSX/CSV)
    export_personal = "export.personal"  # exports with personal data: watermarked and audited (DOMAIN.md §8)
    training_record = "training.record"  # 培训记录 of the area's staff
    feedback_answer = "feedback.answer"  # read and answer the public's 意见反馈
    user_manage = "user.manage"  # accounts, roles, passwords
    audit_view = "audit.view"


class Reach(StrEnum):
    area = "area"  # inside the assigned area, or as a care-team member
    team = "team"  # only as a care-team member
    global_ = "global"  # not tied to a recipient (account administration)


_FIELD = {
    Action.recipient_list,
    Action.recipient_view,
    Action.consent_record,
    Action.visit_record,
    Action.referral_work,
}
_REGISTER = {Action.recipient_view_identity, Action.recipient_create, Action.recipient_update}
_CLINICAL = {Action.recipient_view_clinical, Action.alert_handle}
# 监护补贴 (DOMAIN.md §3.13): the village committee checks the guardian's duties; the township decides and pays.
_SUBSIDY_CHECK = {Action.subsidy_view, Action.subsidy_check}
_COORDINATE = {
    Action.area_overview,
    Action.recipient_admit,
    Action.respite_request,
    Action.respite_decide,
    *_SUBSIDY_CHECK,
    Action.subsidy_decide,
    Action.subsidy_pay,
    Action.event_publish,
    Action.volunteer_manage,
    Action.export_statistics,
    Action.export_personal,
    Action.training_record,
    Action.feedback_answer,
}

# The policy table. Least view (DOMAIN.md §8): grid workers see who needs a visit, not diagnosis or ID numbers;
# village committees register applications (identity) but see no clinical detail; caregivers see only their
# own relative and no clinical detail; volunteers see no recipient record; administrators run accounts and
# see no recipient data at all.
POLICY: dict[Role, tuple[Reach, frozenset[Action]]] = {
    Role.caregiver: (
        Reach.team,
        frozenset(
            {
                Action.recipient_list,
                Action.recipient_view,
                Action.respite_request,
                Action.help_request,
                Action.family_view,
                Action.subsidy_view,
                Action.subsidy_apply,
                Action.event_join,
                Action.transport_request,
                Action.referral_work,  # 个人自愿申请 of a 精康转介 for their relative
            }
        ),
    ),
    Role.grid_worker: (Reach.area, frozenset(_FIELD)),
    Role.village_cadre: (Reach.area, frozenset(_FIELD | _REGISTER | _SUBSIDY_CHECK)),
    Role.community_doctor: (
        Reach.area,
        frozenset(_FIELD | _REGISTER | _CLINICAL | {Action.followup_record, Action.rehab_record}),
    ),
    Role.social_worker: (
        Reach.area,
        frozenset(
            _FIELD
            | _REGISTER
            | _CLINICAL
            | {Action.rehab_record, Action.respite_request, Action.event_publish, Action.transport_request}
        ),
    ),
    Role.volunteer: (Reach.team, frozenset({Action.volunteer_serve})),
    Role.township_coordinator: (
        Reach.area,
        frozenset(
            _FIELD | _REGISTER | _CLINICAL | _COORDINATE | {Action.followup_record, Action.rehab_record}
        ),
    ),
    Role.county_coordinator: (
        Reach.area,
        frozenset(
            _FIELD
            | _REGISTER
            | _CLINICAL
            | _COORDINATE
            | {Action.followup_record, Action.rehab_record, Action.audit_view}
        ),
    ),
    Role.admin: (Reach.global_, frozenset({Action.user_manage, Action.audit_view})),
}


@dataclass(frozen=True)
class Scope:
    role: Role
    area_id: int
    area_path: str


@dataclass(frozen=True)
class Actor:
    """The logged-in user as resolved on the server for one call."""

    user_id: int
    name: str
    scopes: tuple[Scope, ...]
    lang: str = "zh-CN"
    ip: str | None = None

    @property
    def roles(self) -> tuple[Role, ...]:
        seen: dict[Role, None] = {}
        for scope in self.scopes:
            seen.setdefault(scope.role, None)
        return tuple(seen)


@dataclass(frozen=True)
class Target:
    """What an action is done to: an area (path) and, for a recipient, the users on its care team."""

    area_path: str | None = None
    team_user_ids: frozenset[int] = field(default_factory=frozenset)


def _scope_allows(actor: Actor, scope: Scope, action: Action, target: Target | None) -> bool:
    reach, actions = POLICY[scope.role]
    if action not in actions:
        return False
    if reach is Reach.global_:
        return True
    if target is None:
        return False
    if actor.user_id in target.team_user_ids:
        return True
    if reach is Reach.team:
        return False
    return target.area_path is not None and target.area_path.startswith(scope.area_path)


def can(actor: Actor, action: Action, target: Target | None = None) -> bool:
    return any(_scope_allows(actor, scope, action, target) for scope in actor.scopes)


def roles_allowed(actor: Actor, action: Action, target: Target | None = None) -> set[Role]:
    """The roles of the actor's scopes that allow ``action`` on ``target``: a workflow whose steps belong to roles
    (a referral's) checks the step's roles against these, not against every role the actor holds somewhere."""
    return {scope.role for scope in actor.scopes if _scope_allows(actor, scope, action, target)}


def require(actor: Actor, action: Action, target: Target | None = None) -> None:
    if not can(actor, action, target):
        raise PermissionDenied()


def may_ever(actor: Actor, action: Action) -> bool:
    """Whether any of the actor's roles grants the action somewhere (for navigation, never for access)."""
    return any(action in POLICY[scope.role][1] for scope in actor.scopes)


def area_scope_paths(actor: Actor, action: Action) -> list[str]:
    """Area paths under which the actor may do ``action`` by area reach, for filtering lists in SQL."""
    return [
        scope.area_path
        for scope in actor.scopes
        if action in POLICY[scope.role][1] and POLICY[scope.role][0] is Reach.area
    ]
