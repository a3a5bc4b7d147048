"""Fixtures of the sync UI tests: a real ward server on loopback, stations, windows that sync.

The ward server is ``tests.sync.support.running_ward``: the real ``python -m ward_server`` process,
one per module for the tests that never stop it (each test takes its own station number), one
per test for those that kill and restart it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from clerk_app.clock import now
from clerk_app.settings import TABLE_NAME, Settings
from clerk_app.station import Station
from clerk_app.sync.credentials import CredentialStore, InMemoryCredentialStore
from clerk_app.sync.worker import SyncConfig
from clerk_app.ui.app import build_main_window
from clerk_app.ui.main_window import MainWindow
from clerk_app.ui.sync_bridge import SyncOptions
from tests.support import FakeClock, election_morning, make_rows, parsed_list
from tests.sync.support import FAST_TIMEOUT, RestartableWard, running_ward
from tests.ui.sync.support import FAST, StationFactory, SyncWindowFactory, activate


@pytest.fixture(scope="module")
def ward(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RestartableWard]:
    """One ward server for the module's tests that never stop it."""
    with running_ward(Path(tmp_path_factory.mktemp("ui-ward"))) as server:
        yield server


@pytest.fixture
def own_ward(tmp_path: Path) -> Iterator[RestartableWard]:
    """A ward server this test alone uses, so it may kill and restart it."""
    with running_ward(tmp_path / "ward") as server:
        yield server


@pytest.fixture
def sync_stations(tmp_path: Path, clock: FakeClock) -> Iterator[StationFactory]:
    opened: list[Station] = []

    def make(name: str, number: int | None, *, clerk: str = "Bàn 1", polls_open: bool = True) -> Station:
        """A station in tmp_path/name with the small list for ``number`` (None: an empty folder)."""
        station = Station.open(tmp_path / name, clock=clock, clerk=clerk)
        opened.append(station)
        if number is not None:
            station.import_list(parsed_list(make_rows(), station_no=number))
        if number is not None and polls_open:
            clock.moment = max(clock.moment, election_morning(7, 0))
            station.open_polls()
        return station

    yield make
    for station in opened:
        station.close()


@pytest.fixture
def sync_windows(qtbot: QtBot, sync_stations: StationFactory) -> Iterator[SyncWindowFactory]:
    """Windows with a sync worker; closed (worker stopped, bounded) before their stations close."""
    made: list[MainWindow] = []

    def make(
        station: Station,
        *,
        store: CredentialStore | None = None,
        config: SyncConfig = FAST,
        wall_clock: Callable[[], datetime] = now,
    ) -> MainWindow:
        settings = Settings(station.data_dir)
        settings.set(TABLE_NAME, station.clerk)
        options = SyncOptions(
            store=store if store is not None else InMemoryCredentialStore(),
            config=config,
            wall_clock=wall_clock,
            enrol_timeout=FAST_TIMEOUT,
            stop_timeout_s=5.0,
        )
        window = build_main_window(station, settings, sync=options)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        activate(qtbot, window)
        made.append(window)
        return window

    yield make
    for window in made:
        window.close()
        assert not window.sync.bridge.running, "the sync worker did not stop"
