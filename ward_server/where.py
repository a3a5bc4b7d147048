"""Where do I vote: a keyed hash of (ID number, birth year) → station, never the ID itself.

When the ward registers a station's list (``add-station N --voters FILE``), every voter with an
ID number and a birth year becomes one ``where_index`` row: BLAKE2b keyed with the ward's secret
over ``"<12 digits>|<year>"``, and the station number. A voter asking gives the same two things
and gets the station, or nothing. Neither the ID, the birth year nor the name is kept.

Why a key, and why in a file: the 12-digit IDs are a small space (province, century and sex,
birth year, six digits), which anyone holding unkeyed hashes could simply enumerate. So the key
is 32 random bytes in ``where.key`` beside ``ward.db`` (owner-only permissions), not in the
database: a copy of ward.db alone (a backup, a file sent for support) cannot be searched. Back
the two up together. ``meta.where_key_check`` holds a fingerprint of the key the index was made
with, so a lost or replaced key file is noticed (see ``replace_station_entries`` and ``KeyCache``).
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import secrets
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger("ward_server.where")

KEY_FILENAME = "where.key"
KEY_BYTES = 32
DIGEST_BYTES = 16  # 128 bits: no collisions among a ward's few hundred thousand entries
CHECK_META = "where_key_check"
_PERSON = b"ward-where-v1"  # BLAKE2b personalisation: these digests can't be mistaken for others


class WhereKeyError(Exception):
    """The key file exists but is not a key (damaged, or something else under its name)."""


def key_path(data_dir: Path) -> Path:
    return data_dir / KEY_FILENAME


def load_key(data_dir: Path) -> bytes | None:
    """The ward's key, or None when no list was ever registered here."""
    path = key_path(data_dir)
    try:
        text = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        return None
    except (UnicodeDecodeError, OSError) as exc:
        raise WhereKeyError(f"{path}: not a where-do-I-vote key ({exc})") from exc
    try:
        key = bytes.fromhex(text)
    except ValueError:
        key = b""
    if len(key) != KEY_BYTES:
        raise WhereKeyError(f"{path}: not a where-do-I-vote key ({KEY_BYTES * 2} hex digits expected)")
    return key


def load_or_create_key(data_dir: Path) -> bytes:
    """The ward's key, made on first use. Two commands racing both end up with the same one:
    the key is written to a temporary file and linked into place only if none is there yet."""
    key = load_key(data_dir)
    if key is not None:
        return key
    data_dir.mkdir(parents=True, exist_ok=True)
    path = key_path(data_dir)
    temporary = path.with_name(f".{KEY_FILENAME}.{secrets.token_hex(8)}")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "w", encoding="ascii") as file:
            file.write(secrets.token_bytes(KEY_BYTES).hex() + "\n")
            file.flush()
            os.fsync(file.fileno())
        with contextlib.suppress(FileExistsError):  # another command made it first: use theirs
            os.link(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    made = load_key(data_dir)
    assert made is not None
    return made


def key_check(key: bytes) -> str:
    """A fingerprint of the key for meta: says which key made the index, reveals nothing of it."""
    return hashlib.blake2b(b"key check", key=key, digest_size=8, person=_PERSON).hexdigest()


def where_key(key: bytes, id_number: str, birth_year: int) -> bytes:
    """The index key of one voter; ``id_number`` is the 12 ASCII digits."""
    return hashlib.blake2b(
        f"{id_number}|{birth_year}".encode("ascii"), key=key, digest_size=DIGEST_BYTES, person=_PERSON
    ).digest()


@dataclass(frozen=True)
class WhereList:
    """One station's entries, hashed as the list was read (the IDs are gone by now)."""

    keys: frozenset[bytes]
    key_check: str
    not_indexed: int  # rows without an ID number or a birth year: they can't be looked up


@dataclass(frozen=True)
class WhereOutcome:
    entries: int
    also_on_other_lists: int  # same ID and birth year on another station's list: now here
    dropped_stations: tuple[int, ...]  # entries made with a key that is gone: register them again


def hash_rows(key: bytes, rows: Iterable[tuple[str | None, int | None]]) -> WhereList:
    """(ID number, birth year) of each row → the station's entries; rows lacking either are counted."""
    keys: set[bytes] = set()
    not_indexed = 0
    for id_number, birth_year in rows:
        if id_number is None or birth_year is None:
            not_indexed += 1
            continue
        keys.add(where_key(key, id_number, birth_year))
    return WhereList(frozenset(keys), key_check(key), not_indexed)


def replace_station_entries(conn: sqlite3.Connection, station: int, entries: WhereList) -> WhereOutcome:
    """The station's entries become exactly these; call inside the registering transaction.

    If the index was made with another key (the key file was lost or replaced), its entries can
    never match again: they are all dropped, and the stations they were for are named so that
    their lists are registered again.
    """
    dropped: tuple[int, ...] = ()
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (CHECK_META,)).fetchone()
    if row is not None and row[0] != entries.key_check:
        dropped = tuple(
            r[0]
            for r in conn.execute("SELECT DISTINCT station FROM where_index WHERE station <> ? ORDER BY 1", (station,))
        )
        conn.execute("DELETE FROM where_index")
        log.warning("where.key is not the key of the index: entries of %d stations dropped", len(dropped))
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (CHECK_META, entries.key_check))
    conn.execute("DELETE FROM where_index WHERE station = ?", (station,))
    before = conn.execute("SELECT COUNT(*) FROM where_index").fetchone()[0]
    conn.executemany(
        "INSERT OR REPLACE INTO where_index (key, station) VALUES (?, ?)", ((k, station) for k in entries.keys)
    )
    after = conn.execute("SELECT COUNT(*) FROM where_index").fetchone()[0]
    return WhereOutcome(len(entries.keys), len(entries.keys) - (after - before), dropped)


def lookup(conn: sqlite3.Connection, index_key: bytes) -> int | None:
    row = conn.execute("SELECT station FROM where_index WHERE key = ?", (index_key,)).fetchone()
    return int(row[0]) if row else None


class KeyCache:
    """The server's copy of the key, read from the file when first needed and again whenever
    ``meta`` says the index was remade with another key (add-station may run while it serves).
    Used from the reader thread only."""

    def __init__(self, data_dir: Path) -> None:
        self._data_dir = data_dir
        self._key: bytes | None = None
        self._check: str | None = None
        self._complained_about: str | None = None  # log a missing key once, not on every request

    def current(self, conn: sqlite3.Connection) -> bytes | None:
        row = conn.execute("SELECT value FROM meta WHERE key = ?", (CHECK_META,)).fetchone()
        if row is None:
            return None  # no list registered: nothing could be found
        if self._key is None or self._check != row[0]:
            try:
                key = load_key(self._data_dir)
            except WhereKeyError:
                key = None
            if key is None or key_check(key) != row[0]:
                if self._complained_about != row[0]:
                    self._complained_about = row[0]
                    log.error("where.key is missing or is not the key the where-do-I-vote index was made with")
                return None
            self._key, self._check = key, row[0]
        return self._key
