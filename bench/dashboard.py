"""The coordinator's dashboard and the year's XLSX report, server side, on a county at full scale: SQLite and
PostgreSQL.

For each database it builds its own data: a schema from the project's alembic migrations (so the indexes are the
real ones), then the county of bench/duelist.py — 1 county, 10 townships, 200 villages, 100,000 recipients with
1,000,000 follow-ups (bench/benchkit/county.py) — and its coordination records of the 13 months up to today:
rehab sessions, home visits, referrals, respite requests, volunteer shifts, staff training, feedback
(bench/benchkit/coordination.py), written in bulk. Then it calls the domain services in-process as the app does,
each call in its own session (jingkang_app/domain/db.py session_scope):

  (1) indicators.dashboard of the county coordinator for the county and this month      → county_p95_ms_<db>
      (p95 < 300 ms), and the same for last month (a closed month: every figure counts)  → county_prev_month_…
  (2) indicators.dashboard of the first township's coordinator for it and this month     → township_p95_ms_<db>
      (p95 < 300 ms)
  (3) exports.report_xlsx of this year for the county, with personal data, by the county coordinator, a few
      times; the median                                        → xlsx_year_s (SQLite; < 10 s), xlsx_year_s_postgres

SQLite is a file in a temp dir with the app's engine settings (WAL). PostgreSQL is only ever the database
`jingkang_bench` on 127.0.0.1:5432, its schema dropped and rebuilt each run. The last line of stdout is one JSON
object of the figures and their targets. Exit status 1 when the run failed (a build or a call raised, or a figure
is missing); missed speed targets show in the table.

  .venv/bin/python bench/dashboard.py [--quick] [--skip-postgres] [--keep]
"""

import io
import json
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from benchkit import coordination, county
from benchkit.calibration import cpu_calibration_ms
from benchkit.figures import Row, percentile, rounded, table
from benchkit.harness import each_database, log, parse_args
from openpyxl import load_workbook

from jingkang_app.domain import clock
from jingkang_app.domain.db import get_engine, session_scope
from jingkang_app.domain.models import User
from jingkang_app.domain.permissions import Actor
from jingkang_app.domain.rules.followup_schedule import add_months
from jingkang_app.domain.services import auth, exports, indicators

TARGETS = {"county_p95_ms": 300, "township_p95_ms": 300, "xlsx_year_s": 10}
COUNTY_AREA_ID = 1  # county.Layout numbers the county first
CASES = {  # case → its label in the table and its target
    "county": ("(1) dashboard, county, this month", "county_p95_ms"),
    "county_prev_month": ("(1) dashboard, county, last month", "county_p95_ms"),
    "township": ("(2) dashboard, first township, this month", "township_p95_ms"),
}


class Plan:
    """County size and loop counts; --quick shrinks both for a smoke run (its figures are not comparable)."""

    def __init__(self, quick: bool):
        self.quick = quick
        self.size = county.QUICK if quick else county.FULL
        self.warmup = 3
        self.dashboards = 20 if quick else 50  # calls per case
        self.exports = 1 if quick else 3


@dataclass
class Result:
    """One database's figures."""

    name: str
    county_build_s: float | None = None
    records_build_s: float | None = None
    counts: dict[str, int] = field(default_factory=dict)
    dashboards: dict[str, list[float]] = field(default_factory=dict)  # case → latencies in ms
    exports: list[float] = field(default_factory=list)  # seconds
    workbook: str | None = None  # the exported file: size, sheets and rows, to show it is a real report
    error: str | None = None

    def p(self, case: str, pct: float) -> float | None:
        return rounded(percentile(self.dashboards.get(case, []), pct))

    def export_s(self) -> float | None:
        return round(statistics.median(self.exports), 2) if self.exports else None


