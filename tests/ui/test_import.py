"""Importing a list from the window: read and apply in the background, preview, errors."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pytestqt.qtbot import QtBot

from clerk_app.generate import generate_voters, write_csv
from clerk_app.station import Station
from clerk_app.ui.dialogs import ProblemsDialog
from clerk_app.ui.main_window import MainWindow
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


# --- what is wrong with a list file, in the interface language ---------------------------------

WITH_WARNINGS = (
    "Khu vực bỏ phiếu số 07, phường Láng, thành phố Hà Nội\n"
    "STT,Họ và tên,Ngày sinh,Giới tính\n"
    "1,Nguyễn Văn An,31/02/1970,Nam\n"
    "2,Trần Thị Bình,05/06/2010,Nữ\n"
    "3,Lê Văn Cường,1960,M\n"
)
WITH_ERRORS = (
    "STT,Họ và tên,Ngày sinh\n"
    "1,Nguyễn Văn An,1960\n"
    "1,Trần Thị Bình,1970\n"
    "2,,1970\n"
    "3,Lê Văn Cường,1950,Ghi chó ngoµi b¶ng\n"  # a note past the header, typed in the TCVN3 font
)
ENGLISH_WORDS = ("row ", "column", "birth", "gender", "STT 1 is", "name is", " font,")


def preview_texts(qtbot: QtBot, window: MainWindow, path: Path) -> list[str]:
    window.import_flow.start(path)
    qtbot.waitUntil(lambda: window.import_flow.preview_dialog is not None, timeout=10_000)
    dialog = window.import_flow.preview_dialog
    assert dialog is not None
    texts = [dialog.warnings.item(i).text() for i in range(dialog.warnings.count())]
    dialog.reject()
    window.import_flow.preview_dialog = None
    return texts


def refusal_texts(qtbot: QtBot, window: MainWindow, path: Path) -> list[str]:
    window.import_flow.message_dialog = None
    window.import_flow.start(path)
    qtbot.waitUntil(lambda: isinstance(window.import_flow.message_dialog, ProblemsDialog), timeout=10_000)
    dialog = window.import_flow.message_dialog
    assert isinstance(dialog, ProblemsDialog)
    texts = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
    dialog.accept()
    return texts


def test_preview_warnings_speak_the_interface_language(
    qtbot: QtBot, open_window: WindowFactory, station_factory: Callable[..., Station], tmp_path: Path
) -> None:
    window = open_window(station_factory("empty", polls="empty"))
    path = tmp_path / "canh-bao.csv"
    path.write_text(WITH_WARNINGS, encoding="utf-8")

    assert preview_texts(qtbot, window, path) == [
        "canh-bao.csv, dòng 3, cột “Ngày sinh”: ngày sinh “31/02/1970” không phải ngày có thật",
        "canh-bao.csv, dòng 4, cột “Ngày sinh”: cử tri chưa đủ 18 tuổi vào ngày bầu cử (mới 15 tuổi)",
        "canh-bao.csv, dòng 5, cột “Giới tính”: giới tính “M” không phải Nam hoặc Nữ",
    ]

    window.commands.set_language("en")
    assert preview_texts(qtbot, window, path) == [
        "canh-bao.csv, row 3, column “Ngày sinh”: birth date '31/02/1970' is not a real date",
        "canh-bao.csv, row 4, column “Ngày sinh”: voter is under 18 on election day (aged 15)",
        "canh-bao.csv, row 5, column “Giới tính”: gender 'M' is not Nam or Nữ",
    ]


def test_refusal_speaks_the_interface_language(
    qtbot: QtBot, open_window: WindowFactory, station_factory: Callable[..., Station], tmp_path: Path
) -> None:
    station = station_factory("empty", polls="empty")
    window = open_window(station)
    path = tmp_path / "hong.csv"
    path.write_text(WITH_ERRORS, encoding="utf-8")

    vietnamese = refusal_texts(qtbot, window, path)
    assert vietnamese == [
        "hong.csv, dòng 3, cột “STT”: Số thứ tự (STT) 1 bị dùng hai lần: dòng 2 và dòng 3",
        "hong.csv, dòng 4, cột “Họ và tên”: họ và tên bị bỏ trống",
        "hong.csv, dòng 5, cột D: chữ có vẻ được gõ bằng phông chữ cũ TCVN3 (ABC), không phải Unicode",
    ]
    assert not [text for text in vietnamese for word in ENGLISH_WORDS if word in text]

    window.commands.set_language("en")
    assert refusal_texts(qtbot, window, path) == [
        "hong.csv, row 3, column “STT”: STT 1 is used twice: rows 2 and 3",
        "hong.csv, row 4, column “Họ và tên”: name is empty",
        "hong.csv, row 5, column D: text looks typed in the legacy TCVN3 (ABC) font, not Unicode",
    ]
    assert station.status().voters == 0


def test_a_corrected_list_that_drops_a_marked_voter_says_so_after_the_import(
    qtbot: QtBot, open_window: WindowFactory, station_factory: Callable[..., Station], tmp_path: Path
) -> None:
    station = station_factory("marked", polls="not_open")
    window = open_window(station)
    station.mark_voting_elsewhere(3, certificate="GCN 7")
    rows = [r for r in generate_voters(VOTERS, seed=3, station_no=7) if r.list_no != 3]
    path = tmp_path / "danh-sach-sua.csv"
    write_csv(rows, path, station_no=7, ward="phường Láng", city="thành phố Hà Nội")

    window.import_flow.start(path)
    qtbot.waitUntil(lambda: window.import_flow.preview_dialog is not None, timeout=10_000)
    preview = window.import_flow.preview_dialog
    assert preview is not None
    preview.ok_button.click()

    qtbot.waitUntil(lambda: isinstance(window.import_flow.message_dialog, ProblemsDialog), timeout=10_000)
    dialog = window.import_flow.message_dialog
    assert isinstance(dialog, ProblemsDialog)
    shown = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
    assert len(shown) == 1 and "STT 3" in shown[0]
