"""The caregiver-burden check's rules: the county's questions, complete answers only, and the cut-off."""

import pytest

from jingkang_app.domain.rules import burden

ZBI4 = ("own_time", "stress_duties", "strained", "uncertain")


def test_the_county_picks_items_of_the_bank_in_bank_order_and_typos_are_dropped():
    assert burden.valid_questions(["strained", "own_time", "ownn_time"]) == ("own_time", "strained")


def test_no_answers_at_all_is_allowed_but_a_partial_check_is_not():
    assert burden.read_answers({}, ZBI4) == {}
    assert burden.read_answers(None, ZBI4) == {}
    with pytest.raises(burden.MissingAnswers):
        burden.read_answers({"own_time": 1}, ZBI4)
    with pytest.raises(burden.InvalidAnswers):
        burden.read_answers(dict.fromkeys(ZBI4, 1) | {"sleep": 1}, ZBI4)  # not a question of this county


@pytest.mark.parametrize("value", [5, -1, "x", 2.5, True, None])
def test_an_answer_outside_0_to_4_is_refused(value):
    with pytest.raises(burden.InvalidAnswers):
        burden.read_answers(dict.fromkeys(ZBI4, 0) | {"strained": value}, ZBI4)


def test_answers_from_a_form_arrive_as_text_and_are_read_as_numbers():
    assert burden.read_answers(dict.fromkeys(ZBI4, "3"), ZBI4) == dict.fromkeys(ZBI4, 3)


@pytest.mark.parametrize(("answers", "score", "high"), [((2, 2, 2, 1), 7, False), ((2, 2, 2, 2), 8, True)])
def test_the_zbi4_cut_off_of_8_suggests_respite(answers, score, high):
    result = burden.assess(dict(zip(ZBI4, answers, strict=True)), ZBI4, respite_from=8)
    assert (result.score, result.max_score, result.suggests_respite) == (score, 16, high)
