"""Date arithmetic the indicators need inside SQL, written once for SQLite and once for PostgreSQL: the local month
a UTC moment falls in (trend charts group by it) and the days between two dates or two moments.

SQLite keeps dates as ISO text and UTC moments as "YYYY-MM-DD HH:MM:SS"; PostgreSQL has date and timestamptz.
Asia/Shanghai has kept UTC+8 all year since 1991, so on SQLite the local month of a stored UTC moment is the month
eight hours later.
"""

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Float, Integer, String
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from jingkang_app.domain.clock import LOCAL_TZ


class local_month_of(FunctionElement):  # noqa: N801
    """ "YYYY-MM" of a UTC moment, in the local (Asia/Shanghai) calendar."""

    type = String()
    inherit_cache = True


class days_between(FunctionElement):  # noqa: N801
    """Whole days from the first date to the second (negative when the second is earlier)."""

    type = Integer()
    inherit_cache = True


class days_between_moments(FunctionElement):  # noqa: N801
    """Days, with their fraction, from the first moment to the second."""

    type = Float()
    inherit_cache = True


def _args(element, compiler, **kw) -> list[str]:
    return [compiler.process(argument, **kw) for argument in element.clauses]


@compiles(local_month_of, "sqlite")
def _local_month_sqlite(element, compiler, **kw):
    return "strftime('%Y-%m', {}, '+8 hours')".format(*_args(element, compiler, **kw))


@compiles(local_month_of, "postgresql")
def _local_month_pg(element, compiler, **kw):
    return "to_char({} AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')".format(*_args(element, compiler, **kw))


@compiles(days_between, "sqlite")
def _days_sqlite(element, compiler, **kw):
    first, second = _args(element, compiler, **kw)
    return f"CAST(julianday({second}) - julianday({first}) AS INTEGER)"


@compiles(days_between, "postgresql")
def _days_pg(element, compiler, **kw):
    first, second = _args(element, compiler, **kw)
    return f"({second} - {first})"


@compiles(days_between_moments, "sqlite")
def _moment_days_sqlite(element, compiler, **kw):
    first, second = _args(element, compiler, **kw)
    return f"(julianday({second}) - julianday({first}))"


@compiles(days_between_moments, "postgresql")
def _moment_days_pg(element, compiler, **kw):
    first, second = _args(element, compiler, **kw)
    return f"(EXTRACT(EPOCH FROM ({second} - {first})) / 86400.0)"


def local_midnight(day: date) -> datetime:
    """The UTC moment a local day begins: moments are stored in UTC, periods are local dates."""
    return datetime.combine(day, time(0, 0), LOCAL_TZ).astimezone(UTC)


def moments_of(start: date, end: date) -> tuple[datetime, datetime]:
    """[from, until) in UTC for the local days ``start``..``end`` (both included)."""
    return local_midnight(start), local_midnight(end + timedelta(days=1))
