"""Counting a station's voter list for add-station: the count is kept, the list is not.

The file is read with the station app's own reader (same formats, same checks), so the ward's
count matches what the station will import. Given the ward's where-do-I-vote key, each voter's
(ID number, birth year) is hashed as well (ward_server.where) and only the hashes come back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ward_server.errors import ListCountError
from ward_server.where import WhereList, hash_rows

ELECTION_DAY = date(2026, 3, 15)  # the reader checks ages on this day; only the count is used


@dataclass(frozen=True)
class ListCount:
    voters: int
    ward: str | None
    where: WhereList | None = None  # with a key: the list's where-do-I-vote entries


def count_list_voters(path: Path, station: int, where_key: bytes | None = None) -> ListCount:
    from clerk_app.errors import ClerkAppError
    from clerk_app.storage.listfile import read_list_file

    try:
        parsed = read_list_file(path, election_day=ELECTION_DAY)
    except ClerkAppError as exc:  # its message already names the file, row and column
        raise ListCountError(str(exc)) from exc
    except OSError as exc:
        raise ListCountError(f"{path}: {exc.strerror or exc}") from exc
    if parsed.station_no is not None and parsed.station_no != station:
        raise ListCountError(f"{path} is the list of station {parsed.station_no}, not {station}")
    entries = None
    if where_key is not None:
        entries = hash_rows(where_key, ((row.id_number, row.birth_year) for row in parsed.rows))
    return ListCount(voters=len(parsed.rows), ward=parsed.ward, where=entries)
