"""Every visible string comes from the catalogue, in both languages."""

import re
from pathlib import Path

import pytest

from jingkang_app.domain import errors
from jingkang_app.domain.models import RecipientStatus, Role, TeamRole
from jingkang_app.domain.services import recipients
from jingkang_app.domain.services.followups import EDITABLE
from jingkang_app.i18n import t
from jingkang_app.i18n.en import EN
from jingkang_app.i18n.zh_cn import ZH_CN

APP = Path(__file__).resolve().parents[2] / "jingkang_app"


def test_both_languages_have_the_same_keys():
    assert set(ZH_CN) == set(EN)


def test_placeholders_match_between_languages():
    for key in ZH_CN:
        assert set(re.findall(r"{(\w+)}", ZH_CN[key])) == set(re.findall(r"{(\w+)}", EN[key])), key


UI_KEY = re.compile(
    r'"((?:app|connection|nav|login|me|tasks|family|overview|list|recipient|consent|admin|due|alerts|notice|visit|followup|timeline|outbox|rehab|eligibility|help|events?)\.[a-z_.]+)"'
)


def _literal_message_keys() -> set[str]:
    """Message keys written as literals: error keys anywhere, UI keys in the Reflex layer (the domain's
    own dotted names, like audit actions, are not messages)."""
    keys = set()
    for path in APP.rglob("*.py"):
        source = path.read_text()
        keys |= set(re.findall(r'"(error\.[a-z_.]+)"', source))
        if path.parent.name in ("state", "pages", "components"):
            keys |= set(UI_KEY.findall(source))
    return keys


def test_every_message_key_used_in_code_is_in_the_catalogue():
    assert _literal_message_keys() - set(ZH_CN) == set()


def test_every_id_number_error_reason_has_a_message():
    for reason in ("length", "format", "birth_date", "checksum"):
        assert f"error.id_number_{reason}" in ZH_CN


def test_every_domain_error_class_has_a_message():
    classes = [c for c in vars(errors).values() if isinstance(c, type) and issubclass(c, errors.DomainError)]
    assert {c.key for c in classes} - set(ZH_CN) == set()


@pytest.mark.parametrize(
    "key",
    [f"role.{r.value}" for r in Role]
    + [f"status.{s.value}" for s in RecipientStatus]
    + [f"team_role.{r.value}" for r in TeamRole]
    + [f"diagnosis.{d}" for d in recipients.DIAGNOSES]
    + [f"relation.{r}" for r in recipients.GUARDIAN_RELATIONS]
    + ["sex.male", "sex.female"],
)
def test_every_code_shown_to_users_has_a_label(key):
    assert key in ZH_CN and key in EN


def test_labels_use_the_official_chinese_wording():
    assert t("nav.tasks") == "今日任务"
    assert t("role.grid_worker") == "网格员"
    assert t("diagnosis.bipolar") == "双相（情感）障碍"
    assert t("recipient.id_number") == "身份证号"


def test_parameters_are_filled_in_and_english_is_available():
    assert (
        t("error.too_many_failed_logins", minutes=7) == "登录失败次数过多，账户已暂时锁定，请 7 分钟后再试。"
    )
    assert "7 minutes" in t("error.too_many_failed_logins", "en", minutes=7)


def test_an_unknown_language_falls_back_to_chinese():
    assert t("nav.tasks", "fr") == "今日任务"


def test_every_field_a_follow_up_correction_can_name_as_changed_has_a_label():
    assert [name for name in EDITABLE if f"followup.{name}" not in ZH_CN] == []
