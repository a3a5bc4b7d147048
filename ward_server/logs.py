"""Logging: named loggers, a rotating UTF-8 file in the data folder, and stderr.

What is logged: device ids, station numbers, counts, sequence numbers and reason codes. Never a
token, a secret, an enrolment code or a request body; the server holds no personal data at all.

The loggers only put records on a queue; one listener thread formats them and writes the file
and stderr (the logging cookbook's QueueHandler/QueueListener). Two lines per batch (uvicorn's
access line and ingest's) written in the request's path, each with a flush and the rotating
handler's stat calls, cost a tenth of a batch's time (docs/benchmarks.md).
"""

from __future__ import annotations

import logging
import logging.handlers
import queue
from pathlib import Path

from clerk_app.logs import VietnamTimeFormatter
from ward_server.paths import log_path

_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
# uvicorn's access log lines carry method, path, query and status only, never headers.
_LOGGERS = ("ward_server", "uvicorn", "uvicorn.error", "uvicorn.access")


def setup_logging(data_dir: Path, *, level: int = logging.INFO) -> logging.handlers.QueueListener:
    """Route the server's loggers to the log file and stderr; returns the running listener,
    whose ``stop()`` writes out what is still queued (call it when the server stops)."""
    path = log_path(data_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    file_handler = logging.handlers.RotatingFileHandler(path, maxBytes=5_000_000, backupCount=5, encoding="utf-8")
    stream_handler = logging.StreamHandler()
    for handler in (file_handler, stream_handler):
        handler.setFormatter(VietnamTimeFormatter(_FORMAT))
    records: queue.SimpleQueue[logging.LogRecord] = queue.SimpleQueue()
    to_queue = logging.handlers.QueueHandler(records)
    for name in _LOGGERS:
        logger = logging.getLogger(name)
        logger.handlers = [to_queue]
        logger.setLevel(level)
        logger.propagate = False
    listener = logging.handlers.QueueListener(records, file_handler, stream_handler)
    listener.start()
    return listener
