"""The runner's own data: generated voter lists and stations built from them, in one work folder.

Lists come from ``clerk_app.generate`` (the same generator as the demo and the tests), so the
figures are measured on names, birth years and ID numbers shaped like a real ward's.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from clerk_app.clock import CLOCK_VARIABLE, Clock, clock_from_setting
from clerk_app.model import ListRow, ParsedList

if TYPE_CHECKING:
    from clerk_app.station import Station

log = logging.getLogger("bench.data")

STATION_NO = 7
WARD = "phường Láng"
CITY = "thành phố Hà Nội"
PLACE_LINE = f"Khu vực bỏ phiếu số {STATION_NO:02d}, {WARD}, {CITY}"
ELECTION_DAY = date(2026, 3, 15)
SEED = 7
CLERK = "Bàn 1"
# The bench runs on a polling-day clock, so it measures the same at any hour of the real one (the
# polls open only from 05:00, and take check-ins only until 21:00): election day at 09:00 when the
# run starts, unless CLERK_APP_CLOCK is set. The app processes it starts get the same setting.
POLLING_START = f"{ELECTION_DAY.isoformat()}T09:00:00+07:00"

Progress = Callable[[str], None]


class Workspace:
    """One run's folder: generated lists cached by size, stations built once and reused."""

    def __init__(self, root: Path, progress: Progress) -> None:
        self.root = root
        self.progress = progress
        self._rows: dict[int, list[ListRow]] = {}
        self._stations: dict[int, Path] = {}
        self._count = 0

    def fresh_dir(self, prefix: str) -> Path:
        """A new empty folder under the run's root (on the same disk as every other figure)."""
        self._count += 1
        path = self.root / f"{prefix}-{self._count:03d}"
        path.mkdir(parents=True)
        return path

    def remove(self, path: Path) -> None:
        shutil.rmtree(path, ignore_errors=True)

    def rows(self, size: int) -> list[ListRow]:
        """A generated list of ``size`` voters (the same one every time within a run)."""
        if size not in self._rows:
            from clerk_app.generate import generate_voters

            self.progress(f"generating a list of {size:,} voters")
            self._rows[size] = generate_voters(size, seed=SEED, station_no=STATION_NO, ward=WARD, city=CITY)
        return self._rows[size]

    def forget_rows(self, size: int) -> None:
        """Drop a big list from memory once its station is built (the 1M list holds about a GB)."""
        self._rows.pop(size, None)

    def station_dir(self, size: int, *, open_polls: bool = True) -> Path:
        """A station data folder holding the generated list of ``size`` voters, polls open."""
        if size not in self._stations:
            path = self.fresh_dir(f"station-{size}")
            self.progress(f"building a station of {size:,} voters")
            station = open_station(path)
            try:
                station.import_list(parsed_list(self.rows(size)))
                if open_polls:
                    station.open_polls()
            finally:
                station.close()
            self._stations[size] = path
        return self._stations[size]

    def adopt_station(self, size: int, data_dir: Path, *, open_polls: bool = True) -> None:
        """Take a station already holding the generated list of ``size`` voters (an import's result)."""
        if size in self._stations:
            self.remove(data_dir)
            return
        if open_polls:
            station = open_station(data_dir)
            try:
                station.open_polls()
            finally:
                station.close()
        self._stations[size] = data_dir


@functools.cache
def polling_clock() -> Clock:
    return clock_from_setting(polling_setting())


def polling_setting() -> str:
    """CLERK_APP_CLOCK for the bench and the app processes it starts."""
    return os.environ.get(CLOCK_VARIABLE, "").strip() or POLLING_START


def open_station(data_dir: Path) -> Station:
    from clerk_app.station import Station

    return Station.open(data_dir, clock=polling_clock(), clerk=CLERK)


def parsed_list(rows: list[ListRow], path: str = "bench-generated") -> ParsedList:
    """A parsed list straight from generated rows (what read_list_file would return for them)."""
    digest = hashlib.sha256(f"{path}:{len(rows)}:{rows[0] if rows else ''}".encode()).hexdigest()
    return ParsedList(
        path=path,
        rows=rows,
        warnings=[],
        station_no=STATION_NO,
        ward=WARD,
        place_line=PLACE_LINE,
        content_sha256=digest,
    )
