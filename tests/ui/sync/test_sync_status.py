"""Sync in the check-in window, against the real ward server: enrol, status bar, Sync now, outages.

Interface in Vietnamese (the default), as the clerks see it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from clerk_app.clock import now
from clerk_app.sync.credentials import InMemoryCredentialStore, KeyringCredentialStore
from clerk_app.sync.worker import SyncConfig
from clerk_app.ui.dialogs import InfoDialog
from clerk_app.ui.sync_dialogs import EnrolDialog
from tests.support import FakeClock, election_morning
from tests.sync.file_keyring import ENV_FILE, FileKeyring
from tests.sync.support import FAST_TIMEOUT, Device, RestartableWard
from tests.ui.helpers import press, type_keys, wait_for_dialog
from tests.ui.sync.support import (
    WAIT_MS,
    StationFactory,
    SyncWindowFactory,
    check_in_by_card,
    chip,
    chip_state,
    enrolled,
    next_station_no,
    wait_connected,
    waiting,
)
from tests.ward_server.support import free_port


@pytest.fixture
def use_keyring(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[KeyringBackend], None]]:
    """Choose the machine's keyring backend for this test; the previous one comes back after.

    The test-only FileKeyring (tests/sync/file_keyring.py) keeps its file in tmp_path.
    """
    monkeypatch.setenv(ENV_FILE, str(tmp_path / "keyring.json"))
    previous = keyring.get_keyring()
    yield keyring.set_keyring
    keyring.set_keyring(previous)


def test_enrol_through_the_dialog_then_check_ins_reach_the_ward(
    qtbot: QtBot, sync_stations: StationFactory, sync_windows: SyncWindowFactory, ward: RestartableWard
) -> None:
    number = next_station_no()
    station = sync_stations("table-1", number)
    store = InMemoryCredentialStore()
    window = sync_windows(station, store=store)
    assert chip(window, "ward") == "Chưa kết nối máy chủ phường"
    assert chip_state(window, "ward") == "off"
    assert not window.sync.bridge.running  # no worker for a station that is not enrolled

    code = ward.add_station(number)
    press(qtbot, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = wait_for_dialog(qtbot, window, EnrolDialog)
    assert dialog.station_no.text() == str(number) and dialog.station_no.isReadOnly()  # the list decides
    type_keys(qtbot, ward.url)  # the keyboard starts in the address field
    press(qtbot, Qt.Key.Key_Tab)
    type_keys(qtbot, code)
    press(qtbot, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: window.dialog is None, timeout=WAIT_MS)  # accepted: enrolled
    assert store.load(station.device_id) is not None  # the secret went to the credential store
    wait_connected(qtbot, window)
    assert chip(window, "ward") == "Phường: đã kết nối" and window.sync.bridge.running
    assert window.checkin.outcome_panel.headline.text() == f"Đã kết nối máy chủ phường: khu vực {number:02d}"

    check_in_by_card(qtbot, window, 3)
    check_in_by_card(qtbot, window, 5)
    qtbot.waitUntil(lambda: waiting(window) == "Chờ gửi: 0", timeout=WAIT_MS)
    assert ward.turnout(number)["checked_in"] == 2
    assert re.fullmatch(r"Đồng bộ \d\d:\d\d", chip(window, "last_sync"))
    assert chip(window, "clock") == "" and chip(window, "conflicts") == ""


def test_enrol_failures_are_said_plainly_and_the_clerk_can_retry(
    qtbot: QtBot,
    sync_stations: StationFactory,
    sync_windows: SyncWindowFactory,
    ward: RestartableWard,
    use_keyring: Callable[[KeyringBackend], None],
) -> None:
    number = next_station_no()
    station = sync_stations("table-1", number)
    window = sync_windows(station, store=KeyringCredentialStore())  # the real OS-keyring path
    code = ward.add_station(number)
    window.menu_actions["connect_ward"].trigger()
    dialog = wait_for_dialog(qtbot, window, EnrolDialog)

    def attempt(url: str, typed_code: str) -> str:
        dialog.url.setText(url)
        dialog.code.setText(typed_code)
        dialog.ok_button.click()
        qtbot.waitUntil(lambda: not dialog.busy and dialog.error.isVisible(), timeout=WAIT_MS)
        assert window.dialog is dialog  # still open: the clerk corrects and tries again
        return dialog.error.text()

    use_keyring(fail.Keyring())  # type: ignore[no-untyped-call]  # a machine whose keyring keeps nothing
    text = attempt(ward.url, code)
    assert text.startswith("Máy tính này không có kho lưu khoá bảo mật")
    assert "Chưa có gì được lưu và mã đăng ký chưa bị dùng" in text

    dialog.url.setText("phuong-lang")
    dialog.ok_button.click()
    assert dialog.error.text().startswith("Ghi địa chỉ máy chủ phường")  # checked before any network call

    use_keyring(FileKeyring())  # type: ignore[no-untyped-call]  # the test-only stand-in for a working keyring
    text = attempt(f"http://127.0.0.1:{free_port()}", code)
    assert text.startswith("Máy chủ phường không trả lời tại http://127.0.0.1:")
    text = attempt(ward.url, "not-the-code")
    assert text.startswith("Máy chủ phường từ chối mã đăng ký")
    assert not window.sync.bridge.enrolled() and not window.sync.bridge.running

    dialog.code.setText(code)  # the code the missing keyring did not spend
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: window.dialog is None, timeout=WAIT_MS)
    assert window.sync.bridge.running
    wait_connected(qtbot, window)


def test_a_new_laptop_without_a_list_is_told_to_import_it(
    qtbot: QtBot,
    sync_stations: StationFactory,
    sync_windows: SyncWindowFactory,
    ward: RestartableWard,
    clock: FakeClock,
) -> None:
    number = next_station_no()
    table_1 = sync_stations("table-1", number)
    device = Device(table_1, enrolled(table_1, ward))
    device.check_in(2)
    device.sync()  # table 1's events are at the ward before the new laptop arrives

    fresh = sync_stations("replacement", None, clerk="Bàn 2")
    window = sync_windows(fresh)
    window.menu_actions["connect_ward"].trigger()
    dialog = wait_for_dialog(qtbot, window, EnrolDialog)
    assert dialog.station_no.text() == "" and not dialog.station_no.isReadOnly()  # no list: typed
    dialog.url.setText(ward.url)
    dialog.code.setText(ward.add_station(number))
    dialog.ok_button.click()
    assert dialog.error.text() == "Nhập số khu vực bỏ phiếu."
    dialog.station_no.setText(str(number))
    dialog.ok_button.click()

    info = wait_for_dialog(qtbot, window, InfoDialog)
    assert "chưa có danh sách cử tri" in info.text.text() and "Ctrl+O" in info.text.text()
    assert window.sync.bridge.running
    assert re.search(r"Đã nhận [1-9]\d* sự kiện", window.checkin.outcome_panel.body.text())
    wait_connected(qtbot, window)
    info.accept()


def test_sync_now_sends_at_once(
    qtbot: QtBot, sync_stations: StationFactory, sync_windows: SyncWindowFactory, ward: RestartableWard
) -> None:
    number = next_station_no()
    station = sync_stations("table-1", number)
    store = enrolled(station, ward)
    slow = SyncConfig(timeout=FAST_TIMEOUT, pull_interval_s=60.0, reports=None)  # no round of its own
    window = sync_windows(station, store=store, config=slow)
    wait_connected(qtbot, window)

    station.check_in(4)  # as the command line would: the window's own check-ins are sent at once anyway
    window.refresh_status()
    assert waiting(window) == "Chờ gửi: 1" and ward.turnout(number)["checked_in"] == 0

    press(qtbot, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: ward.turnout(number)["checked_in"] == 1, timeout=5_000)
    qtbot.waitUntil(lambda: waiting(window) == "Chờ gửi: 0", timeout=5_000)
    # "Đang đồng bộ…" goes with the worker's answer, which may land just after the count
    qtbot.waitUntil(lambda: window.status_bar.busy.text() == "", timeout=5_000)


def test_sync_now_without_a_ward_says_how_to_connect(
    qtbot: QtBot, sync_stations: StationFactory, sync_windows: SyncWindowFactory
) -> None:
    window = sync_windows(sync_stations("table-1", next_station_no()))
    press(qtbot, Qt.Key.Key_F9)
    assert window.checkin.outcome_panel.headline.text() == "Chưa kết nối máy chủ phường"
    assert "Ctrl+Shift+W" in window.checkin.outcome_panel.body.text()


def test_a_clock_three_minutes_slow_is_flagged_with_the_offset(
    qtbot: QtBot, sync_stations: StationFactory, sync_windows: SyncWindowFactory, ward: RestartableWard
) -> None:
    station = sync_stations("table-1", next_station_no())
    store = enrolled(station, ward)

    def three_minutes_slow() -> datetime:
        return now() - timedelta(minutes=3)

    window = sync_windows(station, store=store, wall_clock=three_minutes_slow)
    qtbot.waitUntil(lambda: chip(window, "clock") != "", timeout=WAIT_MS)
    text = chip(window, "clock")
    assert text == "⚠ Đồng hồ chậm 3 phút"
    assert chip_state(window, "clock") == "warn"
    status = window.sync.bridge.status
    assert status is not None and status.clock_offset_s is not None and 170 < status.clock_offset_s < 190
    assert "chỉnh lại giờ" in window.status_bar.sync.labels["clock"].toolTip()


def test_ward_down_check_in_goes_on_and_the_waiting_count_grows(
    qtbot: QtBot,
    sync_stations: StationFactory,
    sync_windows: SyncWindowFactory,
    own_ward: RestartableWard,
    clock: FakeClock,
) -> None:
    number = next_station_no()
    station = sync_stations("table-1", number)
    window = sync_windows(station, store=enrolled(station, own_ward))
    wait_connected(qtbot, window)

    own_ward.kill()
    clock.moment = election_morning(9, 0)
    check_in_by_card(qtbot, window, 1)  # check-in never waits for the network
    qtbot.waitUntil(lambda: chip(window, "ward") == "Phường: MẤT KẾT NỐI", timeout=WAIT_MS)
    assert chip_state(window, "ward") == "stop"
    assert "vẫn tiếp tục" in window.status_bar.sync.labels["ward"].toolTip()
    qtbot.waitUntil(lambda: waiting(window) == "Chờ gửi: 1", timeout=WAIT_MS)
    check_in_by_card(qtbot, window, 2)
    qtbot.waitUntil(lambda: waiting(window) == "Chờ gửi: 2", timeout=WAIT_MS)
    assert window.status_bar.unsent.property("state") == "warn"  # amber: waiting and out of reach

    own_ward.start()
    qtbot.waitUntil(lambda: waiting(window) == "Chờ gửi: 0", timeout=WAIT_MS)
    # The waiting count is read from the station's own file; the chip follows when the sync
    # round that emptied the outbox finishes its pull and publishes, a moment later.
    qtbot.waitUntil(lambda: chip(window, "ward") == "Phường: đã kết nối", timeout=WAIT_MS)
    assert own_ward.turnout(number)["checked_in"] == 2
    assert window.status_bar.unsent.property("state") == ""
