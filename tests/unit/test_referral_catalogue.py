"""The referral workflow's codes all have labels and messages in both languages (DOMAIN.md §3.7)."""

import pytest

from jingkang_app.domain.rules.referrals import TRANSITIONS, ApplicationRoute, ReferralKind, ReferralStatus
from jingkang_app.domain.services.referral_views import step_label
from jingkang_app.i18n import t
from jingkang_app.i18n.en import EN
from jingkang_app.i18n.zh_cn import ZH_CN

KEYS = (
    [step_label(kind, step) for kind, _, step in TRANSITIONS]
    + [f"referral.kind.{k.value}" for k in ReferralKind]
    + [f"referral.route.{r.value}" for r in ApplicationRoute]
    + [f"referral.status.{s.value}" for s in ReferralStatus]
    + [f"error.referral_illegal_step.{s.value}" for s in ReferralStatus]
    # Every status a step leads to is told to whoever holds the referral then.
    + [f"notice.referral_{to.value}" for to in set(TRANSITIONS.values())]
)


@pytest.mark.parametrize("key", sorted(set(KEYS)))
def test_every_referral_code_has_a_label_in_both_languages(key):
    assert key in ZH_CN and key in EN


def test_each_kind_names_its_steps_in_the_official_wording():
    assert [t(step_label("rehab", s)) for s in ("apply", "register", "refer", "assess", "close")] == [
        "提出申请",
        "初核登记",
        "康复转介",
        "综合评估",
        "结案与回访",
    ]
    assert (t(step_label("hospital_up", "treat")), t(step_label("hospital_down", "treat"))) == (
        "就诊/住院",
        "社区接诊",
    )


def test_an_illegal_step_names_the_status_it_is_in():
    assert "已结案" in t("error.referral_illegal_step.closed")
    assert "Closed" in t("error.referral_illegal_step.closed", "en")
