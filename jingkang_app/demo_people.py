"""Deterministic, realistic demo people for a fictional county. Pure Python, no database.

Everything is drawn from the ``random.Random`` passed in, so one seed always gives the same people. Ages and
dates are computed against ``as_of`` (default DEMO_AS_OF), not the real clock.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal, TypeVar

from jingkang_app.domain.rules.idcard import id_check_char

Sex = Literal["male", "female"]
T = TypeVar("T")

DEMO_AS_OF = date(2026, 1, 1)

DEMO_TOWNSHIPS: dict[str, list[str]] = {
    "城关镇": ["东门社区", "西街社区", "南塘村", "北山村"],
    "青山乡": ["青山村", "石桥村", "竹林村", "茶园村"],
    "河口镇": ["河口社区", "沙湾村", "柳树村", "渡头村"],
}

# (surname, weight) — roughly the national frequency order.
SURNAMES: list[tuple[str, int]] = [
    ("王", 72), ("李", 71), ("张", 66), ("刘", 54), ("陈", 45), ("杨", 31), ("黄", 24), ("赵", 23),
    ("吴", 21), ("周", 20), ("徐", 16), ("孙", 15), ("马", 14), ("朱", 13), ("胡", 13), ("郭", 12),
    ("何", 11), ("高", 10), ("林", 10), ("罗", 10), ("郑", 9), ("梁", 9), ("谢", 8), ("宋", 7),
    ("唐", 7), ("许", 6), ("韩", 6), ("冯", 6), ("邓", 6), ("曹", 5), ("彭", 5), ("曾", 5),
    ("叶", 4), ("汪", 4), ("蒋", 4), ("沈", 4), ("方", 3), ("潘", 3), ("钱", 2), ("俞", 2),
]  # fmt: skip
# Given names by sex and generation (born before 1970 / 1970–1989 / 1990 on); one-character names in all.
GIVEN_NAMES: dict[Sex, tuple[list[str], list[str], list[str]]] = {
    "male": (
        [
            "建国", "建华", "建军", "国强", "国平", "志强", "卫东", "红军", "春生", "庆丰", "德明",
            "金龙", "永明", "立新", "伟", "军", "刚", "平", "华",
        ],
        [
            "海涛", "志刚", "文斌", "文杰", "德华", "晓东", "小龙", "海军", "永红", "伟", "强",
            "磊", "军", "勇", "杰", "涛", "斌", "超", "明", "辉", "鹏", "峰",
        ],
        [
            "浩然", "宇航", "子豪", "家豪", "俊杰", "浩宇", "子轩", "一鸣", "博文", "伟", "磊",
            "杰", "超", "鹏", "飞", "帅", "凯", "鑫", "宇", "浩", "阳",
        ],
    ),
    "female": (
        [
            "秀英", "桂英", "秀兰", "玉兰", "桂兰", "凤英", "秀珍", "淑芬", "玉梅", "春梅", "红梅",
            "英", "兰", "梅", "珍", "琴", "芳", "霞",
        ],
        [
            "丽华", "丽娟", "海燕", "晓红", "小燕", "雪梅", "美玲", "慧敏", "晓丽", "亚男", "芳",
            "娟", "敏", "静", "丽", "艳", "玲", "燕", "萍", "红",
        ],
        [
            "佳怡", "雨欣", "欣怡", "思雨", "子涵", "梦瑶", "诗琪", "雨婷", "佳慧", "婷", "娜",
            "静", "敏", "丹", "倩", "颖", "洁", "琳", "璐", "悦",
        ],
    ),
}  # fmt: skip
MOBILE_PREFIXES = ["138", "139", "150", "151", "158", "159", "181", "186", "187", "189", "135", "136", "137"]

# DOMAIN.md §3.1: the six severe disorders, 精神分裂症 most common.
DIAGNOSES: list[tuple[str, int]] = [
    ("精神分裂症", 60), ("双相(情感)障碍", 12), ("精神发育迟滞伴发精神障碍", 10),
    ("偏执性精神病", 7), ("分裂情感性障碍", 6), ("癫痫所致精神障碍", 5),
]  # fmt: skip
DIAGNOSIS_HOSPITALS = ["市第七人民医院", "市精神卫生中心", "县人民医院", "县第二人民医院", "省精神卫生中心"]
DISABILITY_LEVELS: list[tuple[int | None, int]] = [(None, 40), (1, 8), (2, 20), (3, 20), (4, 12)]
ECONOMIC_STATUSES: list[tuple[str, int]] = [("非贫困", 62), ("贫困", 28), ("不详", 10)]
RELATIONS = ["父亲", "母亲", "配偶", "兄弟", "姐妹", "儿子", "女儿"]
_RELATION_SEX: dict[str, Sex] = {
    "父亲": "male", "母亲": "female", "兄弟": "male", "姐妹": "female", "儿子": "male", "女儿": "female",
}  # fmt: skip


@dataclass(frozen=True)
class DemoGuardian:
    name: str
    relation: str  # 与患者关系, one of RELATIONS
    sex: Sex
    age: int
    mobile: str
    address: str


@dataclass(frozen=True)
class DemoPerson:
    name: str
    sex: Sex
    birth_date: date
    id_number: str
    mobile: str
    village: str
    address: str
    county_hukou: bool  # 户籍 in this county
    household_type: str  # 户别: 城镇 / 农村
    diagnosis: str
    diagnosis_hospital: str
    diagnosis_date: date
    disability_level: int | None  # 精神残疾 level 1–4, None = no certificate
    economic_status: str  # 贫困 / 非贫困 / 不详
    dibao: bool  # 低保
    tekun: bool  # 特困
    employment_code: int  # 就业情况 1–9
    guardian: DemoGuardian


def _weighted(rng: random.Random, options: list[tuple[T, int]]) -> T:
    return rng.choices([value for value, _ in options], weights=[weight for _, weight in options])[0]


def _surname(rng: random.Random, avoid: str = "") -> str:
    while (surname := _weighted(rng, SURNAMES)) == avoid:
        pass
    return surname


def _given_name(rng: random.Random, sex: Sex, birth_year: int) -> str:
    generation = 0 if birth_year < 1970 else 1 if birth_year < 1990 else 2
    return rng.choice(GIVEN_NAMES[sex][generation])


def demo_mobile(rng: random.Random) -> str:
    """An 11-digit mobile number with a common operator prefix."""
    return rng.choice(MOBILE_PREFIXES) + "".join(rng.choice("0123456789") for _ in range(8))


def demo_staff_name(rng: random.Random) -> tuple[str, str]:
    """(full name, sex) for a staff account."""
    sex: Sex = rng.choice(["male", "female"])
    return _surname(rng) + _given_name(rng, sex, rng.randint(1966, 2001)), sex


def demo_id_number(rng: random.Random, county_code: str, birth_date: date, sex: Sex) -> str:
    """A valid 18-digit ID number with this region code, birth date and sex (random sequence code)."""
    if len(county_code) != 6 or not county_code.isdigit():
        raise ValueError("county_code must be 6 digits")
    sex_digit = rng.choice("13579" if sex == "male" else "02468")
    first17 = f"{county_code}{birth_date:%Y%m%d}{rng.randrange(100):02d}{sex_digit}"
    return first17 + id_check_char(first17)


def _shift_years(day: date, years: int) -> date:
    """The same calendar day ``years`` later (negative: earlier); 29 Feb becomes 28 Feb if needed."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _birth_date(rng: random.Random, as_of: date, min_age: int, max_age: int) -> date:
    """A birth date giving an age in [min_age, max_age] on as_of."""
    latest = _shift_years(as_of, -min_age)
    earliest = _shift_years(as_of, -(max_age + 1)) + timedelta(days=1)
    return earliest + timedelta(days=rng.randrange((latest - earliest).days + 1))


