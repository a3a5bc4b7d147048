"""Smoke test of the built bundles, as a clerk and ward IT staff use them: ``pytest -m bundle``.

The executables in dist/clerk-app and dist/ward-server (``bash packaging/build.sh``) run as they
would on a laptop, with no Python of ours around them: the sample list imports, polls open, a
voter checks in, ``status --json`` counts it, the window opens (offscreen) with its Vietnamese
translation and icon, an old station database upgrades with a backup, and the ward server answers
``/healthz`` on 127.0.0.1. Linux here and in .ci/run; Windows in .github/workflows/windows-bundle.yml.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from clerk_app import __version__
from tests.migrations.make_fixtures import FIXTURES, FUTURE_STEP
from tests.packaging.conftest import ROOT, dist_dir

pytestmark = pytest.mark.bundle

WINDOWS = sys.platform == "win32"
EXE = ".exe" if WINDOWS else ""
SAMPLE_CSV = ROOT / "tests" / "data" / "kvbp-07-phuong-lang.csv"
TIMEOUT_S = 120
POLLING_DAY = "2026-03-15T08:00:00+07:00"


def executable(bundle: str, name: str) -> Path:
    return dist_dir() / bundle / f"{name}{EXE}"


def run(program: Path, *args: str, data_dir: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run a bundled program from a folder outside the repository, offscreen, with no PYTHON* help."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["CLERK_APP_CLOCK"] = POLLING_DAY  # the polls open only from 05:00, whenever the tests run
    extra = ["--data-dir", str(data_dir)] if data_dir is not None else []
    return subprocess.run(
        [str(program), *args, *extra],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=data_dir.parent if data_dir is not None else dist_dir(),
        env=env,
        timeout=TIMEOUT_S,
        check=False,
    )


def clerk(data_dir: Path, *args: str, expect: int = 0) -> dict[str, Any]:
    done = run(executable("clerk-app", "clerk-app"), *args, "--json", data_dir=data_dir)
    assert done.returncode == expect, f"exit {done.returncode}: {done.stderr}"
    payload: dict[str, Any] = json.loads(done.stdout)
    return payload


def test_version_is_the_source_version() -> None:
    done = run(executable("clerk-app", "clerk-app"), "--version")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"clerk-app {__version__}"


def test_a_polling_morning_through_the_bundled_cli(tmp_path: Path) -> None:
    data = tmp_path / "station"
    imported = clerk(data, "import-list", str(SAMPLE_CSV))
    assert (imported["station"], imported["ward"], imported["voters"]) == (7, "phường Láng", 1612)
    assert clerk(data, "open-polls")["polls"] == "open"

    found = clerk(data, "search", "nguyen thi oanh", "--limit", "3")  # folding and FTS5 in the bundled SQLite
    assert found["results"][0]["list_no"] == 2 and found["results"][0]["name"] == "Nguyễn Thị Oanh"
    checked = clerk(data, "check-in", "--list-no", "5")
    assert checked["ok"] is True and checked["at"].endswith("+07:00")
    assert checked["at"].startswith("2026-03-15T08:00")  # the bundle reads CLERK_APP_CLOCK
    again = clerk(data, "check-in", "--list-no", "5", expect=3)
    assert again["reason"] == "already_checked_in"
    assert clerk(data, "check-in", "--scan", "07-0006", "--mobile-box")["list_no"] == 6

    status = clerk(data, "status")
    assert (status["station"], status["voters"], status["checked_in"], status["polls"]) == (7, 1612, 2, "open")
    assert status["turnout"] == round(100 * 2 / 1612, 2)
    assert status["unsent_events"] == 4  # list imported, polls opened, two check-ins
    assert status["last_sync_at"] is None

    copy = clerk(data, "backup", "--out", str(tmp_path))
    assert Path(copy["path"]).is_file() and Path(copy["path"]).parent == tmp_path


def _smoke(program: Path, data: Path) -> dict[str, Any]:
    done = run(program, "--smoke-test", data_dir=data)
    assert done.returncode == 0, f"exit {done.returncode}: {done.stdout} {done.stderr}"
    report: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return report


def test_window_opens_offscreen_with_translation_and_icon(tmp_path: Path) -> None:
    data = tmp_path / "station"
    clerk(data, "import-list", str(SAMPLE_CSV))
    report = _smoke(executable("clerk-app", "clerk-app"), data)
    assert report["ok"] is True and report["painted"] is True
    assert report["frozen"] is True and report["utf8_mode"] is True
    assert report["language"] == "vi", "the Vietnamese .qm did not load from the bundle"
    assert report["icon_renders"] is True, "the SVG icon did not render: Qt's SVG plugins missing?"
    assert "Khu vực bỏ phiếu số 07" in report["window_title"]
    assert Path(report["resources"]).is_relative_to(dist_dir() / "clerk-app")
    assert report["version"] == __version__
    assert Path(report["log_dir"]) == data / "logs"


@pytest.mark.skipif(not WINDOWS, reason="the windowed executable exists on Windows only")
def test_windowed_executable_opens_the_window(tmp_path: Path) -> None:
    """clerk-app-gui.exe has no stdout: its exit code and the log say the window was shown."""
    data = tmp_path / "station"
    done = run(executable("clerk-app", "clerk-app-gui"), "--smoke-test", data_dir=data)
    assert done.returncode == 0
    log = (data / "logs" / "clerk-app.log").read_text(encoding="utf-8")
    assert "smoke test: window shown" in log


def test_bundle_upgrades_an_old_station_with_a_backup_and_refuses_a_newer_one(tmp_path: Path) -> None:
    old = tmp_path / "old"
    old.mkdir()
    shutil.copyfile(FIXTURES / "v0.1-m001.db", old / "station.db")
    done = run(executable("clerk-app", "clerk-app"), "status", "--json", data_dir=old)
    assert done.returncode == 0, done.stderr
    status = json.loads(done.stdout)
    assert (status["checked_in"], status["unsent_events"]) == (39, 48)
    copies = list((old / "backups").glob("station-before-m002_sync-*.db"))
    assert len(copies) == 1 and str(copies[0]) in done.stderr

    newer = tmp_path / "newer"
    newer.mkdir()
    shutil.copyfile(FIXTURES / "newer.db", newer / "station.db")
    refused = run(executable("clerk-app", "clerk-app"), "status", "--json", data_dir=newer)
    assert refused.returncode == 1 and FUTURE_STEP in refused.stderr


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture
def bundled_ward(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    data = tmp_path / "ward"
    data.mkdir()
    port = _free_port()
    program = executable("ward-server", "ward-server")
    command = [str(program), "--data-dir", str(data), "--host", "127.0.0.1", "--port", str(port)]
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    with (data / "server-output.txt").open("wb") as sink:
        process = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT, cwd=tmp_path, env=env)
    try:
        yield f"http://127.0.0.1:{port}", data
    finally:
        process.terminate()  # this process only, by its handle
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)


def test_bundled_ward_server_answers_healthz(bundled_ward: tuple[str, Path]) -> None:
    url, data = bundled_ward
    deadline = time.monotonic() + 60
    answer = None
    while time.monotonic() < deadline:
        try:
            answer = requests.get(f"{url}/healthz", timeout=(1, 5))
            break
        except requests.ConnectionError:
            time.sleep(0.1)
    assert answer is not None, (data / "server-output.txt").read_text(encoding="utf-8", errors="replace")
    assert answer.status_code == 200, answer.text

    ward = executable("ward-server", "ward-server")
    added = run(
        ward, "add-station", "7", "--name", "Nhà văn hoá tổ 5", "--voter-count", "1612", "--json", data_dir=data
    )
    assert added.returncode == 0, added.stderr
    assert json.loads(added.stdout)["station"] == 7
    assert len(json.loads(added.stdout)["enrollment_code"]) > 0
