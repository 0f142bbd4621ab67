"""Service recipients (服务对象): registration, scoped lists, the audited detail read, the care team."""

from dataclasses import dataclass
from datetime import date

from pypinyin import Style, lazy_pinyin
from sqlalchemy import CompoundSelect, Select, false, union
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, func, or_, select

from jingkang_app.domain import audit, clock
from jingkang_app.domain.errors import NotFound, PermissionDenied
from jingkang_app.domain.models import (
    Area,
    AreaLevel,
    CareTeamMember,
    Recipient,
    RecipientStatus,
    User,
)
from jingkang_app.domain.permissions import (
    Action,
    Actor,
    Target,
    area_scope_paths,
    can,
    may_ever,
    require,
)
from jingkang_app.domain.rules import fields
from jingkang_app.domain.rules.idcard import InvalidIdNumber, mask_id_number, parse_id_number
from jingkang_app.domain.rules.phone import InvalidMobile, normalise_mobile

DIAGNOSES = (
    "schizophrenia",  # 精神分裂症
    "schizoaffective",  # 分裂情感性障碍
    "paranoid_psychosis",  # 偏执性精神病
    "bipolar",  # 双相(情感)障碍
    "epilepsy_psychosis",  # 癫痫所致精神障碍
    "intellectual_disability",  # 精神发育迟滞伴发精神障碍
    "other",
)
ECONOMIC_STATUSES = ("poor", "not_poor", "unknown")
GUARDIAN_RELATIONS = ("father", "mother", "spouse", "sibling", "son", "daughter", "other")


def name_initials(name: str) -> str:
    return "".join(lazy_pinyin(name, style=Style.FIRST_LETTER)).lower()[:16]


