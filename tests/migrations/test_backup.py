"""Backups with SQLite's online backup API: complete while the app writes, one checked file, or nothing."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from clerk_app.errors import StorageEnvironmentError
from clerk_app.station import Station
from clerk_app.storage.backup import backup_database
from clerk_app.storage.db import open_database
from tests.support import FakeClock, clerk, make_rows, parsed_list


def checked_in(path: Path) -> list[int]:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return [r[0] for r in conn.execute("SELECT list_no FROM checkins ORDER BY list_no")]
    finally:
        conn.close()


def test_backup_holds_committed_check_ins_not_the_one_in_flight(station: Station, tmp_path: Path) -> None:
    """Committed work still in the WAL is in the copy; a transaction not yet committed is not."""
    station.check_in(1)
    station.check_in(2)
    assert (station.data_dir / "station.db-wal").stat().st_size > 0  # not checkpointed into station.db yet
    writer = sqlite3.connect(station.data_dir / "station.db", isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("DELETE FROM checkins WHERE list_no = 1")
    try:
        copy = backup_database(station.db.conn, tmp_path / "copy.db")
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert checked_in(copy) == [1, 2]
    assert not (tmp_path / "copy.db-wal").exists() and not (tmp_path / "copy.db.partial").exists()
    conn = sqlite3.connect(copy)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()


def test_a_copy_that_cannot_be_written_leaves_nothing_behind(station: Station, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(StorageEnvironmentError, match="cannot write the copy"):
        backup_database(station.db.conn, blocker / "copy.db")
    assert blocker.read_text(encoding="utf-8") == ""


def test_backup_command_to_a_folder_a_file_and_not_over_a_file(tmp_path: Path, clock: FakeClock) -> None:
    data = tmp_path / "station"
    station = Station.open(data, clock=clock)
    try:
        station.import_list(parsed_list(make_rows()))
    finally:
        station.close()
    out = tmp_path / "usb"
    out.mkdir()

    done = clerk(data, "backup", "--out", str(out), "--json")
    assert done.returncode == 0, done.stderr
    made = Path(json.loads(done.stdout)["path"])
    assert made.parent == out and made.name.startswith("station-07-") and made.suffix == ".db"

    named = out / "kv07.db"
    assert clerk(data, "backup", "--out", str(named)).returncode == 0
    size = named.stat().st_size
    refused = clerk(data, "backup", "--out", str(named))
    assert refused.returncode == 2 and "--force" in refused.stderr
    forced = clerk(data, "backup", "--out", str(named), "--force", "--json")
    assert forced.returncode == 0 and json.loads(forced.stdout)["bytes"] == size == made.stat().st_size


def test_backup_command_reports_a_disk_problem_with_exit_1(station: Station, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    done = clerk(station.data_dir, "backup", "--out", str(blocker / "copy.db"))
    assert done.returncode == 1 and "cannot write the copy" in done.stderr


HOLD_THE_WRITE_LOCK = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
time.sleep(0.5)
conn.execute("COMMIT")
"""


def test_opening_waits_for_another_process_writing_an_old_file(tmp_path: Path) -> None:
    """SQLite refuses a switch to WAL at once while another process holds the write lock of a
    rollback-journal file (as an upgrading app does); opening must wait for it instead."""
    path = tmp_path / "station.db"
    sqlite3.connect(path).close()  # an empty rollback-journal file
    holder = subprocess.Popen([sys.executable, "-c", HOLD_THE_WRITE_LOCK, str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        db = open_database(path)
        try:
            assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        finally:
            db.close()
    finally:
        assert holder.wait(timeout=30) == 0
        holder.stdout.close()
