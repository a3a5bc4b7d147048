"""The team leader's turnout window: live within the coalescing window, one redraw per burst,
plots holding the right points, the group click, the reports, the hourly-report confirmation."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from clerk_app.generate import generate_voters
from clerk_app.station import Station
from clerk_app.turnout import WardStanding, waiting_voters
from clerk_app.ui import menus, theme
from clerk_app.ui.checkin_panel import Mode
from clerk_app.ui.commands import SCALE_STEP, keyboard_help_text
from clerk_app.ui.dialogs import InfoDialog
from clerk_app.ui.main_window import MainWindow
from clerk_app.ui.report_actions import PAPER_LIST, REPORT_CSV, REPORT_PDF
from clerk_app.ui.snapshot_dialog import ConfirmSnapshotDialog
from clerk_app.ui.turnout_tabs import TurnoutTable
from clerk_app.ui.turnout_view import LATEST_MS, TurnoutWindow
from tests.support import FakeClock, election_morning
from tests.ui.helpers import WindowFactory, press, scan, type_keys, wait_for_dialog, wait_for_mode


def open_turnout(qtbot: QtBot, window: MainWindow) -> TurnoutWindow:
    press(qtbot, Qt.Key.Key_F5)  # the Reports menu's shortcut, from the check-in screen
    qtbot.waitUntil(lambda: window.turnout_window is not None and window.turnout_window.redraws >= 1)
    view = window.turnout_window
    assert view is not None and view.isVisible()
    return view


def check_in(window: MainWindow, list_no: int, *, mobile_box: bool = False) -> None:
    """The clerk's confirm, through the check-in panel (as Enter on the confirmation does)."""
    voter = window.station.voter(list_no)
    assert voter is not None
    window.checkin.open_voter(voter)
    if mobile_box:
        window.checkin.toggle_mobile_box()
    window.checkin.confirm()


def test_the_view_follows_check_ins_within_two_seconds(qtbot: QtBot, window: MainWindow, clock: FakeClock) -> None:
    view = open_turnout(qtbot, window)
    assert view.counters.voted.value.text() == "0"
    assert view.counters.on_list.value.text() == "5"
    clock.moment = election_morning(7, 20)
    started = time.monotonic()
    with qtbot.waitSignal(view.refreshed, timeout=2000):
        check_in(window, 3)
    assert time.monotonic() - started < 2.0
    assert (view.counters.voted.value.text(), view.counters.percent.value.text()) == ("1", "20,0%")
    assert view.counters.still_to_vote.value.text() == "4"


def test_plots_hold_the_right_points(qtbot: QtBot, window: MainWindow, station: Station, clock: FakeClock) -> None:
    for list_no, hour, minute in ((1, 7, 15), (2, 7, 45), (3, 8, 10), (4, 9, 5)):
        clock.moment = election_morning(hour, minute)
        station.check_in(list_no, mobile_box=list_no == 2)
    clock.moment = election_morning(9, 30)
    station.record_due_reports()  # 07:00 (0 of 5), 08:00 (2), 09:00 (3)
    view = open_turnout(qtbot, window)

    xs, ys = view.cumulative.curve.getData()
    steps = [7.25, 7.75, 8 + 10 / 60, 9 + 5 / 60]  # each check-in is a vertical step: two points at its time
    assert list(xs) == pytest.approx([7.0, *(x for step in steps for x in (step, step)), 9.5])
    assert list(ys) == pytest.approx([0, 0, 20, 20, 40, 40, 60, 60, 80, 80])
    dots_x, dots_y = view.cumulative.snapshots.getData()
    assert list(dots_x) == [7.0, 8.0, 9.0] and list(dots_y) == pytest.approx([0, 40, 60])
    assert view.cumulative.closing.value() == 19.0
    assert view.arrivals.heights() == [2, 1, 1] + [0] * 9  # 07h, 08h, 09h ... 18h
    assert list(view.arrivals.bars.opts["x0"])[:2] == pytest.approx([7.05, 8.05])
    # 09:30: the 09h bar holds half an hour so far, drawn lighter than the full hours beside it.
    assert view.arrivals.in_progress == 2
    brushes = [b.color().name() for b in view.arrivals.bars.opts["brushes"]]
    assert brushes[2] != brushes[1] and brushes[1] == brushes[0]

    view.bin_buttons.button(15).click()
    assert view.arrivals.heights()[:9] == [0, 1, 0, 1, 1, 0, 0, 0, 1]  # 07:15, 07:45, 08:10, 09:05
    assert "15" in view.arrivals_title.text()
    assert view.counters.mobile_box.value.text() == "1"


