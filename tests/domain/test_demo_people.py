import random
from collections import Counter
from datetime import date

import pytest

from jingkang_app.demo_people import (
    DEMO_AS_OF,
    DEMO_TOWNSHIPS,
    DIAGNOSES,
    RELATIONS,
    demo_id_number,
    demo_mobile,
    demo_recipients,
    demo_staff_name,
)
from jingkang_app.domain.rules.idcard import parse_id_number
from jingkang_app.domain.rules.phone import normalise_mobile

COUNTY = "330127"
VILLAGES = [village for villages in DEMO_TOWNSHIPS.values() for village in villages]


@pytest.fixture(scope="module")
def people():
    return demo_recipients(random.Random(42), COUNTY, VILLAGES, 240)


def age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def test_same_seed_gives_the_same_people():
    first = demo_recipients(random.Random(7), COUNTY, VILLAGES, 30)
    second = demo_recipients(random.Random(7), COUNTY, VILLAGES, 30)
    assert first == second


def test_different_seeds_give_different_people():
    first = demo_recipients(random.Random(7), COUNTY, VILLAGES, 30)
    second = demo_recipients(random.Random(8), COUNTY, VILLAGES, 30)
    assert [p.id_number for p in first] != [p.id_number for p in second]


def test_returns_the_requested_count(people):
    assert len(people) == 240


def test_every_id_number_parses(people):
    for person in people:
        parse_id_number(person.id_number)  # raises if invalid


def test_id_numbers_are_unique(people):
    assert len({p.id_number for p in people}) == len(people)


def test_id_number_uses_the_county_code(people):
    assert {parse_id_number(p.id_number).region_code for p in people} == {COUNTY}


def test_id_number_birth_date_matches_the_person(people):
    for person in people:
        assert parse_id_number(person.id_number).birth_date == person.birth_date


def test_id_number_sex_matches_the_person(people):
    for person in people:
        assert parse_id_number(person.id_number).sex == person.sex


def test_both_sexes_occur(people):
    assert {p.sex for p in people} == {"male", "female"}


def test_recipients_are_aged_18_to_75(people):
    ages = [age_on(p.birth_date, DEMO_AS_OF) for p in people]
    assert min(ages) >= 18
    assert max(ages) <= 75


def test_every_mobile_normalises_unchanged(people):
    for person in people:
        assert normalise_mobile(person.mobile) == person.mobile
        assert normalise_mobile(person.guardian.mobile) == person.guardian.mobile


def test_recipients_are_spread_evenly_over_villages(people):
    assert Counter(p.village for p in people) == {village: 20 for village in VILLAGES}


def test_uneven_count_differs_by_at_most_one_per_village():
    counts = Counter(p.village for p in demo_recipients(random.Random(1), COUNTY, VILLAGES, 25))
    assert set(counts) == set(VILLAGES)
    assert max(counts.values()) - min(counts.values()) == 1


def test_address_is_in_the_persons_village(people):
    for person in people:
        assert person.address.startswith(person.village)


def test_village_address_has_group_and_number(people):
    village_people = [p for p in people if p.village.endswith("村")]
    assert village_people
    for person in village_people:
        assert "组" in person.address and person.address.endswith("号")


def test_names_are_two_to_four_chinese_characters(people):
    for person in people + [p.guardian for p in people]:
        assert 2 <= len(person.name) <= 4
        assert all("\u4e00" <= char <= "\u9fff" for char in person.name)


def test_diagnoses_are_among_the_six_severe_disorders(people):
    assert {p.diagnosis for p in people} <= {name for name, _ in DIAGNOSES}


def test_schizophrenia_is_the_most_common_diagnosis(people):
    assert Counter(p.diagnosis for p in people).most_common(1)[0][0] == "精神分裂症"


def test_diagnosis_date_is_in_the_past_and_after_age_16(people):
    for person in people:
        assert person.diagnosis_date < DEMO_AS_OF
        assert age_on(person.birth_date, person.diagnosis_date) >= 16


def test_household_type_is_mostly_rural_in_villages(people):
    village_people = [p for p in people if p.village.endswith("村")]
    rural = sum(p.household_type == "农村" for p in village_people)
    assert rural > len(village_people) * 0.7
    assert {p.household_type for p in people} <= {"城镇", "农村"}


def test_coded_fields_stay_in_range(people):
    for person in people:
        assert person.disability_level in (None, 1, 2, 3, 4)
        assert 1 <= person.employment_code <= 9
        assert person.economic_status in ("贫困", "非贫困", "不详")


def test_dibao_and_tekun_only_for_poor_households(people):
    for person in people:
        if person.dibao or person.tekun:
            assert person.economic_status == "贫困"


def test_guardian_relation_is_a_known_relation(people):
    assert {p.guardian.relation for p in people} <= set(RELATIONS)


def test_guardian_sex_fits_the_relation(people):
    expected = {
        "父亲": "male",
        "兄弟": "male",
        "儿子": "male",
        "母亲": "female",
        "姐妹": "female",
        "女儿": "female",
    }
    for person in people:
        guardian = person.guardian
        if guardian.relation == "配偶":
            assert guardian.sex != person.sex
        else:
            assert guardian.sex == expected[guardian.relation]


def test_fathers_and_siblings_share_the_surname(people):
    for person in people:
        if person.guardian.relation in ("父亲", "兄弟", "姐妹"):
            assert person.guardian.name[0] == person.name[0]


def test_spouses_do_not_share_the_surname(people):
    for person in people:
        if person.guardian.relation == "配偶":
            assert person.guardian.name[0] != person.name[0]


def test_guardian_ages_are_plausible(people):
    for person in people:
        age = age_on(person.birth_date, DEMO_AS_OF)
        guardian = person.guardian
        assert guardian.age >= 18
        if guardian.relation in ("父亲", "母亲"):
            assert guardian.age >= age + 18
        if guardian.relation in ("儿子", "女儿"):
            assert guardian.age <= age - 18


def test_demo_id_number_matches_requested_birth_date_and_sex():
    card = parse_id_number(demo_id_number(random.Random(3), "110105", date(1990, 2, 28), "female"))
    assert (card.region_code, card.birth_date, card.sex) == ("110105", date(1990, 2, 28), "female")


def test_demo_id_number_rejects_a_bad_county_code():
    with pytest.raises(ValueError):
        demo_id_number(random.Random(3), "3301", date(1990, 1, 1), "male")


def test_demo_mobile_is_valid_and_deterministic():
    numbers = [demo_mobile(random.Random(5)) for _ in range(2)]
    assert numbers[0] == numbers[1]
    assert normalise_mobile(numbers[0]) == numbers[0]


def test_demo_staff_name_returns_name_and_sex():
    name, sex = demo_staff_name(random.Random(9))
    assert sex in ("male", "female")
    assert 2 <= len(name) <= 4


def test_demo_townships_have_four_villages_each_with_both_kinds():
    assert len(DEMO_TOWNSHIPS) == 3
    for villages in DEMO_TOWNSHIPS.values():
        assert len(villages) == 4
    kinds = {village[-2:] if village.endswith("社区") else village[-1] for village in VILLAGES}
    assert kinds == {"村", "社区"}
    assert len(set(VILLAGES)) == 12
