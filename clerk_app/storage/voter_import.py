"""Applying a parsed voter list to the station database, by the rules of the day.

Before polls open a changed list replaces the old one; after they open, rows are only added.
Re-importing the same content changes nothing. Any conflict refuses the whole file.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlite_utils import Database

from clerk_app.errors import ListFileRefused, ListProblem
from clerk_app.idhash import IdHasher
from clerk_app.model import ListRow, ParsedList
from clerk_app.names import fold
from clerk_app.storage import search_index
from clerk_app.storage.elsewhere import own_certificate, standing_marks_by_voter
from clerk_app.storage.eventlog import EventKind, append_event
from clerk_app.storage.meta import get_meta, set_meta
from clerk_app.translatable import QT_TRANSLATE_NOOP

VOTER_COLUMNS = (
    "list_no, name, name_key, birth, birth_year, birth_date, gender, ethnicity, residence,"
    " temp_residence, id_hash, id_last4, grp, ballot_national, ballot_city, ballot_ward,"
    " status, note, certificate, source_row, row_sha256"
)
_PLACEHOLDERS = ", ".join("?" * len(VOTER_COLUMNS.split(",")))
_ROWS_PER_INSERT = 500  # 21 columns x 500 stays far below SQLite's 32,766 bound variables


@dataclass(frozen=True)
class ImportResult:
    action: str  # "created", "replaced", "added", "unchanged"
    voters: int  # on the list after the import
    added: int  # rows inserted by this import
    warnings: list[ListProblem] = field(default_factory=list)  # the file's, then ``found``
    found: list[ListProblem] = field(default_factory=list)  # what only applying the list could find


def row_sha256(row: ListRow) -> str:
    """A fingerprint of what the row says, to tell a changed row on a later import."""
    fields = (
        row.list_no, row.name, row.birth, row.gender, row.ethnicity, row.residence,
        row.temp_residence, row.id_number, row.group, row.ballots.national, row.ballots.city,
        row.ballots.ward, row.note,
    )  # fmt: skip
    # Unit separator between fields: it cannot occur in a cleaned cell, so the join is unambiguous.
    return hashlib.sha256("\x1f".join(map(str, fields)).encode("utf-8")).hexdigest()


def voter_record(row: ListRow, id_hash: IdHasher, status: str = "listed", certificate: str = "") -> tuple[Any, ...]:
    return (
        row.list_no,
        row.name,
        fold(row.name),
        row.birth,
        row.birth_year,
        row.birth_date.isoformat() if row.birth_date else None,
        row.gender,
        row.ethnicity,
        row.residence,
        row.temp_residence,
        id_hash(row.id_number) if row.id_number else None,
        row.id_number[-4:] if row.id_number else None,
        row.group,
        int(row.ballots.national),
        int(row.ballots.city),
        int(row.ballots.ward),
        status,
        row.note,
        certificate,
        row.source_row,
        row_sha256(row),
    )


def insert_voters(db: Database, records: Iterable[tuple[Any, ...]]) -> None:
    # Many rows per INSERT: with executemany, SQLite 3.40's FTS5 flushes its index to disk
    # after every one-row statement, which made a 40,000-voter import twice as slow.
    for chunk in _chunks(records):
        values = ", ".join([f"({_PLACEHOLDERS})"] * len(chunk))
        flat = [value for record in chunk for value in record]
        db.conn.execute(f"INSERT INTO voters ({VOTER_COLUMNS}) VALUES {values}", flat)


def _chunks(records: Iterable[tuple[Any, ...]]) -> Iterator[tuple[tuple[Any, ...], ...]]:
    iterator = iter(records)
    while chunk := tuple(itertools.islice(iterator, _ROWS_PER_INSERT)):
        yield chunk


def apply_list(
    db: Database,
    parsed: ParsedList,
    *,
    polls_opened: bool,
    device_id: str,
    at: datetime,
    id_hash: IdHasher,
    polls_closed: bool = False,
) -> ImportResult:
    """Import inside the caller's write transaction; raise ListFileRefused to roll it all back."""
    if polls_closed:  # the closing recorded the voters on the list: it no longer changes
        closed = QT_TRANSLATE_NOOP("ListProblem", "the polls are closed: the list can no longer change")
        raise ListFileRefused([ListProblem(parsed.path, None, None, closed)])
    if get_meta(db, "list_sha256") == parsed.content_sha256:
        count = db.conn.execute("SELECT count(*) FROM voters").fetchone()[0]
        return ImportResult("unchanged", count, 0, list(_problems(parsed.warnings)))
    # After opening, voters may already be checked in against the list: it only grows.
    result = _add_new_rows(db, parsed, id_hash) if polls_opened else _replace_list(db, parsed, id_hash)
    if not result.found or result.action != "added":
        # An add-only import that found the file differing from the list in use leaves that list
        # as it was: the same file again is not "unchanged", and says so again.
        set_meta(db, "list_sha256", parsed.content_sha256)
    append_event(
        db,
        device_id=device_id,
        kind=EventKind.LIST_IMPORTED,
        at=at,
        payload={"action": result.action, "voters": result.voters, "added": result.added},
    )
    return result