def _age(birth: date, as_of: date) -> int:
    return as_of.year - birth.year - ((as_of.month, as_of.day) < (birth.month, birth.day))


def _guardian(
    rng: random.Random, surname: str, sex: Sex, age: int, address: str, as_of: date
) -> DemoGuardian:
    if age < 40:
        spouse_weight = 2 if age >= 24 else 0
        relation = _weighted(
            rng, [("父亲", 3), ("母亲", 4), ("配偶", spouse_weight), ("兄弟", 1), ("姐妹", 1)]
        )
    elif age < 60:
        relation = _weighted(
            rng, [("母亲", 1), ("配偶", 5), ("兄弟", 2), ("姐妹", 2), ("儿子", 2), ("女儿", 2)]
        )
    else:
        relation = _weighted(rng, [("配偶", 4), ("儿子", 4), ("女儿", 3)])
    guardian_sex: Sex = _RELATION_SEX.get(relation) or ("female" if sex == "male" else "male")
    if relation in ("父亲", "母亲"):
        guardian_age = min(age + rng.randint(22, 34), 88)
    elif relation == "配偶":
        guardian_age = max(age + rng.randint(-4, 6) * (1 if sex == "female" else -1), 20)
    elif relation in ("兄弟", "姐妹"):
        guardian_age = max(age + rng.randint(-8, 8), 18)
    else:
        guardian_age = max(age - rng.randint(22, 32), 18)
    # Children take the father's surname; wives keep their own: so a father, a sibling and a man's children
    # share the recipient's surname, a mother, a spouse and a woman's children do not.
    shares_surname = relation in ("父亲", "兄弟", "姐妹") or (relation in ("儿子", "女儿") and sex == "male")
    guardian_surname = surname if shares_surname else _surname(rng, avoid=surname)
    return DemoGuardian(
        name=guardian_surname + _given_name(rng, guardian_sex, as_of.year - guardian_age),
        relation=relation,
        sex=guardian_sex,
        age=guardian_age,
        mobile=demo_mobile(rng),
        address=address,
    )


