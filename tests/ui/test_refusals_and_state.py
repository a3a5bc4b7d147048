"""Refusal messages, the polls banner (test mode), the status bar and the interface language."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from clerk_app.clock import ShiftedClock
from clerk_app.model import PollsState
from clerk_app.settings import FONT_SCALE, LANGUAGE, Settings
from clerk_app.station import Station
from clerk_app.ui.checkin_panel import Mode
from clerk_app.ui.dialogs import ConfirmDialog, InfoDialog
from clerk_app.ui.main_window import MainWindow
from clerk_app.ui.outcome_panel import CheckedIn, Notice, Refused, Severity
from clerk_app.ui.report_actions import PAPER_LIST
from tests.support import FakeClock, election_morning
from tests.ui.helpers import WindowFactory, check_ins, press, scan, wait_for_dialog, wait_for_mode


def refusal(window: MainWindow) -> Refused:
    outcome = window.checkin.outcome_panel.outcome
    assert isinstance(outcome, Refused), outcome
    return outcome


def test_voter_who_votes_elsewhere_is_refused(qtbot: QtBot, window: MainWindow, station: Station) -> None:
    station.mark_voting_elsewhere(4, certificate="GCN-012")
    scan(qtbot, "07-0004")
    wait_for_mode(qtbot, window, Mode.OUTCOME)
    assert refusal(window).reason == "voting_elsewhere"
    assert window.checkin.outcome_panel.severity is Severity.STOP
    assert window.checkin.outcome_panel.headline.text() == "BỎ PHIẾU Ở NƠI KHÁC"
    assert "Lê Thị Thuý" in window.checkin.outcome_panel.body.text()
    assert check_ins(station) == []


def test_polls_not_open_refuses_and_says_what_to_do(
    qtbot: QtBot, open_window: WindowFactory, station_factory: Callable[..., Station]
) -> None:
    station = station_factory(polls="not_open")
    window = open_window(station)
    assert window.banner.isVisible() and window.banner.property("state") == "not_open"
    scan(qtbot, "07-0001")
    wait_for_mode(qtbot, window, Mode.OUTCOME)
    assert refusal(window).reason == "polls_not_open"
    assert window.checkin.outcome_panel.severity is Severity.WARN
    assert window.checkin.outcome_panel.headline.text() == "Chưa mở cửa bỏ phiếu"
    assert check_ins(station) == []


def test_card_of_another_station_and_unknown_number(qtbot: QtBot, window: MainWindow) -> None:
    scan(qtbot, "05-0003")
    wait_for_mode(qtbot, window, Mode.OUTCOME)
    assert refusal(window).reason == "other_station"
    assert "05" in window.checkin.outcome_panel.headline.text()

    scan(qtbot, "07-0099")
    qtbot.waitUntil(lambda: refusal(window).reason == "not_on_list")
    assert window.checkin.outcome_panel.headline.text() == "KHÔNG CÓ TRONG DANH SÁCH"


def test_test_mode_banner_and_opening_the_polls_wipes_test_check_ins(
    qtbot: QtBot, open_window: WindowFactory, station_factory: Callable[..., Station]
) -> None:
    station = station_factory(polls="test")
    window = open_window(station)
    assert window.banner.isVisible()
    assert window.banner.property("state") == "test"
    assert window.banner.text() == "CHẾ ĐỘ THỬ — các lượt ghi nhận sẽ bị xoá khi mở cửa bỏ phiếu"

    scan(qtbot, "07-0001")
    wait_for_mode(qtbot, window, Mode.CONFIRM)
    press(qtbot, Qt.Key.Key_Return)
    wait_for_mode(qtbot, window, Mode.OUTCOME)
    outcome = window.checkin.outcome_panel.outcome
    assert isinstance(outcome, CheckedIn) and outcome.receipt.test
    assert window.checkin.outcome_panel.headline.text().startswith("THỬ")

    press(qtbot, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = wait_for_dialog(qtbot, window, ConfirmDialog)
    press(qtbot, Qt.Key.Key_Return)  # the button says what it does; Enter presses it
    assert dialog.ok_button.text() == "Mở cửa bỏ phiếu"
    qtbot.waitUntil(lambda: station.polls_state() is PollsState.OPEN)
    assert not window.banner.isVisible()
    assert check_ins(station) == []  # the test check-in was wiped


def test_status_bar_shows_polls_turnout_and_unsent(qtbot: QtBot, window: MainWindow, station: Station) -> None:
    for code in ("07-0001", "07-0003"):
        scan(qtbot, code)
        wait_for_mode(qtbot, window, Mode.CONFIRM)
        press(qtbot, Qt.Key.Key_Return)
        wait_for_mode(qtbot, window, Mode.OUTCOME)
    status = station.status()
    assert (status.checked_in, status.voters) == (2, 5)
    bar = window.status_bar
    assert bar.polls.text() == "Đang bỏ phiếu"
    assert bar.turnout.text() == "Đã ghi nhận 2 / 5 cử tri (40,0%)"
    assert bar.unsent.text() == f"Chờ gửi: {status.unsent_events}"
    assert status.unsent_events > 0


def test_language_is_vietnamese_by_default_and_english_when_chosen(
    qtbot: QtBot, window: MainWindow, station: Station
) -> None:
    box = window.checkin.search_box
    assert box.placeholderText().startswith("Quét thẻ")
    assert window.menu_actions["import_list"].text() == "&Nhập danh sách cử tri…"
    scan(qtbot, "07-0003")
    wait_for_mode(qtbot, window, Mode.CONFIRM)
    press(qtbot, Qt.Key.Key_Escape)

    press(qtbot, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: box.placeholderText() == "Scan a card or type a name, birth year or list number")
    assert window.menu_actions["import_list"].text() == "&Import voter list…"
    assert window.checkin.results_model.headerData(1, Qt.Orientation.Horizontal) == "Full name"
    assert window.status_bar.polls.text() == "Polls open"
    assert Settings(station.data_dir).get(LANGUAGE) == "en"  # kept for the next start

    window.menu_actions["language_vi"].trigger()
    qtbot.waitUntil(lambda: box.placeholderText().startswith("Quét thẻ"))
    assert window.menu_actions["language_vi"].isChecked()


def test_text_size_keys_enlarge_the_text_and_are_kept(qtbot: QtBot, window: MainWindow, station: Station) -> None:
    box = window.checkin.search_box
    before = box.font().pointSize()
    assert before >= 22 and QApplication.font().pointSize() >= 14  # readable at arm's length
    press(qtbot, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: box.font().pointSize() > before)
    assert Settings(station.data_dir).get(FONT_SCALE) == pytest.approx(1.1)
    press(qtbot, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: box.font().pointSize() == before)


def test_help_dialogs_and_the_menu_bar_keeps_alt_navigation(qtbot: QtBot, window: MainWindow, station: Station) -> None:
    press(qtbot, Qt.Key.Key_F1)
    keys_help = wait_for_dialog(qtbot, window, InfoDialog)
    assert "F4" in keys_help.text.text()
    keys_help.accept()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.checkin.search_box)
    press(qtbot, Qt.Key.Key_F1, Qt.KeyboardModifier.ControlModifier)
    about = wait_for_dialog(qtbot, window, InfoDialog)
    assert str(station.data_dir) in about.text.text() and "logs" in about.text.text()
    about.accept()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.checkin.search_box)

    press(qtbot, Qt.Key.Key_Alt)  # Alt alone: walk the menus with the arrow keys
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.menuBar())
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.checkin.search_box)


def test_a_report_finishing_never_hides_already_voted(
    qtbot: QtBot, window: MainWindow, station: Station, clock: FakeClock, tmp_path: Path
) -> None:
    clock.advance(minutes=10)
    station.check_in(3)
    scan(qtbot, "001058111222")  # voter 3 comes back
    wait_for_mode(qtbot, window, Mode.OUTCOME)
    window.write_report(PAPER_LIST, tmp_path / "paper.pdf")  # the team leader's, ending meanwhile
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=20_000)
    outcome = window.checkin.outcome_panel.outcome
    assert isinstance(outcome, Refused) and outcome.reason == "already_checked_in"
    assert "paper.pdf" in window.status_bar.busy.text()  # the report's result, beside the figures


def test_a_report_finishing_keeps_a_confirmation_waiting_for_enter(
    qtbot: QtBot, window: MainWindow, station: Station, tmp_path: Path
) -> None:
    scan(qtbot, "07-0005")
    wait_for_mode(qtbot, window, Mode.CONFIRM)
    window.write_report(PAPER_LIST, tmp_path / "paper.pdf")  # ends while the confirmation waits
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=20_000)
    assert window.checkin.mode is Mode.CONFIRM
    press(qtbot, Qt.Key.Key_Return)
    wait_for_mode(qtbot, window, Mode.OUTCOME)
    assert check_ins(station) == [(5, 0)]


def test_a_report_finishing_while_the_clerk_is_idle_says_so_in_the_panel(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    window.write_report(PAPER_LIST, tmp_path / "paper.pdf")
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=20_000)
    outcome = window.checkin.outcome_panel.outcome
    assert isinstance(outcome, Notice) and "paper.pdf" in outcome.headline()


def test_past_nine_pm_the_panel_says_to_close_the_polls(
    qtbot: QtBot, window: MainWindow, station: Station, clock: FakeClock
) -> None:
    clock.moment = election_morning(21, 5)
    scan(qtbot, "07-0001")
    wait_for_mode(qtbot, window, Mode.OUTCOME)
    assert refusal(window).reason == "past_closing_time"
    assert window.checkin.outcome_panel.severity is Severity.STOP
    assert window.checkin.outcome_panel.headline.text() == "ĐÃ QUÁ 21 GIỜ: KẾT THÚC BỎ PHIẾU"
    assert "menu Bỏ phiếu" in window.checkin.outcome_panel.body.text()
    assert check_ins(station) == []
    window.refresh_status()  # as the status timer does
    assert window.banner.isVisible() and window.banner.property("state") == "past_closing"
    assert window.banner.text().startswith("ĐÃ QUÁ 21 GIỜ")


def test_opening_before_five_says_what_the_laptop_clock_shows(
    qtbot: QtBot, open_window: WindowFactory, station_factory: Callable[..., Station], clock: FakeClock
) -> None:
    station = station_factory(polls="not_open")
    window = open_window(station)
    clock.moment = election_morning(4, 12)
    press(qtbot, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = wait_for_dialog(qtbot, window, ConfirmDialog)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(dialog.error.isVisible)
    assert "04:12" in dialog.error.text() and "5 giờ" in dialog.error.text()
    assert station.polls_state() is PollsState.NOT_OPEN and window.dialog is dialog  # nothing changed


def test_a_rehearsal_clock_is_named_in_the_window_title(
    qtbot: QtBot, open_window: WindowFactory, station_factory: Callable[..., Station]
) -> None:
    station = station_factory()
    station.clock = ShiftedClock(election_morning(7, 30))  # as CLERK_APP_CLOCK sets it
    window = open_window(station)
    assert window.windowTitle().endswith("— đồng hồ diễn tập, bắt đầu từ 15/03/2026 07:30")
    real = open_window(station_factory("real"))
    assert "diễn tập" not in real.windowTitle()