def test_a_burst_of_50_check_ins_costs_one_redraw(
    qtbot: QtBot, open_window: WindowFactory, station_factory: Callable[..., Station], clock: FakeClock
) -> None:
    window = open_window(station_factory("big", rows=generate_voters(60, seed=4)))
    view = open_turnout(qtbot, window)
    qtbot.wait(LATEST_MS + 200)  # let anything pending settle
    before = view.redraws
    started = time.monotonic()
    for list_no in range(1, 51):
        clock.advance(seconds=5)
        check_in(window, list_no)
    qtbot.waitUntil(lambda: view.redraws > before, timeout=3000)
    assert time.monotonic() - started < 2.5
    qtbot.wait(LATEST_MS + 300)  # nothing more is coming
    assert view.redraws == before + 1
    assert view.counters.voted.value.text() == "50"
    assert view.cumulative.curve.getData()[1][-1] == pytest.approx(100 * 50 / 60)


def test_a_closed_view_never_redraws_and_catches_up_when_shown(qtbot: QtBot, window: MainWindow) -> None:
    view = open_turnout(qtbot, window)
    view.close()
    before = view.redraws
    check_in(window, 1)
    check_in(window, 2)
    qtbot.wait(LATEST_MS + 300)
    assert view.redraws == before  # no timer, no query while nobody looks
    window.menu_actions["turnout"].trigger()
    qtbot.waitUntil(lambda: view.isVisible() and view.redraws == before + 1)
    assert view.counters.voted.value.text() == "2"


def test_group_click_lists_exactly_its_voters_still_to_vote(qtbot: QtBot, window: MainWindow, station: Station) -> None:
    check_in(window, 1)
    station.add_voter("Phạm Văn Mới", certificate="GCN 1", birth="1985", group="Tổ dân phố 1")
    view = open_turnout(qtbot, window)
    groups = view.groups
    keys = [g.key for g in groups.model.rows()]
    assert keys == ["Tổ dân phố 3", "Tổ dân phố 2", "Tổ dân phố 1"]  # 0 of 2, 0 of 1 (fewer waiting), 1 of 3
    row = keys.index("Tổ dân phố 1")
    rect = groups.view.visualRect(groups.model.index(row, 0))
    qtbot.mouseClick(groups.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert [(v.list_no, v.name) for v in groups.waiting_model.rows()] == [(3, "Trần Văn Hùng"), (6, "Phạm Văn Mới")]
    assert "Tổ dân phố 1: 2" in groups.waiting_title.text()

    groups.view.setFocus()
    groups.view.setCurrentIndex(groups.model.index(keys.index("Tổ dân phố 3"), 0))
    qtbot.keyClick(groups.view, Qt.Key.Key_Return)  # Enter on a group does the same
    shown = [v.list_no for v in groups.waiting_model.rows()]
    assert shown == [4, 5] == [v.list_no for v in waiting_voters(station.db, "Tổ dân phố 3")]

    with qtbot.waitSignal(view.refreshed, timeout=2000):
        check_in(window, 4)  # the list follows the check-ins while it is open
    assert [v.list_no for v in groups.waiting_model.rows()] == [5]


def test_everyone_voted_is_shown_as_a_status(qtbot: QtBot, window: MainWindow) -> None:
    view = open_turnout(qtbot, window)
    with qtbot.waitSignal(view.refreshed, timeout=2000):
        for list_no in range(1, 6):
            check_in(window, list_no)
    assert view.counters.status.property("state") == "complete"
    assert view.counters.status.text().startswith("100%")
    assert view.projection.text.text() == "Tất cả cử tri trong danh sách đã bỏ phiếu."


def test_ward_figures_unavailable_until_a_source_is_wired(qtbot: QtBot, window: MainWindow) -> None:
    view = open_turnout(qtbot, window)
    assert "chưa có số liệu" in view.ward.text.text()
    view.ward_standing = lambda: WardStanding(ward_turnout=52.4, rank=3, stations=21)
    view.refresh()
    assert view.ward.text.text() == "Phường: bình quân 52,4%; khu vực bỏ phiếu này xếp thứ 3/21."


def test_export_the_chart_as_png(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    view = open_turnout(qtbot, window)
    out = tmp_path / "bieu-do.png"
    assert view.export_chart(out)
    image = QImage(str(out))
    assert not image.isNull() and image.width() > 400 and image.height() > 300
    assert str(out) in view.message.text()


def test_reports_are_written_in_the_background(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, clock: FakeClock
) -> None:
    check_in(window, 1)
    pdf, csv_file, paper = tmp_path / "bao-cao.pdf", tmp_path / "bao-cao.csv", tmp_path / "danh-sach.pdf"
    window.write_report(REPORT_PDF, pdf)
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=15_000)
    assert pdf.read_bytes().startswith(b"%PDF")
    # The clerk's screen still shows the check-in: the report's result is in the status bar.
    assert window.checkin.outcome_panel.headline.text() == "Đã ghi nhận lúc 07:00"
    assert str(pdf) in window.status_bar.busy.text()
    view = open_turnout(qtbot, window)
    view.write_report(REPORT_CSV, csv_file)
    view.write_report(PAPER_LIST, paper)
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=15_000)
    assert csv_file.read_bytes().startswith(b"\xef\xbb\xbf")
    assert paper.read_bytes().startswith(b"%PDF")
    assert view.message.text().startswith("Đã lưu:")
    assert window.reports.default_name(REPORT_PDF) == "bao-cao-kvbp-07-2026-03-15-0700.pdf"


