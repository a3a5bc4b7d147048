"""Driving the window as a clerk does: keys to the focused widget, a scanner's burst + Enter."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from clerk_app.station import Station
from clerk_app.ui.checkin_panel import Mode
from clerk_app.ui.main_window import MainWindow

D = TypeVar("D", bound=QDialog)
WindowFactory = Callable[[Station], MainWindow]  # the open_window fixture


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def type_keys(qtbot: QtBot, text: str) -> None:
    """Type text into the focused widget, Vietnamese letters included.

    QTest.keyClicks asserts on characters outside Latin-1 ("ầ"), so those are sent as key events
    that carry their text, which is what a keyboard input method (Unikey, Telex) delivers.
    """
    for char in text:
        if char.isascii():
            qtbot.keyClicks(focused(), char)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(focused(), QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def press(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(focused(), key, modifier)


def scan(qtbot: QtBot, code: str) -> None:
    """A keyboard-wedge scanner: the code typed fast, then Enter, no pause for the search timer."""
    type_keys(qtbot, code)
    press(qtbot, Qt.Key.Key_Return)


def wait_for_dialog(qtbot: QtBot, window: MainWindow, kind: type[D]) -> D:
    """The dialog the window opened, once it is the active window (keys go to it)."""
    qtbot.waitUntil(lambda: isinstance(window.dialog, kind) and QApplication.activeWindow() is window.dialog)
    dialog = window.dialog
    assert isinstance(dialog, kind)
    return dialog


def wait_for_mode(qtbot: QtBot, window: MainWindow, mode: Mode) -> None:
    qtbot.waitUntil(lambda: window.checkin.mode is mode)


def check_ins(station: Station) -> list[tuple[int, int]]:
    """(list_no, mobile_box) of every check-in on disk."""
    return station.db.conn.execute("SELECT list_no, mobile_box FROM checkins ORDER BY list_no").fetchall()


def event_count(station: Station) -> int:
    return int(station.db.conn.execute("SELECT count(*) FROM events").fetchone()[0])
