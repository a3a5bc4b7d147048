"""Reading the ward's CSV of polling places for ``ward-server import-stations``.

UTF-8 (with or without a byte-order mark, as Excel and LibreOffice save it), a header row
naming the columns in any order: ``number`` and ``name`` are required; ``place``, ``address``,
``latitude``, ``longitude``, ``groups`` and ``contact`` may be left out or empty. ``groups`` is
one cell listing the residential groups, separated by commas or semicolons ("Tổ 1, Tổ 2").

Every problem in the file is collected (file, row as a spreadsheet numbers it, column, what is
wrong) and reported together, and nothing is imported unless there is none.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from ward_server.models import MAX_STATION
from ward_server.places import Place, PlaceError, check_pair, clean_text, parse_coordinate, parse_groups

COLUMNS = ("number", "name", "place", "address", "latitude", "longitude", "groups", "contact")
REQUIRED = ("number", "name")
MAX_ROWS = 5_000
MAX_BYTES = 5_000_000
T = TypeVar("T")


@dataclass(frozen=True)
class StationEntry:
    number: int
    name: str
    place: Place
    row: int  # where it came from, for messages


class StationsFileError(Exception):
    """The file cannot be imported; ``problems`` lists every reason, each naming file, row and column."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def read_stations_csv(path: Path) -> list[StationEntry]:
    name = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise StationsFileError([f"{name}: {exc.strerror or exc}"]) from exc
    if len(data) > MAX_BYTES:
        raise StationsFileError([f"{name}: {len(data)} bytes; a stations file is at most {MAX_BYTES}"])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise StationsFileError(
            [f"{name}, row {line}: not UTF-8 text (save the file as 'CSV UTF-8' and try again)"]
        ) from exc
    return _Reader(name).read(text)


class _Reader:
    def __init__(self, name: str) -> None:
        self.name = name
        self.problems: list[str] = []

    def problem(self, row: int, column: str | None, message: str) -> None:
        where = f"{self.name}, row {row}" + (f", column {column}" if column else "")
        self.problems.append(f"{where}: {message}")

    def read(self, text: str) -> list[StationEntry]:
        rows = _rows(text, self.name)
        header = next(rows, None)
        if header is None:
            raise StationsFileError([f"{self.name}: the file is empty; the first row must name the columns"])
        columns = self._header(header[1])
        entries: list[StationEntry] = []
        if columns is not None:
            for row_no, cells in rows:
                if len(entries) >= MAX_ROWS:
                    self.problem(row_no, None, f"more than {MAX_ROWS} stations")
                    break
                entry = self._row(row_no, cells, columns)
                if entry is not None:
                    entries.append(entry)
            self._check_unique(entries)
            if not entries and not self.problems:
                self.problems.append(f"{self.name}: no stations below the header row")
        if self.problems:
            raise StationsFileError(self.problems)
        return entries

    def _header(self, cells: list[str]) -> dict[str, int] | None:
        columns: dict[str, int] = {}
        for index, cell in enumerate(cells):
            title = cell.strip().lower()
            if not title:
                continue
            if title not in COLUMNS:
                self.problem(1, f"'{cell.strip()}'", f"unknown column; the columns are {', '.join(COLUMNS)}")
            elif title in columns:
                self.problem(1, title, "appears twice")
            else:
                columns[title] = index
        for required in REQUIRED:
            if required not in columns:
                self.problem(1, required, "missing: the header row must have number and name")
        return None if self.problems else columns

    def _row(self, row_no: int, cells: list[str], columns: dict[str, int]) -> StationEntry | None:
        if not any(c.strip() for c in cells):
            return None  # blank lines between blocks are common in hand-made sheets
        extra = [i for i in range(len(cells)) if i not in columns.values() and cells[i].strip()]
        if extra:
            self.problem(row_no, None, f"{len(cells)} cells, more than the header's columns")
            return None

        def cell(column: str) -> str:
            index = columns.get(column)
            return cells[index] if index is not None and index < len(cells) else ""

        before = len(self.problems)
        number = self._number(row_no, cell("number"))
        name = self._field(row_no, "name", lambda: clean_text("name", cell("name")))
        if name is None and len(self.problems) == before:
            self.problem(row_no, "name", "empty: every station needs a name")
        coordinates_before = len(self.problems)
        latitude = self._field(
            row_no, "latitude", lambda: parse_coordinate("latitude", cell("latitude"), latitude=True)
        )
        longitude = self._field(
            row_no, "longitude", lambda: parse_coordinate("longitude", cell("longitude"), latitude=False)
        )
        if len(self.problems) == coordinates_before:  # a bad value is one problem, not also a missing pair
            self._field(row_no, "latitude", lambda: check_pair(latitude, longitude, ("latitude", "longitude")))
        place = Place(
            place=self._field(row_no, "place", lambda: clean_text("place", cell("place"))),
            address=self._field(row_no, "address", lambda: clean_text("address", cell("address"))),
            latitude=latitude,
            longitude=longitude,
            groups=self._field(row_no, "groups", lambda: parse_groups("groups", cell("groups"))) or (),
            contact=self._field(row_no, "contact", lambda: clean_text("contact", cell("contact"))),
        )
        if len(self.problems) > before or number is None or name is None:
            return None
        return StationEntry(number, name, place, row_no)

    def _field(self, row_no: int, column: str, parse: Callable[[], T]) -> T | None:
        try:
            return parse()
        except PlaceError as exc:
            self.problem(row_no, exc.field, exc.message)
            return None

    def _number(self, row_no: int, text: str) -> int | None:
        value = text.strip()
        if not value:
            self.problem(row_no, "number", "empty: every station needs its number")
            return None
        if not value.isascii() or not value.isdigit() or not 1 <= int(value) <= MAX_STATION:
            self.problem(row_no, "number", f"'{value}' is not a station number (1-{MAX_STATION})")
            return None
        return int(value)

    def _check_unique(self, entries: list[StationEntry]) -> None:
        first_row: dict[int, int] = {}
        for entry in entries:
            if entry.number in first_row:
                self.problem(entry.row, "number", f"station {entry.number} is already on row {first_row[entry.number]}")
            else:
                first_row[entry.number] = entry.row


def _rows(text: str, name: str) -> Iterator[tuple[int, list[str]]]:
    """Rows with the line they start on (a quoted cell may span lines); a bad quote is a problem.

    Excel set to Vietnamese (decimal comma) saves "CSV" with semicolons between cells: the header
    row says which separator the file uses.
    """
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    while True:
        row_no = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise StationsFileError([f"{name}, row {row_no}: not readable as CSV ({exc})"]) from exc
        yield row_no, cells
