"""The coordinator's roster of one shift with each volunteer's service record (志愿服务记录, DOMAIN.md §3.11): every
sign-up on it — invited, seated, checked in or out, verified, a no-show or cancelled — with the check-in and
check-out times and the minutes verification would count, for the shift page's corrections, verification and
no-shows. services.shift_views.roster_of lists only the live sign-ups; a no-show recorded by mistake must stay in
reach here, to be corrected into service time."""

from dataclasses import dataclass

from sqlmodel import Session, select

from jingkang_app.domain.models import ShiftSignUp, Volunteer
from jingkang_app.domain.permissions import Actor
from jingkang_app.domain.rules.phone import mask_mobile
from jingkang_app.domain.rules.volunteers import SignUpStatus as S
from jingkang_app.domain.services.service_records import ServiceRecordView, view_of
from jingkang_app.domain.services.shift_views import managed_shift
from jingkang_app.domain.services.volunteer_access import SignUpContext

# What needs the coordinator first, then who serves, then invitations, then those who did not or will not come.
ORDER = (S.checked_out, S.checked_in, S.signed_up, S.verified, S.invited, S.no_show, S.cancelled)


@dataclass(frozen=True)
class RosterLine:
    record: ServiceRecordView
    phone: str  # masked
    invited: bool  # the coordinator asked (rather than the volunteer signing up)


def shift_roster(session: Session, actor: Actor, shift_id: object) -> list[RosterLine]:
    """Every sign-up of a shift in the coordinator's area, in ORDER, then as they came."""
    shift, area = managed_shift(session, actor, shift_id)
    rows = session.exec(
        select(ShiftSignUp, Volunteer)
        .join(Volunteer, Volunteer.id == ShiftSignUp.volunteer_id)
        .where(ShiftSignUp.shift_id == shift.id)
        .order_by(ShiftSignUp.id)
    ).all()
    lines = [
        RosterLine(
            view_of(session, SignUpContext(sign_up, shift, volunteer, area.path)),
            mask_mobile(volunteer.phone),
            sign_up.invited_by is not None,
        )
        for sign_up, volunteer in rows
    ]
    return sorted(lines, key=lambda line: ORDER.index(S(line.record.status)))
