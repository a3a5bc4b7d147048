"""The check-in flow on the real window: scan or type, confirm, durable, and the refusals."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from clerk_app.settings import RESULT_LIMIT
from clerk_app.station import Station
from clerk_app.ui.checkin_panel import Mode
from clerk_app.ui.main_window import MainWindow
from clerk_app.ui.outcome_panel import CheckedIn, Refused, Severity
from tests.support import FakeClock, election_morning
from tests.ui.helpers import check_ins, event_count, focused, press, scan, type_keys, wait_for_mode

# Trần Văn Hùng in tests.support.SMALL_LIST: list number 3, ID 001058111222, born 03/02/1958.
HUNG_CARD = "07-0003"
HUNG_QR = "001058111222||Trần Văn Hùng|03021958|Nam|Số 12, phố Láng Hạ, phường Láng|01012021"


def test_scan_confirm_and_checked_in(qtbot: QtBot, window: MainWindow, station: Station, clock: FakeClock) -> None:
    clock.moment = election_morning(8, 15)
    scan(qtbot, HUNG_CARD)
    wait_for_mode(qtbot, window, Mode.CONFIRM)
    panel = window.checkin.confirm_panel
    assert panel.voter is not None and panel.voter.list_no == 3
    assert panel.name.text() == "Trần Văn Hùng"
    assert panel.values["birth"].text() == "03/02/1958"
    assert panel.values["id"].text() == "••••••••1222"  # masked: only the last four digits
    assert "Quốc hội" in panel.ballots.text()
    assert check_ins(station) == []  # opening the confirmation changes nothing

    press(qtbot, Qt.Key.Key_Return)
    wait_for_mode(qtbot, window, Mode.OUTCOME)
    assert check_ins(station) == [(3, 0)]
    outcome = window.checkin.outcome_panel
    assert isinstance(outcome.outcome, CheckedIn)
    assert outcome.severity is Severity.OK
    assert outcome.headline.text() == "Đã ghi nhận lúc 08:15"
    assert outcome.action.text() == "Phát 3 phiếu bầu:\nQuốc hội · HĐND thành phố · HĐND phường"
    assert focused() is window.checkin.search_box
    assert window.checkin.search_box.text() == ""  # ready for the next voter
    assert "Trần Văn Hùng" in str(window.checkin.recent_model.data(window.checkin.recent_model.index(0, 0)))


def test_same_card_again_shows_already_voted_and_changes_nothing(
    qtbot: QtBot, window: MainWindow, station: Station, clock: FakeClock
) -> None:
    clock.moment = election_morning(8, 15)
    scan(qtbot, HUNG_CARD)
    wait_for_mode(qtbot, window, Mode.CONFIRM)
    press(qtbot, Qt.Key.Key_Return)
    wait_for_mode(qtbot, window, Mode.OUTCOME)
    before = (check_ins(station), event_count(station))

    clock.moment = election_morning(9, 40)
    scan(qtbot, HUNG_CARD)
    qtbot.waitUntil(lambda: isinstance(window.checkin.outcome_panel.outcome, Refused))
    outcome = window.checkin.outcome_panel
    assert isinstance(outcome.outcome, Refused) and outcome.outcome.reason == "already_checked_in"
    assert outcome.severity is Severity.STOP
    assert outcome.headline.text() == "ĐÃ BỎ PHIẾU lúc 08:15"  # the time of the first check-in
    assert outcome.headline.isVisible()
    assert outcome.headline.font().pointSize() >= 40  # huge, to be seen from across the table
    assert outcome.action.text() == "Không phát phiếu bầu."
    assert "Nơi ghi nhận: Bàn 1." in outcome.body.text()  # which table, should the voter dispute it

    press(qtbot, Qt.Key.Key_Return)  # a second Enter must neither hide the warning nor change anything
    assert window.checkin.mode is Mode.OUTCOME
    assert (check_ins(station), event_count(station)) == before


def test_keyboard_only_name_search_down_enter_enter(qtbot: QtBot, window: MainWindow, station: Station) -> None:
    type_keys(qtbot, "nguyen thi hoa")
    qtbot.waitUntil(lambda: window.checkin.results_model.rowCount() == 2)
    model = window.checkin.results_model
    # Namesakes are told apart by birth, group and address on their rows.
    assert [model.voter_at(r).birth for r in range(2)] == ["12/05/1960", "1948"]  # type: ignore[union-attr]
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Down)  # the second Nguyễn Thị Hoa, born 1948
    press(qtbot, Qt.Key.Key_Return)
    wait_for_mode(qtbot, window, Mode.CONFIRM)
    assert window.checkin.confirm_panel.values["birth"].text() == "1948"
    press(qtbot, Qt.Key.Key_Return)
    wait_for_mode(qtbot, window, Mode.OUTCOME)
    assert check_ins(station) == [(2, 0)]
    assert focused() is window.checkin.search_box


def test_enter_on_namesakes_asks_for_a_choice_instead_of_guessing(
    qtbot: QtBot, window: MainWindow, station: Station
) -> None:
    type_keys(qtbot, "hoa")
    qtbot.waitUntil(lambda: window.checkin.results_model.rowCount() == 2)
    press(qtbot, Qt.Key.Key_Return)
    assert window.checkin.mode is Mode.SEARCH  # highlighted the best match, opened nobody
    assert window.checkin.results_view.selectionModel().selectedRows()[0].row() == 0
    assert check_ins(station) == []


def test_more_matches_than_the_list_shows_are_said(qtbot: QtBot, window: MainWindow) -> None:
    """A common given name matches more voters than the results show: the one wanted may not be
    among them, and the hint says so instead of a count that reads as all of them."""
    window.checkin.settings.set(RESULT_LIMIT, 1)
    type_keys(qtbot, "hoa")  # the two Nguyễn Thị Hoa
    qtbot.waitUntil(lambda: "1" in window.checkin.hint.text() and window.checkin.results_model.rowCount() == 1)
    more = window.checkin.hint.text()
    press(qtbot, Qt.Key.Key_Space)
    type_keys(qtbot, "1948")  # typing more narrows it down
    qtbot.waitUntil(lambda: window.checkin.hint.text() != more)
    assert window.checkin.results_model.rowCount() == 1
    assert window.checkin.hint.text() == "Tìm thấy 1 cử tri. Nhấn Enter để mở."
    window.checkin.search_box.clear()
    window.checkin.settings.set(RESULT_LIMIT, 2)
    type_keys(qtbot, "hoa")
    qtbot.waitUntil(lambda: window.checkin.results_model.rowCount() == 2)
    assert window.checkin.hint.text() != more  # exactly as many as shown: the usual count


def test_an_unreadable_qr_asks_for_the_name_and_says_nothing_of_the_list(qtbot: QtBot, window: MainWindow) -> None:
    scan(qtbot, "0010581|x|Trần Văn Hùng|03021958|Nam|x|y")  # the scanner dropped digits of the ID
    wait_for_mode(qtbot, window, Mode.OUTCOME)
    outcome = window.checkin.outcome_panel
    assert isinstance(outcome.outcome, Refused) and outcome.outcome.reason == "unreadable_scan"
    assert outcome.severity is Severity.WARN  # not the red "not on this list, no ballots"


def test_citizen_id_qr_goes_straight_to_the_confirmation(qtbot: QtBot, window: MainWindow) -> None:
    scan(qtbot, HUNG_QR)
    wait_for_mode(qtbot, window, Mode.CONFIRM)
    assert window.checkin.confirm_panel.voter is not None
    assert window.checkin.confirm_panel.voter.list_no == 3


def test_a_scan_during_a_confirmation_never_confirms_the_wrong_voter(
    qtbot: QtBot, window: MainWindow, station: Station
) -> None:
    scan(qtbot, HUNG_CARD)
    wait_for_mode(qtbot, window, Mode.CONFIRM)
    scan(qtbot, "07-0005")  # the next voter's card, while No. 3 is on screen
    wait_for_mode(qtbot, window, Mode.CONFIRM)
    assert window.checkin.confirm_panel.voter is not None
    assert window.checkin.confirm_panel.voter.list_no == 5
    assert window.checkin.search_box.text() == "07-0005"  # the code replaced the old query
    assert check_ins(station) == []


def test_escape_cancels_and_mobile_box_key_marks_the_check_in(
    qtbot: QtBot, window: MainWindow, station: Station
) -> None:
    scan(qtbot, "07-0005")
    wait_for_mode(qtbot, window, Mode.CONFIRM)
    press(qtbot, Qt.Key.Key_Escape)
    wait_for_mode(qtbot, window, Mode.SEARCH)
    assert check_ins(station) == []

    press(qtbot, Qt.Key.Key_Return)  # the query is still there: Enter reopens the same voter
    wait_for_mode(qtbot, window, Mode.CONFIRM)
    press(qtbot, Qt.Key.Key_F4)
    assert window.checkin.confirm_panel.mobile_box.isChecked()
    press(qtbot, Qt.Key.Key_Return)
    wait_for_mode(qtbot, window, Mode.OUTCOME)
    assert check_ins(station) == [(5, 1)]
    assert "Hòm phiếu phụ" in window.checkin.outcome_panel.body.text()


def test_focus_returns_to_the_search_box_after_a_click_elsewhere(qtbot: QtBot, window: MainWindow) -> None:
    scan(qtbot, HUNG_CARD)
    wait_for_mode(qtbot, window, Mode.CONFIRM)
    qtbot.mouseClick(window.checkin.confirm_panel.cancel_button, Qt.MouseButton.LeftButton)
    wait_for_mode(qtbot, window, Mode.SEARCH)
    window.checkin.recent_view.setFocus()  # a stray click on a list
    qtbot.waitUntil(lambda: focused() is window.checkin.search_box)
