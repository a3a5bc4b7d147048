"""Where the ward server keeps its data: one folder (database and logs), overridable with --data-dir."""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_NAME = "ward-server"
DB_FILENAME = "ward.db"
LOG_FILENAME = "ward-server.log"


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, "clerk-app", roaming=False))


def resolve_data_dir(override: str | Path | None) -> Path:
    return Path(override).expanduser().resolve() if override else default_data_dir()


def database_path(data_dir: Path) -> Path:
    return data_dir / DB_FILENAME


def log_path(data_dir: Path) -> Path:
    return data_dir / "logs" / LOG_FILENAME
