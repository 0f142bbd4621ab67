"""简体中文 — the default catalogue. Labels follow the official form wording of DOMAIN.md."""

from jingkang_app.i18n.alerts_page_zh import ALERTS_PAGE_ZH
from jingkang_app.i18n.care_team_zh import CARE_TEAM_ZH
from jingkang_app.i18n.care_zh import CARE_ZH
from jingkang_app.i18n.coordination_pages_zh import COORDINATION_PAGES_ZH
from jingkang_app.i18n.dashboard_page_zh import DASHBOARD_PAGE_ZH
from jingkang_app.i18n.eligibility_zh import ELIGIBILITY_ZH
from jingkang_app.i18n.events_zh import EVENTS_ZH
from jingkang_app.i18n.exports_zh import EXPORTS_ZH
from jingkang_app.i18n.families_zh import FAMILIES_ZH
from jingkang_app.i18n.family_home_zh import FAMILY_HOME_ZH
from jingkang_app.i18n.help_zh import HELP_ZH
from jingkang_app.i18n.indicators_zh import INDICATORS_ZH
from jingkang_app.i18n.recipient_page_zh import RECIPIENT_PAGE_ZH
from jingkang_app.i18n.referral_pages_zh import REFERRAL_PAGES_ZH
from jingkang_app.i18n.referrals_zh import REFERRALS_ZH
from jingkang_app.i18n.registration_zh import REGISTRATION_ZH
from jingkang_app.i18n.rehab_zh import REHAB_ZH
from jingkang_app.i18n.staff_feedback_zh import STAFF_FEEDBACK_ZH
from jingkang_app.i18n.subsidy_zh import SUBSIDY_ZH
from jingkang_app.i18n.volunteer_pages_zh import VOLUNTEER_PAGES_ZH
from jingkang_app.i18n.volunteer_service_zh import VOLUNTEER_SERVICE_ZH
from jingkang_app.i18n.volunteers_zh import VOLUNTEERS_ZH

