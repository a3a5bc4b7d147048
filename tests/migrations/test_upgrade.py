"""Upgrades keep data: a station database of every earlier schema opens with today's code, intact.

Each fixture in tests/migrations/fixtures was made by an earlier schema (make_fixtures.py) and is
copied before use. Opening it must back it up first (SQLite online backup, in the data folder's
backups/), migrate it, and keep every voter, event and check-in, with the unsent events still
unsent; those then travel to a real ward server on loopback (test_upgraded_station_syncs...).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from clerk_app.errors import NewerDatabaseError, StorageEnvironmentError
from clerk_app.paths import backup_dir
from clerk_app.station import Station
from clerk_app.storage.db import open_database, schema_upgrade
from clerk_app.storage.schema import SCHEMA_NAMES
from tests.migrations.make_fixtures import FIXTURES, FUTURE_STEP, RELEASES
from tests.migrations.support import (
    V1_TABLES,
    applied_steps,
    facts,
    release,
    release_ids,
    schema_of,
    sha256,
    station_from_fixture,
    table_rows,
)
from tests.support import ROOT, clerk


def test_every_earlier_schema_has_a_fixture() -> None:
    """One fixture per schema an earlier version could have left on a laptop: each prefix of today's steps.

    A new migration makes today's schema an earlier one: add it to RELEASES in make_fixtures.py and
    run ``python -m tests.migrations.make_fixtures NAME`` before the release that adds the migration.
    """
    have = {tuple(facts(r.name)["schema"]) for r in RELEASES}
    wanted = {tuple(SCHEMA_NAMES[:n]) for n in range(1, len(SCHEMA_NAMES))}
    missing = sorted(wanted - have, key=len)
    assert not missing, f"no fixture database for the schema(s) {missing}: see tests/migrations/make_fixtures.py"
    for r in RELEASES:
        assert (FIXTURES / f"{r.name}.db").exists()
        assert applied_steps(FIXTURES / f"{r.name}.db") == r.schema == facts(r.name)["schema"]


@pytest.mark.parametrize("name", release_ids())
def test_earlier_database_opens_with_everything_intact(name: str, tmp_path: Path) -> None:
    db_path = station_from_fixture(name, tmp_path / "station")
    before = table_rows(db_path)
    known = facts(name)

    station = Station.open(tmp_path / "station")
    try:
        upgrade = schema_upgrade(station.db)
        assert upgrade is not None
        assert list(upgrade.before) == release(name).schema
        assert list(upgrade.applied) == SCHEMA_NAMES[len(upgrade.before) :]
        status = station.status()
        unsent = station.unsent_events(limit=10_000)
        device_id = station.device_id
    finally:
        station.close()

    assert applied_steps(db_path) == SCHEMA_NAMES
    after = table_rows(db_path)
    for table in V1_TABLES:
        assert after[table] == before[table], f"{table} changed in the upgrade"
    assert device_id == known["device_id"]
    assert (status.station, status.voters, status.checked_in) == (
        known["station"],
        known["voters"] - known["event_kinds"].get("voter_added", 0),  # status counts the list as imported
        known["checked_in"],
    )
    assert status.polls.value == known["polls"]
    # Nothing of an earlier version was ever acknowledged by a ward: every event waits, in order, unchanged.
    assert status.unsent_events == known["events"]
    assert [e.seq for e in unsent] == list(range(1, known["events"] + 1))
    assert unsent[-1].hash == known["last_hash"]


def test_status_counts_match_the_older_app(tmp_path: Path) -> None:
    """The station figures the older app showed for the v0.1 fixture (its code read it: 240 voters, 39 in)."""
    station_from_fixture("v0.1-m001", tmp_path)
    station = Station.open(tmp_path)
    try:
        status = station.status()
    finally:
        station.close()
    assert (status.voters, status.checked_in, status.turnout, status.unsent_events) == (240, 39, 16.25, 48)


@pytest.mark.parametrize("name", release_ids())
def test_backup_is_written_before_migrating_and_holds_the_old_file(name: str, tmp_path: Path) -> None:
    db_path = station_from_fixture(name, tmp_path)
    before = table_rows(db_path)
    db = open_database(db_path)
    upgrade = schema_upgrade(db)
    db.close()

    assert upgrade is not None
    copy = upgrade.backup
    assert copy.parent == backup_dir(tmp_path)
    assert copy.name.startswith(f"station-before-{upgrade.applied[0]}-") and copy.suffix == ".db"
    assert applied_steps(copy) == release(name).schema  # the file as it was: not migrated
    assert table_rows(copy) == before
    assert not copy.with_name(copy.name + "-wal").exists()  # one self-contained file
    assert str(copy) in upgrade.describe()
    # Opening again finds nothing to do: no second copy, no upgrade to report.
    again = open_database(db_path)
    assert schema_upgrade(again) is None
    again.close()
    assert list(backup_dir(tmp_path).iterdir()) == [copy]


def test_upgraded_schema_is_the_schema_of_a_new_station(tmp_path: Path) -> None:
    """Migrating an old file and creating a new one give the same tables, indexes and triggers."""
    for r in RELEASES:
        upgraded = station_from_fixture(r.name, tmp_path / r.name)
        open_database(upgraded).close()
        fresh = tmp_path / f"fresh-{r.name}" / "station.db"
        open_database(fresh).close()
        assert schema_of(upgraded) == schema_of(fresh)


def test_a_new_station_needs_no_backup(tmp_path: Path) -> None:
    db = open_database(tmp_path / "station.db")
    assert schema_upgrade(db) is None
    db.close()
    assert not backup_dir(tmp_path).exists()


def test_no_backup_no_upgrade(tmp_path: Path) -> None:
    """When the copy cannot be written the file is not touched: still the old schema, all data there."""
    db_path = station_from_fixture("v0.1-m001", tmp_path)
    before = table_rows(db_path)
    backup_dir(tmp_path).parent.mkdir(exist_ok=True)
    backup_dir(tmp_path).write_text("not a folder", encoding="utf-8")  # mkdir backups/ fails

    with pytest.raises(StorageEnvironmentError, match="cannot write the copy"):
        Station.open(tmp_path)
    assert applied_steps(db_path) == ["m001_initial"]
    assert table_rows(db_path) == before

    backup_dir(tmp_path).unlink()
    Station.open(tmp_path).close()
    assert applied_steps(db_path) == SCHEMA_NAMES


def test_newer_database_is_refused_and_left_exactly_as_it_was(tmp_path: Path) -> None:
    db_path = station_from_fixture("newer", tmp_path)
    digest = sha256(db_path)

    with pytest.raises(NewerDatabaseError, match=FUTURE_STEP) as refused:
        Station.open(tmp_path)
    assert "newer version of the app" in str(refused.value)
    assert sha256(db_path) == digest
    assert not db_path.with_name("station.db-wal").exists()
    assert not backup_dir(tmp_path).exists()


def test_cli_says_where_the_backup_is_and_reports_the_old_station(tmp_path: Path) -> None:
    station_from_fixture("v0.1-m001", tmp_path)
    done = clerk(tmp_path, "status", "--json")
    assert done.returncode == 0, done.stderr
    status = json.loads(done.stdout)  # stdout stays one JSON object; the notice goes to stderr
    assert (status["station"], status["checked_in"], status["unsent_events"]) == (7, 39, 48)
    copies = list(backup_dir(tmp_path).glob("station-before-m002_sync-*.db"))
    assert len(copies) == 1
    assert "upgraded" in done.stderr and str(copies[0]) in done.stderr
    log = (tmp_path / "logs" / "clerk-app.log").read_text(encoding="utf-8")
    assert str(copies[0]) in log

    again = clerk(tmp_path, "status", "--json")
    assert again.returncode == 0 and "upgraded" not in again.stderr


def test_cli_refuses_a_newer_database_with_exit_1(tmp_path: Path) -> None:
    db_path = station_from_fixture("newer", tmp_path)
    digest = sha256(db_path)
    done = clerk(tmp_path, "status", "--json")
    assert done.returncode == 1
    assert "newer version" in done.stderr and FUTURE_STEP in done.stderr
    assert sha256(db_path) == digest


def test_two_processes_upgrading_at_once_take_turns(tmp_path: Path) -> None:
    """The app and a clerk-app command opening the same old file together: one backup, one upgrade."""
    db_path = station_from_fixture("v0.1-m001", tmp_path)
    command = [sys.executable, "-m", "clerk_app", "status", "--json", "--data-dir", str(tmp_path)]
    processes = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, text=True, encoding="utf-8")
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=120) for p in processes]
    assert [p.returncode for p in processes] == [0, 0], outputs
    assert sum("upgraded" in err for _out, err in outputs) == 1
    assert len(list(backup_dir(tmp_path).iterdir())) == 1
    assert applied_steps(db_path) == SCHEMA_NAMES
