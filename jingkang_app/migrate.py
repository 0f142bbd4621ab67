"""Bring a database to the newest schema: ``python -m jingkang_app.migrate [URL]``."""

import sys

from alembic.config import Config

from alembic import command
from jingkang_app.domain.db import PROJECT_ROOT, database_url


def upgrade(url: str | None = None) -> None:
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(PROJECT_ROOT / "alembic"))
    config.attributes["url"] = url or database_url()
    command.upgrade(config, "head")


if __name__ == "__main__":
    upgrade(sys.argv[1] if len(sys.argv) > 1 else None)
