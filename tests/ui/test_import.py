"""Importing a list from the window: read and apply in the background, preview, errors."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pytestqt.qtbot import QtBot

from clerk_app.generate import generate_voters, write_csv
from clerk_app.station import Station
from clerk_app.ui.dialogs import ProblemsDialog
from clerk_app.ui.outcome_panel import Notice
from tests.ui.helpers import WindowFactory

VOTERS = 240


def generated_list(folder: Path) -> Path:
    path = folder / "danh-sach-kvbp-07.csv"
    rows = generate_voters(VOTERS, seed=3, station_no=7)
    write_csv(rows, path, station_no=7, ward="phường Láng", city="thành phố Hà Nội")
    return path


def test_import_previews_then_applies_in_the_background(
    qtbot: QtBot, open_window: WindowFactory, station_factory: Callable[..., Station], tmp_path: Path
) -> None:
    station = station_factory("empty", polls="empty")
    window = open_window(station)
    assert window.windowTitle().endswith("Bàn 1")

    window.import_flow.start(generated_list(tmp_path))
    qtbot.waitUntil(lambda: window.import_flow.preview_dialog is not None, timeout=10_000)
    dialog = window.import_flow.preview_dialog
    assert dialog is not None
    assert dialog.chosen_station_no() == 7  # read from the title line
    assert len(dialog.parsed.rows) == VOTERS
    assert station.status().voters == 0  # the preview changes nothing

    dialog.ok_button.click()
    qtbot.waitUntil(lambda: station.status().voters == VOTERS, timeout=10_000)
    qtbot.waitUntil(lambda: isinstance(window.checkin.outcome_panel.outcome, Notice))
    assert not window.import_flow.running
    assert f"{VOTERS}" in window.status_bar.turnout.text()
    assert "phường Láng" in window.windowTitle()


def test_a_bad_file_is_refused_with_its_row_and_column(
    qtbot: QtBot, open_window: WindowFactory, station_factory: Callable[..., Station], tmp_path: Path
) -> None:
    station = station_factory("empty", polls="empty")
    window = open_window(station)
    bad = tmp_path / "hong.csv"
    bad.write_text("STT,Họ và tên,Ngày sinh\n1,Nguyễn Văn A,1960\n1,Trần Thị B,1970\n", encoding="utf-8")

    window.import_flow.start(bad)
    qtbot.waitUntil(lambda: isinstance(window.import_flow.message_dialog, ProblemsDialog), timeout=10_000)
    problems = window.import_flow.message_dialog
    assert isinstance(problems, ProblemsDialog)
    texts = [problems.problems.item(i).text() for i in range(problems.problems.count())]
    assert any(t.startswith("hong.csv, dòng 3, cột “STT”: ") for t in texts), texts
    assert window.import_flow.preview_dialog is None  # nothing to confirm
    assert station.status().voters == 0  # all or nothing


def test_a_list_without_title_line_asks_for_the_station_number(
    qtbot: QtBot, open_window: WindowFactory, station_factory: Callable[..., Station], tmp_path: Path
) -> None:
    station = station_factory("empty", polls="empty")
    window = open_window(station)
    bare = tmp_path / "khong-tieu-de.csv"
    bare.write_text("STT,Họ và tên,Ngày sinh,Giới tính\n1,Nguyễn Văn An,1960,Nam\n", encoding="utf-8")

    window.import_flow.start(bare)
    qtbot.waitUntil(lambda: window.import_flow.preview_dialog is not None, timeout=10_000)
    dialog = window.import_flow.preview_dialog
    assert dialog is not None and dialog.chosen_station_no() is None
    dialog.ok_button.click()
    assert dialog.error.isVisible() and station.status().voters == 0
    dialog.station_no.setText("7")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: station.status().voters == 1, timeout=10_000)
    assert station.station_no == 7
