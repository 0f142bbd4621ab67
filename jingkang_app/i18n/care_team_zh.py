"""简体中文 — managing a recipient's care team (综合管理小组) on the recipient page, and why a member is refused.
Team role names are the team_role.* labels. Same keys as care_team_en.py."""

CARE_TEAM_ZH: dict[str, str] = {
    "recipient.team.empty": "小组里还没有成员。",
    "recipient.team.remove": "移出",
    "recipient.team.remove_question": "将{name}（{role}）移出综合管理小组？移出后此人不再以小组成员身份查看该服务对象。",
    "recipient.team.remove_confirm": "确认移出",
    "recipient.team.removed": "已移出综合管理小组。",
    "recipient.team.add_title": "添加成员",
    "recipient.team.member": "成员及小组角色",
    "recipient.team.member_help": "只列出工作区域包括本村（社区）、账户角色适合该小组角色的在岗人员。",
    "recipient.team.choose": "请选择",
    "recipient.team.candidate": "{team_role}：{name}（{role} · {area}）",
    "recipient.team.no_candidates": "没有可添加的人员：符合条件的人员都已在小组中。",
    "recipient.team.add": "加入小组",
    "recipient.team.added": "已加入综合管理小组。",
    "error.team_member_unknown": "找不到这名在岗人员，请从列表中选择。",
    "error.team_role_unfit": "此人的账户角色不能担任所选的小组角色，请从列表中选择。",
    "error.team_area_unfit": "此人的工作区域不包括服务对象所在的村（社区），不能加入小组。",
}