def test_an_unwritable_folder_is_said_plainly(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    view = open_turnout(qtbot, window)
    view.write_report(REPORT_CSV, tmp_path / "no-such-folder" / "bao-cao.csv")
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=15_000)
    assert view.message.text().startswith("Chưa lưu được tệp:")


def test_confirming_an_hourly_report_with_the_pin(
    qtbot: QtBot, window: MainWindow, station: Station, clock: FakeClock
) -> None:
    station.set_pin("2468")
    clock.moment = election_morning(8, 5)
    station.record_due_reports()
    view = open_turnout(qtbot, window)
    tab = view.snapshots
    view.refresh()
    assert tab.confirm.isEnabled()
    tab.view.selectRow(1)  # the 08:00 report
    tab.confirm.click()
    qtbot.waitUntil(lambda: isinstance(view.dialog, ConfirmSnapshotDialog))
    dialog = view.dialog
    assert isinstance(dialog, ConfirmSnapshotDialog) and dialog.snapshot.hour == "08:00"
    dialog.pin.setFocus()
    type_keys(qtbot, "1111")
    dialog.ok_button.click()
    assert dialog.error.isVisible() and dialog.pin.text() == ""
    dialog.pin.setText("2468")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: view.dialog is None)
    confirmed = {s.hour: s.confirmed_at for s in tab.model.rows()}
    assert confirmed == {"07:00": None, "08:00": election_morning(8, 5)}
    assert tab.model.index(1, 5).data().startswith("✓")


def test_the_view_speaks_english_when_chosen(qtbot: QtBot, window: MainWindow) -> None:
    view = open_turnout(qtbot, window)
    window.commands.set_language("en")
    qtbot.waitUntil(lambda: view.counters.on_list.title.text() == "On the list")
    assert view.windowTitle() == "Turnout — team leader"
    assert view.tabs.tabText(0) == "By group"
    assert view.groups.model.headerData(0, Qt.Orientation.Horizontal) == "Group"
    assert view.projection.text.text().startswith("Projection:")
    window.commands.set_language("vi")
    qtbot.waitUntil(lambda: view.counters.on_list.title.text() == "Trong danh sách")


def test_every_shortcut_belongs_to_one_action() -> None:
    seen: dict[str, str] = {}
    for spec in menus.action_specs():
        for shortcut in spec.shortcuts:
            assert shortcut not in seen, f"{shortcut} is both {seen[shortcut]} and {spec.name}"
            seen[shortcut] = spec.name
    assert seen["F5"] == "turnout"


