"""Settings as a typed registry with defaults (as Picard keeps them), stored as UTF-8 JSON.

Each setting is declared once with its type and default; reading an unknown or mistyped value
falls back to the default rather than crashing the app on election morning.
Secrets never live here: the device token goes to the OS keyring.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from clerk_app.paths import settings_path

log = logging.getLogger("clerk_app.settings")

T = TypeVar("T", str, int, bool, float)


@dataclass(frozen=True)
class Setting(Generic[T]):
    key: str
    type: type[T]
    default: T
    description: str


LANGUAGE = Setting("language", str, "vi", "User interface language: 'vi' or 'en'")
TABLE_NAME = Setting("table_name", str, "Bàn 1", "This laptop's table, recorded as the clerk of each event")
FONT_SCALE = Setting("font_scale", float, 1.0, "Text size multiplier, for reading at arm's length")
RESULT_LIMIT = Setting("result_limit", int, 20, "How many search results to show")

REGISTRY: dict[str, Setting[Any]] = {s.key: s for s in (LANGUAGE, TABLE_NAME, FONT_SCALE, RESULT_LIMIT)}


class Settings:
    def __init__(self, data_dir: Path) -> None:
        self._path = settings_path(data_dir)
        self._values: dict[str, Any] = self._load()

    def _load(self) -> dict[str, Any]:
        try:
            raw = json.loads(self._path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            log.warning("settings file unreadable, using defaults: %s", exc)
            return {}
        return raw if isinstance(raw, dict) else {}

    def get(self, setting: Setting[T]) -> T:
        value = self._values.get(setting.key, setting.default)
        if setting.type is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, setting.type) or (setting.type is not bool and isinstance(value, bool)):
            return setting.default
        return value

    def set(self, setting: Setting[T], value: T) -> None:
        if not isinstance(value, setting.type):
            raise TypeError(f"{setting.key} takes {setting.type.__name__}, not {type(value).__name__}")
        self._values[setting.key] = value
        self._save()

    def _save(self) -> None:
        self._path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self._path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self._values, ensure_ascii=False, indent=2), encoding="utf-8")
        os.replace(tmp, self._path)  # atomic: a power cut leaves the old or the new file, never half
