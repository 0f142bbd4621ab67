"""The volunteer registry's changes (志愿者, DOMAIN.md §3.11): a coordinator of the volunteer's area approves a
registration (the volunteer role on that area and a volunteer number) or rejects it, pauses, resumes or lets a
volunteer leave — always at the version read, with a reason the volunteer is told; a pause or leaving gives back
their places on shifts to come. The volunteer keeps their own availability, skills and insurance up to date;
trainings are the coordinator's. Registering and adding volunteers is services.volunteer_registration; what each
sees is services.volunteer_views."""

from sqlmodel import Session

from jingkang_app.domain import audit, clock, settings
from jingkang_app.domain.errors import FieldError, PermissionDenied, ValidationFailed
from jingkang_app.domain.models import Area, Role, Volunteer
from jingkang_app.domain.permissions import Actor
from jingkang_app.domain.rules import fields
from jingkang_app.domain.rules import volunteer_registry as registry
from jingkang_app.domain.rules.volunteers import SKILLS, TRAININGS, VolunteerStatus
from jingkang_app.domain.services import users
from jingkang_app.domain.services.events import check_version
from jingkang_app.domain.services.notifications import notify
from jingkang_app.domain.services.sign_up_changes import release_future
from jingkang_app.domain.services.volunteer_access import volunteer_to_manage
from jingkang_app.domain.services.volunteer_views import VolunteerView, own_record, view_of

VOLUNTEER_LINK = "/volunteer"


def read_profile(errors: fields.FieldErrors, data: dict, *, trainings: bool) -> dict:
    """What the volunteer offers (and, for a coordinator or at registration, the trainings done)."""
    values = {
        "skills": fields.many(errors, data, "skills", SKILLS),
        "availability": fields.many(errors, data, "availability", registry.SLOTS),
        "insured_until": fields.local_date(errors, data, "insured_until", required=False),
    }
    if trainings:
        values["trainings"] = fields.many(errors, data, "trainings", TRAININGS)
    return values


def _county_code(session: Session, area: Area) -> str:
    return session.get(Area, settings.county_id_of(area.path)).code


def approve_record(session: Session, actor: Actor, volunteer: Volunteer, area: Area) -> None:
    """在册: the volunteer number and the volunteer role on the volunteer's area."""
    volunteer.volunteer_no = registry.volunteer_number(_county_code(session, area), volunteer.id)
    volunteer.decided_by, volunteer.decided_at = actor.user_id, clock.now()
    if volunteer.user_id:
        users.grant_role(session, actor, volunteer.user_id, Role.volunteer, area.id)


# --- status steps -----------------------------------------------------------------------------------------


def tell(session: Session, volunteer: Volunteer, kind: str, reason: str) -> None:
    if volunteer.user_id:
        notify(
            session,
            {volunteer.user_id},
            kind,
            params={"reason": reason, "volunteer_no": registry.shown_number(volunteer.volunteer_no)},
            link=VOLUNTEER_LINK,
            dedupe=f"volunteer:{volunteer.id}:v{volunteer.version}",
        )


def change_status(
    session: Session, actor: Actor, volunteer_id: object, step: registry.VolunteerStep, data: dict
) -> VolunteerView:
    """approve, reject, pause, resume or leave (rules.volunteer_registry.TRANSITIONS), at the ``version`` read;
    a pause or leaving gives back the volunteer's places on shifts to come."""
    volunteer = volunteer_to_manage(session, actor, volunteer_id)
    check_version(session, "volunteer", volunteer, data.get("version"))
    new_status = registry.next_status(volunteer.status, step)
    if new_status is None:
        raise ValidationFailed(
            {"status": FieldError("error.volunteer_illegal_step", {"status": volunteer.status})}
        )
    errors = fields.FieldErrors()
    required = step in registry.REASON_REQUIRED
    reason = fields.text(errors, data, "reason", max_length=registry.REASON_MAX, required=required)
    errors.raise_if_any()
    changed = ["status"]
    if step is registry.VolunteerStep.approve:
        approve_record(session, actor, volunteer, session.get(Area, volunteer.area_id))
        changed.append("volunteer_no")
    elif step is registry.VolunteerStep.reject:
        volunteer.decided_by, volunteer.decided_at = actor.user_id, clock.now()
    if step in registry.STEPS_OFF_DUTY:
        release_future(session, actor, volunteer)
    volunteer.status = new_status
    volunteer.version += 1
    volunteer.updated_by, volunteer.updated_at = actor.user_id, clock.now()
    session.add(volunteer)
    audit.record(
        session,
        actor,
        f"volunteer.{step}",
        "volunteer",
        volunteer.id,
        recipient_id=volunteer.recipient_id,
        area_id=volunteer.area_id,
        detail={"reason": reason, "version": volunteer.version, "changed": changed},
    )
    tell(session, volunteer, f"volunteer_{step}", reason)
    session.commit()
    return view_of(session, volunteer, coordinator=actor)


# --- the profile ------------------------------------------------------------------------------------------


def _update(session: Session, actor: Actor, volunteer: Volunteer, data: dict, *, trainings: bool) -> None:
    check_version(session, "volunteer", volunteer, data.get("version"))
    errors = fields.FieldErrors()
    values = read_profile(errors, data, trainings=trainings)
    errors.raise_if_any()
    changed = [name for name, value in values.items() if getattr(volunteer, name) != value]
    if not changed:
        return
    for name in changed:
        setattr(volunteer, name, values[name])
    volunteer.version += 1
    volunteer.updated_by, volunteer.updated_at = actor.user_id, clock.now()
    session.add(volunteer)
    audit.record(
        session,
        actor,
        "volunteer.update",
        "volunteer",
        volunteer.id,
        area_id=volunteer.area_id,
        detail={"version": volunteer.version, "changed": changed},
    )
    session.commit()


def update_my_profile(session: Session, actor: Actor, data: dict) -> VolunteerView:
    """The volunteer's own skills, availability and insurance (the whole set, as the form sends it)."""
    volunteer = own_record(session, actor)
    if volunteer.status == VolunteerStatus.left:
        raise PermissionDenied()
    _update(session, actor, volunteer, data, trainings=False)
    return view_of(session, volunteer)


def update_volunteer(session: Session, actor: Actor, volunteer_id: object, data: dict) -> VolunteerView:
    """A coordinator of the volunteer's area updates their skills, availability, insurance and trainings."""
    volunteer = volunteer_to_manage(session, actor, volunteer_id)
    _update(session, actor, volunteer, data, trainings=True)
    return view_of(session, volunteer, coordinator=actor)
