"""简体中文 — the referral pages (转介, DOMAIN.md §3.7): the list's tabs and card lines, the detail's history, step
forms and confirmations, the new-referral form, and the links from the overview and the recipient page. Kinds,
statuses, steps, field labels, the handover pack and the services' errors are in referrals_zh.py. Same keys as
referral_pages_en.py."""

from jingkang_app.i18n.referrals_zh import REFERRALS_ZH

# What a stale-version refusal names as changed meanwhile (the "changed" of the referral's audit entries).
CHANGED_FIELDS = {
    "status": "referral.status",
    "reason": "referral.reason",
    "receiver": "referral.receiver",
    "receiver_area_id": "referral.receiver_area",
    "applied_on": "referral.applied_on",
    "registered_on": "referral.registered_on",
    "referred_on": "referral.referred_on",
    "closed_on": "referral.closed_on",
    "register_by": "referral.register_by",
    "refer_by": "referral.refer_by",
    "return_reason": "referral.return_reason",
    "handover": "referral.handover.title",
}

REFERRAL_PAGES_ZH: dict[str, str] = {
    "overview.referrals": "转介（逾期待办）",
    "referral_page.start": "发起转介",
    "referral_page.back_to_list": "返回转介列表",
    # The list.
    "referral_page.tab.open": "在办",
    "referral_page.tab.late": "逾期",
    "referral_page.tab.ended": "已结案·已退回",
    "referral_page.all_kinds": "全部类型",
    "referral_page.receiver_line": "接收机构：{receiver}",
    "referral_page.applied_line": "申请日期：{date}",
    "referral_page.register_by_line": "初核登记截止：{date}",
    "referral_page.refer_by_line": "转介截止：{date}",
    "referral_page.holders_line": "当前办理：{roles}",
    # One referral.
    "referral_page.created_by": "填报人",
    "referral_page.dates": "日期与时限",
    "referral_page.history_by": "{who} · {time}",
    "referral_page.history_note": "备注：{note}",
    "referral_page.history_reason": "退回原因：{reason}",
    "referral_page.history_empty": "尚未提交，暂无办理记录。",
    "referral_page.no_steps": "您目前没有可办理的步骤。",
    "referral_page.resubmit_help": "可修改转介原因和接收机构后重新提交。",
    "referral_page.return_help": "请写明退回的理由，申请人会收到通知。",
    "referral_page.confirm": "确认办理",
    "referral_page.cancel": "取消",
    "referral_page.done": "已办理「{step}」。",
    "referral_page.risk_unknown": "未评估",
    "referral_page.drug_line": "{name}（{when}）",
    "referral_page.none": "无",
    # The new referral.
    "referral_page.receiver_help": "例如：城关镇精康融合服务站、县精神卫生中心",
    "referral_page.applied_on_help": "纸质申请按申请书上的日期填写，默认今天。",
}
REFERRAL_PAGES_ZH |= {
    f"referral_page.field.{name}": REFERRALS_ZH[key] for name, key in CHANGED_FIELDS.items()
}
