"""Round trip of the small form (a consent record) through the production server, as field users' phones do it.

Builds its own data (a migrated, seeded SQLite file in a temp dir), starts `reflex run --env prod` on a free
loopback port, drives real Reflex websocket sessions (log in as the 南塘村 grid worker, open a recipient, submit
the consent form), then the same write through the JSON API, and stops the server it started.

  (1) one session, 300 submits back to back                   → p50_ms_1, p95_ms_1          (p95 < 25 ms)
  (4) backend RSS before / with 200 connected, logged-in tabs → rss_kb_per_session          (< 400 kB)
  (3) 200 sessions, closed loop, 10 s, ~2 % deliberate resends → max_submits_per_s (≥ 300), then the database
      against every acknowledgement of the run                 → lost (= 0), duplicates (= 0)
  (2) 100 sessions, open loop at 50 forms/s for 30 s           → p95_ms_open_100            (< 50 ms)
  (5) JSON API: 300 sequential POSTs, then 50 clients for 10 s → api_p95_ms_1, api_max_writes_per_s, then
      20 pairs of posts of one client_id at once (an outbox retrying) → api_repeat_race_failures (= 0)

(4) runs before (3) and (2) so that what they write does not count as per-session memory. Every loop is bounded
in count and time. The last line of stdout is one JSON object of the figures and their targets. Exit status 1
when the run failed or the database lost or duplicated a record; missed speed targets show in the table.

  .venv/bin/python bench/roundtrip.py [--quick] [--url URL [--db DB_URL] [--server-pid PID]]
"""

import argparse
import asyncio
import json
import os
import random
import shutil
import signal
import sys
import tempfile
import time
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiohttp
from benchkit.calibration import cpu_calibration_ms
from benchkit.figures import Row, percentile, rounded, table
from benchkit.json_api import ApiClient, ApiUnavailable
from benchkit.reflex_session import ReflexSession, SessionError, StateNames, Submit, Tally
from benchkit.server import Profile, Server, build_database
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine

PHONE = "13900000006"  # the demo grid worker of 南塘村 (jingkang_app/seed.py)
PASSWORD = "jingkang2026"
VILLAGE = "南塘村"
TARGETS = {"p95_ms_1": 25, "p95_ms_open_100": 50, "max_submits_per_s": 300, "rss_kb_per_session": 400}

REPLY_TIMEOUT = 10.0  # a submit without a reply by then counts as failed
CONNECT_CONCURRENCY = 20
# argon2 takes 19 MiB and ~50 ms per login: the bench does not flood the server with logins.
LOGIN_CONCURRENCY = 4
RESEND_SHARE = 0.02
API_REPEAT_PAIRS = 20
# Between phases: disconnects are cleaned up and commits settle; a phase should not be charged with the previous
# one's tail.
QUIET_SECONDS = 3


class Plan:
    """Sizes of the loops; --quick shrinks them for a smoke run (its figures are not comparable)."""

    def __init__(self, quick: bool):
        scale = 0.2 if quick else 1.0
        self.warmup_submits = 20
        self.serial_submits = int(300 * scale)
        self.sessions = int(200 * scale)
        self.closed_seconds = 10 * scale
        self.open_sessions = int(100 * scale)
        self.open_rate = 50 * scale
        self.open_seconds = 30 * scale
        self.api_serial = int(300 * scale)
        self.api_clients = int(50 * scale)
        self.api_seconds = 10 * scale


class Load:
    """CPU used by the server's process group and by this client over a phase, in % of one core; with
    --profile, a py-spy profile of the server's worker over the same phase."""

    def __init__(self, server: Server, profile: Profile | None = None):
        self.server = server
        self.profile = profile
        self.wall = time.perf_counter()
        self.client = time.process_time()
        self.server_cpu = server.cpu_seconds()

    def server_seconds(self) -> float | None:
        now = self.server.cpu_seconds()
        return None if now is None or self.server_cpu is None else now - self.server_cpu

    def describe(self) -> str:
        wall = max(time.perf_counter() - self.wall, 1e-9)
        client = (time.process_time() - self.client) / wall * 100
        used = self.server_seconds()
        server = "—" if used is None else f"{used / wall * 100:.0f} %"
        text = f"server CPU {server}, bench client CPU {client:.0f} % of one core over {wall:.1f} s"
        if self.profile is not None:
            self.profile.stop()
            text += f"; profile {self.profile.output}"
        return text


