"""Logging: named loggers per subsystem, a rotating UTF-8 file in the station's data folder.

Log lines carry list numbers, counts and reason codes, never names, ID numbers or ethnicity.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from clerk_app.paths import log_dir

LOG_FILENAME = "clerk-app.log"


def setup_logging(data_dir: Path, *, level: int = logging.INFO) -> Path:
    folder = log_dir(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOG_FILENAME
    root = logging.getLogger("clerk_app")
    if not any(getattr(h, "baseFilename", None) == str(path) for h in root.handlers):
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    root.setLevel(level)
    return path
