"""The background sync worker: keeps the ward up to date whenever it answers, never gives up.

Usage (the UI relays callbacks to its own thread; they come from the worker thread)::

    worker = SyncWorker(data_dir, on_status=relay_to_ui_thread, on_standing=relay_too)
    worker.start()
    worker.sync_now()        # "Sync now": wake at once, skipping any backoff wait
    worker.set_report_schedule(schedule)   # the team changed Settings → Hourly reports
    worker.status            # the last SyncStatus published
    worker.stop()            # at app exit: returns once the thread has closed its database

The worker thread opens its *own* Station (sqlite3 connections belong to the thread that made
them), so it never shares the UI's connection; both write through BEGIN IMMEDIATE and queue.

Each round: record due hourly reports; probe /healthz if the ward was not answering; push the
outbox (or, with nothing to send for a while, an empty batch as a heartbeat); pull the
station's other devices' events; and, every ``ward_standing_s``, read the ward's overview
(GET /api/v1/stations) for the ward's average and this station's place, handed to
``on_standing`` (a failed read of it never fails the round). Online, a round runs every
``pull_interval_s`` (a voter checked in at table 1 shows as voted at table 2 within seconds).
On failure it waits a full-jitter exponential backoff, uniform(0, min(cap, base * 2**attempt)),
and tries again, forever: whether the ward is reachable is decided by its answers, never by an
OS "online" flag.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from clerk_app import clock as clock_mod
from clerk_app.clock import Clock
from clerk_app.errors import ClerkAppError
from clerk_app.station import Station
from clerk_app.sync import engine, link, outbox
from clerk_app.sync.client import DEFAULT_TIMEOUT, Timeout, WardClient
from clerk_app.sync.credentials import CredentialStore, default_store
from clerk_app.sync.errors import NotEnrolled, Rejected, SyncError, Unreachable
from clerk_app.sync.reports import ReportSchedule
from clerk_app.sync.status import SyncStatus, read_status
from clerk_app.turnout.ward import WardStanding

log = logging.getLogger("clerk_app.sync.worker")

StatusCallback = Callable[[SyncStatus], None]
StandingCallback = Callable[[WardStanding], None]
IN_SYNC_WRITE_S = 30.0


@dataclass(frozen=True)
class SyncConfig:
    timeout: Timeout = DEFAULT_TIMEOUT
    backoff_base_s: float = 1.0
    backoff_cap_s: float = 60.0
    pull_interval_s: float = 3.0  # online: push and pull this often
    not_enrolled_recheck_s: float = 30.0  # not enrolled: look again this often (or on sync_now)
    heartbeat_s: float = 300.0  # nothing to send: an empty batch this often keeps the ward page from "silent"
    reports: ReportSchedule | None = field(default_factory=ReportSchedule)  # None: no hourly reports
    ward_standing_s: float | None = 60.0  # online: the ward's overview this often; None: never


def backoff_delay(attempt: int, base: float, cap: float, rng: random.Random) -> float:
    """Full jitter (AWS architecture blog): spreads the stations of a ward after an outage."""
    return rng.uniform(0.0, min(cap, base * 2 ** min(attempt, 30)))


class SyncWorker:
    def __init__(
        self,
        data_dir: Path,
        *,
        credentials: CredentialStore | None = None,
        on_status: StatusCallback | None = None,
        on_standing: StandingCallback | None = None,
        config: SyncConfig | None = None,
        clock: Clock | None = None,
        wall_clock: Clock = clock_mod.now,
        clerk: str = "",
        rng: random.Random | None = None,
    ) -> None:
        """``clock`` stamps hourly reports (polling-day time, as the Station's; by default
        clock.station_clock()); ``wall_clock`` is this machine's real clock, compared with the
        ward's. Both callbacks are called on the worker's thread."""
        self._data_dir = data_dir
        self._store = credentials if credentials is not None else default_store()
        self._on_status = on_status
        self._on_standing = on_standing
        self._config = config or SyncConfig()
        self._reports_lock = threading.Lock()
        self._reports = self._config.reports  # replaced by set_report_schedule (any thread)
        self._clock, self._wall_clock, self._clerk = clock or clock_mod.station_clock(), wall_clock, clerk
        self._rng = rng or random.Random()
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._status_lock = threading.Lock()
        self._status: SyncStatus | None = None
        # Owned by the worker thread only:
        self._client: WardClient | None = None
        self._ward: link.WardLink | None = None
        self._reachable: bool | None = None
        self._attempt = 0
        self._last_post = float("-inf")  # time.monotonic() of the last batch the ward acknowledged
        self._last_in_sync_write = float("-inf")
        self._last_standing = float("-inf")  # time.monotonic() of the last overview asked for
        self._asked_the_ward = False  # a first round has been made

    # --- the API for the UI --------------------------------------------------------------------

    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError("the sync worker is already started")
        self._thread = threading.Thread(target=self._run, name="clerk-sync", daemon=True)
        self._thread.start()

    def stop(self, timeout: float | None = None) -> bool:
        """Ask the worker to stop and wait; True once the thread has ended.

        It stops at once when waiting; a call in flight ends within its HTTP timeout.
        """
        self._stopping.set()
        self._wake.set()
        if self._thread is None:
            return True
        self._thread.join(timeout if timeout is not None else sum(self._config.timeout) + 5)
        return not self._thread.is_alive()

    def sync_now(self) -> None:
        """Run a round now, skipping any wait (the "Sync now" button, or right after a check-in)."""
        self._wake.set()

    def set_report_schedule(self, schedule: ReportSchedule | None) -> None:
        """Use this schedule from the next round on (None: no reports); reports now due are recorded then."""
        with self._reports_lock:
            self._reports = schedule
        self._wake.set()

    @property
    def status(self) -> SyncStatus | None:
        """The last status published (None before the thread has looked at the database)."""
        with self._status_lock:
            return self._status

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    # --- the thread ------------------------------------------------------------------------------

    def _run(self) -> None:
        station = self._open_station()
        if station is None:
            return  # stopped before the database could be opened
        try:
            # Figures for the status bar at once, before the first (possibly slow) network call.
            self._publish(station, enrolled=link.load_link(station.db, station.data_dir) is not None)
            while not self._stopping.is_set():
                self._wake.clear()  # a sync_now() during the round makes the next one start at once
                delay = self._safe_round(station)
                self._wake.wait(delay)
        finally:
            self._drop_client()
            station.close()

    def _open_station(self) -> Station | None:
        """The worker's own connection; a database that cannot be opened now (locked a while by
        an upgrade, a disk error) is tried again with the usual backoff, never given up on."""
        attempt = 0
        while not self._stopping.is_set():
            try:
                return Station.open(self._data_dir, clock=self._clock, clerk=self._clerk)
            except ClerkAppError as exc:
                delay = backoff_delay(attempt, self._config.backoff_base_s, self._config.backoff_cap_s, self._rng)
                attempt += 1
                log.error("sync worker cannot open the station database: %s; next try in %.1f s", exc, delay)
                self._publish_problem(str(exc))
                self._wake.wait(delay)
                self._wake.clear()
        return None

    def _safe_round(self, station: Station) -> float:
        """One round; whatever goes wrong, the worker lives on and tries again later."""
        try:
            return self._round(station)
        except ClerkAppError as exc:  # the disk (full, locked): retry, and say so
            return self._failed(station, str(exc))
        except Exception as exc:  # a bug must not silently end sync for the rest of the day
            log.exception("sync round failed unexpectedly")
            return self._failed(station, f"unexpected error: {type(exc).__name__}")

    def _round(self, station: Station) -> float:
        # The first round asks the ward before this device writes anything of its own: a file
        # restored from a copy learns first what the ward holds of it (Station.record_ack),
        # and reports recorded before that could take seqs the ward holds with other content.
        first = not self._asked_the_ward
        if not first:
            self._record_reports(station)
        try:
            return self._exchange_round(station)
        finally:
            self._asked_the_ward = True  # answered or not: an offline station records as usual
            if first and self._record_reports(station):
                self._wake.set()  # sent in the next round, at once

    def _record_reports(self, station: Station) -> list[str]:
        with self._reports_lock:
            schedule = self._reports
        return station.record_due_reports(schedule) if schedule is not None else []

    def _exchange_round(self, station: Station) -> float:
        try:
            pushed = self._exchange(station)
        except NotEnrolled as exc:
            self._drop_client()
            self._publish(station, enrolled=False, problem=str(exc))
            return self._config.not_enrolled_recheck_s
        except Unreachable as exc:
            self._reachable = False
            return self._failed(station, str(exc))
        except Rejected as exc:
            self._reachable = True  # it answered: reachable, but it said no
            if exc.status == 401:
                self._drop_client()  # credentials re-read from the keyring next time
            return self._failed(station, str(exc), rejected_status=exc.status)
        except SyncError as exc:  # the keyring failing, among others
            return self._failed(station, str(exc))
        self._reachable = True
        if pushed.stuck:
            refused = ", ".join(f"{r.seq} ({r.reason})" for r in pushed.refused) or "none named"
            return self._failed(station, f"the ward does not acknowledge events; refused: {refused}")
        self._note_in_sync(station)
        self._attempt = 0
        self._publish(station, enrolled=True)
        return self._config.pull_interval_s

    def _exchange(self, station: Station) -> engine.PushResult:
        """Probe if the ward was not answering, push (or a heartbeat), pull."""
        client, ward = self._client_for(station)
        if not self._reachable:
            engine.probe(station, client, self._wall_clock)
        pushed = engine.push(station, client, ward, self._wall_clock)
        if pushed.sent:
            self._last_post = time.monotonic()
        elif pushed.unsent == 0 and time.monotonic() - self._last_post >= self._config.heartbeat_s:
            engine.heartbeat(station, client, ward, self._wall_clock)
            self._last_post = time.monotonic()
        engine.pull(station, client, ward)
        self._read_standing(client, ward)
        return pushed

    def _read_standing(self, client: WardClient, ward: link.WardLink) -> None:
        """Now and then, the ward's overview for the turnout view; its failure costs nothing else."""
        every = self._config.ward_standing_s
        if self._on_standing is None or every is None or time.monotonic() - self._last_standing < every:
            return
        self._last_standing = time.monotonic()
        try:
            standing = engine.ward_standing(client, ward)
        except SyncError as exc:  # an old ward, a slow one: the last standing stays, with its time
            log.info("ward overview not read: %s", exc)
            return
        if standing is None:
            log.info("the ward's overview does not list station %d", ward.station)
            return
        try:
            self._on_standing(standing)
        except Exception:  # the UI's bug must not stop sync
            log.exception("ward standing callback failed")

    def _note_in_sync(self, station: Station) -> None:
        # "Last successful sync" moves on while idle too, but at most every IN_SYNC_WRITE_S:
        # a durable write every few seconds would queue against the clerks' check-ins.
        if time.monotonic() - self._last_in_sync_write >= IN_SYNC_WRITE_S:
            outbox.record_in_sync(station.db, self._wall_clock())
            self._last_in_sync_write = time.monotonic()

    def _failed(self, station: Station, problem: str, *, rejected_status: int | None = None) -> float:
        delay = backoff_delay(self._attempt, self._config.backoff_base_s, self._config.backoff_cap_s, self._rng)
        self._attempt += 1
        log.info("sync: %s; next try in %.1f s", problem, delay)
        self._publish(
            station, enrolled=self._ward is not None, problem=problem, rejected_status=rejected_status, next_in=delay
        )
        return delay

    def _client_for(self, station: Station) -> tuple[WardClient, link.WardLink]:
        ward = link.load_link(station.db, station.data_dir)
        if self._client is None or ward != self._ward:
            self._drop_client()
            self._client, self._ward = engine.open_client(station, self._store, self._config.timeout)
            self._reachable = None
            self._last_standing = float("-inf")  # another ward, perhaps: ask it at once
        assert self._ward is not None
        return self._client, self._ward

    def _drop_client(self) -> None:
        if self._client is not None:
            self._client.close()
        self._client, self._ward = None, None

    # --- status ----------------------------------------------------------------------------------

    def _publish(
        self,
        station: Station,
        *,
        enrolled: bool,
        problem: str | None = None,
        rejected_status: int | None = None,
        next_in: float | None = None,
    ) -> None:
        try:
            status = read_status(
                station.db,
                station.device_id,
                enrolled=enrolled,
                reachable=self._reachable,
                problem=problem,
                rejected_status=rejected_status,
                next_attempt_in_s=next_in,
            )
        except ClerkAppError as exc:  # the disk: say so, keep the old figures
            log.warning("sync status unreadable: %s", exc)
            return self._publish_problem(str(exc))
        self._emit(status)

    def _publish_problem(self, problem: str) -> None:
        with self._status_lock:
            previous = self._status
        base = previous or SyncStatus(False, None, 0, None, None, None, 0, False)
        self._emit(replace(base, problem=problem))

    def _emit(self, status: SyncStatus) -> None:
        with self._status_lock:
            self._status = status
        if self._on_status is None:
            return
        try:
            self._on_status(status)
        except Exception:  # the UI's bug must not stop sync
            log.exception("sync status callback failed")
