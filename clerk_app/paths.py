"""Where the station's data lives: one folder per station, overridable with --data-dir.

Everything the station needs to survive (database, settings, logs, backups) sits in that one
folder, so backing up or moving a station is copying a folder.
"""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_NAME = "clerk-app"
APP_AUTHOR = "clerk-app"


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR, roaming=False))


def resolve_data_dir(override: str | Path | None) -> Path:
    return Path(override).expanduser().resolve() if override else default_data_dir()


def database_path(data_dir: Path) -> Path:
    return data_dir / "station.db"


def settings_path(data_dir: Path) -> Path:
    return data_dir / "settings.json"


def log_dir(data_dir: Path) -> Path:
    return data_dir / "logs"


def backup_dir(data_dir: Path) -> Path:
    return data_dir / "backups"
