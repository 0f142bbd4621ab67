"""Taking a member off a recipient's care team (综合管理小组). Adding one is recipients.add_team_member."""

from sqlmodel import Session, select

from jingkang_app.domain import audit
from jingkang_app.domain.errors import NotFound
from jingkang_app.domain.models import CareTeamMember, Recipient
from jingkang_app.domain.permissions import Action, Actor, require
from jingkang_app.domain.services.recipients import target_of


def remove_team_member(
    session: Session, actor: Actor, recipient_id: int, user_id: int, team_role: str
) -> None:
    """The membership row goes; the audit entry keeps who was on the team and who took them off."""
    recipient = session.get(Recipient, recipient_id)
    if recipient is None:
        raise NotFound()
    require(actor, Action.recipient_update, target_of(session, recipient))
    member = session.exec(
        select(CareTeamMember).where(
            CareTeamMember.recipient_id == recipient_id,
            CareTeamMember.user_id == user_id,
            CareTeamMember.team_role == team_role,
        )
    ).first()
    if member is None:
        raise NotFound()
    session.delete(member)
    audit.record(
        session,
        actor,
        "team.remove",
        "recipient",
        recipient_id,
        recipient_id=recipient_id,
        area_id=recipient.area_id,
        detail={"user_id": user_id, "team_role": team_role},
    )
    session.commit()
