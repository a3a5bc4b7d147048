"""``clerk-app --smoke-test`` from the source tree: what the bundle tests and the Windows workflow rely on."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from clerk_app import __version__
from tests.migrations.make_fixtures import FIXTURES

ROOT = Path(__file__).resolve().parents[2]


def smoke(data_dir: Path) -> tuple[int, dict[str, Any]]:
    done = subprocess.run(
        [sys.executable, "-m", "clerk_app", "--smoke-test", "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=120,
        check=False,
    )
    report: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return done.returncode, report


def test_smoke_test_opens_the_window_and_reports_it(tmp_path: Path) -> None:
    code, report = smoke(tmp_path)
    assert code == 0 and report["ok"] is True
    assert report["painted"] is True and report["icon_renders"] is True
    assert report["language"] == "vi" and report["frozen"] is False
    assert report["version"] == __version__
    assert report["resources"] == str(ROOT / "resources")
    assert report["log_dir"] == str(tmp_path / "logs")
    assert "smoke test: window shown" in (tmp_path / "logs" / "clerk-app.log").read_text(encoding="utf-8")


def test_smoke_test_fails_when_the_window_cannot_open(tmp_path: Path) -> None:
    """A station file from a newer version: the app shows its refusal instead of the window."""
    shutil.copyfile(FIXTURES / "newer.db", tmp_path / "station.db")
    code, report = smoke(tmp_path)
    assert code != 0 and report["ok"] is False
