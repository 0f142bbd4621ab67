"""The handover pack (交接材料) that goes with a referral (DOMAIN.md §3.7): summary, risk, medication and contacts,
built from the record when the referral is sent (康复转介, or 发起 for the other kinds) and kept as it was sent.
Coded values are stored as catalogue keys so the receiving side reads them in its own language. It is sensitive
(DOMAIN.md §8): referral_views shows it only to the receiving side, and audits each read."""

from sqlmodel import Session

from jingkang_app.domain import clock
from jingkang_app.domain.models import Recipient, Referral, TeamRole
from jingkang_app.domain.services.family_home import latest_medicines
from jingkang_app.domain.services.recipients import TeamMemberView, age_on, team_of


def _contact(team: tuple[TeamMemberView, ...], role: TeamRole) -> dict | None:
    member = next((m for m in team if m.team_role == role), None)
    return {"name": member.name, "phone": member.phone} if member else None


def _key(prefix: str, code: str | None) -> str | None:
    return f"{prefix}.{code}" if code else None


def build_handover(session: Session, referral: Referral, recipient: Recipient) -> dict:
    team = team_of(session, recipient.id)
    medicines, recorded_on = latest_medicines(session, recipient.id)
    return {
        "built_on": clock.today().isoformat(),
        "summary": {
            "name": recipient.name,
            "sex": _key("sex", recipient.sex),
            "age": age_on(recipient.birth_date, clock.today()),
            "diagnosis": _key("diagnosis", recipient.diagnosis),
            "reason": referral.reason,
        },
        "risk": {
            "level": recipient.risk_level,
            "classification": _key("followup.classification", recipient.classification),
            "last_followup_date": recipient.last_followup_date.isoformat()
            if recipient.last_followup_date
            else None,
        },
        "medication": {
            "drugs": list(medicines),
            "recorded_on": recorded_on.isoformat() if recorded_on else None,
        },
        "contacts": {
            "guardian": {
                "name": recipient.guardian_name,
                "relation": _key("relation", recipient.guardian_relation),
                "phone": recipient.guardian_phone,
            },
            "doctor": _contact(team, TeamRole.doctor),
            "social_worker": _contact(team, TeamRole.social_worker),
        },
    }
