"""The one excepthook: log the error, then show a dialog that says where the log is.

A full, read-only or locked disk is not a crash: it gets the plain disk dialog instead.
Errors are logged with their traceback; the app logs list numbers and codes, never names.
"""

from __future__ import annotations

import logging
import sys
import threading
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from clerk_app.errors import StorageEnvironmentError
from clerk_app.paths import log_dir
from clerk_app.ui.dialogs import disk_problem_box

log = logging.getLogger("clerk_app.ui.crash")

_dialog_up: list[bool] = []  # not empty while the dialog shows: an error in it opens no second one


def install_excepthook(data_dir: Path) -> None:
    logs = log_dir(data_dir)

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        if isinstance(exc, StorageEnvironmentError):
            log.error("the disk has a problem: %s", exc)
        else:
            log.critical("unhandled error", exc_info=(exc_type, exc, tb))
        _show(exc, logs)

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        # Worker threads must not open windows; the task runner already reports its errors.
        if args.exc_value is not None:
            log.critical("unhandled error in a thread", exc_info=args.exc_value)

    sys.excepthook = hook
    threading.excepthook = thread_hook


def _show(exc: BaseException, logs: Path) -> None:
    if _dialog_up or not isinstance(QApplication.instance(), QApplication):
        return
    _dialog_up.append(True)
    try:
        box = disk_problem_box(None, str(exc)) if isinstance(exc, StorageEnvironmentError) else crash_box(logs)
        box.exec()
    finally:
        _dialog_up.clear()


def crash_box(logs: Path) -> QMessageBox:
    box = QMessageBox()
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(QCoreApplication.translate("Crash", "The program hit an error"))
    box.setText(
        QCoreApplication.translate(
            "Crash",
            "Something went wrong inside the program. Check-ins already confirmed are saved on disk.",
        )
    )
    box.setInformativeText(
        QCoreApplication.translate(
            "Crash",
            "You can keep working; if the window misbehaves, close and reopen the app (nothing "
            "is lost). Give the ward IT staff the log files from this folder:\n{folder}",
        ).format(folder=logs)
    )
    box.addButton(QCoreApplication.translate("Crash", "Close"), QMessageBox.ButtonRole.AcceptRole)
    return box
