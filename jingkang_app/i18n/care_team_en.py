"""English — managing a recipient's care team on the recipient page, and why a member is refused. Team role names
are the team_role.* labels. Same keys as care_team_zh.py."""

CARE_TEAM_EN: dict[str, str] = {
    "recipient.team.empty": "No one is on the care team yet.",
    "recipient.team.remove": "Remove",
    "recipient.team.remove_question": (
        "Remove {name} ({role}) from the care team? They will no longer see this recipient as a team member."
    ),
    "recipient.team.remove_confirm": "Confirm removal",
    "recipient.team.removed": "Removed from the care team.",
    "recipient.team.add_title": "Add a member",
    "recipient.team.member": "Member and team role",
    "recipient.team.member_help": (
        "Only active staff whose area includes this village and whose account role fits the team role are listed."
    ),
    "recipient.team.choose": "Choose a member",
    "recipient.team.candidate": "{team_role}: {name} ({role} · {area})",
    "recipient.team.no_candidates": "No one left to add: everyone who fits is already on the team.",
    "recipient.team.add": "Add to the team",
    "recipient.team.added": "Added to the care team.",
    "error.team_member_unknown": "No active staff member with this id; choose from the list.",
    "error.team_role_unfit": "This person's account role cannot fill the chosen team role; choose from the list.",
    "error.team_area_unfit": "This person's area does not include the recipient's village; they cannot join the team.",
}
