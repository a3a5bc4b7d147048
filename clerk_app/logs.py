"""Logging: named loggers per subsystem, a rotating UTF-8 file in the station's data folder.

Log lines carry list numbers, counts and reason codes, never names, ID numbers or ethnicity.
"""

from __future__ import annotations

import logging
import logging.handlers
from datetime import datetime
from pathlib import Path

from clerk_app.clock import VN_TZ
from clerk_app.paths import log_dir

LOG_FILENAME = "clerk-app.log"
LINE_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class VietnamTimeFormatter(logging.Formatter):
    """Times in Vietnam time with their offset (2026-03-15T07:00:01.234+07:00), whatever zone the
    laptop is set to, so a log line can be matched to the events and reports of the day."""

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:
        return datetime.fromtimestamp(record.created, VN_TZ).isoformat(timespec="milliseconds")


def setup_logging(data_dir: Path, *, level: int = logging.INFO) -> Path:
    folder = log_dir(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOG_FILENAME
    root = logging.getLogger("clerk_app")
    if not any(getattr(h, "baseFilename", None) == str(path) for h in root.handlers):
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
        handler.setFormatter(VietnamTimeFormatter(LINE_FORMAT))
        root.addHandler(handler)
    root.setLevel(level)
    return path
