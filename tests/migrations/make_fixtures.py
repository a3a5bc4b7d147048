"""Make the fixture databases of tests/migrations: ``python -m tests.migrations.make_fixtures [NAME...]``.

Without names it makes the fixtures that are missing and keeps the others.

Each released schema version gets one station database, made once when that version ships and then
kept as it is (committed; never regenerate a shipped one): the tests open it with today's code. A
fixture is made by applying the migrations of that version only (``stop_before`` the first later
one) and filling it through the station's own code, as a polling morning of that version would:
a list imported from a file, a PIN, the pre-election check, polls opened, check-ins (some at the
mobile box), a voter added with a certificate, one marked as voting elsewhere, an undo. Nothing was
ever sent to a ward, so every event is unsent.

``newer`` is the other way round: today's schema plus a step this code does not know, as a
database from a later version of the app would be; opening it must refuse and change nothing.

Next to each ``NAME.db`` goes ``NAME.json``: its schema steps and what it holds, which the tests
check the upgraded database against.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from sqlite_utils import Database

from clerk_app.generate import generate_voters, write_csv
from clerk_app.station import Station
from clerk_app.storage import merge
from clerk_app.storage.listfile import read_list_file
from clerk_app.storage.schema import SCHEMA_NAMES, migrations
from tests.support import FakeClock, election_morning

FIXTURES = Path(__file__).resolve().parent / "fixtures"
STATION_NO = 7
WARD = "phường Láng"
CITY = "thành phố Hà Nội"
VOTERS = 240
PIN = "4826"
FUTURE_STEP = "m999_from_a_newer_version"


@dataclass(frozen=True)
class Release:
    name: str  # the fixture's file stem
    version: str  # the app version that shipped this schema
    stop_before: str | None  # the first migration that version did not have; None: today's schema

    @property
    def schema(self) -> list[str]:
        if self.stop_before is None:
            return list(SCHEMA_NAMES)
        return SCHEMA_NAMES[: SCHEMA_NAMES.index(self.stop_before)]


# Every earlier released schema, oldest first. Add one when a release ships a new migration.
RELEASES = [
    Release("v0.1-m001", "0.1.0", stop_before="m002_sync"),
]


@contextmanager
def _without_multi_device_settling() -> Iterator[None]:
    """Before m002_sync the station had one device: an undo deleted the check-in row and that was all.

    Today's undo also re-derives the voter from every device's events into checkin_conflicts, a
    table m002_sync made; on an older schema it is skipped, as the older app did.
    """
    saved = merge.settle_voter
    merge.settle_voter = lambda db, list_no: None
    try:
        yield
    finally:
        merge.settle_voter = saved


def polling_morning(station: Station, clock: FakeClock, work: Path) -> None:
    """A morning at the station through the station's own methods, on the fake clock."""
    list_file = work / "kvbp-07.csv"
    rows = generate_voters(VOTERS, seed=2026, station_no=STATION_NO, ward=WARD, city=CITY)
    write_csv(rows, list_file, station_no=STATION_NO, ward=WARD, city=CITY)
    clock.moment = election_morning(6, 10)
    station.import_list(read_list_file(list_file, election_day=clock.moment.date()))
    station.set_pin(PIN)
    clock.advance(minutes=5)
    station.start_test_mode()
    station.check_in(1)  # the pre-election check: wiped when the polls open
    clock.moment = election_morning(7, 0)
    station.open_polls()
    for n, list_no in enumerate(range(2, 80, 2)):
        clock.advance(minutes=3)
        station.check_in(list_no, mobile_box=n % 9 == 4)
    clock.advance(minutes=2)
    station.add_voter("Phạm Thị Mai", certificate="GCN-0415", birth="1985", gender="Nữ", group="Tổ dân phố 3")
    station.mark_voting_elsewhere(99, certificate="GCN-0733")
    clock.advance(minutes=4)
    with _without_multi_device_settling():
        station.undo_check_in(10, reason="nhầm người cùng tên", pin=PIN)
    clock.advance(minutes=1)
    station.check_in(11)


