"""Two tables (two laptops, two data folders, two windows) at one station, through the real ward server."""

from __future__ import annotations

import time
from functools import partial

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from clerk_app.ui.checkin_panel import Mode
from clerk_app.ui.main_window import MainWindow
from clerk_app.ui.outcome_panel import Refused
from clerk_app.ui.results_model import Column
from clerk_app.ui.sync_dialogs import ConflictsDialog
from tests.support import FakeClock, election_morning
from tests.sync.support import RestartableWard
from tests.ui.helpers import press, scan, type_keys, wait_for_dialog, wait_for_mode
from tests.ui.sync.support import (
    WAIT_MS,
    StationFactory,
    SyncWindowFactory,
    activate,
    check_in_by_card,
    chip,
    chip_state,
    next_station_no,
    two_tables,
)

SECONDS = 5_000  # "within seconds"


def is_unreachable(window: MainWindow) -> bool:
    return chip_state(window, "ward") == "stop"


def shows_conflicts(window: MainWindow) -> bool:
    return chip(window, "conflicts") != ""


def test_a_check_in_at_table_1_shows_as_voted_at_table_2_within_seconds(
    qtbot: QtBot,
    sync_stations: StationFactory,
    sync_windows: SyncWindowFactory,
    ward: RestartableWard,
    clock: FakeClock,
) -> None:
    number = next_station_no()
    _one, two, window_1, window_2 = two_tables(qtbot, sync_stations, sync_windows, ward, number)

    # Table 2: the results of a search show voter 1 not voted; the confirmation of voter 4 is open.
    activate(qtbot, window_2)
    type_keys(qtbot, "hoa 1960")
    qtbot.waitUntil(lambda: [v.list_no for v in window_2.checkin.results_model.voters()][:1] == [1])
    press(qtbot, Qt.Key.Key_Down)
    assert window_2.checkin.results_model.data(window_2.checkin.results_model.index(0, Column.VOTED)) == ""
    press(qtbot, Qt.Key.Key_Escape)
    scan(qtbot, f"{number:02d}-0004")
    wait_for_mode(qtbot, window_2, Mode.CONFIRM)

    # Table 1 checks in voters 1 and 4.
    activate(qtbot, window_1)
    clock.moment = election_morning(8, 12)
    check_in_by_card(qtbot, window_1, 1)
    check_in_by_card(qtbot, window_1, 4)
    started = time.monotonic()

    # Table 2: the open confirmation turns into "already voted" before anyone presses Enter...
    qtbot.waitUntil(lambda: isinstance(window_2.checkin.outcome_panel.outcome, Refused), timeout=SECONDS)
    outcome = window_2.checkin.outcome_panel.outcome
    assert isinstance(outcome, Refused) and outcome.reason == "already_checked_in"
    assert outcome.voter is not None and outcome.voter.list_no == 4
    assert window_2.checkin.outcome_panel.headline.text() == "ĐÃ BỎ PHIẾU lúc 08:12"
    assert time.monotonic() - started < SECONDS / 1000
    # ...and a search there shows voter 1 as voted, with table 1's time.
    activate(qtbot, window_2)
    type_keys(qtbot, "hoa 1960")
    model = window_2.checkin.results_model
    qtbot.waitUntil(lambda: [v.list_no for v in model.voters()][:1] == [1], timeout=SECONDS)  # searched
    assert model.data(model.index(0, Column.VOTED)) == "✓ 08:12"
    assert two.status().checked_in == 2 and two.status().unsent_events == 0  # other tables' events are not ours
    assert chip(window_2, "conflicts") == ""


def test_a_double_check_in_while_partitioned_is_flagged_on_both_screens(
    qtbot: QtBot,
    sync_stations: StationFactory,
    sync_windows: SyncWindowFactory,
    own_ward: RestartableWard,
    clock: FakeClock,
) -> None:
    number = next_station_no()
    one, two, window_1, window_2 = two_tables(qtbot, sync_stations, sync_windows, own_ward, number)

    own_ward.kill()  # the network is gone: each table works on, blind to the other
    activate(qtbot, window_1)
    clock.moment = election_morning(8, 12)
    check_in_by_card(qtbot, window_1, 2)
    activate(qtbot, window_2)
    clock.moment = election_morning(8, 14)
    check_in_by_card(qtbot, window_2, 2)
    for window in (window_1, window_2):
        qtbot.waitUntil(partial(is_unreachable, window), timeout=WAIT_MS)

    own_ward.start()
    marker = "⚠ 08:12 Bàn 1, 08:14 Bàn 2"
    for window in (window_1, window_2):
        qtbot.waitUntil(partial(shows_conflicts, window), timeout=WAIT_MS)
        assert chip(window, "conflicts") == "⚠ Ghi nhận trùng: 1"
        assert chip_state(window, "conflicts") == "stop"

    # Table 2: the voter's row carries both times and tables; opening the voter says it too.
    activate(qtbot, window_2)
    scan(qtbot, f"{number:02d}-0002")
    qtbot.waitUntil(lambda: isinstance(window_2.checkin.outcome_panel.outcome, Refused), timeout=WAIT_MS)
    panel = window_2.checkin.outcome_panel
    assert panel.headline.text() == "ĐÃ BỎ PHIẾU lúc 08:12"  # the earliest check-in counts
    assert "⚠ Đã ghi nhận ở 2 bàn: 08:12 Bàn 1, 08:14 Bàn 2" in panel.body.text()
    press(qtbot, Qt.Key.Key_Escape)
    type_keys(qtbot, "hoa 1948")
    model = window_2.checkin.results_model
    qtbot.waitUntil(lambda: model.voters()[:1] != [] and model.voters()[0].list_no == 2, timeout=WAIT_MS)
    assert model.data(model.index(0, Column.VOTED)) == marker
    assert str(model.data(model.index(0, Column.VOTED), Qt.ItemDataRole.ToolTipRole)).startswith(
        "⚠ Đã ghi nhận ở 2 bàn"
    )

    # The team leader's list.
    press(qtbot, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = wait_for_dialog(qtbot, window_2, ConflictsDialog)
    table = dialog.table
    assert table.rowCount() == 1
    row = [table.item(0, column).text() for column in range(3)]  # type: ignore[union-attr]
    assert row == ["2", "Nguyễn Thị Hoa", "08:12 Bàn 1, 08:14 Bàn 2"]
    dialog.accept()
    assert one.status().checked_in == two.status().checked_in == 1  # counted once on each table
    assert own_ward.turnout(number)["checked_in"] == 1
