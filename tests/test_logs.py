"""The station's log file: where it is, and that its times are Vietnam time with their offset."""

from __future__ import annotations

import logging
import re
from datetime import datetime, timedelta
from pathlib import Path

from clerk_app.clock import VN_TZ
from clerk_app.logs import setup_logging


def test_log_lines_carry_vietnam_time_with_its_offset(tmp_path: Path) -> None:
    path = setup_logging(tmp_path)
    before = datetime.now(VN_TZ)
    logging.getLogger("clerk_app.test_logs").info("polls opened")
    for handler in logging.getLogger("clerk_app").handlers:
        handler.flush()
    line = path.read_text(encoding="utf-8").splitlines()[-1]
    match = re.fullmatch(r"(\S+) INFO clerk_app\.test_logs: polls opened", line)
    assert match is not None, line
    logged = datetime.fromisoformat(match.group(1))
    assert match.group(1).endswith("+07:00")  # whatever zone this machine is set to
    assert abs(logged - before) < timedelta(seconds=5)
