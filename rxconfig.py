import os

import reflex as rx
from reflex_base.plugins.sitemap import SitemapPlugin

from jingkang_app.components.styles import ACCENT
from jingkang_app.domain.db import DEFAULT_DB_URL

# Without Redis each worker keeps its tabs' states in memory: the disk manager's per-write scan of every tab's
# state file took a quarter of the CPU with 200 tabs (bench/roundtrip.py). Nothing a page shows lives only there:
# a tab's websocket stays on one worker, and a reconnect that lands on another (or a restart) rehydrates, which
# re-runs the page's on_load from the session cookie and the database. With REFLEX_REDIS_URL, Reflex picks Redis.
_STATE_MANAGER = {} if os.environ.get("REFLEX_REDIS_URL") else {"state_manager_mode": "memory"}

# One backend worker per core (Reflex alone runs one without Redis and 2×cores+1 with it, which was slower on two
# cores): a submit costs ~5 ms of server CPU, so one worker saturated one core at ~190 submits/s while the other
# idled (bench/roundtrip.py). SQLite in WAL mode takes writers from several processes. GRANIAN_WORKERS overrides.
os.environ.setdefault("GRANIAN_WORKERS", str(min(os.cpu_count() or 1, 4)))

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
