"""简体中文 — family support (DOMAIN.md §3.9): respite requests' errors and the notices the caregiver receives.
Same keys as families_en.py."""

FAMILIES_ZH: dict[str, str] = {
    "error.respite_start_in_past": "开始日期不能早于今天，请重新选择。",
    "error.respite_end_before_start": "结束日期不能早于开始日期，请重新选择。",
    "error.respite_overlaps": "这段日期与已有的喘息服务申请（{start} 至 {end}）重叠，请换一段日期。",
    "error.respite_burden_answers": "照护负担问卷的回答无效，请重新填写问卷。",
    "error.respite_illegal_step": "这条申请当前的状态不允许这项操作，请刷新后查看。",
    "error.respite_over_quota_reason": "本次申请超出每年 {quota} 天的额度（超出 {over} 天），批准时请填写理由。",
    "error.respite_not_started": "喘息服务尚未开始，开始后才能登记完成。",
    "error.respite_already_started": "喘息服务已经开始，不能再取消。",
    "error.respite_rating": "请选择 1 到 5 星的评价。",
    "notice.respite_approved": "{name} 的喘息服务申请（{start} 至 {end}）已批准。",
    "notice.respite_rejected": "{name} 的喘息服务申请（{start} 至 {end}）未获批准，理由：{reason}",
    "notice.respite_arranged": "{name} 的喘息服务（{start} 至 {end}）已安排：{arrangement}。",
    "notice.respite_completed": "{name} 的喘息服务（{start} 至 {end}）已完成，欢迎评价。",
    "notice.respite_rated": "{name} 的喘息服务（{start} 至 {end}）已评价，谢谢。",
    "notice.respite_cancelled": "{name} 的喘息服务申请（{start} 至 {end}）已取消。",
}
