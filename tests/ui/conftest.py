"""Fixtures for the window tests: a real station (root conftest), a real window, real keys.

Keys go to whatever widget has the keyboard focus (``QApplication.focusWidget()``), as a
clerk's keyboard or a USB scanner would, so a test also fails when the focus wandered off.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from clerk_app.settings import Settings
from clerk_app.station import Station
from clerk_app.ui.app import build_main_window
from clerk_app.ui.main_window import MainWindow
from tests.ui.helpers import WindowFactory

HERE = Path(__file__).resolve().parent

# The offscreen platform warns that it cannot resize to size hints, nor raise a window above another
# (the turnout window does on a desktop); nothing else is tolerated.
_OFFSCREEN_NOISE = pytest.mark.qt_log_ignore(
    r"This plugin does not support propagateSizeHints\(\)", r"This plugin does not support raise\(\)"
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(str(item.fspath)).resolve().parents:
            item.add_marker(_OFFSCREEN_NOISE)


@pytest.fixture
def open_window(qtbot: QtBot) -> Iterator[WindowFactory]:
    windows: list[MainWindow] = []

    def factory(station: Station) -> MainWindow:
        window = build_main_window(station, Settings(station.data_dir))
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is window.checkin.search_box)
        windows.append(window)
        return window

    yield factory
    for window in windows:  # before the station fixture closes the database
        window.close()


@pytest.fixture
def window(open_window: WindowFactory, station: Station) -> MainWindow:
    """The window on the small list, polls open since 07:00, interface in Vietnamese (the default)."""
    return open_window(station)
