"""Making the reports from the app: ask where to save, write in the background, say where it went.

The writing runs on the task runner with a Station of its own (SQLite connections belong to
the thread that opened them), so a 90-page paper list never freezes the window or the check-in.
The caller passes what to do with the outcome: the main window shows it in the outcome panel,
the turnout window in its own status line.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QWidget

from clerk_app import clock as clock_mod
from clerk_app.errors import ClerkAppError
from clerk_app.station import Station
from clerk_app.ui import i18n
from clerk_app.ui.tasks import TaskRunner, report_unhandled

log = logging.getLogger("clerk_app.ui.reports")

REPORT_PDF, REPORT_CSV, PAPER_LIST = "report_pdf", "report_csv", "paper_list"
_SUFFIX = {REPORT_PDF: "pdf", REPORT_CSV: "csv", PAPER_LIST: "pdf"}

Say = Callable[[str], None]


class ReportActions(QObject):
    def __init__(self, parent: QObject, station: Station, tasks: TaskRunner) -> None:
        super().__init__(parent)
        self.station = station
        self.tasks = tasks
        self.folder: Path | None = None  # the last folder chosen, offered again

    def default_name(self, kind: str) -> str:
        now = clock_mod.local(self.station.clock())
        station = f"{self.station.station_no or 0:02d}"
        stem = "danh-sach-giay" if kind == PAPER_LIST else "bao-cao" if kind != "chart" else "bieu-do"
        suffix = _SUFFIX.get(kind, "png")
        return f"{stem}-kvbp-{station}-{now:%Y-%m-%d-%H%M}.{suffix}"

    def ask_path(self, parent: QWidget, kind: str, then: Callable[[Path], None]) -> QFileDialog:
        """A save dialog offering a dated file name, for the caller to ``open()`` (window-modal, no nested loop)."""
        titles = {
            REPORT_PDF: self.tr("Save the turnout report (PDF)"),
            REPORT_CSV: self.tr("Save the turnout report (CSV)"),
            PAPER_LIST: self.tr("Save the paper backup list (PDF)"),
            "chart": self.tr("Save the chart (PNG)"),
        }
        filters = {
            "pdf": self.tr("PDF files (*.pdf)"),
            "csv": self.tr("CSV files (*.csv)"),
            "png": self.tr("PNG images (*.png)"),
        }
        suffix = _SUFFIX.get(kind, "png")
        folder = self.folder or _documents()
        dialog = QFileDialog(parent, titles[kind], str(folder / self.default_name(kind)), filters[suffix])
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix(suffix)
        dialog.fileSelected.connect(lambda name: self._chosen(Path(name), then))
        return dialog

    def _chosen(self, path: Path, then: Callable[[Path], None]) -> None:
        self.folder = path.parent
        then(path)

    def write(self, kind: str, path: Path, on_done: Say, on_error: Say) -> None:
        """Write the report ``kind`` to ``path`` in the background; then one sentence to on_done or on_error."""
        data_dir, station_clock, language = self.station.data_dir, self.station.clock, i18n.current_language()

        def job() -> str:
            from clerk_app import reports

            station = Station.open(data_dir, clock=station_clock)  # its own connection, on the worker thread
            try:
                if kind == PAPER_LIST:
                    reports.write_paper_list(station.db, path, now=station.clock(), language=language)
                else:
                    reports.write_report(station.db, path, _SUFFIX[kind], now=station.clock(), language=language)
            finally:
                station.close()
            return str(path)

        def failed(exc: Exception) -> None:
            log.warning("report not written: %s", type(exc).__name__)
            if not isinstance(exc, OSError | ClerkAppError):
                report_unhandled(exc)  # a bug: the crash dialog, not a polite message
                return
            on_error(self.tr("The file was not saved: {problem}").format(problem=_problem(exc)))

        log.info("writing %s", kind)
        self.tasks.run_in_background(job, lambda saved: on_done(self.tr("Saved: {path}").format(path=saved)), failed)


def _problem(exc: Exception) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc)


def _documents() -> Path:
    home = Path.home()
    documents = home / "Documents"
    return documents if documents.is_dir() else home
