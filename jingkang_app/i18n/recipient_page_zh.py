"""简体中文 — the recipient page (服务对象): header, actions, service records, 入组评估, 撤回同意; and the list's
registration button. Same keys as recipient_page_en.py."""

RECIPIENT_PAGE_ZH: dict[str, str] = {
    # list
    "recipient.register": "登记服务对象",
    # header
    "recipient.classification": "随访分类",
    "recipient.open_alert": "复发预警未结案",
    "recipient.followup_stopped": "已停止（{date} 撤回随访管理同意）",
    # actions
    "recipient.actions": "记录服务",
    "recipient.action.visit": "入户走访",
    "recipient.action.followup": "随访",
    "recipient.action.rehab": "康复服务",
    # service records (timeline)
    "timeline.fact": "{label}：{values}",
    "timeline.separator": "、",
    "timeline.recorded_by": "记录人：{name}",
    "timeline.owner": "负责人：{name}",
    "timeline.needs": "发现的需求",
    "timeline.alert_status": "状态",
    "timeline.alert_status.open": "待处置",
    "timeline.alert_status.taken": "处置中",
    "timeline.alert_status.closed": "已结案",
    "timeline.attendance": "出勤",
    "timeline.attendance.attended": "已到场",
    "timeline.attendance.absent": "未到场",
    # 入组评估
    "eligibility.title": "入组评估",
    "eligibility.eligible": "全部符合入组条件。",
    "eligibility.not_eligible": "未全部符合入组条件。",
    "eligibility.coordinator_only": "未全部符合入组条件，需由乡镇（街道）或县级管理员填写理由后破格入组。",
    "eligibility.reason": "破格入组理由",
    "eligibility.reason_help": "说明为何在未全部符合条件时仍予入组，将记入审计日志。",
    "eligibility.admit": "办理入组",
    "eligibility.admitted": "已入组，状态改为「在册」。",
    # consents and their withdrawal
    "consent.records": "已签署的同意",
    "consent.none": "还没有签署记录。",
    "consent.signed_line": "{date} 签署 · {signers}",
    "consent.signer.recipient": "本人",
    "consent.signer.guardian": "监护人",
    "consent.in_force": "有效",
    "consent.withdrawn_line": "已于 {date} 撤回：{reason}",
    "consent.withdraw": "撤回",
    "consent.withdrawn_on": "撤回日期",
    "consent.withdraw_reason": "撤回原因",
    "consent.withdraw_submit": "确认撤回",
    "consent.withdraw_saved": "已撤回。",
    # 积分 (the recipient's points) and their redemption
    "recipient.points.from_rehab": "参加康复服务（{date}）",
    "recipient.points.line_meta": "{date} · 记录人：{name}",
    # 登记为志愿者, once the recipient consented to volunteering
    "recipient.volunteer.title": "登记为志愿者",
    "recipient.volunteer.help": "本人已签署参与志愿服务同意。登记后即为在册志愿者，可用下面的手机号和初始密码登录。",
    "recipient.volunteer.submit": "登记为志愿者",
    "recipient.volunteer.saved": "已登记为志愿者，编号 {number}。",
    "recipient.volunteer.registered": "已登记为志愿者。",
    # service records: a companion shift for the next visit, in one tap
    "timeline.visit_shift": "生成走访陪同班次",
}
