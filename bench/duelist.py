"""今日任务 (the due-list) and saving a follow-up, server side, on a county at full scale: SQLite and PostgreSQL.

For each database it builds its own data: a schema from the project's alembic migrations (so the indexes are the
real ones), then 1 county, 10 townships, 200 villages, 100,000 recipients with 1,000,000 follow-ups, care-team
links and open relapse alerts, written in bulk (bench/benchkit/county.py). Then it calls the domain services
in-process as the app does, each call in its own session (jingkang_app/domain/db.py session_scope):

  (1) due_list of a community doctor of the first township (scope: the township, ~10,000 recipients; team doctor
      of four villages) and of the grid worker of its first village (scope and team: the village, 500), first
      page and last page                                        → duelist_p50/p95_ms_<db>   (p95 < 100 ms)
  (2) record_followup by that doctor for one recipient after another, a fresh client_id each time, risk levels
      as the county's (some raise a relapse alert)              → save_p50/p95_ms_<db>      (p95 < 50 ms)

The duelist figures are those of the slowest of the four lists; the details table shows each. SQLite is a file
in a temp dir with the app's engine settings (WAL). PostgreSQL is only ever the database `jingkang_bench` on
127.0.0.1:5432, its schema dropped and rebuilt each run. The last line of stdout is one JSON object of the
figures and their targets. Exit status 1 when the run failed (a build or a call raised, or a figure is missing);
missed speed targets show in the table.

  .venv/bin/python bench/duelist.py [--quick] [--skip-postgres] [--keep]
"""

import json
import random
import sys
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from benchkit import county
from benchkit.calibration import cpu_calibration_ms
from benchkit.figures import Row, percentile, rounded, table
from benchkit.harness import each_database, log, parse_args

from jingkang_app import demo_history
from jingkang_app.domain import clock
from jingkang_app.domain.db import get_engine, session_scope
from jingkang_app.domain.models import User
from jingkang_app.domain.permissions import Actor
from jingkang_app.domain.services import auth, duelist, followups

TARGETS = {"duelist_p95_ms": 100, "save_p95_ms": 50}
PAGE_SIZE = 20  # the app's (jingkang_app/state/paging.py)
CASES = ("doctor_first", "doctor_last", "grid_worker_first", "grid_worker_last")


class Plan:
    """County size and loop counts; --quick shrinks both for a smoke run (its figures are not comparable)."""

    def __init__(self, quick: bool):
        self.quick = quick
        self.size = county.QUICK if quick else county.FULL
        self.warmup = 5
        self.lists = 30 if quick else 100  # calls per list (worker × page)
        self.saves = 60 if quick else 300


@dataclass
class Result:
    """One database's figures."""

    name: str
    build_s: float | None = None
    counts: dict[str, int] = field(default_factory=dict)
    lists: dict[str, list[float]] = field(default_factory=dict)  # case → latencies in ms
    due_totals: dict[str, int] = field(default_factory=dict)  # worker → entries on their due-list
    saves: list[float] = field(default_factory=list)
    error: str | None = None

    def p(self, case: str, pct: float) -> float | None:
        return rounded(percentile(self.lists.get(case, []), pct))

    def duelist_ms(self, pct: float) -> float | None:
        """The slowest list's percentile: the target holds for each."""
        values = [self.p(case, pct) for case in CASES]
        return None if None in values else max(values)

    def save_ms(self, pct: float) -> float | None:
        return rounded(percentile(self.saves, pct))


def elapsed_ms(call: Callable[[], object]) -> float:
    started = time.perf_counter()
    call()
    return (time.perf_counter() - started) * 1000


def actor_of(url: str, user_id: int) -> Actor:
    with session_scope(url) as session:
        return auth.actor_for_user(session, session.get(User, user_id), None)


# --- (1) the due-list -----------------------------------------------------------------------------------------


def due_page(url: str, actor: Actor, offset: int) -> tuple[list[duelist.DueItem], int]:
    with session_scope(url) as session:
        return duelist.due_list(session, actor, offset=offset, limit=PAGE_SIZE)


