"""The translation catalogue: zh-CN first, English second. Every visible string is a key here."""

from jingkang_app.i18n.en import EN
from jingkang_app.i18n.zh_cn import ZH_CN

DEFAULT_LANG = "zh-CN"
CATALOGUES: dict[str, dict[str, str]] = {"zh-CN": ZH_CN, "en": EN}


def t(key: str, lang: str = DEFAULT_LANG, **params: object) -> str:
    """The text for ``key`` in ``lang``; falls back to Chinese, then to the key itself (a test forbids that)."""
    text = CATALOGUES.get(lang, ZH_CN).get(key) or ZH_CN.get(key) or key
    return text.format(**params) if params else text


def lang_from_accept_language(header: str | None) -> str:
    return "en" if (header or "").strip().lower().startswith("en") else DEFAULT_LANG
