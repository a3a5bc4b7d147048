"""List import, end to end: read and validate the file, import it into a fresh station.

The files are written by ``clerk_app.generate`` (CSV and XLSX in the ward's list format). The timed
span is ``read_list_file`` + ``Station.import_list`` on a station opened just before (empty);
after it the runner checks, untimed, that every voter is there and that search finds one.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from bench.data import CITY, ELECTION_DAY, STATION_NO, WARD, Workspace, open_station
from bench.stats import summary
from clerk_app.names import fold

if TYPE_CHECKING:
    from clerk_app.station import Station


@dataclass
class ImportRun:
    total_s: list[float] = field(default_factory=list)
    read_s: list[float] = field(default_factory=list)
    import_s: list[float] = field(default_factory=list)
    kept: Path | None = None  # the last imported station's folder, when asked to keep it

    def details(self, voters: int, file_bytes: int) -> dict[str, object]:
        return {
            "voters": voters,
            "file_bytes": file_bytes,
            "repeats": len(self.total_s),
            "total_s": summary(self.total_s),
            "read_list_file_s": summary(self.read_s),
            "import_list_s": summary(self.import_s),
        }


def write_list_file(ws: Workspace, size: int, fmt: str) -> Path:
    from clerk_app.generate import write_csv, write_xlsx

    rows = ws.rows(size)
    path = ws.fresh_dir(f"list-{fmt}-{size}") / f"kvbp-{STATION_NO:02d}-{size}.{fmt}"
    ws.progress(f"writing a {size:,}-row {fmt.upper()} list")
    writer = write_csv if fmt == "csv" else write_xlsx
    writer(rows, path, station_no=STATION_NO, ward=WARD, city=CITY)
    return path


def measure_import(ws: Workspace, path: Path, voters: int, repeats: int, *, keep_last: bool = False) -> ImportRun:
    """Import ``path`` ``repeats`` times, each into a fresh station; ``keep_last`` keeps the last one
    (the runner reuses it as the station of that size rather than import the same list again)."""
    from clerk_app.storage.listfile import read_list_file

    run = ImportRun()
    probe = fold(ws.rows(voters)[voters // 2].name)
    for n in range(repeats):
        ws.progress(f"  import {path.name} {n + 1}/{repeats}")
        data_dir = ws.fresh_dir("import")
        station = open_station(data_dir)
        try:
            start = time.perf_counter()
            parsed = read_list_file(path, election_day=ELECTION_DAY)
            read_done = time.perf_counter()
            station.import_list(parsed)
            done = time.perf_counter()
            _check_imported(station, voters, probe)
        finally:
            station.close()
        if keep_last and n == repeats - 1:
            run.kept = data_dir
        else:
            ws.remove(data_dir)
        run.total_s.append(done - start)
        run.read_s.append(read_done - start)
        run.import_s.append(done - read_done)
    return run


def _check_imported(station: Station, voters: int, probe: str) -> None:
    status = station.status()
    if status.voters != voters:
        raise RuntimeError(f"import left {status.voters} voters, expected {voters}")
    if not station.search(probe).voters:
        raise RuntimeError(f"imported list not searchable: no result for {probe!r}")