def age_on(birth_date: date, day: date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def target_of(session: Session, recipient: Recipient) -> Target:
    """The recipient's area path and care team, in one query (it runs on every recipient action)."""
    rows = session.exec(
        select(Area.path, CareTeamMember.user_id)
        .outerjoin(CareTeamMember, CareTeamMember.recipient_id == recipient.id)
        .where(Area.id == recipient.area_id)
    ).all()
    return Target(area_path=rows[0][0], team_user_ids=frozenset(u for _, u in rows if u is not None))


def in_scope(actor: Actor, action: Action, columns: list, *conditions) -> Select | CompoundSelect:
    """SELECT ``columns`` of the recipients meeting ``conditions`` that the actor may ``action``: those in an area
    of their scope, and those whose care team they are on — as permissions.can decides, the team grants only
    what one of the actor's roles may do (a volunteer on a team still lists no recipient). One SELECT per way
    in, united, so each is read through an index: as one OR tested on every recipient, any list read the whole
    county (150–200 ms at 100,000 recipients, bench/duelist.py)."""
    ways_in = []
    if may_ever(actor, action):
        ways_in.append(
            select(*columns)
            .join(CareTeamMember, CareTeamMember.recipient_id == Recipient.id)
            .where(*conditions, CareTeamMember.user_id == actor.user_id)
        )
    paths = area_scope_paths(actor, action)
    if paths:
        areas = select(Area.id).where(or_(*[col(Area.path).startswith(p) for p in paths]))
        ways_in.append(select(*columns).where(*conditions, Recipient.area_id.in_(areas)))
    if not ways_in:
        return select(*columns).where(false())
    return union(*ways_in) if len(ways_in) > 1 else ways_in[0]


def visible_filter(actor: Actor, action: Action):
    """SQL condition on Recipient: the actor may ``action`` this recipient (see in_scope)."""
    return col(Recipient.id).in_(in_scope(actor, action, [Recipient.id]))


def record_change(
    session: Session, actor: Actor | None, recipient: Recipient, action: str, changed: list[str], **detail
) -> None:
    """A versioned change to the recipient row (the caller has set the fields): the version moves on, who and
    when are kept, and the audit entry names what changed, which a later stale-version refusal shows."""
    recipient.version += 1
    recipient.updated_at = clock.now()
    if actor is not None:
        recipient.updated_by = actor.user_id
    session.add(recipient)
    audit.record(
        session,
        actor,
        action,
        "recipient",
        recipient.id,
        recipient_id=recipient.id,
        area_id=recipient.area_id,
        detail=detail | {"version": recipient.version, "changed": changed},
    )


# --- registration -----------------------------------------------------------------------------------------


def _read_recipient(session: Session, data: dict) -> tuple[dict, fields.FieldErrors]:
    errors = fields.FieldErrors()
    values: dict = {
        "name": fields.text(errors, data, "name", max_length=32),
        "address": fields.text(errors, data, "address", max_length=200, required=False),
        "diagnosis_hospital": fields.text(errors, data, "diagnosis_hospital", max_length=100, required=False)
        or None,
        "guardian_name": fields.text(errors, data, "guardian_name", max_length=32, required=False) or None,
        "guardian_address": fields.text(errors, data, "guardian_address", max_length=200, required=False)
        or None,
        "village_contact_name": fields.text(
            errors, data, "village_contact_name", max_length=32, required=False
        )
        or None,
        "hukou_local": fields.flag(data, "hukou_local"),
        "low_income": fields.flag(data, "low_income"),
        "extreme_poverty": fields.flag(data, "extreme_poverty"),
        "diagnosis_date": fields.local_date(errors, data, "diagnosis_date", required=False),
    }
    try:
        card = parse_id_number(str(data.get("id_number") or ""))
        values |= {"id_number": card.number, "birth_date": card.birth_date, "sex": card.sex}
    except InvalidIdNumber as exc:
        errors.add("id_number", f"error.id_number_{exc.reason}")
    for field in ("phone", "guardian_phone", "village_contact_phone"):
        raw = str(data.get(field) or "").strip()
        try:
            values[field] = normalise_mobile(raw) if raw else None
        except InvalidMobile:
            errors.add(field, "error.mobile_invalid")
    for field, allowed, default in (
        ("diagnosis", DIAGNOSES, None),
        ("economic_status", ECONOMIC_STATUSES, "unknown"),
        ("guardian_relation", GUARDIAN_RELATIONS, None),
        ("household_type", ("urban", "rural"), "rural"),
    ):
        values[field] = fields.optional_choice(errors, data, field, set(allowed), default)
    level = str(data.get("disability_level") or "").strip()
    values["disability_level"] = int(level) if level in {"1", "2", "3", "4"} else None
    if level and values["disability_level"] is None:
        errors.add("disability_level", "error.invalid_choice")
    employment = str(data.get("employment") or "9").strip()
    values["employment"] = int(employment) if employment.isdigit() and 1 <= int(employment) <= 9 else 9
    if values["diagnosis_date"] and values["diagnosis_date"] > clock.today():
        errors.add("diagnosis_date", "error.date_in_future")
    return values, errors


def require_registrar(actor: Actor) -> None:
    """Refuses at once a user none of whose roles registers recipients, before anything is looked up: the form
    must not tell a volunteer whether an ID number is on the register."""
    if not may_ever(actor, Action.recipient_create):
        raise PermissionDenied()


def registration_villages(session: Session, actor: Actor) -> list[tuple[int, str, str]]:
    """The villages the actor may register recipients in, as (id, village, township), for the form's choice."""
    require_registrar(actor)
    paths = area_scope_paths(actor, Action.recipient_create)
    if not paths:
        return []
    township = aliased(Area)
    return list(
        session.exec(
            select(Area.id, Area.name, township.name)
            .join(township, township.id == Area.parent_id)
            .where(Area.level == AreaLevel.village, or_(*[col(Area.path).startswith(p) for p in paths]))
            .order_by(Area.code)
        )
    )


def _duplicate_link(session: Session, actor: Actor, existing: Recipient) -> dict[str, int]:
    """The registered twin's id rides on the refusal only to a user who may open that record (least view)."""
    return (
        {"recipient_id": existing.id}
        if can(actor, Action.recipient_view, target_of(session, existing))
        else {}
    )


def create_recipient(session: Session, actor: Actor, data: dict) -> Recipient:
    """Registers a recipient in a village; the same ``client_id`` sent twice is stored once. A duplicate ID
    number is refused beside its field, with the existing record's id when the actor may see it."""
    require_registrar(actor)
    client_id = str(data.get("client_id") or "").strip()
    if client_id:
        existing = session.exec(select(Recipient).where(Recipient.client_id == client_id)).first()
        if existing:
            require(actor, Action.recipient_view, target_of(session, existing))
            return existing
    values, errors = _read_recipient(session, data)
    area = session.get(Area, fields.whole_number(data.get("area_id")))
    if area is None or area.level != AreaLevel.village:
        errors.add("area_id", "error.village_required")
    if not client_id:
        errors.add("client_id", "error.required")
    twin = (
        session.exec(select(Recipient).where(Recipient.id_number == values["id_number"])).first()
        if "id_number" in values
        else None
    )
    if twin is not None:
        errors.add("id_number", "error.id_number_duplicate", **_duplicate_link(session, actor, twin))
    if area is not None:
        require(actor, Action.recipient_create, Target(area_path=area.path))
    errors.raise_if_any()
    recipient = Recipient(
        client_id=client_id,
        area_id=area.id,
        name_initials=name_initials(values["name"]),
        id_last4=values["id_number"][-4:],
        status=RecipientStatus.registered,
        created_by=actor.user_id,
        updated_by=actor.user_id,
        **values,
    )
    session.add(recipient)
    session.flush()
    audit.record(
        session,
        actor,
        "recipient.create",
        "recipient",
        recipient.id,
        recipient_id=recipient.id,
        area_id=area.id,
    )
    session.commit()
    return recipient


# --- reading ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RecipientRow:
    """One line of a list: masked and least-view (DOMAIN.md §8)."""

    id: int
    name: str
    village: str
    sex: str
    age: int
    id_masked: str  # "" when the actor may not see identity numbers
    risk_level: int | None  # None when the actor may not see clinical data
    next_followup_date: date | None
    status: str


@dataclass(frozen=True)
class TeamMemberView:
    user_id: int
    name: str
    team_role: str
    phone: str


@dataclass(frozen=True)
class RecipientDetail:
    id: int
    version: int
    name: str
    sex: str
    age: int
    village: str
    address: str
    status: str
    next_followup_date: date | None
    guardian_name: str | None
    guardian_relation: str | None
    guardian_phone: str | None
    team: tuple[TeamMemberView, ...]
    # identity (full numbers) — None unless the actor may see them
    id_number: str | None
    phone: str | None
    # clinical — None unless the actor may see them
    diagnosis: str | None
    disability_level: int | None
    risk_level: int | None
    classification: str | None  # the latest 随访分类
    id_masked: str  # "" unless the actor may see identity numbers
    next_visit_date: date | None
    open_alert: bool
    followup_withdrawn_on: date | None  # consent to follow-up management withdrawn: none are due
    # What the actor may do on this recipient (Action values), decided here so a page shows only what the
    # server will accept.
    allowed: tuple[str, ...]


def get_recipient(session: Session, recipient_id: object) -> Recipient:
    """The recipient by id (from a URL, a form or JSON), or NotFound."""
    recipient = session.get(Recipient, fields.whole_number(recipient_id))
    if recipient is None:
        raise NotFound()
    return recipient


def recipient_for(session: Session, actor: Actor, action: Action, recipient_id: object) -> Recipient:
    """The recipient, once the actor may ``action`` on them (PermissionDenied / NotFound otherwise)."""
    recipient = get_recipient(session, recipient_id)
    require(actor, action, target_of(session, recipient))
    return recipient


def registered_on(recipient: Recipient) -> date:
    """The local date the recipient was registered: nothing about them is recorded before it."""
    return recipient.created_at.astimezone(clock.LOCAL_TZ).date()


def list_recipients(
    session: Session, actor: Actor, search: str = "", offset: int = 0, limit: int = 20
) -> tuple[list[RecipientRow], int]:
    """Recipients the actor may list, newest follow-up due first, with the total for paging."""
    query = (
        select(Recipient, Area.name, Area.path)
        .join(Area, Area.id == Recipient.area_id)
        .where(visible_filter(actor, Action.recipient_list))
    )
    search = search.strip()
    if search:
        query = query.where(
            or_(
                col(Recipient.name).contains(search),
                col(Recipient.name_initials).startswith(search.lower()),
                Recipient.id_last4 == search.upper(),
            )
        )
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    page = session.exec(
        query.order_by(col(Recipient.next_followup_date).asc().nulls_last(), Recipient.id)
        .offset(max(0, offset))
        .limit(max(1, min(limit, 100)))
    ).all()
    team_of = _team_user_ids(session, [r.id for r, _, _ in page])
    today = clock.today()
    rows = []
    for recipient, village, path in page:
        target = Target(area_path=path, team_user_ids=team_of.get(recipient.id, frozenset()))
        rows.append(
            RecipientRow(
                id=recipient.id,
                name=recipient.name,
                village=village,
                sex=recipient.sex,
                age=age_on(recipient.birth_date, today),
                id_masked=mask_id_number(recipient.id_number)
                if can(actor, Action.recipient_view_identity, target)
                else "",
                risk_level=recipient.risk_level
                if can(actor, Action.recipient_view_clinical, target)
                else None,
                next_followup_date=recipient.next_followup_date,
                status=recipient.status,
            )
        )
    return rows, total


def _team_user_ids(session: Session, recipient_ids: list[int]) -> dict[int, frozenset[int]]:
    if not recipient_ids:
        return {}
    team: dict[int, set[int]] = {}
    for recipient_id, user_id in session.exec(
        select(CareTeamMember.recipient_id, CareTeamMember.user_id).where(
            col(CareTeamMember.recipient_id).in_(recipient_ids)
        )
    ):
        team.setdefault(recipient_id, set()).add(user_id)
    return {k: frozenset(v) for k, v in team.items()}


def team_of(session: Session, recipient_id: int) -> tuple[TeamMemberView, ...]:
    """The recipient's care team in the order its members joined (the caller has authorised the read)."""
    return tuple(
        TeamMemberView(*row)
        for row in session.exec(
            select(User.id, User.name, CareTeamMember.team_role, User.phone)
            .join(User, User.id == CareTeamMember.user_id)
            .where(CareTeamMember.recipient_id == recipient_id)
            .order_by(CareTeamMember.id)
        )
    )


def get_recipient_detail(session: Session, actor: Actor, recipient_id: int) -> RecipientDetail:
    """The detail page's data. Every read is audited; so is every refused attempt."""
    recipient = get_recipient(session, recipient_id)
    target = target_of(session, recipient)
    if not can(actor, Action.recipient_view, target):
        audit.record(
            session,
            actor,
            "recipient.view_denied",
            "recipient",
            recipient.id,
            recipient_id=recipient.id,
            area_id=recipient.area_id,
        )
        session.commit()
        raise PermissionDenied()
    identity = can(actor, Action.recipient_view_identity, target)
    clinical = can(actor, Action.recipient_view_clinical, target)
    village = session.exec(select(Area.name).where(Area.id == recipient.area_id)).one()
    audit.record(
        session,
        actor,
        "recipient.view",
        "recipient",
        recipient.id,
        recipient_id=recipient.id,
        area_id=recipient.area_id,
        detail={"identity": identity, "clinical": clinical},
    )
    session.commit()
    return RecipientDetail(
        id=recipient.id,
        version=recipient.version,
        name=recipient.name,
        sex=recipient.sex,
        age=age_on(recipient.birth_date, clock.today()),
        village=village,
        address=recipient.address,
        status=recipient.status,
        next_followup_date=recipient.next_followup_date,
        guardian_name=recipient.guardian_name,
        guardian_relation=recipient.guardian_relation,
        # Whoever may open the page may call the family: visits are arranged with the guardian.
        guardian_phone=recipient.guardian_phone,
        team=team_of(session, recipient.id),
        id_number=recipient.id_number if identity else None,
        phone=recipient.phone if identity else None,
        diagnosis=recipient.diagnosis if clinical else None,
        disability_level=recipient.disability_level if clinical else None,
        risk_level=recipient.risk_level if clinical else None,
        classification=recipient.classification if clinical else None,
        id_masked=mask_id_number(recipient.id_number) if identity else "",
        next_visit_date=recipient.next_visit_date,
        open_alert=recipient.open_alert,
        followup_withdrawn_on=recipient.followup_withdrawn_on,
        allowed=tuple(action.value for action in Action if can(actor, action, target)),
    )
