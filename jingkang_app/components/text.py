"""Catalogue text in components: resolved in the browser from the user's language, so switching is instant.

A key missing from the catalogue fails at compile time, not in front of a user."""

import reflex as rx

from jingkang_app.i18n.en import EN
from jingkang_app.i18n.zh_cn import ZH_CN
from jingkang_app.state.base import AppState


def T(key: str) -> rx.Var:  # noqa: N802  (reads like the t() of the server side)
    return rx.cond(AppState.is_en, EN[key], ZH_CN[key])
