"""Starting the app: run() end to end, the disk dialog, the crash dialog, resource paths, and the
notice after an upgrade of the station database."""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from clerk_app import clock
from clerk_app.errors import StorageEnvironmentError
from clerk_app.paths import log_dir
from clerk_app.station import Station
from clerk_app.ui import app as app_module
from clerk_app.ui.crash import crash_box
from clerk_app.ui.main_window import MainWindow
from clerk_app.ui.resources import resource_root, translation_file
from tests.migrations.support import applied_steps, station_from_fixture


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


def test_after_an_upgrade_the_window_says_where_the_backup_copy_is(
    qtbot: QtBot, tmp_path: Path, keep_hooks: None
) -> None:
    """A station from the first release (tests/migrations/fixtures), opened by this version."""
    station_from_fixture("v0.1-m001", tmp_path)
    seen: dict[str, object] = {}
    deadline = time.monotonic() + 20

    def look_once_shown() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        window = windows[0] if windows else None
        if window is None or not isinstance(window.dialog, app_module.UpgradeNotice) or not window.dialog.isVisible():
            if time.monotonic() < deadline:
                QTimer.singleShot(20, look_once_shown)
                return
            QApplication.instance().quit()  # type: ignore[union-attr]  # no notice: the asserts below say so
            return
        notice = window.dialog
        seen.update(
            backup=notice.backup,
            text=notice.text.text(),
            title=notice.windowTitle(),
            behind=window.checkin.outcome_panel.body.text(),
        )
        qtbot.keyClick(notice, Qt.Key.Key_Return)  # one key and the day goes on
        seen["closed"] = window.dialog is None and not notice.isVisible()
        window.menu_actions["quit"].trigger()

    QTimer.singleShot(0, look_once_shown)
    assert app_module.run(tmp_path, argv=["clerk-app"]) == 0

    backup = seen.get("backup")
    assert isinstance(backup, Path), "no upgrade notice on the window"
    assert backup.parent == tmp_path / "backups" and backup.name.startswith("station-before-")
    assert applied_steps(backup) == ["m001_initial"]  # the file as it was, before the upgrade
    assert applied_steps(tmp_path / "station.db")[-1] != "m001_initial"
    assert seen["title"] == "Dữ liệu đã được nâng cấp"
    text = str(seen["text"])
    assert text.startswith("Dữ liệu đã được nâng cấp lên phiên bản mới; bản sao lưu trước khi nâng cấp:")
    assert str(backup) in text
    assert str(backup) in str(seen["behind"])  # still there once the dialog is closed
    assert seen["closed"]


def test_no_upgrade_no_notice(qtbot: QtBot, window: MainWindow) -> None:
    assert app_module.announce_upgrade(window) is None
    assert window.dialog is None


def test_a_bad_rehearsal_clock_is_said_in_a_box_and_nothing_opens(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, keep_hooks: None, capsys: pytest.CaptureFixture[str]
) -> None:
    """The windowed Windows program has no console: the setting's problem must be on the screen."""
    monkeypatch.setenv(clock.CLOCK_VARIABLE, "sáng mai")
    clock.station_clock.cache_clear()
    boxes: list[tuple[str, str]] = []

    def record(box: QMessageBox) -> int:
        boxes.append((box.text(), box.informativeText()))
        return 0

    monkeypatch.setattr(QMessageBox, "exec", record)
    try:
        assert app_module.run(tmp_path, argv=["clerk-app"]) == app_module.EXIT_BAD_INPUT
    finally:
        clock.station_clock.cache_clear()
    ((text, detail),) = boxes
    assert text.startswith("Không đọc được thiết lập đồng hồ diễn tập")
    assert "'sáng mai'" in detail and clock.CLOCK_VARIABLE in detail
    assert "'sáng mai' is not a time with its UTC offset" in capsys.readouterr().err
    assert not (tmp_path / "station.db").exists()  # nothing opened
