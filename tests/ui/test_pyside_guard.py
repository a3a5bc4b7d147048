"""PySide6 6.12 takes references from None (void methods) and True (emit); the guard keeps the app
alive through a polling day anyway."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

A_DAY_OF_CALLS = """
import sys
from PySide6.QtCore import QObject, Signal
from clerk_app.ui.pyside_guard import lost_references, protect_singletons
class Ticker(QObject):
    tick = Signal()
lost = lost_references()
guarded = protect_singletons() if sys.argv[1] == "guarded" else False
ticker = Ticker()
for _ in range(200_000):  # more void calls and emits than a polling day makes
    ticker.setObjectName("t")
    ticker.tick.emit()
print(max(lost.values()) > 0, guarded, flush=True)
"""


def run(mode: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", A_DAY_OF_CALLS, mode], capture_output=True, text=True, cwd=ROOT, timeout=120, check=False
    )


def test_a_day_of_calls_and_a_clean_exit_with_the_guard() -> None:
    guarded = run("guarded")
    assert guarded.returncode == 0, guarded.stderr
    bug, installed = guarded.stdout.split()
    assert installed == bug  # installed exactly when this PySide6 loses references
    if bug == "True":
        unguarded = run("unguarded")  # what the guard prevents
        assert unguarded.returncode != 0 and "_dealloc: deallocating" in unguarded.stderr
