"""Startup time and peak memory of the app, each measured in a child process of its own.

startup_s: the parent takes time.time() just before spawning ``python -m bench.app_child``; the
child imports the app, opens the station, builds and shows the main window (offscreen) and prints
time.time() at that moment. The difference covers interpreter start, imports and window build.
rss_mb_40k: the child's peak resident set (getrusage ru_maxrss, KiB on Linux) after it opened a
40,000-voter station, showed the window and ran a few searches; reported in MiB.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bench.app_child import EXIT_MISSING
from bench.data import polling_setting
from clerk_app.clock import CLOCK_VARIABLE

REPO_ROOT = Path(__file__).resolve().parents[1]
CHILD_TIMEOUT_S = 180


class MissingModule(Exception):
    """A module the figure needs is not written yet (reported as a missing figure, not a crash)."""

    def __init__(self, module: str) -> None:
        super().__init__(f"missing module: {module}")
        self.module = module


@dataclass(frozen=True)
class ChildResult:
    elapsed_s: float  # parent's spawn to child's "shown"
    wall_s: float  # parent's spawn to child's exit
    maxrss_kib: int
    payload: dict[str, object]


def run_child(mode: str, data_dir: Path, queries: list[str] | None = None) -> ChildResult:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env[CLOCK_VARIABLE] = polling_setting()  # the polling day the bench's stations were opened on
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO_ROOT), env.get("PYTHONPATH", "")) if p)
    command = [sys.executable, "-m", "bench.app_child", mode, str(data_dir), *(queries or [])]
    spawned = time.time()
    proc = subprocess.run(
        command,
        cwd=REPO_ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=CHILD_TIMEOUT_S,
        check=False,
    )
    exited = time.time()
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    payload: dict[str, object] = json.loads(lines[-1]) if lines else {}
    if proc.returncode == EXIT_MISSING and "missing" in payload:
        raise MissingModule(str(payload["missing"]))
    if proc.returncode != 0 or "shown_at" not in payload:
        raise RuntimeError(
            f"app child ({mode}) failed with exit {proc.returncode}:\n{proc.stderr[-4000:]}\n{proc.stdout[-2000:]}"
        )
    shown_at = payload["shown_at"]
    maxrss = payload["maxrss_kib"]
    assert isinstance(shown_at, float) and isinstance(maxrss, int)
    return ChildResult(shown_at - spawned, exited - spawned, maxrss, payload)
