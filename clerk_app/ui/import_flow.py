"""Importing a voter list: choose a file, read it off the UI thread, preview, confirm, apply.

Reading a 40,000-row workbook takes seconds, so both steps run through the task runner. The
apply step opens its own Station on the data folder (SQLite connections belong to their
thread) and closes it; the window's Station sees the new list through SQLite as usual.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QFileDialog, QLabel, QLineEdit, QWidget

from clerk_app.clock import Clock
from clerk_app.errors import CheckInRefused, ListFileRefused, ListProblem, StationMismatch, StorageEnvironmentError
from clerk_app.model import ParsedList, PollsState
from clerk_app.station import Station
from clerk_app.storage.voter_import import ImportResult
from clerk_app.ui import messages
from clerk_app.ui.dialogs import FormDialog, InfoDialog, ProblemsDialog, disk_problem_box, wrapped_list
from clerk_app.ui.tasks import TaskRunner, report_unhandled

log = logging.getLogger("clerk_app.ui.import")


def read_list_in_background(path: Path, election_day: date) -> ParsedList:
    from clerk_app.storage.listfile import read_list_file

    return read_list_file(path, election_day=election_day)


def import_in_own_station(
    data_dir: Path, clerk: str, clock: Clock, parsed: ParsedList, station_no: int | None
) -> ImportResult:
    """Runs on a worker thread, so it opens (and closes) a Station of its own, on the window's clock."""
    station = Station.open(data_dir, clock=clock, clerk=clerk)
    try:
        return station.import_list(parsed, station_no=station_no)
    finally:
        station.close()


class ImportPreviewDialog(FormDialog):
    """What the file holds and what importing it will do, before anything changes."""

    def __init__(self, parent: QWidget | None, parsed: ParsedList, station: Station) -> None:
        super().__init__(parent)
        self.parsed = parsed
        self.set_heading(self.tr("Import voter list"), self._what_happens(station))
        self.station_no = QLineEdit(_station_text(parsed.station_no or station.station_no))
        self.station_no.setPlaceholderText(self.tr("the number of this polling area"))
        place = parsed.place_line or parsed.ward or self.tr("(no title line found)")
        self.add_row(self.tr("File"), QLabel(Path(parsed.path).name))
        self.add_row(self.tr("Voters in the file"), QLabel(messages.number(len(parsed.rows))))
        self.add_row(self.tr("Title line"), _wrapped(place))
        self.add_row(self.tr("Station number"), self.station_no)
        self.warnings = wrapped_list([_problem_text(w) for w in parsed.warnings])
        self.warnings.setMinimumHeight(160 if parsed.warnings else 40)
        label = self.tr("Warnings ({count})").format(count=messages.number(len(parsed.warnings)))
        self.add_row(label, self.warnings if parsed.warnings else QLabel(self.tr("none")))
        self.set_ok_text(self.tr("Import"))
        self.resize(980, 560)

    def _what_happens(self, station: Station) -> str:
        voters = station.status().voters
        if voters == 0:
            return self.tr("Check the figures below, then import. Warnings do not stop the import.")
        if station.polls_state() in (PollsState.OPEN, PollsState.CLOSED):
            return self.tr(
                "The polls are open: only voters not yet on the list are added. Nobody is removed "
                "and no check-in changes."
            )
        return self.tr("This file replaces the list in use ({voters} voters). Test check-ins are wiped.").format(
            voters=messages.number(voters)
        )

    def validate(self) -> str | None:
        return None if self.chosen_station_no() is not None else self.tr("Type the station number.")

    def chosen_station_no(self) -> int | None:
        text = self.station_no.text().strip()
        return int(text) if text.isdigit() and int(text) > 0 else None


class ImportFlow(QObject):
    imported = Signal(object)  # the ImportResult
    busy = Signal(str)  # a note for the status bar; "" when done

    def __init__(self, window: QWidget, station: Station, tasks: TaskRunner, election_day: date) -> None:
        super().__init__(window)
        self._window = window
        self._station = station
        self._tasks = tasks
        self._election_day = election_day
        self.preview_dialog: ImportPreviewDialog | None = None
        self.message_dialog: QDialog | None = None
        self.running = False

    def choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self._window,
            self.tr("Import voter list"),
            str(Path.home()),
            self.tr("Voter lists (*.xlsx *.csv);;All files (*)"),
        )
        if path:
            self.start(Path(path))

    def start(self, path: Path) -> None:
        if self.running:
            return
        self.running = True
        self.busy.emit(self.tr("Reading the voter list…"))
        election_day = self._election_day
        self._tasks.run_in_background(
            lambda: read_list_in_background(path, election_day), self._show_preview, self._failed
        )

    def _show_preview(self, parsed: ParsedList) -> None:
        self.busy.emit("")
        self.running = False
        dialog = ImportPreviewDialog(self._window, parsed, self._station)
        dialog.submitted.connect(lambda: self._apply(dialog))
        self.preview_dialog = dialog
        dialog.open()

    def _apply(self, dialog: ImportPreviewDialog) -> None:
        dialog.accept()
        self.running = True
        self.busy.emit(self.tr("Importing the voter list…"))
        data_dir, clerk, clock = self._station.data_dir, self._station.clerk, self._station.clock
        parsed, number = dialog.parsed, dialog.chosen_station_no()
        self._tasks.run_in_background(
            lambda: import_in_own_station(data_dir, clerk, clock, parsed, number), self._done, self._failed
        )

    def _done(self, result: ImportResult) -> None:
        self.busy.emit("")
        self.running = False
        log.info("list imported from the window: %s, %d voters", result.action, result.voters)
        self.imported.emit(result)
        # What only applying could find (marks made before that the new list changes): the team
        # leader must see it, the preview could not show it.
        if found := result.found:
            dialog = ProblemsDialog(
                self._window,
                self.tr("The list was imported"),
                self.tr("Check these places before the polls open:"),
                [messages.list_problem_text(problem) for problem in found],
            )
            self.message_dialog = dialog
            dialog.open()

    def _failed(self, exc: Exception) -> None:
        self.busy.emit("")
        self.running = False
        if isinstance(exc, ListFileRefused):
            dialog: QDialog = ProblemsDialog(
                self._window,
                self.tr("The list was not imported"),
                self.tr("Nothing was changed. Correct these places in the file and import it again:"),
                [messages.list_problem_text(problem) for problem in exc.errors],
            )
        elif isinstance(exc, StationMismatch):
            dialog = InfoDialog(self._window, self.tr("The list was not imported"), str(exc))
        elif isinstance(exc, StorageEnvironmentError):
            dialog = disk_problem_box(self._window, str(exc))
        elif isinstance(exc, CheckInRefused):  # waiting for the ward (a file restored from a copy)
            text = messages.refusal_sentence(exc.reason, exc.detail)
            dialog = InfoDialog(self._window, self.tr("The list was not imported"), text)
        else:
            report_unhandled(exc)
            return
        log.info("list not imported: %s", type(exc).__name__)
        self.message_dialog = dialog
        dialog.open()


def _problem_text(problem: object) -> str:
    return messages.list_problem_text(problem) if isinstance(problem, ListProblem) else str(problem)


def _station_text(number: int | None) -> str:
    return str(number) if number is not None else ""


def _wrapped(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label