def _employment(rng: random.Random, age: int, rural: bool) -> int:
    options = [(4, 40), (3, 30 if rural else 4), (8, 6), (9, 4)]
    if age < 60:
        options += [(1, 8), (2, 1), (7, 1)]
    if age <= 24:
        options.append((5, 10))
    if age >= 55:
        options.append((6, 6 if rural else 30))
    return _weighted(rng, options)


def _recipient(
    rng: random.Random, county_code: str, village: str, as_of: date, used_ids: set[str]
) -> DemoPerson:
    sex: Sex = "male" if rng.random() < 0.52 else "female"
    surname = _surname(rng)
    birth = _birth_date(rng, as_of, 18, 75)
    age = _age(birth, as_of)
    while (id_number := demo_id_number(rng, county_code, birth, sex)) in used_ids:
        pass
    used_ids.add(id_number)
    community = village.endswith("社区")
    rural = rng.random() < (0.2 if community else 0.9)
    if community:
        address = f"{village}{rng.randint(1, 24)}幢{rng.randint(1, 6)}0{rng.randint(1, 4)}室"
    else:
        address = f"{village}{rng.randint(1, 12)}组{rng.randint(1, 60)}号"
    # Diagnosed 6 months to 9 years ago, and not before the age of 16.
    days_since_16 = (as_of - _shift_years(birth, 16)).days
    diagnosis_date = as_of - timedelta(days=rng.randint(180, min(9 * 365, days_since_16)))
    economic = _weighted(rng, ECONOMIC_STATUSES)
    dibao = economic == "贫困" and rng.random() < 0.55
    return DemoPerson(
        name=surname + _given_name(rng, sex, birth.year),
        sex=sex,
        birth_date=birth,
        id_number=id_number,
        mobile=demo_mobile(rng),
        village=village,
        address=address,
        county_hukou=rng.random() < 0.95,
        household_type="农村" if rural else "城镇",
        diagnosis=_weighted(rng, DIAGNOSES),
        diagnosis_hospital=rng.choice(DIAGNOSIS_HOSPITALS),
        diagnosis_date=diagnosis_date,
        disability_level=_weighted(rng, DISABILITY_LEVELS),
        economic_status=economic,
        dibao=dibao,
        tekun=economic == "贫困" and not dibao and rng.random() < 0.2,
        employment_code=_employment(rng, age, rural),
        guardian=_guardian(rng, surname, sex, age, address, as_of),
    )


def demo_recipients(
    rng: random.Random, county_code: str, villages: list[str], count: int, *, as_of: date = DEMO_AS_OF
) -> list[DemoPerson]:
    """``count`` recipients aged 18–75 on ``as_of``, round-robin over ``villages``; ID numbers unique."""
    if not villages:
        raise ValueError("at least one village is needed")
    used_ids: set[str] = set()
    return [_recipient(rng, county_code, villages[i % len(villages)], as_of, used_ids) for i in range(count)]
