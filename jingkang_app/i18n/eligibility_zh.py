"""入组评估、入组、撤回同意 — to be merged into zh_cn.py. Same keys as eligibility_en.py."""

ELIGIBILITY_ZH: dict[str, str] = {
    "eligibility.hukou": "户籍在本县",
    "eligibility.age": "年龄{min_age}–{max_age}岁",
    "eligibility.condition": "精神残疾等级或诊断",
    "eligibility.physical_health": "无严重躯体疾病或传染病",
    "eligibility.risk_history": "近{months}个月危险性评估0–{max_level}级",
    "eligibility.agreement": "本人及监护人签署服务协议",
    "eligibility.met": "符合",
    "eligibility.not_met": "不符合",
    "eligibility.unknown": "待核实",
    "error.admission_reason_required": "未全部符合入组条件，请填写破格入组的理由。",
    "error.not_applying": "只有「申请中」的服务对象可以办理入组。",
    "error.withdrawal_before_signing": "撤回日期不能早于签署日期。",
    "error.already_withdrawn": "该同意已撤回，无需再次撤回。",
}
