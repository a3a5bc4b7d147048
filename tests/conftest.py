"""Shared fixtures: real station databases in tmp_path, a controllable clock, small lists."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

# The real window, without a screen: set before anything can import Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from clerk_app.model import ListRow
from clerk_app.station import Station
from tests.support import FakeClock, election_morning, make_rows, parsed_list


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(election_morning(6, 30))


@pytest.fixture
def station_factory(tmp_path: Path, clock: FakeClock) -> Iterator[Callable[..., Station]]:
    opened: list[Station] = []

    def factory(name: str = "station", rows: list[ListRow] | None = None, polls: str = "open") -> Station:
        """A station in tmp_path/name; polls is "open", "test", "not_open" or "empty" (no list)."""
        station = Station.open(tmp_path / name, clock=clock, clerk="Bàn 1")
        opened.append(station)
        if polls != "empty":
            station.import_list(parsed_list(rows if rows is not None else make_rows()))
        if polls == "open":
            clock.moment = election_morning(7, 0)
            station.open_polls()
        elif polls == "test":
            station.start_test_mode()
        return station

    yield factory
    for station in opened:
        station.close()


@pytest.fixture
def station(station_factory: Callable[..., Station]) -> Station:
    """A station with the small list imported and the polls open at 07:00 on election day."""
    return station_factory()
