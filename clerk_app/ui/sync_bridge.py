"""The main thread's handle on the sync worker: starts it, relays its status, stops it at quit.

``SyncWorker`` (clerk_app.sync.worker) calls its status callback **on its own thread**. The
bridge hands that value to a relay QObject created on the main thread; Qt queues the signal
into the main event loop (as ``tasks.py`` does for the task runner), and only then does the
bridge emit ``status_changed``, so every widget that listens runs on the main thread.

The worker's reading of the ward's overview (the ward's average and this station's place) comes
back the same way: the bridge keeps the latest ``WardStanding`` on the main thread and
``ward_standing()`` hands it out at once (the turnout view's ``WardStandingSource``): None until
the ward has answered once, and afterwards the last answer, with its ``as_of`` time, however old.

Each worker the bridge starts gets a generation number; a status or a standing from a retired
worker (one replaced after a new enrolment, or one still finishing an HTTP call at quit) is
dropped. The hourly reports follow ``set_report_schedule`` (the team's setting).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, replace

from PySide6.QtCore import QCoreApplication, QObject, Signal

from clerk_app import clock as clock_mod
from clerk_app.clock import Clock
from clerk_app.errors import ClerkAppError
from clerk_app.station import Station
from clerk_app.storage.db import environment_errors
from clerk_app.sync import link
from clerk_app.sync.client import DEFAULT_TIMEOUT, Timeout
from clerk_app.sync.credentials import CredentialStore, default_store
from clerk_app.sync.reports import ReportSchedule
from clerk_app.sync.status import SyncStatus, read_status
from clerk_app.sync.worker import SyncConfig, SyncWorker
from clerk_app.turnout.ward import WardStanding

log = logging.getLogger("clerk_app.ui.sync")

STOP_TIMEOUT_S = 3.0  # at quit: a call in flight may take its full HTTP timeout; the thread is a daemon


@dataclass(frozen=True)
class SyncOptions:
    """How the window syncs; the defaults are the real app's, tests pass their own."""

    store: CredentialStore | None = None  # None: the OS keyring (clerk_app.sync.credentials)
    config: SyncConfig | None = None  # None: SyncConfig() (pull every 3 s, hourly reports; reports=None: none)
    wall_clock: Clock = clock_mod.now  # this machine's real clock, compared with the ward's
    enrol_timeout: Timeout = DEFAULT_TIMEOUT
    stop_timeout_s: float = STOP_TIMEOUT_S


class _Relay(QObject):
    """Created on the main thread, so its signal is delivered there whoever emits it."""

    status = Signal(int, object)  # generation, SyncStatus
    standing = Signal(int, object)  # generation, WardStanding


