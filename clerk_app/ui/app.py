"""Starting the window: the QApplication, language, look, excepthook, Station, event loop, and
the notice that opening the station upgraded its database (with where the backup copy is); the
boxes that say why it does not start (an unreadable rehearsal clock setting, a newer station file,
a disk problem)."""

from __future__ import annotations

import logging
import sys
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from clerk_app import __version__
from clerk_app.clock import Clock, ClockSettingError, station_clock
from clerk_app.errors import NewerDatabaseError, StorageEnvironmentError
from clerk_app.logs import setup_logging
from clerk_app.rules import ELECTION_DAY
from clerk_app.settings import FONT_SCALE, LANGUAGE, TABLE_NAME, Settings
from clerk_app.station import Station
from clerk_app.storage.db import schema_upgrade
from clerk_app.ui import i18n, theme
from clerk_app.ui.crash import install_excepthook
from clerk_app.ui.dialogs import InfoDialog, disk_problem_box
from clerk_app.ui.main_window import MainWindow
from clerk_app.ui.outcome_panel import Severity
from clerk_app.ui.resources import icons_dir
from clerk_app.ui.sync_bridge import SyncOptions

log = logging.getLogger("clerk_app.ui")

EXIT_ENVIRONMENT, EXIT_BAD_INPUT = 1, 2  # as the command line's


def _election_day() -> date:
    return ELECTION_DAY


def prepare_application(settings: Settings) -> QApplication:
    """Language and look for the running QApplication (idempotent: tests build many windows)."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        raise RuntimeError("create the QApplication first")
    i18n.apply_language(settings.get(LANGUAGE))
    theme.apply_theme(app, settings.get(FONT_SCALE))
    icon = icons_dir() / "clerk_app.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def build_main_window(
    station: Station, settings: Settings, *, election_day: date | None = None, sync: SyncOptions | None = None
) -> MainWindow:
    """The main window on an open Station (main thread); used by ``run`` and by the tests.

    ``sync``: the credential store and timings of the sync worker (default: the OS keyring).
    """
    prepare_application(settings)
    return MainWindow(station, settings, election_day=election_day or _election_day(), sync=sync)


def run(data_dir: Path, *, argv: list[str], clock: Clock | None = None) -> int:
    """The app on ``data_dir`` until its window closes; ``clock``: the station's polling clock
    (default clock.station_clock(); the demo passes its own)."""
    setup_logging(data_dir)
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv)
    app.setApplicationName("clerk-app")
    app.setApplicationVersion(__version__)
    settings = Settings(data_dir)
    prepare_application(settings)
    install_excepthook(data_dir)
    if clock is None and not _clock_setting_usable():
        return EXIT_BAD_INPUT
    try:
        station = Station.open(data_dir, clock=clock, clerk=settings.get(TABLE_NAME))
    except StorageEnvironmentError as exc:
        log.error("station database cannot be opened: %s", exc)
        disk_problem_box(None, str(exc)).exec()
        return EXIT_ENVIRONMENT
    except NewerDatabaseError as exc:
        log.error("station database is newer than this app")
        _newer_database_box(str(exc)).exec()
        return EXIT_ENVIRONMENT
    try:
        window = build_main_window(station, settings)
        window.show()
        log.info("window shown, version %s", __version__)
        announce_upgrade(window)
        return app.exec()
    finally:
        station.close()


class UpgradeNotice(InfoDialog):
    """Opening the station upgraded its database: where the copy from before the upgrade is."""

    def __init__(self, parent: QWidget | None, backup: Path) -> None:
        super().__init__(parent, upgrade_headline(), upgrade_text(backup))
        self.setMinimumWidth(760)  # room for the path on a line of its own
        self.backup = backup


def upgrade_headline() -> str:
    return QCoreApplication.translate("App", "Station data upgraded")


def upgrade_text(backup: Path) -> str:
    return QCoreApplication.translate(
        "App",
        "The station data was upgraded to the new version; the backup copy from before the upgrade is at:\n{path}\n\n"
        "Nothing needs to be done: check-in works as before. Keep the copy until the election is over.",
    ).format(path=backup)


def announce_upgrade(window: MainWindow) -> UpgradeNotice | None:
    """Once the window is up, say that opening the station upgraded its database and where the
    backup copy made before it is (``clerk_app.storage.db``; the log and every ``clerk-app``
    command say it too). The day is not held up: the dialog is opened, not run in a loop of its
    own, Enter or Esc closes it, and the same words stay in the outcome panel behind it."""
    upgrade = schema_upgrade(window.station.db)
    if upgrade is None:
        return None
    backup = upgrade.backup
    window.show_notice(
        Severity.INFO,
        upgrade_headline,
        lambda: [QCoreApplication.translate("App", "Backup copy from before the upgrade: {path}").format(path=backup)],
    )
    notice = UpgradeNotice(window, backup)
    window.show_dialog(notice)
    return notice


def _clock_setting_usable() -> bool:
    """Whether CLERK_APP_CLOCK (a rehearsal's clock) is unset or readable. If not, it is said on the
    console and in a box: the windowed Windows program has no console, and would otherwise end
    without a word."""
    try:
        station_clock()
    except ClockSettingError as exc:
        print(f"clerk-app: {exc}", file=sys.stderr)
        log.error("the rehearsal clock setting is not a time with its UTC offset")
        _clock_setting_box(str(exc)).exec()
        return False
    return True


def _clock_setting_box(detail: str) -> QMessageBox:
    return _refusal_box(
        QCoreApplication.translate("App", "Rehearsal clock"),
        QCoreApplication.translate(
            "App",
            "The rehearsal clock setting cannot be read, so the app does not start. Correct it or remove it, then "
            "start the app again.",
        ),
        detail,
    )


def _newer_database_box(detail: str) -> QMessageBox:
    return _refusal_box(
        QCoreApplication.translate("App", "Newer station file"),
        QCoreApplication.translate(
            "App", "This station file was made by a newer version of the app. Install that version to open it."
        ),
        detail,
    )


def _refusal_box(title: str, text: str, detail: str) -> QMessageBox:
    """Why the app does not open, before any window: what happened, and the technical detail."""
    box = QMessageBox()
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(text)
    box.setInformativeText(detail)
    box.addButton(QCoreApplication.translate("App", "Close"), QMessageBox.ButtonRole.AcceptRole)
    return box
