"""What every benchmark script's main does alike: its options, and measuring SQLite then PostgreSQL, each in a
fresh database, so that one database failing still lets the other be measured (the run then counts as failed)."""

import argparse
import shutil
import signal
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from benchkit.database import fresh_postgres, fresh_sqlite

R = TypeVar("R")


def log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def parse_args(argv: Sequence[str], description: str | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=description, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--quick", action="store_true", help="a small county for a smoke run; figures not comparable"
    )
    parser.add_argument("--skip-postgres", action="store_true", help="measure SQLite only")
    parser.add_argument("--keep", action="store_true", help="keep the temp dir (the SQLite file)")
    return parser.parse_args(argv)


def _stop_on_sigterm(_signum, _frame) -> None:
    raise KeyboardInterrupt


def each_database(
    args: argparse.Namespace,
    name: str,
    new_result: Callable[[str], R],
    run: Callable[[R, Callable[[], str]], None],
) -> list[R] | None:
    """``run(result, make_url)`` for SQLite and (unless --skip-postgres) PostgreSQL; a database that raises keeps
    its error on its result (``result.error``). None when interrupted (Ctrl-C or SIGTERM)."""
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    tmp = Path(tempfile.mkdtemp(prefix=f"jk-{name}-"))
    databases: list[tuple[str, Callable[[], str]]] = [("sqlite", lambda: fresh_sqlite(tmp))]
    if not args.skip_postgres:
        databases.append(("postgres", fresh_postgres))
    results = []
    try:
        for database, make_url in databases:
            log(f"… {database}: building the county and measuring")
            result = new_result(database)
            results.append(result)
            try:
                run(result, make_url)
            except Exception as exc:
                result.error = repr(exc)
    except KeyboardInterrupt:
        log("interrupted")
        return None
    finally:
        if args.keep:
            log(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return results
