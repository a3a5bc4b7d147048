"""Logging: named loggers, a rotating UTF-8 file in the data folder, and stderr.

What is logged: device ids, station numbers, counts, sequence numbers and reason codes. Never a
token, a secret, an enrolment code or a request body; the server holds no personal data at all.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from ward_server.paths import log_path

_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
# uvicorn's access log lines carry method, path, query and status only, never headers.
_LOGGERS = ("ward_server", "uvicorn", "uvicorn.error", "uvicorn.access")


def setup_logging(data_dir: Path, *, level: int = logging.INFO) -> Path:
    path = log_path(data_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    file_handler = logging.handlers.RotatingFileHandler(path, maxBytes=5_000_000, backupCount=5, encoding="utf-8")
    stream_handler = logging.StreamHandler()
    for handler in (file_handler, stream_handler):
        handler.setFormatter(logging.Formatter(_FORMAT))
    for name in _LOGGERS:
        logger = logging.getLogger(name)
        logger.handlers = [file_handler, stream_handler]
        logger.setLevel(level)
        logger.propagate = False
    return path