def elapsed_s(call: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    answer = call()
    return time.perf_counter() - started, answer


def actor_of(url: str, user_id: int) -> Actor:
    with session_scope(url) as session:
        return auth.actor_for_user(session, session.get(User, user_id), None)


def month_of(day: date) -> str:
    return f"{day:%Y-%m}"


# --- (1), (2) the dashboard -----------------------------------------------------------------------------------


def dashboard(url: str, actor: Actor, area_id: int, period: str) -> object:
    with session_scope(url) as session:
        return indicators.dashboard(session, actor, area_id, period)


def measure_dashboards(
    result: Result, url: str, cases: dict[str, tuple[Actor, int, str]], plan: Plan
) -> None:
    for case, (actor, area_id, period) in cases.items():
        for _ in range(plan.warmup):
            dashboard(url, actor, area_id, period)
        result.dashboards[case] = [
            elapsed_s(lambda a=actor, i=area_id, p=period: dashboard(url, a, i, p))[0] * 1000
            for _ in range(plan.dashboards)
        ]


# --- (3) the year's XLSX report -------------------------------------------------------------------------------


def report_xlsx(url: str, actor: Actor, period: str) -> bytes:
    with session_scope(url) as session:
        return exports.report_xlsx(session, actor, COUNTY_AREA_ID, period, personal=True).data


def measure_exports(result: Result, url: str, actor: Actor, plan: Plan) -> None:
    year = f"{clock.today():%Y}"
    content = b""
    for _ in range(plan.exports):
        seconds, content = elapsed_s(lambda: report_xlsx(url, actor, year))
        result.exports.append(seconds)
    workbook = load_workbook(io.BytesIO(content), read_only=True)
    # A file written in write-only mode may leave its dimensions out: then its rows are counted.
    rows = sum(sheet.max_row or sum(1 for _ in sheet.iter_rows()) for sheet in workbook.worksheets)
    result.workbook = f"{len(content) / 1e6:.1f} MB, {len(workbook.sheetnames)} sheets, {rows:,} rows"


# --- one database ---------------------------------------------------------------------------------------------


def run_database(result: Result, make_url: Callable[[], str], plan: Plan) -> None:
    started = time.perf_counter()
    url = make_url()
    built = county.build(url, plan.size)
    result.county_build_s = round(time.perf_counter() - started, 1)
    started = time.perf_counter()
    result.counts = built.counts | coordination.build(url, built, plan.size)
    result.records_build_s = round(time.perf_counter() - started, 1)
    log(f"  built in {result.county_build_s:.1f} + {result.records_build_s:.1f} s; measuring")
    layout, today = built.layout, clock.today()
    county_coordinator = actor_of(url, layout.county_coordinator_id)
    township_coordinator = actor_of(url, layout.coordinator_ids[0])
    previous_month = month_of(add_months(today.replace(day=1), -1))
    cases = {
        "county": (county_coordinator, COUNTY_AREA_ID, month_of(today)),
        "county_prev_month": (county_coordinator, COUNTY_AREA_ID, previous_month),
        "township": (township_coordinator, layout.township_ids[0], month_of(today)),
    }
    measure_dashboards(result, url, cases, plan)
    measure_exports(result, url, county_coordinator, plan)
    get_engine(url).dispose()


# --- report ---------------------------------------------------------------------------------------------------


def report(results: list[Result], plan: Plan, calibration: list[float]) -> dict:
    rows, details, notes = [], [], []
    for r in results:
        for case, (label, target) in CASES.items():
            rows.append(Row(f"{label} p95, {r.name}", r.p(case, 95), f"< {TARGETS[target]}", "ms"))
        rows.append(
            Row(f"(3) XLSX of the year, median, {r.name}", r.export_s(), f"< {TARGETS['xlsx_year_s']}", "s")
        )
        details.append(
            Row(
                f"{r.name}: build county / coordination records",
                f"{r.county_build_s} / {r.records_build_s}",
                unit="s",
            )
        )
        for case, (label, _target) in CASES.items():
            pair = f"{r.p(case, 50)} / {r.p(case, 95)}" if r.dashboards.get(case) else None
            details.append(Row(f"{r.name}: {label[4:]} p50 / p95", pair, unit="ms"))
        runs = " / ".join(f"{s:.2f}" for s in r.exports) or None
        details.append(Row(f"{r.name}: XLSX runs", runs, unit="s"))
        details.append(Row(f"{r.name}: XLSX file", r.workbook))
        if r.error:
            notes.append(f"{r.name} failed: {r.error}")
    size = plan.size
    title = f"dashboard — {size.recipients:,} recipients, {size.followups:,} follow-ups, in-process"
    print(table(title, rows))
    counts = next((r.counts for r in results if r.counts), {})
    details += [Row(f"rows: {name}", n) for name, n in counts.items()]
    details.append(Row("CPU calibration loop before / after", " / ".join(map(str, calibration)), unit="ms"))
    print(table("details", details))
    for note in notes:
        print(f"note: {note}")
    return figures_json(results, plan, calibration, counts)


def figures_json(results: list[Result], plan: Plan, calibration: list[float], counts: dict[str, int]) -> dict:
    figures: dict = {"bench": "dashboard", "quick": plan.quick}
    for name in ("sqlite", "postgres"):
        r = next((r for r in results if r.name == name), Result(name))
        for case in CASES:
            figures |= {f"{case}_p50_ms_{name}": r.p(case, 50), f"{case}_p95_ms_{name}": r.p(case, 95)}
        figures[f"xlsx_year_s_{name}"] = r.export_s()
        figures |= {f"build_county_s_{name}": r.county_build_s, f"build_records_s_{name}": r.records_build_s}
    figures["xlsx_year_s"] = figures.pop("xlsx_year_s_sqlite")  # the target is measured on SQLite
    figures |= {f"rows_{name}": n for name, n in counts.items()}
    figures |= {"cpu_calibration_ms_before": calibration[0], "cpu_calibration_ms_after": calibration[1]}
    figures |= {f"target_{key}": value for key, value in TARGETS.items()}
    return figures


def failed(r: Result) -> bool:
    return bool(r.error) or r.export_s() is None or any(r.p(case, 95) is None for case in CASES)


# --- main -----------------------------------------------------------------------------------------------------


def main(argv: Sequence[str]) -> int:
    args = parse_args(argv, __doc__)
    plan = Plan(args.quick)
    calibration = [cpu_calibration_ms()]
    results = each_database(
        args, "dashboard", Result, lambda result, make_url: run_database(result, make_url, plan)
    )
    if results is None:
        return 130
    calibration.append(cpu_calibration_ms())
    figures = report(results, plan, calibration)
    print(json.dumps(figures, ensure_ascii=False))
    return 1 if any(failed(r) for r in results) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