ZH_CN: dict[str, str] = {
    # errors
    "error.generic": "操作没有完成，请稍后再试。",
    "error.permission_denied": "您没有权限查看或修改这条记录。",
    "error.not_found": "找不到这条记录，可能已被删除或地址有误。",
    "error.not_authenticated": "请先登录。",
    "error.session_expired": "登录已过期，请重新登录。",
    "error.login_failed": "手机号或密码不正确，请重新输入。",
    "error.too_many_failed_logins": "登录失败次数过多，账户已暂时锁定，请 {minutes} 分钟后再试。",
    "error.account_disabled": "该账户已停用，请联系管理员。",
    "error.stale_version": "这条记录已被他人修改，请刷新后再改。",
    "error.validation_failed": "填写的内容有误，请按提示修改后再提交。",
    "error.required": "此项必填。",
    "error.too_long": "内容过长，最多 {max} 个字。",
    "error.date_format": "日期格式不正确，请选择日期（年-月-日）。",
    "error.date_in_future": "日期不能晚于今天。",
    "error.date_too_early": "日期过早，请检查年份。",
    "error.invalid_choice": "请从选项中选择。",
    "error.mobile_invalid": "手机号格式不正确，应为 11 位数字，以 1 开头。",
    "error.phone_taken": "该手机号已有账户。",
    "error.password_too_short": "密码至少 {min} 位。",
    "error.role_area_level_village": "该角色需分配到村（社区）。",
    "error.role_area_level_township": "该角色需分配到乡镇（街道）。",
    "error.role_area_level_county": "该角色需分配到县（区）。",
    "error.cannot_remove_own_admin": "不能移除自己的管理员角色。",
    "error.cannot_deactivate_self": "不能停用自己的账户。",
    "error.admin_exists": "系统已有管理员。",
    "error.id_number_length": "身份证号应为 18 位。",
    "error.id_number_format": "身份证号格式不正确：前 17 位为数字，最后一位为数字或 X。",
    "error.id_number_birth_date": "身份证号中的出生日期无效。",
    "error.id_number_checksum": "身份证号校验位不正确，请核对后重新输入。",
    "error.id_number_duplicate": "该身份证号已登记。",
    "error.village_required": "请选择所属村（社区）。",
    "error.signer_required": "请至少勾选一位签署人（本人或监护人）。",
    "error.database_unavailable": "系统暂时无法连接数据库，您填写的内容没有丢失，请稍后再试。",
    "error.page_not_found": "页面不存在",
    "error.request_too_large": "提交的内容过大。",
    "error.bad_request": "请求格式不正确。",
    "app.name": "精康",
    "app.tagline": "精神障碍社区康复服务",
    "app.new_version": "精康已更新，请重新加载页面。",
    "app.reload": "重新加载",
    "connection.lost": "网络连接中断，正在重新连接……已填写的内容不会丢失。",
    "nav.tasks": "今日任务",
    "nav.family": "我的家人",
    "nav.overview": "区域概览",
    "nav.recipients": "服务对象",
    "nav.users": "用户管理",
    "nav.me": "我的",
    "nav.back_home": "返回首页",
    "login.phone": "手机号",
    "login.password": "密码",
    "login.submit": "登录",
    "login.missing": "请输入手机号和密码。",
    "me.language": "界面语言",
    "me.logout": "退出登录",
    "tasks.empty_title": "今日暂无任务",
    "tasks.empty_body": "需要随访或走访的服务对象会按紧急程度列在这里。",
    "overview.area": "区域",
    "overview.registered": "在册服务对象",
    "overview.applying": "申请中",
    "overview.high_risk": "危险性 3 级及以上",
    "list.search": "搜索",
    "list.previous": "上一页",
    "list.next": "下一页",
    "list.empty": "没有符合条件的记录。",
    "list.page": "第 {first}–{last} 条，共 {total} 条",
    "recipient.title": "服务对象",
    "recipient.search_hint": "姓名、拼音首字母或身份证后 4 位",
    "recipient.next_followup": "下次随访日期",
    "recipient.no_date": "未安排",
    "recipient.sex_age": "{sex} · {age} 岁",
    "recipient.id_number": "身份证号",
    "recipient.phone": "联系电话",
    "recipient.address": "现住址",
    "recipient.diagnosis": "目前诊断",
    "recipient.disability": "残疾证",
    "recipient.disability_level": "精神残疾 {level} 级",
    "recipient.guardian": "监护人",
    "recipient.guardian_phone": "监护人电话",
    "recipient.care_team": "综合管理小组",
    "risk.level": "危险性 {level} 级",
    "sex.male": "男",
    "sex.female": "女",
    "status.applying": "申请中",
    "status.registered": "在册",
    "status.suspended": "暂停",
    "status.exited": "退出",
    "relation.father": "父亲",
    "relation.mother": "母亲",
    "relation.spouse": "配偶",
    "relation.sibling": "兄弟姐妹",
    "relation.son": "儿子",
    "relation.daughter": "女儿",
    "relation.other": "其他",
    "diagnosis.schizophrenia": "精神分裂症",
    "diagnosis.schizoaffective": "分裂情感性障碍",
    "diagnosis.paranoid_psychosis": "偏执性精神病",
    "diagnosis.bipolar": "双相（情感）障碍",
    "diagnosis.epilepsy_psychosis": "癫痫所致精神障碍",
    "diagnosis.intellectual_disability": "精神发育迟滞伴发精神障碍",
    "diagnosis.other": "其他",
    "team_role.guardian": "监护人",
    "team_role.grid_worker": "网格员",
    "team_role.disability_worker": "残疾人专职委员",
    "team_role.civil_affairs": "民政协理员",
    "team_role.doctor": "社区医生",
    "team_role.police": "社区民警",
    "team_role.social_worker": "社会工作者",
    "team_role.volunteer": "志愿者",
    "role.caregiver": "家属/监护人",
    "role.grid_worker": "网格员",
    "role.village_cadre": "村(居)委会成员",
    "role.community_doctor": "社区医生",
    "role.social_worker": "社会工作者",
    "role.volunteer": "志愿者",
    "role.township_coordinator": "乡镇(街道)管理员",
    "role.county_coordinator": "县级管理员",
    "role.admin": "系统管理员",
    "consent.title": "知情同意/服务协议",
    "consent.kind": "协议类型",
    "consent.kind.service_agreement": "服务协议",
    "consent.kind.sensitive_information": "敏感个人信息处理同意",
    "consent.kind.followup_management": "随访管理知情同意",
    "consent.signed_on": "签署日期",
    "consent.signed_by": "签署人",
    "consent.signed_by_recipient": "本人签署",
    "consent.signed_by_guardian": "监护人签署",
    "consent.scope": "同意范围（选填）",
    "consent.submit": "保存",
    "consent.saved": "已保存。",
    "admin.create_title": "新建用户",
    "admin.name": "姓名",
    "admin.initial_password": "初始密码",
    "admin.password_help": "至少 8 位，请当面告知本人并提醒修改。",
    "admin.create": "创建用户",
    "admin.search_hint": "姓名或手机号",
    "admin.active": "在用",
    "admin.inactive": "已停用",
    "admin.remove_role": "移除角色",
    "admin.role": "角色",
    "admin.area": "区域",
    "admin.assign_role": "分配角色",
    "admin.new_password": "新密码",
    "admin.reset_password": "重置密码",
    "admin.deactivate": "停用账户",
    "admin.activate": "启用账户",
    "admin.user_created": "用户已创建。",
    "admin.role_assigned": "角色已分配。",
    "admin.role_removed": "角色已移除。",
    "admin.password_reset": "密码已重置，该用户需重新登录。",
    "admin.user_activated": "账户已启用。",
    "admin.user_deactivated": "账户已停用，其登录已失效。",
    "error.page_not_found_body": "您访问的页面不存在，请检查地址或返回首页。",
    "seed.role": "角色",
    "admin.manage": "管理角色、密码和状态",
    "error.client_id_reused": "该提交编号已用于另一条记录，请刷新页面后重新填写。",
}
ZH_CN |= CARE_ZH
ZH_CN |= ELIGIBILITY_ZH
ZH_CN |= REHAB_ZH
ZH_CN |= FAMILIES_ZH
ZH_CN |= FAMILY_HOME_ZH
ZH_CN |= REGISTRATION_ZH
ZH_CN |= ALERTS_PAGE_ZH
ZH_CN |= RECIPIENT_PAGE_ZH
ZH_CN |= CARE_TEAM_ZH
ZH_CN |= HELP_ZH
ZH_CN |= EVENTS_ZH
ZH_CN |= SUBSIDY_ZH
ZH_CN |= VOLUNTEER_SERVICE_ZH
ZH_CN |= VOLUNTEERS_ZH
ZH_CN |= COORDINATION_PAGES_ZH
ZH_CN |= VOLUNTEER_PAGES_ZH
ZH_CN |= EXPORTS_ZH
ZH_CN |= REFERRALS_ZH
ZH_CN |= REFERRAL_PAGES_ZH
ZH_CN |= STAFF_FEEDBACK_ZH
ZH_CN |= INDICATORS_ZH
ZH_CN |= DASHBOARD_PAGE_ZH
