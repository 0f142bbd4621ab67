"""The JSON API beside the Reflex app (integrations, exports, offline sync). It only translates HTTP to domain
service calls and back: who may do what, and what is valid, is decided in ``jingkang_app.domain``."""

from jingkang_app.api.app import build_api

__all__ = ["build_api"]
