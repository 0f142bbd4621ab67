import pytest

from jingkang_app.domain.rules.phone import InvalidMobile, mask_mobile, normalise_mobile


@pytest.mark.parametrize("number", ["13812345678", "15012345678", "19912345678", "16612345678"])
def test_plain_mobile_numbers_are_accepted_unchanged(number):
    assert normalise_mobile(number) == number


@pytest.mark.parametrize(
    "raw",
    ["+8613812345678", "+86 138 1234 5678", "+86-138-1234-5678", "＋８６１３８１２３４５６７８"],
)
def test_plus_86_prefix_is_removed(raw):
    assert normalise_mobile(raw) == "13812345678"


@pytest.mark.parametrize("raw", ["008613812345678", "0086 138 1234 5678"])
def test_0086_prefix_is_removed(raw):
    assert normalise_mobile(raw) == "13812345678"


@pytest.mark.parametrize("raw", ["86 13812345678", "86-138-1234-5678"])
def test_bare_86_prefix_before_a_separator_is_removed(raw):
    assert normalise_mobile(raw) == "13812345678"


def test_spaces_are_removed():
    assert normalise_mobile(" 138 1234 5678 ") == "13812345678"


def test_full_width_space_is_removed():
    assert normalise_mobile("138\u300012345678") == "13812345678"


def test_dashes_are_removed():
    assert normalise_mobile("138-1234-5678") == "13812345678"


def test_full_width_dashes_are_removed():
    assert normalise_mobile("138－1234－5678") == "13812345678"


def test_full_width_digits_are_converted():
    assert normalise_mobile("１３８１２３４５６７８") == "13812345678"


@pytest.mark.parametrize(
    "raw",
    [
        "138123456789",  # 12 digits
        "1381234567",  # 10 digits
        "12812345678",  # second digit 2
        "11812345678",  # second digit 1
        "23812345678",  # does not start with 1
        "0571-88888888",  # landline with area code
        "057188888888",  # landline without separator
        "88888888",  # local landline
        "8613812345678",  # bare 86 glued to the number is not a country code
        "1381234567a",
        "",
    ],
)
def test_invalid_numbers_raise_invalid_mobile(raw):
    with pytest.raises(InvalidMobile):
        normalise_mobile(raw)


def test_invalid_mobile_is_a_value_error():
    assert issubclass(InvalidMobile, ValueError)


def test_mask_keeps_first_three_and_last_four():
    assert mask_mobile("13812345678") == "138****5678"


def test_mask_of_short_input_hides_everything():
    assert mask_mobile("1234") == "****"