def describe(path: Path) -> dict[str, object]:
    """What a fixture holds, read with plain SQL (no migration)."""
    conn = sqlite3.connect(path)
    try:

        def one(sql: str) -> object:
            return conn.execute(sql).fetchone()[0]

        kinds = dict(conn.execute("SELECT kind, count(*) FROM events GROUP BY kind ORDER BY kind").fetchall())
        return {
            "schema": [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")],
            "device_id": one("SELECT value FROM meta WHERE key = 'device_id'"),
            "station": int(str(one("SELECT value FROM meta WHERE key = 'station_no'"))),
            "polls": one("SELECT value FROM meta WHERE key = 'polls'"),
            "voters": one("SELECT count(*) FROM voters"),
            "checked_in": one("SELECT count(*) FROM checkins"),
            "events": one("SELECT count(*) FROM events"),
            "event_kinds": kinds,
            "last_hash": one("SELECT hash FROM events ORDER BY seq DESC LIMIT 1"),
        }
    finally:
        conn.close()


def _finish(db: Database, path: Path) -> None:
    """One self-contained file: WAL folded in, plain rollback journal, no free pages."""
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.execute("PRAGMA journal_mode=DELETE")
    db.execute("VACUUM")
    db.close()
    for extra in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        extra.unlink(missing_ok=True)


def make_release(release: Release, out: Path) -> Path:
    path = out / f"{release.name}.db"
    path.unlink(missing_ok=True)
    conn = sqlite3.connect(path)
    db = Database(conn)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA foreign_keys=ON")
    migrations.apply(db, stop_before=release.stop_before)
    clock = FakeClock(election_morning(6, 0))
    with tempfile.TemporaryDirectory() as work:
        station = Station(db, Path(work), clock, "Bàn 1")
        polling_morning(station, clock, Path(work))
    _finish(db, path)
    facts = {"made_by": "tests/migrations/make_fixtures.py", "version": release.version, **describe(path)}
    assert facts["schema"] == release.schema, facts["schema"]
    (out / f"{release.name}.json").write_text(json.dumps(facts, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def make_newer(out: Path) -> Path:
    """Today's schema, a small list, and one schema step from a later version of the app."""
    path = out / "newer.db"
    path.unlink(missing_ok=True)
    db = Database(sqlite3.connect(path))
    migrations.apply(db)
    with tempfile.TemporaryDirectory() as work:
        station = Station(db, Path(work), FakeClock(election_morning(6, 0)), "Bàn 1")
        list_file = Path(work) / "kvbp-07.csv"
        rows = generate_voters(20, seed=2027, station_no=STATION_NO, ward=WARD, city=CITY)
        write_csv(rows, list_file, station_no=STATION_NO, ward=WARD, city=CITY)
        station.import_list(read_list_file(list_file, election_day=election_morning().date()))
    with db.conn:
        db.conn.execute("CREATE TABLE future_things (id INTEGER PRIMARY KEY, what TEXT NOT NULL)")
        db.conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES (?, ?, ?)",
            (migrations.name, FUTURE_STEP, str(election_morning() + timedelta(days=365))),
        )
    _finish(db, path)
    facts = {"made_by": "tests/migrations/make_fixtures.py", "version": "a later one", **describe(path)}
    (out / "newer.json").write_text(json.dumps(facts, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    names = [r.name for r in RELEASES] + ["newer"]
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("names", nargs="*", help=f"fixtures to make, of {', '.join(names)}; default: the missing ones")
    parser.add_argument("--out", type=Path, default=FIXTURES)
    parser.add_argument("--force", action="store_true", help="remake fixtures that exist (never a shipped one)")
    args = parser.parse_args(argv)
    unknown = sorted(set(args.names) - set(names))
    if unknown:
        parser.error(f"unknown fixture(s): {', '.join(unknown)}")
    args.out.mkdir(parents=True, exist_ok=True)
    for name in args.names or names:
        if (args.out / f"{name}.db").exists() and not args.force:
            print(f"{args.out / f'{name}.db'} exists: kept (--force remakes it)")
            continue
        release = next((r for r in RELEASES if r.name == name), None)
        path = make_release(release, args.out) if release else make_newer(args.out)
        print(f"{path} ({path.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
