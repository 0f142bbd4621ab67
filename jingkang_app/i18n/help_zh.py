"""简体中文 — 紧急求助 (DOMAIN.md §3.6): what the family can say is happening, the state of its call for help, the
errors and the notices to staff. Same keys as help_en.py."""

HELP_ZH: dict[str, str] = {
    "help.button": "紧急求助",
    "help.what_is_happening": "家人现在出现了什么情况？（可多选）",
    "help.sign.no_sleep": "不睡觉",
    "help.sign.no_medication": "不吃药",
    "help.sign.talking_to_self": "自言自语",
    "help.sign.violence": "打人毁物",
    "help.sign.self_harm": "想伤害自己",
    "help.sign.other": "其他",
    "help.other_text": "其他情况（请写明）",
    "help.send": "发送求助",
    "help.sent": "求助已发送，{name} 会尽快联系您。",
    "help.emergency_hint": "如有人身危险，请立即拨打 110 或 120。",
    "help.recent": "最近的求助",
    "help.none": "暂无求助记录。",
    "help.asked_at": "{time} 发出",
    "help.owner": "负责人：{name}",
    "help.status.open": "等待接手",
    "help.status.taken": "{name} 已于 {time} 接手",
    "help.status.closed": "已处理",
    "error.help_signs_required": "请至少选择一种情况。",
    "error.help_other_text_required": "选择「其他」时，请简单写明发生了什么。",
    "error.help_no_one_to_take": "暂时没有可以接手求助的工作人员。如有人身危险，请立即拨打 110 或 120。",
    "notice.help_owner": "{name} 的家属发出紧急求助，已生成复发预警，请尽快接手处置。",
    "notice.help_raised": "{name} 的家属发出紧急求助（复发预警）。",
}
