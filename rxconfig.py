import reflex as rx
from reflex_base.plugins.sitemap import SitemapPlugin

from jingkang_app.components.styles import ACCENT
from jingkang_app.domain.db import DEFAULT_DB_URL

config = rx.Config(
    app_name="jingkang_app",
    # REFLEX_DB_URL overrides this (PostgreSQL for a county deployment); the app's own engine reads the same.
    db_url=DEFAULT_DB_URL,
    show_built_with_reflex=False,
    telemetry_enabled=False,
    plugins=[
        rx.plugins.RadixThemesPlugin(
            theme=rx.theme(accent_color=ACCENT, gray_color="slate", radius="large", scaling="100%")
        )
    ],
    disable_plugins=[SitemapPlugin],
)
