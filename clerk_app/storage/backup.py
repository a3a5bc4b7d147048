"""Copies of the station database made with SQLite's online backup API.

``sqlite3.Connection.backup`` copies the database page by page through SQLite itself, so the copy
is consistent (one snapshot, the WAL's committed transactions included) even while the app or a
``clerk-app`` command is writing. Copying ``station.db`` with the file manager is not: it misses
what still sits in ``station.db-wal`` and may catch a page half written.

A copy is written to a ``.partial`` file, checked with ``PRAGMA quick_check``, switched to a plain
single-file journal mode, flushed to disk, and only then renamed to its final name: a name that
exists is a complete, checked copy.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from datetime import datetime
from pathlib import Path

from clerk_app.errors import StorageEnvironmentError
from clerk_app.paths import backup_dir

log = logging.getLogger("clerk_app.storage.backup")


def backup_database(source: sqlite3.Connection, dest: Path, *, mark_as_copy: bool = False) -> Path:
    """Copy the database behind ``source`` to ``dest`` (replaced if it exists); return ``dest``.

    ``mark_as_copy``: a station's backup carries ``meta.restored_copy``, so that the station
    opened from it knows it may be behind the ward on its own events (Station.open).
    Raises StorageEnvironmentError when the copy cannot be written (disk full, read-only, gone)
    or fails its check; ``dest`` is then left as it was.
    """
    partial = dest.with_name(dest.name + ".partial")
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        partial.unlink(missing_ok=True)
        target = sqlite3.connect(str(partial))
        try:
            source.backup(target)
            # The copy carries the source's WAL flag; a backup is easier to handle as one file.
            target.execute("PRAGMA journal_mode=DELETE")
            if mark_as_copy:
                with target:
                    target.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('restored_copy', '1')")
            verdict = target.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            target.close()
        if verdict != "ok":
            raise StorageEnvironmentError(f"the copy {partial} failed its check: {verdict}")
        _flush(partial)
        os.replace(partial, dest)
        _flush_folder(dest.parent)
    except (OSError, sqlite3.Error) as exc:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise StorageEnvironmentError(f"cannot write the copy {dest}: {exc}") from exc
    log.info("database copied to %s (%d bytes)", dest, dest.stat().st_size)
    return dest


def backup_database_file(db_path: Path, dest: Path) -> Path:
    """Copy the database file at ``db_path`` through a connection of its own (a reader).

    For a caller that holds the write lock on its own connection: SQLite refuses to back up from a
    connection in the middle of a write transaction, but another connection reads the last
    committed state, which nobody can change while that lock is held.
    """
    try:
        source = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise StorageEnvironmentError(f"cannot read {db_path} to copy it: {exc}") from exc
    try:
        return backup_database(source, dest)
    finally:
        source.close()


def upgrade_backup_path(db_path: Path, before: str, at: datetime) -> Path:
    """Where the copy made before applying schema step ``before`` goes: the data folder's backups/.

    ``station-before-m002_sync-20260314-203000.db``; a suffix keeps an earlier copy from the same
    second (a retried upgrade) from being replaced.
    """
    folder = backup_dir(db_path.parent)
    stem = f"{db_path.stem}-before-{before}-{at:%Y%m%d-%H%M%S}"
    candidate = folder / f"{stem}.db"
    n = 1
    while candidate.exists():
        n += 1
        candidate = folder / f"{stem}-{n}.db"
    return candidate


def default_backup_name(station_no: int | None, at: datetime) -> str:
    """The file name ``clerk-app backup --out FOLDER`` writes into that folder."""
    station = f"station-{station_no:02d}" if station_no is not None else "station"
    return f"{station}-{at:%Y%m%d-%H%M%S}.db"


def _flush(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def _flush_folder(folder: Path) -> None:
    """Make the rename durable where the OS allows opening a folder (not on Windows)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
