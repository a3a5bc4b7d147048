"""Who is on the list, with their group, gender and age band: the slow-changing half of turnout.

Reading it costs a scan of the voters table with an age computed per voter (about 10 ms for
4,000 voters on a station laptop), while it changes only when the list does: an import, a voter
added with a certificate, a voter marked as voting elsewhere (here or on another device of the
station, merged by sync). Each of those writes an event in the same transaction, so the index is
reused while the voters' count, the highest list number and the newest such event are unchanged;
it is also re-read after ``MAX_AGE_S`` whatever happens, so a change made some other way shows
within a minute.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date

from sqlite_utils import Database

from clerk_app.storage.voted import ON_LIST
from clerk_app.turnout import tally

LIST_EVENT_KINDS = ("list_imported", "voter_added", "voter_marked_elsewhere", "elsewhere_mark_undone")
MAX_AGE_S = 60.0

Category = tuple[str, str, str]  # (residential group, gender, age band); "" where unknown


@dataclass(frozen=True)
class ListIndex:
    version: tuple[object, ...]
    read_at: float  # time.monotonic() when read
    categories: list[Category]
    on_list: list[int]  # voters on the list per category
    category_of: dict[int, int] = field(repr=False)  # list_no -> index in categories
    added: int = 0  # voters added on the day


def list_version(db: Database, election_day: date) -> tuple[object, ...]:
    marks = ",".join("?" * len(LIST_EVENT_KINDS))
    row = db.conn.execute(
        "SELECT (SELECT count(*) FROM voters), (SELECT max(list_no) FROM voters),"
        f" (SELECT max(id) FROM events WHERE kind IN ({marks}))",
        LIST_EVENT_KINDS,
    ).fetchone()
    return (election_day.isoformat(), *row)


def read_list_index(db: Database, election_day: date, version: tuple[object, ...]) -> ListIndex:
    band, params = tally.age_band_sql(election_day)
    rows = db.conn.execute(
        f"SELECT v.list_no, v.grp, CASE WHEN v.gender IN ('Nam', 'Nữ') THEN v.gender ELSE '' END, {band},"
        f" v.status = 'added' FROM voters v WHERE {ON_LIST}",
        params,
    ).fetchall()
    index: dict[Category, int] = {}
    on_list: list[int] = []
    category_of: dict[int, int] = {}
    added = 0
    for list_no, grp, gender, age_band, is_added in rows:
        key = (grp, gender, age_band)
        position = index.get(key)
        if position is None:
            position = index[key] = len(on_list)
            on_list.append(0)
        on_list[position] += 1
        category_of[list_no] = position
        added += is_added
    return ListIndex(version, time.monotonic(), list(index), on_list, category_of, added)


class ListIndexCache:
    """One ListIndex kept between refreshes of the view (per connection's owner)."""

    def __init__(self) -> None:
        self._index: ListIndex | None = None

    def get(self, db: Database, election_day: date) -> ListIndex:
        version = list_version(db, election_day)
        index = self._index
        if index is None or index.version != version or time.monotonic() - index.read_at > MAX_AGE_S:
            index = self._index = read_list_index(db, election_day, version)
        return index
