"""The team leader's actions from the menus, by keyboard: undo with PIN, add, elsewhere, close."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from clerk_app.model import PollsState, VoterStatus
from clerk_app.station import Station
from clerk_app.storage.eventlog import MAX_CLERK_LENGTH
from clerk_app.storage.meta import set_meta, write_transaction
from clerk_app.ui import messages
from clerk_app.ui.checkin_panel import Mode
from clerk_app.ui.main_window import MainWindow
from clerk_app.ui.outcome_panel import Refused, Severity
from clerk_app.ui.station_dialogs import ClosePollsDialog, PinDialog, StopWaitingDialog, TableNameDialog
from clerk_app.ui.voter_dialogs import AddVoterDialog, MarkElsewhereDialog, UndoDialog, UnmarkElsewhereDialog
from tests.support import FakeClock, election_morning
from tests.ui.helpers import (
    WindowFactory,
    check_ins,
    event_count,
    focused,
    press,
    scan,
    type_keys,
    wait_for_dialog,
    wait_for_mode,
)

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
    assert added.gender == ""  # not chosen in the form: not given, rather than guessed
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


def test_check_ins_wait_for_the_ward_until_the_team_leader_decides(
    qtbot: QtBot, window: MainWindow, station: Station
) -> None:
    """A laptop enrolled whose restore from the ward has not finished (a replacement): a voter
    who voted at the old laptop would show as not voted, so the check-in is refused, and says why."""
    station.set_pin("2468")
    with write_transaction(station.db):
        set_meta(station.db, "restore_pending", "1")  # what an enrolment leaves until its first pull
    scan(qtbot, "07-0003")
    wait_for_mode(qtbot, window, Mode.OUTCOME)  # said at once, not after a confirmation
    outcome = window.checkin.outcome_panel
    assert isinstance(outcome.outcome, Refused) and outcome.outcome.reason == "waiting_for_the_ward"
    assert outcome.severity is Severity.STOP
    assert outcome.headline.text() == messages.refusal_headline("waiting_for_the_ward") != "Not possible"
    assert check_ins(station) == []

    press(qtbot, Qt.Key.Key_G, CTRL_SHIFT)
    dialog = wait_for_dialog(qtbot, window, StopWaitingDialog)
    assert focused() is dialog.pin
    type_keys(qtbot, "1111")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(dialog.error.isVisible)
    assert station.waiting_for_the_ward()  # a wrong PIN changes nothing
    type_keys(qtbot, "2468")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.dialog is None)
    assert not station.waiting_for_the_ward()
    qtbot.waitUntil(lambda: focused() is window.checkin.search_box)
    check_in_by_card(qtbot, window, "07-0003")
    assert check_ins(station) == [(3, 0)]


def checked_in_at_two_tables(station: Station, other: Station, clock: FakeClock, list_no: int) -> None:
    """This table at 07:05 and table 2 at 07:10 both checked the voter in, then synced."""
    clock.moment = election_morning(7, 5)
    station.check_in(list_no)
    clock.moment = election_morning(7, 10)
    other.clerk = "Bàn 2"
    other.check_in(list_no)
    top = other.db.conn.execute("SELECT max(seq) FROM events WHERE device_id = ?", (other.device_id,)).fetchone()[0]
    station.apply_foreign_events(other.unsent_events(limit=top + 1), cursor=top)
    clock.moment = election_morning(7, 30)


def test_undo_lists_both_check_ins_of_a_conflict_and_takes_back_the_chosen_one(
    qtbot: QtBot, open_window: WindowFactory, station_factory: Callable[..., Station], clock: FakeClock
) -> None:
    station, other = station_factory(), station_factory("table-2")
    station.set_pin("2468")
    checked_in_at_two_tables(station, other, clock, 3)
    window = open_window(station)

    scan(qtbot, "07-0003")  # the voter's card: "already voted", and the voter is the context
    wait_for_mode(qtbot, window, Mode.OUTCOME)
    panel = window.checkin.outcome_panel
    assert "⚠ Đã ghi nhận ở 2 bàn: 07:05 Bàn 1, 07:10 Bàn 2" in panel.body.text()  # the conflict flag
    press(qtbot, Qt.Key.Key_U, CTRL_SHIFT)
    dialog = wait_for_dialog(qtbot, window, UndoDialog)
    assert dialog.list_no.list_no() == 3
    assert dialog.chooser.isVisible()
    texts = [button.text() for button in dialog.chooser.buttons]
    assert texts == ["07:05 · Bàn 1 · máy này", f"07:10 · Bàn 2 · máy {other.device_id}"]
    assert not any(button.isChecked() for button in dialog.chooser.buttons)  # nobody chooses for the team leader
    assert focused() is dialog.chooser.buttons[0]  # the choice comes first

    type_keys(qtbot, "nhầm")  # typing before choosing goes nowhere; Enter without a choice is refused
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(dialog.error.isVisible)
    assert dialog.error.text() == "Hãy chọn lượt ghi nhận cần huỷ."

    press(qtbot, Qt.Key.Key_Down)  # to table 2's check-in
    assert focused() is dialog.chooser.buttons[1]
    press(qtbot, Qt.Key.Key_Space)
    assert dialog.chooser.buttons[1].isChecked() and not dialog.chooser.buttons[0].isChecked()
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is dialog.reason
    type_keys(qtbot, "Bàn 2 chọn nhầm người trùng tên")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is dialog.pin
    type_keys(qtbot, "2468")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.dialog is None)

    (kept,) = station.live_check_ins(3)  # on disk before the screen says so
    assert (kept.device_id, kept.at[11:16]) == (station.device_id, "07:05")
    assert station.conflicts() == []
    assert panel.headline.text() == "Đã huỷ lượt ghi nhận của STT 3"
    assert (
        panel.body.text()
        == "Đã huỷ: 07:10 · Bàn 2 · máy " + other.device_id + ". Lượt ghi nhận còn lại được giữ nguyên."
    )
    qtbot.waitUntil(lambda: focused() is window.checkin.search_box)
    scan(qtbot, "07-0003")  # still voted, at this table's time, and no longer flagged
    qtbot.waitUntil(lambda: "07:05" in panel.headline.text())
    assert "⚠" not in panel.body.text()


def test_undo_of_a_voter_checked_in_once_shows_no_choice(qtbot: QtBot, window: MainWindow, station: Station) -> None:
    station.set_pin("2468")
    receipt = station.check_in(2)
    press(qtbot, Qt.Key.Key_U, CTRL_SHIFT)
    dialog = wait_for_dialog(qtbot, window, UndoDialog)
    assert focused() is dialog.list_no.edit
    type_keys(qtbot, "2")
    assert not dialog.chooser.isVisible() and dialog.chosen_check_in() == (station.device_id, receipt.seq)


def test_a_check_in_undone_meanwhile_elsewhere_is_refused_in_the_form(
    qtbot: QtBot, open_window: WindowFactory, station_factory: Callable[..., Station], clock: FakeClock
) -> None:
    station, other = station_factory(), station_factory("table-2")
    station.set_pin("2468")
    checked_in_at_two_tables(station, other, clock, 3)
    window = open_window(station)
    press(qtbot, Qt.Key.Key_U, CTRL_SHIFT)
    dialog = wait_for_dialog(qtbot, window, UndoDialog)
    assert not dialog.chooser.isVisible()  # no voter yet
    type_keys(qtbot, "3")
    assert dialog.chooser.isVisible()
    dialog.chooser.buttons[1].setChecked(True)
    dialog.reason.setText("nhầm")
    dialog.pin.setText("2468")
    later = station.live_check_ins(3)[1]
    station.undo_check_in(3, reason="đã xử lý", pin="2468", check_in=(later.device_id, later.seq))  # e.g. the CLI
    events = event_count(station)

    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(dialog.error.isVisible)
    assert (
        dialog.error.text() == "Lượt ghi nhận lúc 07:10 đã được huỷ trước đó (có thể ở bàn khác). Không có gì thay đổi."
    )
    assert event_count(station) == events and window.dialog is dialog
    assert [(r.device_id, r.at[11:16]) for r in station.live_check_ins(3)] == [(station.device_id, "07:05")]


def test_the_table_name_form_holds_no_more_than_the_ward_accepts(
    qtbot: QtBot, window: MainWindow, station: Station
) -> None:
    press(qtbot, Qt.Key.Key_T, CTRL)
    dialog = wait_for_dialog(qtbot, window, TableNameDialog)
    dialog.name.clear()
    dialog.name.setFocus()
    type_keys(qtbot, "Bàn 2 - " + "x" * (MAX_CLERK_LENGTH + 20))
    assert len(dialog.name.text()) == MAX_CLERK_LENGTH  # the field stops taking characters
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: window.dialog is None)
    assert station.clerk.startswith("Bàn 2 - ") and len(station.clerk) == MAX_CLERK_LENGTH


def test_a_station_without_a_ward_server_still_records_its_hourly_reports(
    window: MainWindow, station: Station, clock: FakeClock
) -> None:
    assert not window.sync.bridge.running  # never enrolled: no sync worker records them
    clock.moment = election_morning(9, 5)
    window.record_due_reports()  # what the status timer runs
    rows = station.db.conn.execute("SELECT json_extract(payload, '$.hour') FROM events WHERE kind = 'hourly_report'")
    assert [r[0] for r in rows] == ["07:00", "08:00", "09:00"]


def test_the_team_leader_takes_back_a_voting_elsewhere_mark_and_the_voter_votes(
    qtbot: QtBot, window: MainWindow, station: Station
) -> None:
    station.set_pin("2468")
    station.mark_voting_elsewhere(4, certificate="GCN-9")
    scan(qtbot, "07-0004")
    wait_for_mode(qtbot, window, Mode.OUTCOME)  # refused: votes elsewhere

    press(qtbot, Qt.Key.Key_B, CTRL_SHIFT)
    dialog = wait_for_dialog(qtbot, window, UnmarkElsewhereDialog)
    assert dialog.list_no.list_no() == 4  # the voter on screen
    assert dialog.ok_button.text() == "Gỡ bỏ đánh dấu"
    assert focused() is dialog.reason
    type_keys(qtbot, "đánh dấu nhầm dòng")
    press(qtbot, Qt.Key.Key_Tab)
    type_keys(qtbot, "2468")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.dialog is None)
    assert station.voter(4).status.value == "listed"  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: focused() is window.checkin.search_box)
    scan(qtbot, "07-0004")
    wait_for_mode(qtbot, window, Mode.CONFIRM)  # now the voter can be checked in
