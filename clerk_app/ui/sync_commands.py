"""Sync in the check-in window: the worker's status on screen, "Sync now", enrolment, conflicts.

``SyncCommands`` belongs to the MainWindow. It owns the ``SyncBridge`` (the worker for the
window's lifetime), draws every status the bridge relays into the status bar, and, when a
pull brought other tables' events (the status's count of them grew) or the conflict count
changed, refreshes the results, the recent check-ins and the figures, so a voter checked in at
table 1 shows as voted at table 2 within seconds. The worker counts them on its own thread:
the window reads nothing for it. The ward's standing the worker reads goes to the turnout view
(``bridge.ward_standing`` is the window's ``ward_standing``), which redraws when it changes.

Settings → Hourly reports… (``report_schedule``) edits the schedule of the turnout reports (the
settings ``report_*``) and hands it to the worker at once.

Enrolment talks to the network, so it runs on the task runner, on a Station of its own
(SQLite connections belong to their thread); the window's Station sees the result through
SQLite as usual.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject

from clerk_app.clock import Clock
from clerk_app.errors import StationMismatch, StorageEnvironmentError
from clerk_app.settings import REPORT_FIRST_HOUR, REPORT_INTERVAL, REPORT_LAST_HOUR
from clerk_app.station import Station
from clerk_app.sync.client import Timeout
from clerk_app.sync.credentials import CredentialStore
from clerk_app.sync.enrol import EnrolResult, enrol
from clerk_app.sync.errors import SyncError
from clerk_app.sync.reports import schedule_from_settings
from clerk_app.sync.status import SyncStatus
from clerk_app.ui import messages, sync_messages
from clerk_app.ui.dialogs import InfoDialog
from clerk_app.ui.outcome_panel import Severity
from clerk_app.ui.report_schedule_dialog import ReportScheduleDialog, schedule_summary
from clerk_app.ui.sync_bridge import SyncBridge, SyncOptions
from clerk_app.ui.sync_dialogs import ConflictRow, ConflictsDialog, EnrolDialog, EnrolValues
from clerk_app.ui.tasks import report_unhandled

if TYPE_CHECKING:
    from clerk_app.ui.main_window import MainWindow

log = logging.getLogger("clerk_app.ui.sync")


def enrol_in_own_station(
    data_dir: Path,
    clerk: str,
    clock: Clock,
    values: EnrolValues,
    *,
    store: CredentialStore,
    timeout: Timeout,
    wall_clock: Clock,
) -> EnrolResult:
    """Runs on a worker thread, so it opens (and closes) a Station of its own."""
    station = Station.open(data_dir, clock=clock, clerk=clerk)
    try:
        return enrol(
            station,
            values.url,
            values.code,
            store=store,
            station_no=values.station_no,
            ca_bundle=values.ca_bundle,
            timeout=timeout,
            wall_clock=wall_clock,
        )
    finally:
        station.close()


class SyncCommands(QObject):
    def __init__(self, window: MainWindow, options: SyncOptions) -> None:
        super().__init__(window)
        self.window = window
        self.station = window.station
        self.options = options
        self.settings = window.settings
        self.bridge = SyncBridge(window.station, options, self, report_schedule=schedule_from_settings(self.settings))
        self.enrol_dialog: EnrolDialog | None = None  # the tests drive it
        self.schedule_dialog: ReportScheduleDialog | None = None  # likewise
        self._seen: tuple[int, int] | None = None  # (other tables' events, conflicts) at the last full refresh
        self._sync_requested = False  # "Sync now" shows a note until the worker's next word
        self.bridge.status_changed.connect(self._show_status)
        self.bridge.standing_changed.connect(self._show_standing)
        window.checkin.station_changed.connect(self._after_local_change)

    def handlers(self) -> dict[str, Callable[[], None]]:
        return {
            "sync_now": self.sync_now,
            "conflicts": self.show_conflicts,
            "connect_ward": self.connect_ward,
            "report_schedule": self.report_schedule,
        }

    # --- lifecycle (the window calls these) ----------------------------------------------

    def start(self) -> None:
        self.bridge.start()

    def stop(self) -> None:
        self.bridge.stop()

    # --- status --------------------------------------------------------------------------

    def _show_status(self, status: SyncStatus) -> None:
        """On the main thread, for each status: the status bar, and the lists if other tables changed them."""
        self.window.status_bar.show_sync(status)
        if self._sync_requested:
            self._sync_requested = False
            if self.window.status_bar.busy.text() == _syncing_text():
                self.window.status_bar.set_busy("")  # not an import's note
        seen = (status.foreign_events, status.conflicts)
        if seen != self._seen:
            first = self._seen is None
            self._seen = seen
            if not first:  # the window drew everything when it opened
                log.info("other tables' events or conflicts changed: refreshing the lists")
                self.window.refresh()
                return
        self.window.refresh_status()  # the waiting count moves as the worker sends

    def _show_standing(self) -> None:
        """The ward's figures changed: the turnout view, if open, redraws soon (it asks ward_standing)."""
        if self.window.turnout_window is not None:
            self.window.turnout_window.schedule_refresh()

    def _after_local_change(self) -> None:
        """A check-in here: send it at once while the ward answers (the other tables see it sooner)."""
        status = self.bridge.status
        if status is not None and status.reachable and self.bridge.running:
            self.bridge.sync_now()

    # --- menu commands -------------------------------------------------------------------

    def sync_now(self) -> None:
        if self.bridge.sync_now():
            log.info("sync now requested")
            self._sync_requested = True
            self.window.status_bar.set_busy(_syncing_text())
            return
        self.window.show_notice(
            Severity.WARN,
            lambda: QCoreApplication.translate("SyncCommands", "Not connected to a ward server"),
            lambda: [
                QCoreApplication.translate(
                    "SyncCommands",
                    "Check-ins are kept on this computer. To connect: Settings → Connect to ward server… "
                    "(Ctrl+Shift+W).",
                )
            ],
        )

    def show_conflicts(self) -> None:
        try:
            conflicts = self.station.conflicts()
            list_conflicts = self.station.list_conflicts()
            voters = {v.list_no: v for v in self.station.voters([c.list_no for c in conflicts])}
        except StorageEnvironmentError as exc:
            self.window.show_disk_problem(exc)
            return
        rows = [ConflictRow(c, voters.get(c.list_no)) for c in conflicts]
        self.window.show_dialog(ConflictsDialog(self.window, rows, list_conflicts))

    def connect_ward(self) -> None:
        try:
            url = self.bridge.ward_url()
        except StorageEnvironmentError as exc:
            self.window.show_disk_problem(exc)
            return
        dialog = EnrolDialog(self.window, station_no=self.station.station_no, url=url)
        dialog.submitted.connect(lambda: self._enrol(dialog))
        self.enrol_dialog = dialog
        self.window.show_dialog(dialog)

    def report_schedule(self) -> None:
        dialog = ReportScheduleDialog(self.window, self.bridge.report_schedule)
        dialog.submitted.connect(lambda: self._save_report_schedule(dialog))
        self.schedule_dialog = dialog
        self.window.show_dialog(dialog)

    def _save_report_schedule(self, dialog: ReportScheduleDialog) -> None:
        schedule = dialog.schedule()
        try:
            self.settings.set(REPORT_INTERVAL, schedule.interval_minutes)
            self.settings.set(REPORT_FIRST_HOUR, schedule.first_hour)
            self.settings.set(REPORT_LAST_HOUR, schedule.last_hour)
        except OSError as exc:  # the settings file: the disk is full or read-only
            dialog.show_error(
                QCoreApplication.translate("SyncCommands", "The setting was not saved: {problem}").format(problem=exc)
            )
            return
        dialog.accept()
        self.bridge.set_report_schedule(schedule)
        log.info(
            "turnout reports every %d minutes, %02d:00-%02d:00",
            schedule.interval_minutes,
            schedule.first_hour,
            schedule.last_hour,
        )
        self.window.show_notice(
            Severity.INFO,
            lambda: QCoreApplication.translate("SyncCommands", "Turnout report schedule saved"),
            lambda: [schedule_summary(schedule)],
        )

    # --- enrolment -----------------------------------------------------------------------

    def _enrol(self, dialog: EnrolDialog) -> None:
        if dialog.busy:
            return
        values = dialog.values()
        dialog.set_busy(True)
        self.window.status_bar.set_busy(QCoreApplication.translate("SyncCommands", "Connecting to the ward server…"))
        data_dir, clerk, clock = self.station.data_dir, self.station.clerk, self.station.clock
        store, timeout, wall_clock = self.bridge.store, self.options.enrol_timeout, self.options.wall_clock
        log.info("enrolling with the ward server at %s", values.url)
        self.window.tasks.run_in_background(
            lambda: enrol_in_own_station(
                data_dir, clerk, clock, values, store=store, timeout=timeout, wall_clock=wall_clock
            ),
            lambda result: self._enrolled(dialog, result),
            lambda exc: self._enrol_failed(dialog, values, exc),
        )

    def _enrol_failed(self, dialog: EnrolDialog, values: EnrolValues, exc: Exception) -> None:
        self.window.status_bar.set_busy("")
        dialog.set_busy(False)
        if isinstance(exc, StorageEnvironmentError):
            dialog.reject()
            self.window.show_disk_problem(exc)
            return
        if not isinstance(exc, SyncError | StationMismatch):
            report_unhandled(exc)
            return
        log.info("enrolment failed: %s: %s", type(exc).__name__, exc)
        dialog.show_error(sync_messages.enrol_error(exc, url=values.url, station=values.station_no))
        # The core's English words, for the technician (and in the log above), not for the clerk.
        dialog.error.setToolTip(
            QCoreApplication.translate("SyncCommands", "Technical detail: {detail}").format(detail=exc)
        )

    def _enrolled(self, dialog: EnrolDialog, result: EnrolResult) -> None:
        self.window.status_bar.set_busy("")
        dialog.set_busy(False)
        dialog.accept()
        log.info("enrolled for station %d; %d events restored", result.station, result.restored)
        self._seen = None
        self.bridge.restart()
        self.window.refresh()
        station, restored = result.station, result.restored
        problem, has_list = result.restore_problem, result.has_list
        self.window.show_notice(
            Severity.INFO if problem is None and has_list else Severity.WARN,
            lambda: QCoreApplication.translate(
                "SyncCommands", "Connected to the ward server: station {station}"
            ).format(station=f"{station:02d}"),
            lambda: _enrolled_lines(restored, problem, has_list),
        )
        if not has_list:
            self.window.show_dialog(
                InfoDialog(
                    self.window,
                    QCoreApplication.translate("SyncCommands", "Now import the voter list"),
                    QCoreApplication.translate(
                        "SyncCommands",
                        "This laptop is connected, but it has no voter list yet. Import this station's list "
                        "file: File → Import voter list (Ctrl+O). Check-ins already made at the other tables "
                        "are applied to it then.",
                    ),
                )
            )


def _enrolled_lines(restored: int, problem: str | None, has_list: bool) -> list[str]:
    lines = [
        QCoreApplication.translate("SyncCommands", "{count} events of the station's other tables received.").format(
            count=messages.number(restored)
        )
    ]
    if problem is not None:
        lines.append(
            QCoreApplication.translate(
                "SyncCommands",
                "Receiving the other tables' check-ins did not finish; it goes on in the background.",
            )
        )
    if not has_list:
        lines.append(QCoreApplication.translate("SyncCommands", "Now import the voter list (Ctrl+O)."))
    return lines


def _syncing_text() -> str:
    return QCoreApplication.translate("SyncCommands", "Syncing with the ward server…")