def measure_lists(result: Result, url: str, workers: dict[str, Actor], plan: Plan) -> None:
    for worker, actor in workers.items():
        _, total = due_page(url, actor, 0)
        result.due_totals[worker] = total
        last_page = max(0, (total - 1) // PAGE_SIZE * PAGE_SIZE)
        for page, offset in (("first", 0), ("last", last_page)):
            for _ in range(plan.warmup):
                due_page(url, actor, offset)
            result.lists[f"{worker}_{page}"] = [
                elapsed_ms(lambda a=actor, o=offset: due_page(url, a, o)) for _ in range(plan.lists)
            ]


# --- (2) saving a follow-up -----------------------------------------------------------------------------------


def followup_form(rng: random.Random, recipient_id: int, risk_level: int) -> dict:
    """A reached patient's follow-up as the form sends it (the demo county's answers); the rules classify it and
    propose the next date from the risk level."""
    return {
        "client_id": str(uuid.uuid4()),
        "recipient_id": recipient_id,
        "followup_date": clock.today().isoformat(),
        "doctor_name": "刘医生",
    } | demo_history.followup_answers(rng, risk=risk_level)


def save(url: str, doctor: Actor, form: dict) -> None:
    with session_scope(url) as session:
        if followups.record_followup(session, doctor, form).repeat:
            raise RuntimeError(f"a fresh client id was taken for a repeat: {form['client_id']}")


def measure_saves(result: Result, url: str, doctor: Actor, recipient_ids: list[int], plan: Plan) -> None:
    rng = random.Random(county.SEED)
    # One follow-up per recipient, as in a working day; risk levels as often as in the county.
    chosen = rng.sample(recipient_ids, plan.warmup + plan.saves)
    forms = [followup_form(rng, rid, rng.choice(county.RISKS)) for rid in chosen]
    for form in forms[: plan.warmup]:
        save(url, doctor, form)
    result.saves = [elapsed_ms(lambda f=form: save(url, doctor, f)) for form in forms[plan.warmup :]]


# --- one database ---------------------------------------------------------------------------------------------


def run_database(result: Result, make_url: Callable[[], str], plan: Plan) -> None:
    started = time.perf_counter()
    url = make_url()
    built = county.build(url, plan.size)
    result.build_s = round(time.perf_counter() - started, 1)
    result.counts = built.counts
    log(f"  built in {result.build_s:.1f} s; measuring")
    doctor = actor_of(url, built.doctor_id)
    workers = {"doctor": doctor, "grid_worker": actor_of(url, built.grid_worker_id)}
    measure_lists(result, url, workers, plan)
    measure_saves(result, url, doctor, built.doctor_recipient_ids, plan)
    get_engine(url).dispose()


# --- report ---------------------------------------------------------------------------------------------------


def report(results: list[Result], plan: Plan, calibration: list[float]) -> dict:
    rows, details, notes = [], [], []
    for r in results:
        rows.append(Row(f"(1) due-list p50, {r.name}", r.duelist_ms(50), unit="ms"))
        rows.append(
            Row(f"(1) due-list p95, {r.name}", r.duelist_ms(95), f"< {TARGETS['duelist_p95_ms']}", "ms")
        )
        rows.append(Row(f"(2) save p50, {r.name}", r.save_ms(50), unit="ms"))
        rows.append(Row(f"(2) save p95, {r.name}", r.save_ms(95), f"< {TARGETS['save_p95_ms']}", "ms"))
        details.append(Row(f"{r.name}: build (migrate + load)", r.build_s, unit="s"))
        for case in CASES:
            pair = f"{r.p(case, 50)} / {r.p(case, 95)}" if r.lists.get(case) else None
            details.append(Row(f"{r.name}: {case} p50 / p95", pair, unit="ms"))
        for worker, total in r.due_totals.items():
            details.append(Row(f"{r.name}: {worker}'s due-list entries", total))
        details.append(Row(f"{r.name}: follow-ups saved", len(r.saves), f"= {plan.saves}"))
        if r.error:
            notes.append(f"{r.name} failed: {r.error}")
    size = plan.size
    title = f"duelist — {size.recipients:,} recipients, {size.followups:,} follow-ups, in-process"
    print(table(title, rows))
    details.append(Row("CPU calibration loop before / after", " / ".join(map(str, calibration)), unit="ms"))
    print(table("details", details))
    for note in notes:
        print(f"note: {note}")
    return figures_json(results, plan, calibration)


def figures_json(results: list[Result], plan: Plan, calibration: list[float]) -> dict:
    figures: dict = {"bench": "duelist", "quick": plan.quick}
    for name in ("sqlite", "postgres"):
        r = next((r for r in results if r.name == name), Result(name))
        figures |= {
            f"duelist_p50_ms_{name}": r.duelist_ms(50),
            f"duelist_p95_ms_{name}": r.duelist_ms(95),
            f"save_p50_ms_{name}": r.save_ms(50),
            f"save_p95_ms_{name}": r.save_ms(95),
            f"build_s_{name}": r.build_s,
        }
        figures |= {f"duelist_{case}_p95_ms_{name}": r.p(case, 95) for case in CASES}
        figures |= {f"due_entries_{worker}_{name}": n for worker, n in r.due_totals.items()}
    built = next((r.counts for r in results if r.counts), {})
    figures |= built
    figures |= {"cpu_calibration_ms_before": calibration[0], "cpu_calibration_ms_after": calibration[1]}
    figures |= {f"target_{key}": value for key, value in TARGETS.items()}
    return figures


# --- main -----------------------------------------------------------------------------------------------------


def main(argv: Sequence[str]) -> int:
    args = parse_args(argv, __doc__)
    plan = Plan(args.quick)
    calibration = [cpu_calibration_ms()]
    results = each_database(
        args, "duelist", Result, lambda result, make_url: run_database(result, make_url, plan)
    )
    if results is None:
        return 130
    calibration.append(cpu_calibration_ms())
    figures = report(results, plan, calibration)
    print(json.dumps(figures, ensure_ascii=False))
    return 1 if any(r.error or r.duelist_ms(95) is None or r.save_ms(95) is None for r in results) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
