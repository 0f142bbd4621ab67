"""Caregiver-burden check (照护负担自评, DOMAIN.md §3.9): a few questions answered 0 (从不) … 4 (总是), summed; a high
score suggests respite. Pure: no database.

The default is the four-item screening form of the Zarit Burden Interview (ZBI-4, Bédard et al. 2001), whose
published cut-off for high burden is 8 of 16. A county may choose other items of the bank below and its own
threshold (settings ``burden.questions`` and ``burden.respite_from``); every item has its wording in the catalogue
(``burden.q.<key>``), so the page stays translated whatever the county picks.
"""

from dataclasses import dataclass

# ZBI-4 first, then further Zarit items a county may add.
QUESTION_BANK = (
    "own_time",  # 因为照顾家人，自己的时间不够
    "stress_duties",  # 既要照顾家人又要顾家庭和工作，感到压力
    "strained",  # 在家人身边时感到紧张
    "uncertain",  # 不知道该怎样照顾家人
    "health",  # 自己的健康受到影响
    "privacy",  # 没有自己的空间
    "social_life",  # 社交生活受到影响
    "lost_control",  # 觉得生活失去了控制
)
ANSWERS = range(0, 5)  # 从不 / 很少 / 有时 / 经常 / 总是


class InvalidAnswers(ValueError):
    """An answer outside 0–4, or to a question the county does not ask."""


class MissingAnswers(InvalidAnswers):
    """Some of the county's questions are unanswered."""


@dataclass(frozen=True)
class BurdenResult:
    score: int
    max_score: int
    suggests_respite: bool


def valid_questions(keys: list[str]) -> tuple[str, ...]:
    """The county's chosen items, in bank order, unknown keys dropped (a setting typo must not break the page)."""
    chosen = set(keys)
    return tuple(key for key in QUESTION_BANK if key in chosen)


def read_answers(raw: object, questions: tuple[str, ...]) -> dict[str, int]:
    """Either no answers at all (the check is optional on a respite request) or one answer to every question."""
    if raw in (None, {}, ""):
        return {}
    if not isinstance(raw, dict) or not set(raw) <= set(questions):
        raise InvalidAnswers()
    answers = {}
    for key, value in raw.items():
        number = int(value) if isinstance(value, str) and value.isdigit() else value
        if type(number) is not int or number not in ANSWERS:
            raise InvalidAnswers()
        answers[key] = number
    if len(answers) < len(questions):
        raise MissingAnswers()
    return answers


def assess(answers: dict[str, int], questions: tuple[str, ...], respite_from: int) -> BurdenResult:
    score = sum(answers[key] for key in questions)
    return BurdenResult(score, max(ANSWERS) * len(questions), score >= respite_from)
