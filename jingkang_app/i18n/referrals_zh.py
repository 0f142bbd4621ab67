"""简体中文 — referrals (转介, DOMAIN.md §3.7): kinds, application routes, statuses, each kind's steps in the 2023
measures' wording, the handover pack, errors and the notices of whoever holds a referral next. Same keys as
referrals_en.py. Step labels are ``referral.step.<kind>.<step>`` (services.referral_views.step_label)."""

KINDS = {
    "rehab": "精康转介",
    "hospital_up": "上转",
    "hospital_down": "下转",
    "employment": "就业转介",
    "aid": "救助转介",
}
STATUSES = {
    "draft": "草稿",
    "applied": "已申请",
    "registered": "已登记",
    "referred": "已转介（待接收）",
    "initiated": "已发起（待接收）",
    "accepted": "已接收",
    "assessed": "已评估",
    "in_service": "服务中",
    "reviewed": "已阶段评估",
    "in_care": "诊治中",
    "back_in_community": "已回转社区",
    "returned": "已退回",
    "closed": "已结案",
}
STEPS = {
    "apply": "提出申请",
    "register": "初核登记",
    "refer": "康复转介",
    "initiate": "发起",
    "acknowledge": "接收确认",
    "assess": "综合评估",
    "provide": "服务提供",
    "review": "阶段性评估",
    "treat": "就诊/住院",
    "send_back": "回转社区",
    "close": "结案",
    "return": "退回",
}
# Each kind's steps (rules/referrals.py; tests/unit/test_referral_catalogue.py checks they match).
FLOW_STEPS = {
    "rehab": ("apply", "register", "refer", "acknowledge", "assess", "provide", "review", "close", "return"),
    "hospital_up": ("initiate", "acknowledge", "treat", "send_back", "close", "return"),
    "hospital_down": ("initiate", "acknowledge", "treat", "close", "return"),
    "employment": ("initiate", "acknowledge", "provide", "close", "return"),
    "aid": ("initiate", "acknowledge", "provide", "close", "return"),
}
KIND_STEPS = {("rehab", "close"): "结案与回访", ("hospital_down", "treat"): "社区接诊"}

REFERRALS_ZH: dict[str, str] = {
    "referral.title": "转介",
    "referral.list_title": "转介管理",
    "referral.empty": "暂无转介。",
    "referral.new": "新建转介",
    "referral.kind": "转介类型",
    "referral.route": "申请途径",
    "referral.route.personal": "个人自愿申请",
    "referral.route.medical": "医疗卫生机构协助",
    "referral.route.other": "其他主体协助",
    "referral.status": "状态",
    "referral.reason": "转介原因",
    "referral.receiver": "接收机构",
    "referral.receiver_area": "接收方所在地区",
    "referral.applied_on": "申请日期",
    "referral.registered_on": "登记日期",
    "referral.referred_on": "转介日期",
    "referral.closed_on": "结案日期",
    "referral.register_by": "应登记日期",
    "referral.refer_by": "应转介日期",
    "referral.late": "逾期",
    "referral.late_step": "「{step}」已逾期",
    "referral.late_only": "只看逾期",
    "referral.submit": "提交",
    "referral.save_draft": "存为草稿",
    "referral.note": "备注",
    "referral.return_reason": "退回原因",
    "referral.history": "办理记录",
    "referral.history_line": "{when} {who}：{step}",
    "referral.holders": "当前办理人",
    "referral.no_holders": "已结案，无需办理。",
    "referral.next_steps": "可办理",
    "referral.from_alert": "由复发预警生成（绿色通道）",
    # 交接材料: what goes with the referral to the receiving side.
    "referral.handover.title": "交接材料",
    "referral.handover.hidden": "交接材料仅接收方可查看。",
    "referral.handover.built_on": "生成日期",
    "referral.handover.summary": "基本情况",
    "referral.handover.name": "姓名",
    "referral.handover.sex": "性别",
    "referral.handover.age": "年龄",
    "referral.handover.diagnosis": "目前诊断",
    "referral.handover.reason": "转介原因",
    "referral.handover.risk": "风险情况",
    "referral.handover.level": "最近一次危险性评估",
    "referral.handover.classification": "最近一次随访分类",
    "referral.handover.last_followup_date": "最近一次随访日期",
    "referral.handover.medication": "用药情况",
    "referral.handover.drugs": "药物及用法",
    "referral.handover.recorded_on": "记录日期",
    "referral.handover.no_drugs": "最近一次随访未记录用药。",
    "referral.handover.contacts": "联系人",
    "referral.handover.guardian": "监护人",
    "referral.handover.relation": "与患者关系",
    "referral.handover.doctor": "社区医生",
    "referral.handover.social_worker": "社会工作者",
    "referral.handover.phone": "电话",
    "error.referral_route_not_allowed": "申请途径：您的角色不能以这种途径提出申请，请改选您可代为提交的途径（如「其他主体协助」）。",
    "error.referral_receiver_area": "接收方所在地区：请选择本县的乡镇（街道）或县本级，不能选村（社区）或外县。",
    "error.referral_return_reason": "退回原因：必填，最多 {max} 个字。请写明退回的理由，便于申请人修改后重新提交。",
    "notice.referral_applied": "{name} 的精康转介申请待初核登记，请在 5 个工作日内办理。",
    "notice.referral_registered": "{name} 的精康转介已登记，请在 5 个工作日内转介至康复服务机构。",
    "notice.referral_referred": "{name} 已转介至「{receiver}」，请接收确认。",
    "notice.referral_initiated": "{name} 的转介已发起至「{receiver}」，请接收确认。",
    "notice.referral_accepted": "「{receiver}」已接收 {name} 的转介，请继续办理。",
    "notice.referral_assessed": "{name} 已完成综合评估，请安排服务提供。",
    "notice.referral_in_service": "{name} 正在接受服务（{receiver}），请按时办理下一步。",
    "notice.referral_reviewed": "{name} 已完成阶段性评估，请继续服务或结案回访。",
    "notice.referral_in_care": "{name} 正在「{receiver}」诊治，请跟进。",
    "notice.referral_back_in_community": "{name} 已回转社区，请接续管理并结案。",
    "notice.referral_returned": "{name} 的转介被退回，原因：{reason}。请修改后重新提交。",
    "notice.referral_closed": "{name} 的转介已结案。",
}
REFERRALS_ZH |= {f"referral.kind.{code}": label for code, label in KINDS.items()}
REFERRALS_ZH |= {f"referral.status.{code}": label for code, label in STATUSES.items()}
REFERRALS_ZH |= {
    f"referral.step.{kind}.{step}": KIND_STEPS.get((kind, step), STEPS[step])
    for kind, steps in FLOW_STEPS.items()
    for step in steps
}
REFERRALS_ZH |= {
    f"error.referral_illegal_step.{code}": f"这份转介当前为「{label}」，不能办理这一步。请刷新页面，按显示的可办理操作进行。"
    for code, label in STATUSES.items()
}
