"""The production server (`reflex run --env prod`, one port) on a fresh SQLite file, and what it costs the machine.

Everything runs on loopback; the server gets its own process group so it is stopped as a whole (also on Ctrl-C),
and only ever the group this module started.
"""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = ROOT / ".venv" / "bin"
PYTHON = VENV_BIN / "python" if (VENV_BIN / "python").exists() else Path(sys.executable)
REFLEX = VENV_BIN / "reflex"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def quiet_env(db_url: str) -> dict[str, str]:
    env = os.environ | {
        "REFLEX_DB_URL": db_url,
        "REFLEX_TELEMETRY_ENABLED": "false",
        "REFLEX_CHECK_LATEST_VERSION": "false",
        "PYTHONUNBUFFERED": "1",
    }
    # What `make run` serves: no Redis (tab states in memory), one worker per core as rxconfig.py sets it.
    env.pop("REFLEX_REDIS_URL", None)
    env.pop("GRANIAN_WORKERS", None)
    return env


def build_database(tmp: Path) -> str:
    """A migrated and seeded SQLite file of the demo county; returns its URL."""
    db_url = f"sqlite:///{tmp / 'bench.db'}"
    env = quiet_env(db_url)
    for module in ("jingkang_app.migrate", "jingkang_app.seed"):
        done = subprocess.run([str(PYTHON), "-m", module], cwd=ROOT, env=env, capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"{module} failed:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}")
    return db_url


def _other_builds_running() -> bool:
    """Another `reflex run` in this repo started in the last minute is probably still compiling into .web."""
    uptime = float(Path("/proc/uptime").read_text().split()[0])
    for pid in _pids():
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
            if b"run" not in cmdline or not any(part.endswith(b"reflex") for part in cmdline[:2]):
                continue
            if Path(f"/proc/{pid}/cwd").resolve() != ROOT:
                continue
            started = int(_stat_fields(pid)[19]) / CLOCK_TICKS
        except (OSError, IndexError, ValueError):
            continue
        if uptime - started < 60:
            return True
    return False


@dataclass
class Server:
    base: str
    process: subprocess.Popen | None = None
    log: Path | None = None
    pgid: int | None = None
    _log_file: object = field(default=None, repr=False)

    @classmethod
    def start(cls, tmp: Path, db_url: str, timeout: float = 300) -> "Server":
        # Two servers compiling into the one .web folder at once can break each other's build.
        deadline = time.monotonic() + 60
        while _other_builds_running() and time.monotonic() < deadline:
            time.sleep(2)
        port = free_port()
        log = tmp / "server.log"
        log_file = log.open("w")
        process = subprocess.Popen(
            [str(REFLEX), "run", "--env", "prod", "--frontend-port", str(port), "--backend-port", str(port)]
            + ["--loglevel", "warning"],
            cwd=ROOT,
            env=quiet_env(db_url),
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        server = cls(f"http://127.0.0.1:{port}", process, log, process.pid, log_file)
        try:
            server.wait_ready(timeout)
        except BaseException:
            server.stop()
            raise
        return server

    def wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(f"server exited with {self.process.returncode}:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(f"{self.base}/ping", timeout=2) as reply:
                    if reply.status == 200:
                        return
            except (OSError, urllib.error.URLError):
                pass
            time.sleep(0.5)
        raise RuntimeError(f"server did not answer /ping within {timeout:.0f} s:\n{self.log_tail()}")

    def log_tail(self, chars: int = 4000) -> str:
        return self.log.read_text(errors="replace")[-chars:] if self.log and self.log.exists() else ""

    def stop(self) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        if self._log_file is not None:
            self._log_file.close()
        self.process = None

    def rss_kb(self) -> int | None:
        """Sum of VmRSS over every process of the server's process group."""
        if self.pgid is None:
            return None
        total = 0
        for pid in self.group_pids():
            try:
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
            except OSError:
                continue
        return total

    def cpu_seconds(self) -> float | None:
        """User + system CPU time of the server's process group so far."""
        if self.pgid is None:
            return None
        ticks = 0
        for pid in self.group_pids():
            try:
                fields = _stat_fields(pid)
                ticks += int(fields[11]) + int(fields[12])
            except (OSError, IndexError, ValueError):
                continue
        return ticks / CLOCK_TICKS

    def group_pids(self) -> list[int]:
        pids = []
        for pid in _pids():
            try:
                if int(_stat_fields(pid)[2]) == self.pgid:
                    pids.append(pid)
            except (OSError, IndexError, ValueError):
                continue
        return pids

    def worker_pid(self) -> int | None:
        """The newest process of the group: the back-end worker the CLI process started (the one to profile)."""
        newest, newest_start = None, -1
        for pid in self.group_pids():
            try:
                start = int(_stat_fields(pid)[19])
            except (OSError, IndexError, ValueError):
                continue
            if start > newest_start:
                newest, newest_start = pid, start
        return newest


class Profile:
    """py-spy sampling one process for the length of a phase (collapsed stacks, for flame graphs or grep)."""

    def __init__(self, py_spy: str, pid: int, output: Path):
        self.output = output
        self.process = subprocess.Popen(
            [py_spy, "record", "--pid", str(pid), "--format", "raw", "--output", str(output)]
            + ["--rate", "200", "--nonblocking"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)  # py-spy writes its output on SIGINT
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def _pids() -> list[int]:
    return [int(name) for name in os.listdir("/proc") if name.isdigit()]


def _stat_fields(pid: int) -> list[str]:
    """/proc/<pid>/stat after the command name (which may hold spaces): field 0 is the state."""
    raw = Path(f"/proc/{pid}/stat").read_text()
    return raw[raw.rindex(")") + 2 :].split()
