"""Settings as a typed registry with defaults (as Picard keeps them), stored as UTF-8 JSON.

Each setting is declared once with its type, default and, where it has them, the values it
allows (``choices``, or ``minimum``/``maximum``); reading an unknown, mistyped or out-of-range
value falls back to the default rather than crashing the app on election morning, and writing
one is refused. Secrets never live here: the device token goes to the OS keyring.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar, cast

from clerk_app.paths import settings_path
from clerk_app.storage.eventlog import MAX_CLERK_LENGTH

log = logging.getLogger("clerk_app.settings")

T = TypeVar("T", str, int, bool, float)


@dataclass(frozen=True)
class Setting(Generic[T]):
    key: str
    type: type[T]
    default: T
    description: str
    choices: tuple[T, ...] = ()  # when given, the only values allowed
    minimum: T | None = None
    maximum: T | None = None
    max_length: int | None = None  # for text: the longest allowed

    def allows(self, value: object) -> bool:
        """The value has this setting's type (a bool is never an int here) and is in its range."""
        if not isinstance(value, self.type) or (self.type is not bool and isinstance(value, bool)):
            return False
        if self.choices and value not in self.choices:
            return False
        if self.minimum is not None and value < self.minimum:
            return False
        if self.max_length is not None and isinstance(value, str) and len(value) > self.max_length:
            return False
        return not (self.maximum is not None and value > self.maximum)


LANGUAGE = Setting("language", str, "vi", "User interface language: 'vi' or 'en'")
TABLE_NAME = Setting(
    "table_name",
    str,
    "Bàn 1",
    f"This laptop's table, recorded as the clerk of each event (at most {MAX_CLERK_LENGTH} characters)",
    max_length=MAX_CLERK_LENGTH,
)
FONT_SCALE = Setting("font_scale", float, 1.0, "Text size multiplier, for reading at arm's length")
RESULT_LIMIT = Setting("result_limit", int, 20, "How many search results to show")

# The hourly turnout reports (clerk_app.sync.reports): every REPORT_INTERVAL minutes from the first
# hour to the last, and at the last hour itself. Polling runs 07:00-19:00; a polling team may
# open as early as 05:00 and close as late as 21:00 (the election law).
REPORT_INTERVAL = Setting(
    "report_interval_minutes", int, 60, "Minutes between turnout reports: 30, 60 or 120", choices=(30, 60, 120)
)
REPORT_FIRST_HOUR = Setting(
    "report_first_hour", int, 7, "Hour of the first turnout report (05-12)", minimum=5, maximum=12
)
REPORT_LAST_HOUR = Setting(
    "report_last_hour", int, 19, "Hour of the last turnout report (12-21)", minimum=12, maximum=21
)

REGISTRY: dict[str, Setting[Any]] = {
    s.key: s
    for s in (
        LANGUAGE,
        TABLE_NAME,
        FONT_SCALE,
        RESULT_LIMIT,
        REPORT_INTERVAL,
        REPORT_FIRST_HOUR,
        REPORT_LAST_HOUR,
    )
}


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
        if not setting.allows(value):
            return setting.default
        return cast(T, value)

    def set(self, setting: Setting[T], value: T) -> None:
        """Save a value; TypeError for a wrong type, ValueError for a value the setting does not allow."""
        if not isinstance(value, setting.type) or (setting.type is not bool and isinstance(value, bool)):
            raise TypeError(f"{setting.key} takes {setting.type.__name__}, not {type(value).__name__}")
        if not setting.allows(value):
            raise ValueError(f"{setting.key}: {value!r} is not allowed ({setting.description})")
        self._values[setting.key] = value
        self._save()

    def _save(self) -> None:
        self._path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self._path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self._values, ensure_ascii=False, indent=2), encoding="utf-8")
        os.replace(tmp, self._path)  # atomic: a power cut leaves the old or the new file, never half
