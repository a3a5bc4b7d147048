"""Helpers for windows that sync with a real ward server on loopback (tests.sync.support).

Each station has its own data folder and its own in-memory credential store; the window's sync
worker gets fast timings. Statuses reach the widgets through the bridge's main-thread relay, so
the tests only ever wait on widgets (qtbot.waitUntil), never on a worker-thread signal.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from clerk_app.station import Station
from clerk_app.sync.credentials import InMemoryCredentialStore
from clerk_app.sync.enrol import enrol
from clerk_app.sync.worker import SyncConfig
from clerk_app.ui.checkin_panel import Mode
from clerk_app.ui.main_window import MainWindow
from clerk_app.ui.outcome_panel import CheckedIn
from tests.sync.support import FAST_TIMEOUT, TIMEOUT, RestartableWard
from tests.ui.helpers import press, scan, wait_for_mode

FAST = SyncConfig(timeout=FAST_TIMEOUT, backoff_base_s=0.05, backoff_cap_s=0.3, pull_interval_s=0.2, reports=None)
WAIT_MS = 15_000  # every wait is bounded; "within seconds" is asserted separately where it matters

# Station numbers for the module-scoped ward: every test its own, so no test pulls another's events.
_numbers = itertools.count(11)

StationFactory = Callable[..., Station]
SyncWindowFactory = Callable[..., MainWindow]


def next_station_no() -> int:
    return next(_numbers)


def enrolled(station: Station, ward: RestartableWard) -> InMemoryCredentialStore:
    """Enrol the station directly (not through the dialog); its credentials, for the window."""
    assert station.station_no is not None
    store = InMemoryCredentialStore()
    enrol(station, ward.url, ward.add_station(station.station_no), store=store, timeout=TIMEOUT)
    return store


def activate(qtbot: QtBot, window: MainWindow) -> None:
    """Give this window the keyboard (two windows: keys go to the active one)."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.checkin.search_box, timeout=WAIT_MS)


def check_in_by_card(qtbot: QtBot, window: MainWindow, list_no: int) -> None:
    """Scan the voter card, confirm with Enter, and wait for the green outcome."""
    number = window.station.station_no
    assert number is not None
    scan(qtbot, f"{number:02d}-{list_no:04d}")
    wait_for_mode(qtbot, window, Mode.CONFIRM)
    press(qtbot, Qt.Key.Key_Return)
    outcome = window.checkin.outcome_panel.outcome
    assert isinstance(outcome, CheckedIn) and outcome.receipt.list_no == list_no  # on disk when Enter returns


def chip(window: MainWindow, name: str) -> str:
    """The text of a visible sync chip of the status bar, "" when hidden."""
    label = window.status_bar.sync.labels[name]
    return "" if label.isHidden() else label.text()


def chip_state(window: MainWindow, name: str) -> str:
    return str(window.status_bar.sync.labels[name].property("state"))


def waiting(window: MainWindow) -> str:
    return window.status_bar.unsent.text()


def wait_connected(qtbot: QtBot, window: MainWindow) -> None:
    """The ward chip is green: the ward server answered (long or short words alike)."""
    qtbot.waitUntil(lambda: chip_state(window, "ward") == "ok", timeout=WAIT_MS)


def two_tables(
    qtbot: QtBot, sync_stations: StationFactory, sync_windows: SyncWindowFactory, ward: RestartableWard, number: int
) -> tuple[Station, Station, MainWindow, MainWindow]:
    """Tables 1 and 2 of station ``number``: each enrolled at ``ward``, its window connected."""
    one = sync_stations("table-1", number, clerk="Bàn 1")
    two = sync_stations("table-2", number, clerk="Bàn 2")
    window_1 = sync_windows(one, store=enrolled(one, ward))
    window_2 = sync_windows(two, store=enrolled(two, ward))
    for window in (window_1, window_2):
        wait_connected(qtbot, window)
    return one, two, window_1, window_2
