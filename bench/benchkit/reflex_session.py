"""One browser tab of the Reflex app, driven over its real websocket (DESIGN.md, "Driving Reflex's websocket from
a Python client"): hydrate in the connect `auth`, events named by full state path, replies as state deltas.

There is no end-of-event marker, so each step waits for the delta it expects. Events of one tab are processed in
order on the server, so submits in flight are matched to replies first in, first out.
"""

import asyncio
import contextlib
import time
import uuid
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

import socketio

NAMESPACE = "/_event"
ROOT_STATE = "reflex___state____state"
HYDRATE = f"{ROOT_STATE}.hydrate_and_load"
SAVED_TEXT = "已保存。"


@dataclass(frozen=True)
class StateNames:
    app: str
    login: str
    detail: str
    recipient_list: str

    @classmethod
    def from_app(cls) -> "StateNames":
        # The names the compiled front end uses; importing the states is the one source of truth.
        from jingkang_app.state.base import AppState
        from jingkang_app.state.login import LoginState
        from jingkang_app.state.recipients import RecipientDetailState, RecipientListState

        return cls(
            app=AppState.get_full_name(),
            login=LoginState.get_full_name(),
            detail=RecipientDetailState.get_full_name(),
            recipient_list=RecipientListState.get_full_name(),
        )


def v(name: str) -> str:
    """A var's key in a delta."""
    return f"{name}_rx_state_"


CLIENT_ID = v("consent_client_id")
ERRORS = v("consent_errors")
SAVED = v("consent_saved")
PAGE_ERROR = v("page_error")
TOKEN = v("session_token")


@dataclass
class Submit:
    client_id: str
    t0: float  # when it was sent, or when it was scheduled to be sent (open loop)
    latency_ms: float | None = None
    error: str | None = None
    done: asyncio.Future | None = None

    @property
    def ok(self) -> bool:
        return self.latency_ms is not None and self.error is None


@dataclass
class Tally:
    """What every session of a run saw: acknowledged client ids, failures by reason."""

    sent: set[str] = field(default_factory=set)
    acknowledged: set[str] = field(default_factory=set)
    failures: dict[str, int] = field(default_factory=dict)

    def fail(self, reason: str) -> None:
        self.failures[reason] = self.failures.get(reason, 0) + 1


class SessionError(RuntimeError):
    pass


