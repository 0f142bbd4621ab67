"""Fresh, migrated benchmark databases (a SQLite file; the one PostgreSQL database benchmarks may use) and the bulk
writes that fill them.

The schema always comes from the project's alembic migrations, so the indexes measured are the real ones.
"""

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import JSON, Table, create_engine, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.pool import NullPool
from sqlmodel import SQLModel

from jingkang_app.domain import models  # noqa: F401  (registers the tables)
from jingkang_app.domain.db import get_engine
from jingkang_app.migrate import upgrade

# Other processes use the server's other databases (`test`, `jingkang_domain_test`): benchmarks touch only this.
PG_DATABASE = "jingkang_bench"
PG_SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/"

# A bulk load writes rows the generator made consistent, in one transaction. SQLite keeps every page it changes in
# memory until that one commit: with the default 2 MB cache, the pages of the random client-id index were written
# to the WAL again and again. PostgreSQL skips the per-row foreign-key triggers.
LOAD_SETTINGS = {
    "sqlite": ("PRAGMA cache_size = -2000000", "PRAGMA synchronous = OFF", "PRAGMA foreign_keys = OFF"),
    "postgresql": ("SET session_replication_role = replica",),
}


def fresh_sqlite(folder: Path) -> str:
    url = f"sqlite:///{folder / 'duelist.db'}"
    upgrade(url)
    return url


def fresh_postgres(server: str = PG_SERVER) -> str:
    """Creates the bench database if missing and rebuilds its schema from nothing."""
    base = make_url(server)
    admin = create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            exists = connection.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": PG_DATABASE}
            ).first()
            if not exists:
                connection.execute(text(f'CREATE DATABASE "{PG_DATABASE}"'))
    finally:
        admin.dispose()
    url = base.set(database=PG_DATABASE).render_as_string(hide_password=False)
    with get_engine(url).begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    upgrade(url)
    return url


@contextmanager
def loading(url: str) -> Iterator[Connection]:
    """One transaction for a bulk load, on a connection of its own (the app's engine, which the measurements use,
    keeps its settings); afterwards the database is left as a long-running deployment's would be."""
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            for statement in LOAD_SETTINGS[connection.dialect.name]:
                connection.exec_driver_sql(statement)
            connection.commit()
            with connection.begin():
                yield connection
            _settle(connection)
    finally:
        engine.dispose()


def insert_rows(connection: Connection, table: Table, rows: list[dict]) -> None:
    """Writes rows that all have the same keys: COPY on PostgreSQL, one executemany on SQLite."""
    if not rows:
        return
    names = list(rows[0])
    columns = ", ".join(f'"{name}"' for name in names)
    if connection.dialect.name == "postgresql":
        convert = {
            i: _once(json.dumps) for i, name in enumerate(names) if isinstance(table.c[name].type, JSON)
        }
        cursor = connection.connection.driver_connection.cursor()
        with cursor, cursor.copy(f'COPY "{table.name}" ({columns}) FROM STDIN') as copy:
            for row in rows:
                copy.write_row(_converted(row, convert))
        return
    # The columns' own conversions (dates, UTC datetimes, JSON) without SQLAlchemy's per-row statement
    # machinery, which took two thirds of the load's time.
    dialect = connection.dialect
    convert = {}
    for i, name in enumerate(names):
        column_type = table.c[name].type
        processor = column_type.dialect_impl(dialect).bind_processor(dialect)
        if processor is not None:
            convert[i] = _once(processor) if isinstance(column_type, JSON) else processor
    marks = ", ".join("?" * len(names))
    statement = f'INSERT INTO "{table.name}" ({columns}) VALUES ({marks})'
    connection.exec_driver_sql(statement, [_converted(row, convert) for row in rows])


def _converted(row: dict, convert: dict[int, Callable]) -> tuple:
    values = list(row.values())
    for i, processor in convert.items():
        values[i] = processor(values[i])
    return tuple(values)


def _once(serialise: Callable) -> Callable:
    """Serialises each distinct object once: the generated rows share their JSON lists (an id is unique while the
    rows hold the object)."""
    done: dict[int, object] = {}

    def serialised(value: object) -> object:
        key = id(value)
        if key not in done:
            done[key] = serialise(value)
        return done[key]

    return serialised


def _settle(connection: Connection) -> None:
    if connection.dialect.name == "sqlite":
        # The app never runs ANALYZE on SQLite, so neither does the bench; the WAL is folded into the file.
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        return
    with connection.begin():
        for table in SQLModel.metadata.sorted_tables:
            # Ids were written explicitly: the sequences must continue after them for the app's own inserts.
            connection.exec_driver_sql(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), max(id)) FROM \"{table.name}\""
            )
    # Autovacuum would have run by now in production: statistics for the planner, and the visibility map that
    # lets index-only scans skip the table.
    connection.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("VACUUM ANALYZE")
