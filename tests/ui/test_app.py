"""Starting the app: run() end to end, the disk dialog, the crash dialog, resource paths."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from clerk_app.errors import StorageEnvironmentError
from clerk_app.paths import log_dir
from clerk_app.station import Station
from clerk_app.ui import app as app_module
from clerk_app.ui.crash import crash_box
from clerk_app.ui.main_window import MainWindow
from clerk_app.ui.resources import resource_root, translation_file


@pytest.fixture
def keep_hooks(monkeypatch: pytest.MonkeyPatch) -> None:
    """run() installs the app's excepthooks; put pytest's back afterwards."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)


def test_run_opens_the_window_on_the_data_folder_and_returns_on_quit(
    qtbot: QtBot, tmp_path: Path, keep_hooks: None
) -> None:
    shown: list[MainWindow] = []

    def quit_when_shown() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if not windows:
            QTimer.singleShot(20, quit_when_shown)
            return
        shown.extend(windows)
        windows[0].menu_actions["quit"].trigger()

    QTimer.singleShot(0, quit_when_shown)
    assert app_module.run(tmp_path, argv=["clerk-app"]) == 0
    assert shown and shown[0].station.data_dir == tmp_path
    assert (tmp_path / "station.db").exists()
    assert (log_dir(tmp_path) / "clerk-app.log").exists()


def test_a_disk_problem_at_start_gets_the_plain_dialog(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, keep_hooks: None
) -> None:
    def refuse(*_args: object, **_kwargs: object) -> Station:
        raise StorageEnvironmentError("database or disk is full")

    texts: list[str] = []

    def record(box: QMessageBox) -> int:
        texts.append(box.text())
        return 0

    monkeypatch.setattr(Station, "open", refuse)
    monkeypatch.setattr(QMessageBox, "exec", record)
    assert app_module.run(tmp_path, argv=["clerk-app"]) == app_module.EXIT_ENVIRONMENT
    assert texts == ["Ổ đĩa có vấn đề: database or disk is full"]


def test_crash_dialog_names_the_log_folder(qtbot: QtBot, tmp_path: Path) -> None:
    box = crash_box(log_dir(tmp_path))
    assert str(log_dir(tmp_path)) in box.informativeText()


def test_resources_are_found_in_the_tree_and_in_a_bundle(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert translation_file("vi").exists()
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resource_root() == tmp_path / "resources"
