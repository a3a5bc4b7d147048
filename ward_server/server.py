"""Running the app with uvicorn, programmatically (the ``ward-server`` serve command)."""

from __future__ import annotations

import logging
from pathlib import Path

import uvicorn

from ward_server.api import create_app
from ward_server.logs import setup_logging
from ward_server.paths import log_path

log = logging.getLogger("ward_server.server")


def serve(data_dir: Path, *, host: str, port: int, tls_cert: str | None = None, tls_key: str | None = None) -> bool:
    """Serve until stopped (Ctrl+C, SIGTERM); False when it could not start (port taken...)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    logging_thread = setup_logging(data_dir)
    scheme = "https" if tls_cert else "http"
    log.info("serving %s://%s:%d/ from %s (log %s)", scheme, host, port, data_dir, log_path(data_dir))
    config = uvicorn.Config(
        create_app(data_dir),
        host=host,
        port=port,
        log_config=None,  # our handlers (setup_logging), not uvicorn's defaults
        ssl_certfile=tls_cert,
        ssl_keyfile=tls_key,
        server_header=False,
        timeout_graceful_shutdown=10,
    )
    server = uvicorn.Server(config)
    try:
        server.run()
    except SystemExit:  # uvicorn exits on a taken port or a bad certificate; the CLI says 1
        return False
    finally:
        logging_thread.stop()  # writes out what is still queued
    return server.started