class ReflexSession:
    def __init__(self, base: str, names: StateNames, tally: Tally):
        self.base = base
        self.names = names
        self.tally = tally
        self.sio = socketio.AsyncClient(reconnection=False, handle_sigint=False)
        self.sio.on("event", self._on_update, namespace=NAMESPACE)
        self.pending: deque[Submit] = deque()
        self.broken = False
        self.recipient_id = 0
        self.capture: list[dict] | None = None  # a list here keeps every update (to study the protocol)
        self._waiter: tuple[Callable[[dict], bool], asyncio.Future] | None = None
        self._router: dict = {}
        self._last_client_id = ""
        self._updates = 0

    # --- the steps of a visit -----------------------------------------------------------------------------

    async def connect(self, pathname: str = "/login", timeout: float = 20) -> None:
        auth = {"event": {"name": HYDRATE, "payload": {}, "router_data": _router(pathname)}}
        hydrated = self._expect(lambda delta: ROOT_STATE in delta)
        await self.sio.connect(
            f"{self.base}?token={uuid.uuid4()}",
            headers={"Origin": self.base},
            auth=auth,
            transports=["websocket"],
            namespaces=[NAMESPACE],
            socketio_path="/_event",
            wait_timeout=timeout,
        )
        await self._wait(hydrated, timeout, "hydrate")

    async def log_in(self, phone: str, password: str, timeout: float = 60) -> None:
        app, login = self.names.app, self.names.login
        reply = self._expect(
            lambda d: bool(d.get(app, {}).get(TOKEN)) or bool(d.get(login, {}).get(v("login_error")))
        )
        await self._emit(f"{login}.submit", {"form_data": {"phone": phone, "password": password}}, "/login")
        delta = await self._wait(reply, timeout, "login")
        if not delta.get(app, {}).get(TOKEN):
            raise SessionError(f"login refused: {delta.get(login, {}).get(v('login_error'))}")

    async def open_recipient(self, recipient_id: int, timeout: float = 30) -> None:
        """RecipientDetailState.load, as the page's on_load does; later submits carry the same page."""
        detail, app = self.names.detail, self.names.app
        path = f"/recipients/{recipient_id}"
        self._router = _router(path, {"rid": str(recipient_id)})
        reply = self._expect(
            lambda d: v("found") in d.get(detail, {}) or bool(d.get(app, {}).get(PAGE_ERROR))
        )
        await self._emit(f"{detail}.load", {}, path)
        delta = await self._wait(reply, timeout, "load")
        if not delta.get(detail, {}).get(v("found")):
            raise SessionError(f"recipient {recipient_id} not shown: {delta.get(app, {}).get(PAGE_ERROR)!r}")
        self.recipient_id = recipient_id
        self._last_client_id = delta[detail].get(CLIENT_ID, "")

    async def settle(self, quiet: float = 0.15, limit: float = 3.0) -> None:
        """Waits until the tab has had no update for ``quiet`` seconds: the page's own on_load chain (queued by
        the hydrate) may still be replying, and a stray delta must not be taken for a submit's reply."""
        deadline = time.perf_counter() + limit
        while time.perf_counter() < deadline:
            seen = self._updates
            await asyncio.sleep(quiet)
            if self._updates == seen:
                return

    async def recipient_ids_on_list(self, timeout: float = 30) -> list[int]:
        """The recipients this user sees on the first page of /recipients (when there is no database to ask)."""
        name = self.names.recipient_list
        reply = self._expect(lambda d: v("rows") in d.get(name, {}))
        await self._emit(f"{name}.load", {}, "/recipients")
        delta = await self._wait(reply, timeout, "recipient list")
        return [int(row["id"]) for row in delta[name][v("rows")]]

    # --- submitting the consent form ----------------------------------------------------------------------

    async def submit(
        self, client_id: str, signed_on: str, t0: float | None = None, wait: bool = False
    ) -> Submit:
        """Sends the consent form. With ``wait`` the returned Submit's ``done`` future resolves on its reply."""
        submit = Submit(client_id, time.perf_counter() if t0 is None else t0)
        if wait:
            submit.done = asyncio.get_running_loop().create_future()
        self.pending.append(submit)
        self.tally.sent.add(client_id)
        form = {
            "client_id": client_id,
            "kind": "service_agreement",
            "signed_on": signed_on,
            "signed_by_guardian": "on",
        }
        await self.sio.emit(
            "event",
            {
                "name": f"{self.names.detail}.record_consent",
                "payload": {"form_data": form},
                "router_data": self._router,
            },
            namespace=NAMESPACE,
        )
        return submit

    def expire_pending(self, reason: str = "timeout") -> int:
        """Gives up on every submit still waiting; the session is not used again (replies would mismatch)."""
        count = 0
        while self.pending:
            submit = self.pending.popleft()
            submit.error = reason
            self.tally.fail(reason)
            if submit.done is not None and not submit.done.done():
                submit.done.set_result(submit)
            count += 1
        if count:
            self.broken = True
        return count

    async def close(self) -> None:
        with contextlib.suppress(TimeoutError, OSError):
            await asyncio.wait_for(self.sio.disconnect(), 5)

    # --- replies ------------------------------------------------------------------------------------------

    def _on_update(self, update: dict) -> None:
        now = time.perf_counter()
        self._updates += 1
        delta = update.get("delta") or {}
        if self.capture is not None:
            self.capture.append(update)
        if self._waiter is not None:
            predicate, future = self._waiter
            if predicate(delta):
                self._waiter = None
                if not future.done():
                    future.set_result(delta)
                return
        if self.pending:
            self._settle(delta, now)

    def _settle(self, delta: dict, now: float) -> None:
        detail = delta.get(self.names.detail, {})
        # record_consent clears consent_errors and consent_saved first, so its reply always carries them, also
        # when it fails; anything else (a toast, the call_script that resets the form) is not the reply.
        if not (CLIENT_ID in detail or ERRORS in detail or SAVED in detail):
            return
        app = delta.get(self.names.app, {})
        submit = self.pending.popleft()
        new_id = detail.get(CLIENT_ID)
        if detail.get(ERRORS):
            submit.error = f"consent_errors {sorted(detail[ERRORS].items())}"
        elif app.get(PAGE_ERROR):
            submit.error = f"page_error {app[PAGE_ERROR]}"
        elif TOKEN in app and not app[TOKEN]:
            submit.error = "signed out"
        elif detail.get(SAVED) != SAVED_TEXT and not (new_id and new_id != self._last_client_id):
            submit.error = "no confirmation in reply"
        if new_id:
            self._last_client_id = new_id
        submit.latency_ms = (now - submit.t0) * 1000
        if submit.error is None:
            self.tally.acknowledged.add(submit.client_id)
        else:
            self.tally.fail(submit.error)
        if submit.done is not None and not submit.done.done():
            submit.done.set_result(submit)

    def _expect(self, predicate: Callable[[dict], bool]) -> asyncio.Future:
        future = asyncio.get_running_loop().create_future()
        self._waiter = (predicate, future)
        return future

    async def _wait(self, future: asyncio.Future, timeout: float, step: str) -> dict:
        try:
            return await asyncio.wait_for(future, timeout)
        except TimeoutError:
            self._waiter = None
            raise SessionError(f"no reply to {step} within {timeout:.0f} s") from None

    async def _emit(self, name: str, payload: dict, pathname: str) -> None:
        router = self._router if self._router.get("pathname") == pathname else _router(pathname)
        await self.sio.emit(
            "event", {"name": name, "payload": payload, "router_data": router}, namespace=NAMESPACE
        )


def _router(pathname: str, query: dict[str, str] | None = None) -> dict:
    router: dict = {"pathname": pathname, "asPath": pathname}
    if query:
        router["query"] = query
    return router
