"""The turnout view's ward panel, fed by the sync worker through the bridge (a real ward server on loopback).

Three stations on a ward server of the test's own (the overview lists every station of the ward):
the window's, and two laptops of other stations that check voters in and sync directly.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from clerk_app.rules import turnout_percent
from clerk_app.sync import link
from clerk_app.sync.worker import SyncConfig
from clerk_app.ui import messages
from clerk_app.ui.main_window import MainWindow
from clerk_app.ui.turnout_view import TurnoutWindow
from tests.support import FakeClock
from tests.sync.faultproxy import FaultProxy
from tests.sync.support import FAST_TIMEOUT, RestartableWard, enrolled_device
from tests.ui.helpers import press
from tests.ui.sync.support import (
    FAST,
    WAIT_MS,
    StationFactory,
    SyncWindowFactory,
    activate,
    check_in_by_card,
    chip_state,
    enrolled,
)

VOTERS = 2000  # each station's voters as the ward registered them (RestartableWard.add_station)
UNAVAILABLE = "Phường: chưa có số liệu (máy chủ phường chưa gửi)."


OtherStations = Callable[[dict[int, int]], None]


@pytest.fixture
def other_stations(tmp_path: Path, clock: FakeClock, own_ward: RestartableWard) -> OtherStations:
    def add(voted: dict[int, int]) -> None:
        """Laptops of other stations of the ward, each with ``voted[number]`` voters checked in, synced."""
        for number, count in voted.items():
            device = enrolled_device(
                tmp_path / f"station-{number}", clock, own_ward.url, own_ward.add_station(number), station_no=number
            )
            device.check_in(*range(1, count + 1))
            device.sync()
            device.station.close()

    return add


def open_turnout(qtbot: QtBot, window: MainWindow) -> TurnoutWindow:
    press(qtbot, Qt.Key.Key_F5)
    view = window.turnout_window
    assert view is not None
    qtbot.waitExposed(view)
    return view


def ward_text(view: TurnoutWindow) -> str:
    return view.ward.text.text()


def test_the_ward_panel_shows_the_wards_average_and_this_stations_place(
    qtbot: QtBot,
    sync_stations: StationFactory,
    sync_windows: SyncWindowFactory,
    own_ward: RestartableWard,
    other_stations: OtherStations,
) -> None:
    other_stations({2: 5, 3: 1})
    station = sync_stations("table-1", 1)
    store = enrolled(station, own_ward)
    for list_no in (1, 2, 3):
        station.check_in(list_no)
    window = sync_windows(station, store=store)
    view = open_turnout(qtbot, window)

    average = messages.percent(turnout_percent(3 + 5 + 1, 3 * VOTERS))
    qtbot.waitUntil(lambda: "bình quân" in ward_text(view), timeout=WAIT_MS)
    assert re.fullmatch(
        rf"Phường: bình quân {re.escape(average)}; khu vực bỏ phiếu này xếp thứ 2/3\. \(lúc \d\d:\d\d\)",
        ward_text(view),
    ), ward_text(view)
    standing = window.ward_standing() if window.ward_standing is not None else None
    assert standing is not None and standing.as_of is not None
    assert (standing.ward_turnout, standing.rank, standing.stations) == (0.15, 2, 3)
    assert ward_text(view).endswith(f"(lúc {messages.clock_time(standing.as_of)})")  # the ward's time of the figures


def test_a_new_standing_redraws_the_open_view_and_an_old_one_stays_with_its_time(
    qtbot: QtBot,
    sync_stations: StationFactory,
    sync_windows: SyncWindowFactory,
    own_ward: RestartableWard,
    other_stations: OtherStations,
) -> None:
    other_stations({2: 2})
    station = sync_stations("table-1", 1)
    window = sync_windows(station, store=enrolled(station, own_ward), config=_often(FAST))
    view = open_turnout(qtbot, window)
    qtbot.waitUntil(lambda: "xếp thứ 2/2" in ward_text(view), timeout=WAIT_MS)

    activate(qtbot, window)  # the keyboard back to the check-in window
    for list_no in (1, 2, 3):  # this station overtakes station 2: first, once the ward has the check-ins
        check_in_by_card(qtbot, window, list_no)
    qtbot.waitUntil(lambda: "xếp thứ 1/2" in ward_text(view), timeout=WAIT_MS)

    own_ward.kill()  # the ward is gone: the last figures stay, with the time the ward gave them
    qtbot.waitUntil(lambda: chip_state(window, "ward") == "stop", timeout=WAIT_MS)
    view.refresh()
    assert re.fullmatch(r"Phường: bình quân .*; khu vực bỏ phiếu này xếp thứ 1/2\. \(lúc \d\d:\d\d\)", ward_text(view))


def test_without_the_ward_the_panel_says_unavailable_and_the_window_never_waits(
    qtbot: QtBot,
    sync_stations: StationFactory,
    sync_windows: SyncWindowFactory,
    own_ward: RestartableWard,
) -> None:
    station = sync_stations("table-1", 1)
    store = enrolled(station, own_ward)
    with FaultProxy(own_ward.port) as proxy:
        # A ward that takes every call and answers too late: the worker is stuck in its calls,
        # each up to its read timeout, all through this test.
        proxy.mode, proxy.delay_s = "slow", 30.0
        link.save_link(station.db, link.WardLink(proxy.url, 1, None))
        # Enrolled and restored through the ward itself above: the proxy is only a slow way to it,
        # so this laptop does not wait for a restore (as it would after a real enrolment).
        link.mark_restored(station.db)
        window = sync_windows(station, store=store, config=SyncConfig(timeout=(0.5, 3.0), reports=None))
        view = open_turnout(qtbot, window)
        activate(qtbot, window)
        assert proxy.wait_for("GET", "/healthz", 1)  # the worker is in its first call now

        started = time.monotonic()
        check_in_by_card(qtbot, window, 1)
        view.refresh()
        assert window.ward_standing is not None and window.ward_standing() is None
        assert time.monotonic() - started < 2.5  # well under the worker's 3 s read timeout
        assert ward_text(view) == UNAVAILABLE

        qtbot.waitUntil(lambda: chip_state(window, "ward") == "stop", timeout=WAIT_MS)
        view.refresh()
        assert ward_text(view) == UNAVAILABLE


def _often(config: SyncConfig) -> SyncConfig:
    """The window's worker asks the ward for its overview every round (the app: every minute)."""
    return replace(config, ward_standing_s=0.0, timeout=FAST_TIMEOUT)