class Bench:
    def __init__(
        self, server: Server, db: Engine | None, own_data: bool, plan: Plan, profile: Path | None = None
    ):
        self.server = server
        self.profile_dir = profile
        self.base = server.base
        self.db = db
        self.own_data = own_data
        self.plan = plan
        self.names = StateNames.from_app()
        self.tally = Tally()
        self.figures: dict[str, float | int | None] = {}
        self.info: list[Row] = []
        self.notes: list[str] = []
        # "Not in the future" in the Asia/Shanghai calendar: yesterday in UTC always is.
        self.signed_on = (datetime.now(UTC) - timedelta(days=1)).date().isoformat()
        self.recipient_ids: list[int] = []
        self.rows_before = self._count_rows()
        self._logins = asyncio.Semaphore(LOGIN_CONCURRENCY)

    def measure(self, phase: str) -> Load:
        pid = self.server.worker_pid()
        if self.profile_dir is None or pid is None:
            return Load(self.server)
        py_spy = os.environ.get("PY_SPY", "py-spy")
        return Load(self.server, Profile(py_spy, pid, self.profile_dir / f"{phase}.txt"))

    # --- sessions ---------------------------------------------------------------------------------------------

    async def open_session(self, index: int) -> ReflexSession:
        session = ReflexSession(self.base, self.names, self.tally)
        try:
            await session.connect("/login")
            async with self._logins:
                await session.log_in(PHONE, PASSWORD)
            if not self.recipient_ids:
                self.recipient_ids = await self._find_recipients(session)
            await session.open_recipient(self.recipient_ids[index % len(self.recipient_ids)])
            await session.settle()
        except BaseException:
            await session.close()
            raise
        return session

    async def open_sessions(self, count: int) -> list[ReflexSession]:
        gate = asyncio.Semaphore(CONNECT_CONCURRENCY)

        async def one(index: int) -> ReflexSession:
            async with gate:
                return await self.open_session(index)

        results = await asyncio.gather(*(one(i) for i in range(count)), return_exceptions=True)
        sessions = [r for r in results if isinstance(r, ReflexSession)]
        errors = [r for r in results if not isinstance(r, ReflexSession)]
        if errors:
            self.notes.append(f"{len(errors)} of {count} sessions could not start, e.g. {errors[0]!r}")
        if not sessions:
            raise SessionError(f"no session could start: {errors[0]!r}")
        return sessions

    async def _find_recipients(self, session: ReflexSession) -> list[int]:
        if self.db is not None:
            with self.db.connect() as connection:
                ids = connection.execute(
                    text(
                        "SELECT recipient.id FROM recipient JOIN area ON area.id = recipient.area_id "
                        "WHERE area.name = :village ORDER BY recipient.id"
                    ),
                    {"village": VILLAGE},
                ).scalars()
                found = list(ids)
        else:
            found = await session.recipient_ids_on_list()
        if not found:
            raise SessionError(f"no recipient of {VILLAGE} to record consent for")
        return found

    # --- (1) one session, back to back ------------------------------------------------------------------------

    async def serial(self) -> None:
        session = await self.open_session(0)
        try:
            for _ in range(self.plan.warmup_submits):
                await self._submit_and_wait(session, str(uuid.uuid4()))
            load = self.measure("1-one-session")
            latencies = []
            for _ in range(self.plan.serial_submits):
                submit = await self._submit_and_wait(session, str(uuid.uuid4()))
                if submit.ok:
                    latencies.append(submit.latency_ms)
                if session.broken:
                    break
            self.notes.append(f"(1) one session: {load.describe()}")
        finally:
            await session.close()
        self.figures["p50_ms_1"] = rounded(percentile(latencies, 50))
        self.figures["p95_ms_1"] = rounded(percentile(latencies, 95))
        self.info.append(Row("(1) acknowledged submits", len(latencies), f"= {self.plan.serial_submits}"))

    async def _submit_and_wait(self, session: ReflexSession, client_id: str) -> Submit:
        submit = await session.submit(client_id, self.signed_on, wait=True)
        try:
            await asyncio.wait_for(submit.done, REPLY_TIMEOUT)
        except TimeoutError:
            session.expire_pending()
        return submit

    # --- (4) memory per connected tab -------------------------------------------------------------------------

    async def connect_all(self) -> list[ReflexSession]:
        await asyncio.sleep(1)  # let the first session's disconnect settle
        before = self.server.rss_kb()
        sessions = await self.open_sessions(self.plan.sessions)
        await asyncio.sleep(1)
        after = self.server.rss_kb()
        if before is not None and after is not None:
            self.figures["rss_kb_per_session"] = round((after - before) / len(sessions), 1)
            self.info.append(Row("(4) server RSS before sessions", before, unit="kB"))
            self.info.append(Row(f"(4) server RSS with {len(sessions)} sessions", after, unit="kB"))
        else:
            self.figures["rss_kb_per_session"] = None
            self.notes.append("(4) RSS not measured: the server's process group is unknown (--server-pid)")
        return sessions

    # --- (3) closed loop: throughput, and nothing lost or doubled -----------------------------------------------

    async def closed_loop(self, sessions: list[ReflexSession]) -> None:
        end = time.perf_counter() + self.plan.closed_seconds
        done = [0, 0]  # acknowledged, resends acknowledged

        async def run(session: ReflexSession, seed: int) -> None:
            rng = random.Random(seed)
            mine: list[str] = []
            while time.perf_counter() < end and not session.broken:
                resend = bool(mine) and rng.random() < RESEND_SHARE
                client_id = rng.choice(mine) if resend else str(uuid.uuid4())
                submit = await self._submit_and_wait(session, client_id)
                if submit.ok:
                    done[0] += 1
                    done[1] += resend
                    if not resend:
                        mine.append(client_id)

        load = self.measure("3-closed-loop")
        start = time.perf_counter()
        await asyncio.gather(*(run(s, i) for i, s in enumerate(sessions)))
        elapsed = time.perf_counter() - start
        used = load.server_seconds()
        self.notes.append(f"(3) {len(sessions)} sessions closed loop: {load.describe()}")
        self.figures["max_submits_per_s"] = round(done[0] / elapsed, 1)
        self.info.append(Row("(3) acknowledged submits", done[0]))
        if used is not None and done[0]:
            # The server is one process bound to one core: its CPU per submit sets the ceiling.
            self.info.append(Row("(3) server CPU per submit", round(used * 1000 / done[0], 2), unit="ms"))
        self.info.append(Row("(3) of which deliberate resends", done[1]))

    # --- (2) open loop: latency at a steady offered load ------------------------------------------------------

    async def open_loop(self, sessions: list[ReflexSession]) -> None:
        plan = self.plan
        total = int(plan.open_rate * plan.open_seconds)
        submits: list[Submit] = []
        late = 0
        load = self.measure("2-open-loop")
        start = time.perf_counter() + 0.2
        for i in range(total):
            scheduled = start + i / plan.open_rate
            delay = scheduled - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            elif delay < -0.005:
                late += 1
            session = sessions[i % len(sessions)]
            if session.broken:
                self.tally.fail("session broken before send")
                continue
            submits.append(await session.submit(str(uuid.uuid4()), self.signed_on, t0=scheduled))
        deadline = time.perf_counter() + REPLY_TIMEOUT
        while any(s.pending for s in sessions) and time.perf_counter() < deadline:
            await asyncio.sleep(0.05)
        timeouts = sum(s.expire_pending() for s in sessions)
        self.notes.append(f"(2) {len(sessions)} sessions at {plan.open_rate:g}/s: {load.describe()}")
        latencies = [s.latency_ms for s in submits if s.ok]
        # A submit with no reply counts as slower than any that had one, so it cannot hide in the percentile.
        latencies += [REPLY_TIMEOUT * 1000] * (total - len(latencies))
        self.figures["p95_ms_open_100"] = rounded(percentile(latencies, 95))
        self.info.append(Row("(2) p50 open loop", rounded(percentile(latencies, 50)), unit="ms"))
        self.info.append(Row("(2) acknowledged / scheduled", sum(s.ok for s in submits), f"= {total}"))
        self.info.append(Row("(2) sends > 5 ms late (client busy)", late))
        if timeouts:
            self.notes.append(f"(2) {timeouts} submits had no reply within {REPLY_TIMEOUT:.0f} s")

    # --- (5) the JSON API --------------------------------------------------------------------------------------

    async def json_api(self) -> None:
        plan = self.plan
        if not self.recipient_ids:
            self.notes.append("(5) JSON API not measured: no recipient to write for")
            return
        rid = self.recipient_ids[0]
        await asyncio.sleep(QUIET_SECONDS)
        connector = aiohttp.TCPConnector(limit=plan.api_clients + 2)
        timeout = aiohttp.ClientTimeout(total=REPLY_TIMEOUT)
        async with aiohttp.ClientSession(connector=connector, timeout=timeout) as http:
            first = ApiClient(http, self.base, self.tally)
            try:
                await first.log_in(PHONE, PASSWORD)
            except ApiUnavailable as exc:
                self.notes.append(f"(5) JSON API not measured: {exc}")
                self.figures["api_p95_ms_1"] = self.figures["api_max_writes_per_s"] = None
                return
            latencies = []
            load = self.measure("5-api-one-client")
            for _ in range(plan.api_serial):
                latency = await first.record_consent(rid, self.signed_on, str(uuid.uuid4()))
                if latency is not None:
                    latencies.append(latency)
            self.notes.append(f"(5) one API client: {load.describe()}")
            self.figures["api_p95_ms_1"] = rounded(percentile(latencies, 95))
            self.info.append(Row("(5) API p50, one client", rounded(percentile(latencies, 50)), unit="ms"))
            self.info.append(Row("(5) API acknowledged, one client", len(latencies), f"= {plan.api_serial}"))

            clients = [ApiClient(http, self.base, self.tally) for _ in range(plan.api_clients)]
            gate = asyncio.Semaphore(LOGIN_CONCURRENCY)

            async def log_in(client: ApiClient) -> None:
                async with gate:
                    await client.log_in(PHONE, PASSWORD)

            await asyncio.gather(*(log_in(c) for c in clients))
            end = time.perf_counter() + plan.api_seconds
            written = [0]

            async def run(client: ApiClient, seed: int) -> None:
                rng = random.Random(seed)
                mine: list[str] = []
                recipient = self.recipient_ids[seed % len(self.recipient_ids)]
                while time.perf_counter() < end:
                    resend = bool(mine) and rng.random() < RESEND_SHARE
                    client_id = rng.choice(mine) if resend else str(uuid.uuid4())
                    if await client.record_consent(recipient, self.signed_on, client_id) is not None:
                        written[0] += 1
                        if not resend:
                            mine.append(client_id)

            load = self.measure("5-api-50-clients")
            start = time.perf_counter()
            await asyncio.gather(*(run(c, i) for i, c in enumerate(clients)))
            elapsed = time.perf_counter() - start
            self.notes.append(f"(5) {len(clients)} API clients: {load.describe()}")
            self.figures["api_max_writes_per_s"] = round(written[0] / elapsed, 1)
            await self._api_repeats_at_once(clients, rid)

    async def _api_repeats_at_once(self, clients: list[ApiClient], rid: int) -> None:
        """An outbox that retries while its first post is still in flight sends one client_id twice at once:
        both posts must be acknowledged and one row stored (the database check counts the rows)."""
        pairs = min(API_REPEAT_PAIRS, len(clients) // 2)

        async def pair(i: int) -> int:
            client_id = str(uuid.uuid4())
            both = await asyncio.gather(
                clients[2 * i].record_consent(rid, self.signed_on, client_id),
                clients[2 * i + 1].record_consent(rid, self.signed_on, client_id),
            )
            return sum(latency is None for latency in both)

        refused = sum(await asyncio.gather(*(pair(i) for i in range(pairs))))
        self.figures["api_repeat_race_failures"] = refused
        self.info.append(
            Row(f"(5) API same client_id twice at once ({pairs} pairs), refused", refused, "= 0")
        )

    # --- the database against what clients saw ----------------------------------------------------------------

    def _count_rows(self) -> int | None:
        if self.db is None:
            return None
        with self.db.connect() as connection:
            return connection.execute(text("SELECT COUNT(*) FROM consent_record")).scalar_one()

    def check_database(self) -> None:
        if self.db is None:
            self.figures["lost"] = self.figures["duplicates"] = None
            self.notes.append("lost / duplicates not counted: no --db")
            return
        with self.db.connect() as connection:
            counts = dict(
                connection.execute(
                    text("SELECT client_id, COUNT(*) FROM consent_record GROUP BY client_id")
                ).all()
            )
        sent, acknowledged = self.tally.sent, self.tally.acknowledged
        stored = {client_id: n for client_id, n in counts.items() if client_id in sent}
        doubled = sum(n - 1 for n in stored.values())
        if self.own_data:
            # Rows under a client id nobody sent would be a resend stored under a fresh id.
            doubled += max(0, self._count_rows() - self.rows_before - len(stored))
        self.figures["lost"] = len(acknowledged - stored.keys())
        self.figures["duplicates"] = doubled
        self.info.append(Row("distinct client ids acknowledged", len(acknowledged)))
        self.info.append(Row("stored without acknowledgement", len(stored.keys() - acknowledged)))


async def run(bench: Bench) -> None:
    # Ctrl-C / SIGTERM cancel the run, so every session is closed on the way out before the server stops.
    loop, task = asyncio.get_running_loop(), asyncio.current_task()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, task.cancel)
    steps = (
        ("(1) one session", bench.serial),
        ("(4)+(3)+(2) many sessions", lambda: many_sessions(bench)),
        ("(5) JSON API", bench.json_api),
    )
    bench.figures["cpu_calibration_ms_before"] = cpu_calibration_ms()
    for label, step in steps:
        started = time.perf_counter()
        print(f"… {label}", file=sys.stderr, flush=True)
        try:
            await step()
        except (SessionError, ApiUnavailable, OSError, aiohttp.ClientError, TimeoutError) as exc:
            bench.notes.append(f"{label} failed: {exc!r}")
        print(f"  done in {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
    bench.figures["cpu_calibration_ms_after"] = cpu_calibration_ms()
    bench.check_database()


async def many_sessions(bench: Bench) -> None:
    sessions = await bench.connect_all()
    try:
        await bench.closed_loop(sessions)
        keep = bench.plan.open_sessions
        await asyncio.gather(*(s.close() for s in sessions[keep:]))
        await asyncio.sleep(QUIET_SECONDS)
        await bench.open_loop([s for s in sessions[:keep] if not s.broken])
    finally:
        await asyncio.gather(*(s.close() for s in sessions))


def report(bench: Bench) -> dict:
    f, plan = bench.figures, bench.plan
    open_label = f"(2) p95, {plan.open_sessions} sessions at {plan.open_rate:g}/s"
    rows = [
        Row("(1) p50, one session", f.get("p50_ms_1"), unit="ms"),
        Row("(1) p95, one session", f.get("p95_ms_1"), f"< {TARGETS['p95_ms_1']}", "ms"),
        Row(open_label, f.get("p95_ms_open_100"), f"< {TARGETS['p95_ms_open_100']}", "ms"),
        Row(
            f"(3) submits/s, {plan.sessions} sessions",
            f.get("max_submits_per_s"),
            f">= {TARGETS['max_submits_per_s']}",
        ),
        Row("(3) lost, whole run", f.get("lost"), "= 0"),
        Row("(3) duplicates, whole run", f.get("duplicates"), "= 0"),
        Row("(4) RSS per session", f.get("rss_kb_per_session"), f"< {TARGETS['rss_kb_per_session']}", "kB"),
        Row("(5) API p95, one client", f.get("api_p95_ms_1"), unit="ms"),
        Row(f"(5) API writes/s, {plan.api_clients} clients", f.get("api_max_writes_per_s")),
    ]
    print(table("roundtrip — consent form, production server, loopback", rows))
    calibration = [f.get("cpu_calibration_ms_before"), f.get("cpu_calibration_ms_after")]
    bench.info.append(
        Row("CPU calibration loop before / after", " / ".join(map(str, calibration)), unit="ms")
    )
    print(table("details", bench.info))
    failures = bench.tally.failures
    if failures:
        print("failed writes by reason:")
        for reason, count in sorted(failures.items(), key=lambda item: -item[1]):
            print(f"  {count:>6}  {reason[:160]}")
    for note in bench.notes:
        print(f"note: {note}")
    keys = ("p50_ms_1", "p95_ms_1", "p95_ms_open_100", "max_submits_per_s", "lost", "duplicates")
    keys += ("rss_kb_per_session", "api_p95_ms_1", "api_max_writes_per_s", "api_repeat_race_failures")
    keys += ("cpu_calibration_ms_before", "cpu_calibration_ms_after")
    result = {"bench": "roundtrip"} | {key: f.get(key) for key in keys}
    result |= {"failed_writes": sum(failures.values())}
    result |= {f"target_{key}": value for key, value in TARGETS.items()}
    return result


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--url", help="use this running server (loopback) instead of starting one")
    parser.add_argument("--db", help="database URL of the --url server, to pick recipients and count rows")
    parser.add_argument("--server-pid", type=int, help="a process of the --url server, for its RSS and CPU")
    parser.add_argument("--quick", action="store_true", help="a short smoke run; figures not comparable")
    parser.add_argument("--keep", action="store_true", help="keep the temp dir (database, server log)")
    parser.add_argument(
        "--profile",
        type=Path,
        help="write a py-spy profile of the server per phase here (py-spy on PATH or $PY_SPY)",
    )
    args = parser.parse_args(argv)
    if args.url and not args.url.startswith(("http://127.0.0.1", "http://localhost", "http://[::1]")):
        parser.error("--url must be a loopback address")
    return args


def _stop_on_sigterm(_signum, _frame) -> None:
    raise KeyboardInterrupt


def main(argv: Sequence[str]) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    tmp = Path(tempfile.mkdtemp(prefix="jk-roundtrip-"))
    server: Server | None = None
    interrupted = False
    try:
        if args.url:
            server = Server(args.url.rstrip("/"))
            if args.server_pid:
                server.pgid = os.getpgid(args.server_pid)
            db_url = args.db
        else:
            print(
                "… building the demo county and starting the production server", file=sys.stderr, flush=True
            )
            db_url = build_database(tmp)
            server = Server.start(tmp, db_url)
        engine = create_engine(db_url) if db_url else None
        if args.profile:
            args.profile.mkdir(parents=True, exist_ok=True)
        bench = Bench(server, engine, own_data=not args.url, plan=Plan(args.quick), profile=args.profile)
        asyncio.run(run(bench))
    except (KeyboardInterrupt, asyncio.CancelledError):
        interrupted = True
    except BaseException:
        if server is not None and server.process is not None:
            print(server.log_tail(), file=sys.stderr)
        raise
    finally:
        if server is not None:
            server.stop()
        if args.keep:
            print(f"kept {tmp}", file=sys.stderr)
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    if interrupted:
        print("interrupted; the server is stopped", file=sys.stderr, flush=True)
        sys.stdout.flush()
        # Half-open client sockets would print "Event loop is closed" from their finalisers: nothing is left to do.
        os._exit(130)
    result = report(bench)
    print(json.dumps(result, ensure_ascii=False))
    unmeasured = [key for key in ("p95_ms_1", "p95_ms_open_100", "max_submits_per_s") if result[key] is None]
    return 1 if (unmeasured or result["lost"] or result["duplicates"]) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
