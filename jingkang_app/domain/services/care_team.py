"""Taking a member off a recipient's care team (综合管理小组). Adding one is recipients.add_team_member."""

from sqlmodel import Session, select

from jingkang_app.domain import audit
from jingkang_app.domain.errors import NotFound
from jingkang_app.domain.models import CareTeamMember
from jingkang_app.domain.permissions import Action, Actor
from jingkang_app.domain.services.recipients import recipient_for


def remove_team_member(
    session: Session, actor: Actor, recipient_id: int, user_id: int, team_role: str
) -> None:
    """The membership row goes; the audit entry keeps who was on the team and who took them off."""
    recipient = recipient_for(session, actor, Action.recipient_update, recipient_id)
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
