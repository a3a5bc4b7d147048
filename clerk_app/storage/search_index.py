"""The full-text index behind voter search (owned by the search module).

One FTS5 table, ``voters_fts``, whose rowid is the list number, with four columns derived from the
``voters`` row entirely in SQL by triggers, so every writer of ``voters`` (import, add on the day,
marking a voter removed) keeps the index right without knowing it exists:

- ``name``: the folded name (``voters.name_key``), every word;
- ``given``: its last word, the given name people are called by (ranking prefers it), as ``g_hung``;
- ``initials``: the first letter of each word as one token, ``i_nvh`` for "nguyen van hung";
- ``birth``: the birth year and its last two digits ("1958 58"), so "hung 58" narrows inside FTS5.

FTS5 keeps one doclist per term whatever the column, and a column filter only skips entries while
reading it: ``given : "thi"`` would walk every Thị on the list to find the few people called Thị.
The ``g_`` and ``i_`` marks (``_`` is a token character here, and never part of a folded name)
give given names and initials doclists of their own, as short as the matches.

Removed voters are left out of the index: search never shows them, and no query pays to skip them.

The table keeps its own copy of these values (not contentless, not external content): an entry is
then deleted by rowid alone, never by recomputing what was indexed, so a later version may change
how the columns are derived without corrupting entries written by this one. The copy costs about
4 MB per 100,000 voters (the index itself about 16 MB).

For bulk writers: SQLite opens a statement savepoint for each INSERT into ``voters`` (it has
triggers), and FTS5 3.40 writes its pending terms to disk at every savepoint. ``executemany`` of
one row per statement therefore makes the index cost about three times more than inserting a few
hundred rows per statement (multi-row VALUES, or INSERT ... SELECT).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlite_utils import Database

TABLE = "voters_fts"

# Prefix indexes make "nguy*" one stored term, read lazily, instead of a merge of every term that
# starts so (the whole "nguyen" doclist, a third of any list, on every keystroke). Vietnamese words
# have at most seven letters and few have more than six: 1-6 covers nearly every prefix typed.
_PREFIX_LENGTHS = "1 2 3 4 5 6"

# Column ordering matters to the search module's queries only by name.
_COLUMNS = ("name", "given", "initials", "birth")

# What the search module puts before a word it looks for in each column (see the module docstring).
TOKEN_MARKS = {"name": "", "given": "g_", "initials": "i_", "birth": ""}


def _derived_values(row: str) -> str:
    """SQL for the four indexed values of ``row`` ("new" or "old"), computed from ``voters`` columns."""
    key = f"trim({row}.name_key)"
    # Text after the last space: rtrim drops the trailing run of non-space characters, which is
    # the last word, and what it leaves tells where that word starts.
    given = f"'{TOKEN_MARKS['given']}' || substr({key}, length(rtrim({key}, replace({key}, ' ', ''))) + 1)"
    # SQL has no split: json_quote makes the key a JSON string (escaping anything odd) and turning
    # each space into '","' makes a JSON array of its words.
    word_array = f"'[' || replace(json_quote({key}), ' ', '\",\"') || ']'"
    initials = (
        f"'{TOKEN_MARKS['initials']}' || (SELECT group_concat(substr(value, 1, 1), '') FROM json_each({word_array}))"
    )
    year = f"{row}.birth_year"
    birth = f"CASE WHEN {year} IS NULL THEN NULL ELSE {year} || ' ' || printf('%02d', {year} % 100) END"
    return f"{row}.list_no, {key}, {given}, {initials}, {birth}"


def _index_row_sql(row: str) -> str:
    columns = ", ".join(_COLUMNS)
    return f"INSERT INTO {TABLE} (rowid, {columns}) SELECT {_derived_values(row)} WHERE {row}.status <> 'removed';"


def _bulk_triggers(if_not_exists: str = "") -> tuple[str, str]:
    """The insert and delete triggers: the ones a whole-list load (bulk_load) does without."""
    inserted = f"""
        CREATE TRIGGER {if_not_exists}{TABLE}_ai AFTER INSERT ON voters BEGIN
            DELETE FROM {TABLE} WHERE rowid = new.list_no;
            {_index_row_sql("new")}
        END
        """
    deleted = f"""
        CREATE TRIGGER {if_not_exists}{TABLE}_ad AFTER DELETE ON voters BEGIN
            DELETE FROM {TABLE} WHERE rowid = old.list_no;
        END
        """
    return inserted, deleted


def create(db: Database) -> None:
    """Create the index and the triggers that maintain it (called by the first schema migration)."""
    db.execute(
        f"""
        CREATE VIRTUAL TABLE {TABLE} USING fts5(
            {", ".join(_COLUMNS)},
            tokenize = "unicode61 remove_diacritics 2 tokenchars '_'",
            prefix = '{_PREFIX_LENGTHS}',
            detail = full,
            columnsize = 0
        )
        """
    )
    # INSERT OR REPLACE (and UPDATE OR REPLACE of list_no) delete the voter they replace without
    # firing the delete trigger: so the insert and update triggers clear the entry at the new rowid
    # themselves, which matters when the new row is not indexed (a removed voter).
    for sql in _bulk_triggers():
        db.execute(sql)
    db.execute(
        f"""
        CREATE TRIGGER {TABLE}_au AFTER UPDATE OF list_no, name_key, birth_year, status ON voters BEGIN
            DELETE FROM {TABLE} WHERE rowid = old.list_no;
            DELETE FROM {TABLE} WHERE rowid = new.list_no;
            {_index_row_sql("new")}
        END
        """
    )


def rebuild(db: Database) -> None:
    """Index every voter afresh, in the caller's transaction.

    A repair tool: the triggers keep the index right day to day.
    """
    columns = ", ".join(_COLUMNS)
    db.conn.execute(f"DELETE FROM {TABLE}")
    db.conn.execute(
        f"INSERT INTO {TABLE} (rowid, {columns}) SELECT {_derived_values('voters')} "
        "FROM voters WHERE voters.status <> 'removed'"
    )


@contextmanager
def bulk_load(db: Database) -> Iterator[None]:
    """Around a writer that deletes and inserts a whole list, in the caller's transaction: the
    insert and delete triggers are left out for the load and the index is built once from the
    table after it (rebuild), about 0.3 s less for 40,000 voters than row by row (docs/benchmarks.md).

    Whatever happens, the triggers are back when the block ends: recreated here, and DROP and
    CREATE are both part of the caller's transaction, so a rollback keeps them too.
    """
    if not db.conn.in_transaction:
        raise RuntimeError("bulk_load needs the caller's write transaction")
    db.conn.execute(f"DROP TRIGGER {TABLE}_ai")
    db.conn.execute(f"DROP TRIGGER {TABLE}_ad")
    try:
        yield
        rebuild(db)
    finally:
        for sql in _bulk_triggers("IF NOT EXISTS "):
            db.conn.execute(sql)