def test_every_shortcut_is_in_the_keyboard_help(qtbot: QtBot, window: MainWindow) -> None:
    window.commands.set_language("en")
    try:
        text = keyboard_help_text()
        missing = [s for spec in menus.action_specs() for s in spec.shortcuts if s not in text]
        assert missing == []
    finally:
        window.commands.set_language("vi")


def test_the_keyboard_help_fits_a_laptop_screen_and_shows_its_last_line(qtbot: QtBot, window: MainWindow) -> None:
    for _ in range(3):  # Ctrl++ three times: larger text for the team leader's eyes
        window.commands.change_text_size(SCALE_STEP)
    try:
        press(qtbot, Qt.Key.Key_F1)
        dialog = wait_for_dialog(qtbot, window, InfoDialog)
        qtbot.waitUntil(dialog.isVisible)
        assert dialog.height() <= dialog.screen().availableGeometry().height()  # Close stays on screen
        assert dialog.text.text().splitlines()[-1].startswith("Ctrl+Q")
        # The text is never squeezed: it has all the height its lines need (scrolled if need be).
        assert dialog.text.height() >= dialog.text.heightForWidth(dialog.text.width())
        dialog.text_area.ensureVisible(0, dialog.text.height())  # the last line can be scrolled to
        bar = dialog.text_area.verticalScrollBar()
        assert bar.value() == bar.maximum()
    finally:
        theme.apply_theme(QApplication.instance(), 1.0)  # type: ignore[arg-type]  # the session's app


def test_a_steady_stream_is_redrawn_about_once_a_second_never_postponed(
    qtbot: QtBot, open_window: WindowFactory, station_factory: Callable[..., Station], clock: FakeClock
) -> None:
    window = open_window(station_factory("stream", rows=generate_voters(40, seed=6)))
    view = open_turnout(qtbot, window)
    qtbot.wait(LATEST_MS + 200)
    before = view.redraws
    started = time.monotonic()
    for list_no in range(1, 16):  # a check-in every 200 ms for three seconds
        clock.advance(seconds=12)
        check_in(window, list_no)
        qtbot.wait(200)
    elapsed = time.monotonic() - started
    assert 2 <= view.redraws - before <= elapsed + 1  # neither postponed to the end nor one per check-in
    qtbot.waitUntil(lambda: view.counters.voted.value.text() == "15", timeout=LATEST_MS + 500)


@pytest.mark.parametrize("language", ["vi", "en"])
def test_every_table_header_is_whole_at_the_default_size(qtbot: QtBot, window: MainWindow, language: str) -> None:
    """No header hides behind a scroll bar or is cut ("Age on election day", "Chưa bỏ phiếu"):
    a long one goes on two lines when the columns would not fit."""
    window.commands.set_language(language)
    view = open_turnout(qtbot, window)
    assert (view.width(), view.height()) == (1366, 768)
    seen = 0
    for tab in range(view.tabs.count()):
        view.tabs.setCurrentIndex(tab)
        for table in view.tabs.currentWidget().findChildren(TurnoutTable):
            header = table.horizontalHeader()
            assert table.isVisible() and not table.horizontalScrollBar().isVisible()
            assert header.length() <= table.viewport().width()
            model = table.rows_model()
            for column in range(model.columnCount()):
                whole = header.sectionSizeHint(column)  # the header's text, on the lines it is shown on
                assert header.sectionSize(column) >= whole, (language, model.header_text(column))
                assert header.height() >= header.sectionSizeFromContents(column).height()
            seen += 1
    assert seen == 5  # groups, a group's voters, gender, age, hourly reports


def test_closing_the_view_gives_the_keyboard_back_to_the_search_box(qtbot: QtBot, window: MainWindow) -> None:
    press(qtbot, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.turnout_window is not None and window.turnout_window.isVisible())
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window.turnout_window)
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.checkin.search_box)
    scan(qtbot, "07-0003")  # the next voter's card lands in the search box
    wait_for_mode(qtbot, window, Mode.CONFIRM)
