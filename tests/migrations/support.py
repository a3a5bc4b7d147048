"""Helpers of the upgrade tests: the fixture databases of tests/migrations/fixtures, copied before use."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

from tests.migrations.make_fixtures import FIXTURES, RELEASES, Release

# The tables the first schema made: what a station held before any upgrade, row for row.
V1_TABLES = ("meta", "voters", "events", "checkins")


def facts(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    return data


def station_from_fixture(name: str, data_dir: Path) -> Path:
    """A data folder whose station.db is a copy of the fixture (the fixture itself is never opened)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    target = data_dir / "station.db"
    shutil.copyfile(FIXTURES / f"{name}.db", target)
    return target


def table_rows(path: Path, tables: tuple[str, ...] = V1_TABLES) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of ``tables``, read with plain SQL in a stable order (read-only: never migrates)."""
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in tables}
    finally:
        conn.close()


def applied_steps(path: Path) -> list[str]:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    finally:
        conn.close()


def schema_of(path: Path) -> list[tuple[str, str, str]]:
    """The database's tables, indexes and triggers as SQLite stores their SQL, in name order."""
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        rows = conn.execute(
            "SELECT type, name, coalesce(sql, '') FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name"
        ).fetchall()
        return [(str(t), str(n), str(s)) for t, n, s in rows]
    finally:
        conn.close()


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def release_ids() -> list[str]:
    return [r.name for r in RELEASES]


def release(name: str) -> Release:
    return next(r for r in RELEASES if r.name == name)
