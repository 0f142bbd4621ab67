import os

import reflex as rx
from reflex_base.plugins.sitemap import SitemapPlugin

from jingkang_app.components.styles import ACCENT
from jingkang_app.domain.db import DEFAULT_DB_URL

# One worker without Redis keeps tab states in memory: the disk manager's per-write scan of every tab's state
# file took a quarter of the CPU with 200 tabs (bench/roundtrip.py). A restart loses only view data; the user is
# found again from the session cookie on the next page load. With REFLEX_REDIS_URL, Reflex picks Redis itself.
_STATE_MANAGER = {} if os.environ.get("REFLEX_REDIS_URL") else {"state_manager_mode": "memory"}

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
    **_STATE_MANAGER,
)
