"""简体中文 — the relapse-alert work page (复发预警, DOMAIN.md §3.6, §5) and the notices page (通知). Wording follows
the work-order style of county case handling: 接单 → 处置完毕, 已上报乡镇（街道）/县级. Keys it shares with the API
and the due-list (alerts.title, alerts.level.*, alerts.outcome.*, notice.*) live in care_zh.py."""

ALERTS_PAGE_ZH: dict[str, str] = {
    "nav.alerts": "复发预警",
    "alerts.accept": "接单",
    "alerts.finish": "处置完毕",
    "alerts.finish_title": "登记处置结果",
    "alerts.confirm_finish": "确认处置完毕",
    "alerts.cancel": "取消",
    "alerts.status.open": "待接单",
    "alerts.status.taken": "处置中",
    "alerts.level_none": "未上报",
    "alerts.raised_at": "预警时间：{time}",
    "alerts.owner": "负责人：{name}",
    "alerts.taken_by": "接单人：{name}",
    "alerts.source.followup": "随访发现",
    "alerts.source.caregiver": "家属紧急求助",
    "alerts.source.visitor": "走访发现",
    "alerts.dangerous_behaviour": "有危险行为",
    "alerts.note_help": "如处置经过、送诊医院，最多 500 字。",
    "alerts.field.status": "处置状态",
    "alerts.field.taken_by": "接单人",
    "alerts.field.outcome": "处置结果",
    "notice.bell": "通知，{count} 条未读",
    "notice.unread": "未读",
    "notice.all_read": "已全部标为已读。",
}
