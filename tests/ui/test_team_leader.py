"""The team leader's actions from the menus, by keyboard: undo with PIN, add, elsewhere, close."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from clerk_app.model import PollsState, VoterStatus
from clerk_app.station import Station
from clerk_app.ui.checkin_panel import Mode
from clerk_app.ui.main_window import MainWindow
from clerk_app.ui.station_dialogs import ClosePollsDialog, PinDialog
from clerk_app.ui.voter_dialogs import AddVoterDialog, MarkElsewhereDialog, UndoDialog
from tests.support import FakeClock, election_morning
from tests.ui.helpers import check_ins, focused, press, scan, type_keys, wait_for_dialog, wait_for_mode

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def check_in_by_card(qtbot: QtBot, window: MainWindow, code: str) -> None:
    scan(qtbot, code)
    wait_for_mode(qtbot, window, Mode.CONFIRM)
    press(qtbot, Qt.Key.Key_Return)
    wait_for_mode(qtbot, window, Mode.OUTCOME)


def test_undo_needs_the_right_pin(qtbot: QtBot, window: MainWindow, station: Station) -> None:
    station.set_pin("2468")
    check_in_by_card(qtbot, window, "07-0003")
    assert check_ins(station) == [(3, 0)]

    press(qtbot, Qt.Key.Key_U, CTRL_SHIFT)
    dialog = wait_for_dialog(qtbot, window, UndoDialog)
    assert dialog.list_no.list_no() == 3  # the voter just checked in
    assert "Trần Văn Hùng" in dialog.list_no.summary.text()
    assert focused() is dialog.reason  # the number is filled in: the keyboard starts at the reason
    type_keys(qtbot, "chọn nhầm người")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is dialog.pin
    type_keys(qtbot, "1111")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(dialog.error.isVisible)
    assert dialog.error.text() == "Sai mã PIN. Đề nghị Tổ trưởng nhập lại."
    assert dialog.pin.text() == ""  # typed again from scratch
    assert check_ins(station) == [(3, 0)]  # a wrong PIN changes nothing

    type_keys(qtbot, "2468")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.dialog is None)
    assert check_ins(station) == []
    assert station.status().checked_in == 0
    assert "0 / 5" in window.status_bar.turnout.text()
    qtbot.waitUntil(lambda: focused() is window.checkin.search_box)


def test_add_voter_with_certificate_then_check_in(qtbot: QtBot, window: MainWindow, station: Station) -> None:
    press(qtbot, Qt.Key.Key_N, CTRL)
    dialog = wait_for_dialog(qtbot, window, AddVoterDialog)
    assert focused() is dialog.name
    type_keys(qtbot, "Phạm Văn Thành")
    dialog.birth.setText("14/07/1985")
    dialog.group.setText("Tổ dân phố 4")
    press(qtbot, Qt.Key.Key_Return)  # no certificate yet: refused in the form
    assert dialog.error.isVisible() and window.dialog is dialog
    dialog.certificate.setText("VNeID-2026-000123")
    dialog.ok_button.click()

    wait_for_mode(qtbot, window, Mode.CONFIRM)
    panel = window.checkin.confirm_panel
    assert panel.voter is not None and panel.voter.list_no == 6
    assert panel.notice.isVisible() and "6" in panel.notice.text()
    added = station.voter(6)
    assert added is not None and added.status is VoterStatus.ADDED and added.birth_year == 1985
    qtbot.waitUntil(lambda: focused() is window.checkin.search_box)
    press(qtbot, Qt.Key.Key_Return)
    wait_for_mode(qtbot, window, Mode.OUTCOME)
    assert check_ins(station) == [(6, 0)]


def test_mark_voting_elsewhere_from_the_menu(qtbot: QtBot, window: MainWindow, station: Station) -> None:
    press(qtbot, Qt.Key.Key_E, CTRL)
    dialog = wait_for_dialog(qtbot, window, MarkElsewhereDialog)
    dialog.list_no.set_list_no(4)
    assert "Lê Thị Thuý" in dialog.list_no.summary.text()
    dialog.certificate.setText("GCN-77")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: window.dialog is None)
    voter = station.voter(4)
    assert voter is not None and voter.status is VoterStatus.ELSEWHERE
    assert station.status().voters == 4  # no longer counted on this list


def test_closing_before_19h_needs_the_team_decision_and_a_reason(
    qtbot: QtBot, window: MainWindow, station: Station, clock: FakeClock
) -> None:
    clock.moment = election_morning(15, 0)
    press(qtbot, Qt.Key.Key_C, CTRL_SHIFT)
    dialog = wait_for_dialog(qtbot, window, ClosePollsDialog)
    assert dialog.early
    dialog.ok_button.click()
    assert dialog.error.isVisible()
    assert station.polls_state() is PollsState.OPEN
    dialog.decision.setChecked(True)
    dialog.reason.setText("Tất cả cử tri đã bỏ phiếu")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: station.polls_state() is PollsState.CLOSED)
    assert window.banner.property("state") == "closed"
    assert not window.menu_actions["close_polls"].isEnabled()


def test_set_the_pin_from_settings(qtbot: QtBot, window: MainWindow, station: Station) -> None:
    press(qtbot, Qt.Key.Key_P, CTRL_SHIFT)
    dialog = wait_for_dialog(qtbot, window, PinDialog)
    dialog.new.setText("1357")
    dialog.repeat.setText("1375")
    dialog.ok_button.click()
    assert dialog.error.isVisible() and not station.has_pin()
    dialog.repeat.setText("1357")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: window.dialog is None)
    station.verify_pin("1357")  # raises if not set
