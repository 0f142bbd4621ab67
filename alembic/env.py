"""Alembic environment: the app's own engine and the SQLModel metadata."""

from sqlmodel import SQLModel

from alembic import context
from jingkang_app.domain import models  # noqa: F401  (registers the tables)
from jingkang_app.domain.db import get_engine

target_metadata = SQLModel.metadata


def render_item(type_, obj, autogen_context):
    """Write portable column types into migrations instead of the app's Python type classes."""
    if type_ == "type" and isinstance(obj, models.UTCDateTime):
        return "sa.DateTime(timezone=True)"
    if type_ == "type" and type(obj).__name__ == "AutoString":
        return f"sa.String(length={obj.length})" if obj.length else "sa.String()"
    return False


def run_migrations_online() -> None:
    url = context.config.attributes.get("url")
    engine = get_engine(url)
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            # Batch mode rebuilds a SQLite table by copy, drop and rename; with foreign keys enforced, dropping a
            # table that others reference fails. The pragma only takes effect outside a transaction.
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_item=render_item,
            render_as_batch=sqlite,
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()
        if sqlite:
            connection.exec_driver_sql("PRAGMA foreign_key_check")
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")


run_migrations_online()
