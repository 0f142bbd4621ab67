from datetime import date

import pytest

from jingkang_app.domain.rules.idcard import (
    IdCard,
    InvalidIdNumber,
    id_check_char,
    mask_id_number,
    normalise_id_number,
    parse_id_number,
)

_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def with_check_char(first17: str) -> str:
    """Independent reference implementation of GB 11643-1999, so tests do not trust the code under test."""
    return first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True)) % 11]


def reason_for(raw: str, today: date | None = None) -> str:
    with pytest.raises(InvalidIdNumber) as caught:
        parse_id_number(raw, today=today)
    return caught.value.reason


# --- valid numbers -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "number",
    [
        "11010519491231002X",  # the standard's published example
        "33012719850614123X",
        "330127199211031521",
        "330102197707077770",
        "440304200002290049",  # born on a leap day
    ],
)
def test_known_valid_numbers_parse(number):
    assert parse_id_number(number).number == number


def test_parse_returns_birth_date_sex_and_region_code():
    assert parse_id_number("11010519491231002X") == IdCard(
        number="11010519491231002X", birth_date=date(1949, 12, 31), sex="female", region_code="110105"
    )


def test_odd_17th_digit_means_male():
    assert parse_id_number("33012719850614123X").sex == "male"


def test_even_17th_digit_means_female():
    assert parse_id_number("330127199211031521").sex == "female"


def test_zero_17th_digit_means_female():
    assert parse_id_number(with_check_char("33012719800101010")).sex == "female"


def test_reference_implementation_agrees_with_published_example():
    assert with_check_char("11010519491231002") == "11010519491231002X"


@pytest.mark.parametrize(
    ("first17", "expected"),
    [("11010519491231002", "X"), ("33012719921103152", "1"), ("33010219770707777", "0")],
)
def test_id_check_char_computes_the_check_character(first17, expected):
    assert id_check_char(first17) == expected


def test_id_check_char_rejects_wrong_length():
    with pytest.raises(ValueError):
        id_check_char("1101051949123100")


# --- normalisation -----------------------------------------------------------------------


def test_lower_case_x_is_normalised_to_upper_case():
    assert parse_id_number("11010519491231002x").number == "11010519491231002X"


def test_full_width_digits_are_normalised_to_ascii():
    assert parse_id_number("１１０１０５１９４９１２３１００２Ｘ").number == "11010519491231002X"


def test_full_width_lower_case_x_is_normalised():
    assert normalise_id_number("11010519491231002ｘ") == "11010519491231002X"


def test_spaces_inside_are_removed():
    assert parse_id_number(" 110105 19491231 002X ").number == "11010519491231002X"


def test_full_width_space_and_tabs_are_removed():
    assert normalise_id_number("110105\u300019491231\t002X\n") == "11010519491231002X"


# --- invalid numbers ---------------------------------------------------------------------


def test_wrong_check_character_is_rejected_as_checksum():
    assert reason_for("110105194912310021") == "checksum"


def test_check_x_where_digit_expected_is_rejected_as_checksum():
    assert reason_for("33012719921103152X") == "checksum"


def test_changed_digit_is_rejected_as_checksum():
    assert reason_for("11010519491231012X") == "checksum"


@pytest.mark.parametrize("number", ["11010519491231002", "11010519491231002X1", "", "110105"])
def test_wrong_length_is_rejected_as_length(number):
    assert reason_for(number) == "length"


def test_letter_in_the_middle_is_rejected_as_format():
    assert reason_for("1101051949A231002X") == "format"


def test_x_before_the_last_position_is_rejected_as_format():
    assert reason_for("1101051949123100X2") == "format"


def test_non_ascii_digits_are_rejected_as_format():
    assert reason_for("١١٠١٠٥١٩٤٩١٢٣١٠٠٢X") == "format"  # Arabic-Indic digits are not full-width


@pytest.mark.parametrize(
    "birth",
    ["19990230", "19991301", "19990001", "19990100", "19990229"],
    ids=["feb-30", "month-13", "month-0", "day-0", "feb-29-non-leap"],
)
def test_impossible_birth_date_is_rejected_as_birth_date(birth):
    assert reason_for(with_check_char(f"330127{birth}123")) == "birth_date"


def test_birth_date_after_today_is_rejected_as_birth_date():
    assert reason_for(with_check_char("33012720260102123"), today=date(2026, 1, 1)) == "birth_date"


def test_birth_date_equal_to_today_is_accepted():
    number = with_check_char("33012720260101123")
    assert parse_id_number(number, today=date(2026, 1, 1)).birth_date == date(2026, 1, 1)


def test_far_future_birth_date_is_rejected_with_the_real_clock():
    assert reason_for(with_check_char("33012721000101123")) == "birth_date"


def test_birth_date_before_1900_is_rejected_as_birth_date():
    assert reason_for(with_check_char("33012718991231123")) == "birth_date"


def test_invalid_id_number_is_a_value_error_with_reason():
    error = InvalidIdNumber("checksum")
    assert isinstance(error, ValueError)
    assert error.reason == "checksum"


# --- masking -----------------------------------------------------------------------------


def test_mask_keeps_first_four_and_last_four():
    assert mask_id_number("33012719850614123X") == "3301**********123X"


def test_mask_keeps_the_length():
    assert len(mask_id_number("11010519491231002X")) == 18


def test_mask_hides_the_birth_date():
    assert "19491231" not in mask_id_number("11010519491231002X")


def test_mask_of_short_input_hides_everything():
    assert mask_id_number("1234567") == "*******"