def _problems(items: Iterable[object]) -> Iterable[ListProblem]:
    return (p for p in items if isinstance(p, ListProblem))


def _replace_list(db: Database, parsed: ParsedList, id_hash: IdHasher) -> ImportResult:
    had_list = db.conn.execute("SELECT count(*) FROM voters").fetchone()[0] > 0
    marked_rows = dict(db.conn.execute("SELECT list_no, row_sha256 FROM voters WHERE status = 'elsewhere'").fetchall())
    # Only test-mode check-ins can exist before polls open; a new list makes them meaningless.
    db.conn.execute("DELETE FROM checkins")
    with search_index.bulk_load(db):  # the whole list: the search index built once, after it
        db.conn.execute("DELETE FROM voters")
        insert_voters(db, (voter_record(r, id_hash) for r in parsed.rows))
    found = _keep_elsewhere_marks(db, parsed, marked_rows)
    action = "replaced" if had_list else "created"
    return ImportResult(action, len(parsed.rows), len(parsed.rows), [*_problems(parsed.warnings), *found], found)


def _keep_elsewhere_marks(db: Database, parsed: ParsedList, marked_rows: dict[int, str]) -> list[ListProblem]:
    """Voters marked as voting elsewhere (allowed before the polls open) stay marked in the new
    list: the mark is an event by list number, which this station's other devices and the ward
    hold too, so a replaced list must not let that voter vote here. Where the new list says
    something else on that row, the team leader is told to check it."""
    marks = [(list_no, own_certificate(db, keys)) for list_no, keys in standing_marks_by_voter(db).items()]
    for list_no, certificate in marks:
        db.conn.execute(
            # A foreign mark has no certificate here ('' or NULL): it keeps this device's own.
            "UPDATE voters SET status = 'elsewhere', certificate = coalesce(nullif(?, ''), certificate)"
            " WHERE list_no = ?",
            (certificate, list_no),
        )
    new_rows = dict(db.conn.execute("SELECT list_no, row_sha256 FROM voters WHERE status = 'elsewhere'").fetchall())
    warnings = []
    for list_no in sorted({n for n, _ in marks}):
        dropped = list_no not in new_rows
        if dropped or new_rows[list_no] != marked_rows.get(list_no, new_rows[list_no]):
            warnings.append(_changed_mark_warning(parsed, list_no, listed=not dropped))
    return warnings


def _changed_mark_warning(parsed: ParsedList, list_no: int, listed: bool) -> ListProblem:
    if listed:
        template = QT_TRANSLATE_NOOP(
            "ListProblem", "STT {value} was marked as voting elsewhere and stays so, but this list changes that row"
        )
    else:
        template = QT_TRANSLATE_NOOP(
            "ListProblem", "STT {value} was marked as voting elsewhere and is not on this list"
        )
    return ListProblem(parsed.path, None, "STT", template, {"value": list_no})


def _add_new_rows(db: Database, parsed: ParsedList, id_hash: IdHasher) -> ImportResult:
    existing = {
        list_no: (sha, status)
        for list_no, sha, status in db.conn.execute("SELECT list_no, row_sha256, status FROM voters")
    }
    added_on_the_day = {  # marked as voting elsewhere since, some of them
        list_no
        for (list_no,) in db.conn.execute(
            "SELECT list_no FROM events WHERE kind = ? AND list_no IS NOT NULL", (EventKind.VOTER_ADDED.value,)
        )
    }
    errors: list[ListProblem] = []
    warnings = list(_problems(parsed.warnings))
    new_rows: list[ListRow] = []
    changed = 0
    for row in parsed.rows:
        known = existing.get(row.list_no)
        if known is None:
            new_rows.append(row)
        elif known[1] == "added" or (known[1] == "elsewhere" and row.list_no in added_on_the_day):
            errors.append(
                ListProblem(
                    parsed.path,
                    row.source_row,
                    "STT",
                    QT_TRANSLATE_NOOP("ListProblem", "STT {value} is already taken by a voter added on the day"),
                    {"value": row.list_no},
                )
            )
        elif known[0] != row_sha256(row):
            changed += 1
    if errors:
        raise ListFileRefused(errors)
    in_file = {row.list_no for row in parsed.rows}
    missing = sum(1 for list_no, (_, status) in existing.items() if status == "listed" and list_no not in in_file)
    left_out = QT_TRANSLATE_NOOP(
        "ListProblem",
        "{count} voters of the list in use are not in this file; polls are open, so they stay on the list",
    )
    differ = QT_TRANSLATE_NOOP(
        "ListProblem", "{count} voters differ from the list in use; polls are open, so only new rows were added"
    )
    found = [
        ListProblem(parsed.path, None, None, template, {"count": count})
        for template, count in ((left_out, missing), (differ, changed))
        if count
    ]
    insert_voters(db, (voter_record(r, id_hash) for r in new_rows))
    total = db.conn.execute("SELECT count(*) FROM voters").fetchone()[0]
    return ImportResult("added", total, len(new_rows), warnings + found, found)