class SyncBridge(QObject):
    """Owns the SyncWorker for the window's lifetime; construct it on the main thread."""

    status_changed = Signal(object)  # SyncStatus, emitted on the main thread only
    standing_changed = Signal(object)  # WardStanding | None, emitted on the main thread only

    def __init__(
        self,
        station: Station,
        options: SyncOptions,
        parent: QObject | None = None,
        *,
        report_schedule: ReportSchedule | None = None,
    ) -> None:
        """``report_schedule``: the team's (None: the default); ignored when ``options.config``
        turns reports off (``reports=None``, as tests do)."""
        super().__init__(parent)
        self._station = station
        self._options = options
        self.store: CredentialStore = options.store if options.store is not None else default_store()
        self._report_schedule = report_schedule or ReportSchedule()
        self._standing: WardStanding | None = None
        self._relay = _Relay(self)
        self._relay.status.connect(self._deliver)
        self._relay.standing.connect(self._deliver_standing)
        self._worker: SyncWorker | None = None
        self._retired: list[SyncWorker] = []
        self._generation = 0
        self._accepting = True  # read by the worker thread: False once stopping
        self._closed = False
        self._status: SyncStatus | None = None
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop)

    # --- state ---------------------------------------------------------------------------

    @property
    def status(self) -> SyncStatus | None:
        """The last status shown (the worker's, or the one read here when none runs)."""
        return self._status

    @property
    def running(self) -> bool:
        return self._worker is not None and self._worker.running

    def enrolled(self) -> bool:
        """This station has a ward address (its credentials are the worker's to check)."""
        with environment_errors():
            return link.load_link(self._station.db, self._station.data_dir) is not None

    def ward_standing(self) -> WardStanding | None:
        """The ward's latest overview for this station (a WardStandingSource): never waits, never reads."""
        return self._standing

    @property
    def report_schedule(self) -> ReportSchedule:
        return self._report_schedule

    def set_report_schedule(self, schedule: ReportSchedule) -> None:
        """The team changed the schedule: the running worker uses it from its next round (at once)."""
        self._report_schedule = schedule
        if self._worker is not None and self._config().reports is not None:
            self._worker.set_report_schedule(schedule)

    def _config(self) -> SyncConfig:
        config = self._options.config or SyncConfig()
        return config if config.reports is None else replace(config, reports=self._report_schedule)

    def ward_url(self) -> str:
        with environment_errors():
            ward = link.load_link(self._station.db, self._station.data_dir)
        return ward.url if ward is not None else ""

    # --- lifecycle -----------------------------------------------------------------------

    def start(self) -> bool:
        """Start the worker if the station is enrolled; True when one runs. Never waits on the network."""
        if self._closed:
            return False
        if self.running:
            return True
        try:
            enrolled = self.enrolled()
        except ClerkAppError as exc:  # the disk: say nothing new, the window's own refresh reports it
            log.warning("cannot read the ward link: %s", exc)
            return False
        self._publish_local(enrolled=enrolled)
        if not enrolled:
            return False
        self._generation += 1
        generation, relay = self._generation, self._relay

        def on_status(status: SyncStatus) -> None:  # on the worker thread: no widget, no Station
            if self._accepting:
                relay.status.emit(generation, status)

        def on_standing(standing: WardStanding) -> None:  # on the worker thread, likewise
            if self._accepting:
                relay.standing.emit(generation, standing)

        worker = SyncWorker(
            self._station.data_dir,
            credentials=self.store,
            on_status=on_status,
            on_standing=on_standing,
            config=self._config(),
            clock=self._station.clock,
            wall_clock=self._options.wall_clock,
            clerk=self._station.clerk,
        )
        worker.start()
        self._worker = worker
        log.info("sync worker started")
        return True

    def restart(self) -> bool:
        """After an enrolment: a fresh worker reads the new address and credentials."""
        if self._worker is not None:
            self._worker.stop(0)  # asks it to end; it finishes a call in flight on its own
            self._retired.append(self._worker)
            self._worker = None
        if self._standing is not None:  # another ward's figures, perhaps: wait for the new one's
            self._standing = None
            self.standing_changed.emit(None)
        return self.start()

    def sync_now(self) -> bool:
        """Wake the worker for "Sync now" (or start it); False when the station is not enrolled."""
        if self._worker is not None and self.running:
            self._worker.sync_now()
            return True
        self._worker = None
        return self.start()

    def stop(self) -> bool:
        """Stop every worker, waiting at most ``stop_timeout_s`` in all; True when all ended."""
        if self._closed:
            return True
        self._closed = True
        self._accepting = False
        deadline = time.monotonic() + self._options.stop_timeout_s
        stopped = True
        for worker in [*self._retired, *([self._worker] if self._worker else [])]:
            stopped = worker.stop(max(0.0, deadline - time.monotonic())) and stopped
        if not stopped:
            log.warning("sync worker still in a call at exit; it ends with the process, nothing is lost")
        else:
            log.info("sync worker stopped")
        return stopped

    # --- status --------------------------------------------------------------------------

    def _deliver(self, generation: int, status: object) -> None:
        if self._closed or generation != self._generation or not isinstance(status, SyncStatus):
            return
        self._emit(status)

    def _deliver_standing(self, generation: int, standing: object) -> None:
        if self._closed or generation != self._generation or not isinstance(standing, WardStanding):
            return
        self._standing = standing
        self.standing_changed.emit(standing)

    def _publish_local(self, *, enrolled: bool) -> None:
        """Figures read here at once: "not enrolled", or "connecting" before the worker's first word."""
        try:
            with environment_errors():
                status = read_status(self._station.db, self._station.device_id, enrolled=enrolled, reachable=None)
        except ClerkAppError as exc:
            log.warning("sync status unreadable: %s", exc)
            return
        self._emit(status)

    def _emit(self, status: SyncStatus) -> None:
        self._status = status
        self.status_changed.emit(status)
