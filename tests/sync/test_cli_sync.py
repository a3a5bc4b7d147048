"""``clerk-app enroll`` and ``clerk-app sync --once`` as real processes, with the test-only file keyring."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from clerk_app.clock import CLOCK_VARIABLE
from clerk_app.settings import REPORT_INTERVAL, Settings
from clerk_app.station import Station
from clerk_app.sync.reports import label, schedule_from_settings
from tests.support import POLLING_DAY_CLOCK, FakeClock, election_morning
from tests.support import clerk as run_clerk
from tests.sync.faultproxy import FaultProxy
from tests.sync.file_keyring import ENV_FILE
from tests.sync.support import RestartableWard
from tests.ward_server.support import REPO, free_port

SAMPLE_CSV = REPO / "tests" / "data" / "kvbp-07-phuong-lang.csv"


def clerk_env(keyring_file: Path, backend: str = "tests.sync.file_keyring.FileKeyring") -> dict[str, str]:
    """The station's environment: its keyring, and the polling day's clock (tests.support.clerk)."""
    return {
        CLOCK_VARIABLE: POLLING_DAY_CLOCK,
        **os.environ,
        "PYTHON_KEYRING_BACKEND": backend,
        ENV_FILE: str(keyring_file),
    }


def clerk(data_dir: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return run_clerk(data_dir, *args, env=env)


def clerk_json(data_dir: Path, env: dict[str, str], *args: str, expect: int = 0) -> dict[str, Any]:
    done = clerk(data_dir, env, *args, "--json")
    assert done.returncode == expect, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return clerk_env(tmp_path / "keyring.json")


@pytest.fixture
def opened(tmp_path: Path, env: dict[str, str]) -> Path:
    data_dir = tmp_path / "station"
    clerk_json(data_dir, env, "import-list", str(SAMPLE_CSV))
    clerk_json(data_dir, env, "open-polls")
    return data_dir


def _ward_seqs(ward: RestartableWard, station: int, token_file: Path) -> list[tuple[str, int]]:
    token = json.loads(next(iter(json.loads(token_file.read_text(encoding="utf-8")).values())))["token"]
    return [(e["device_id"], e["seq"]) for e in ward.events(station, token)]


def test_enroll_then_sync_once_acknowledges_everything(
    opened: Path, env: dict[str, str], shared_ward: RestartableWard, tmp_path: Path
) -> None:
    for list_no in (1, 2, 3):
        clerk_json(opened, env, "check-in", "--list-no", str(list_no))
    enrolled = clerk_json(opened, env, "enroll", shared_ward.url, shared_ward.add_station(7))
    assert enrolled["ok"] and enrolled["station"] == 7 and enrolled["has_list"]
    assert "token" not in json.dumps(enrolled) and "secret" not in json.dumps(enrolled)

    synced = clerk_json(opened, env, "sync", "--once")

    assert synced["ok"] and synced["unsent_events"] == 0 and synced["sent"] > 0
    assert clerk_json(opened, env, "status")["unsent_events"] == 0
    keys = _ward_seqs(shared_ward, 7, tmp_path / "keyring.json")
    assert len(keys) == len(set(keys)) == synced["acked_seq"]
    assert "Nguy" not in (opened / "logs" / "clerk-app.log").read_text(encoding="utf-8")  # no names in the log


def test_sync_once_exits_4_when_unreachable_and_loses_nothing(
    opened: Path, env: dict[str, str], own_ward: RestartableWard
) -> None:
    clerk_json(opened, env, "enroll", own_ward.url, own_ward.add_station(7))
    own_ward.kill()
    clerk_json(opened, env, "check-in", "--list-no", "9")

    done = clerk(opened, env, "sync", "--once")
    assert done.returncode == 4
    assert "can't be reached" in done.stderr and "Nothing was lost" in done.stderr
    as_json = clerk(opened, env, "sync", "--once", "--json")
    assert as_json.returncode == 4
    said = json.loads(as_json.stdout)
    assert (said["ok"], said["reason"]) == (False, "unreachable") and said["unsent_events"] >= 1
    assert clerk_json(opened, env, "status")["unsent_events"] > 0

    own_ward.start()
    assert clerk_json(opened, env, "sync", "--once")["unsent_events"] == 0


def test_without_a_keyring_enroll_refuses_clearly_and_spends_no_code(
    opened: Path, tmp_path: Path, shared_ward: RestartableWard
) -> None:
    code = shared_ward.add_station(7)
    no_keyring = clerk_env(tmp_path / "unused.json", backend="keyring.backends.fail.Keyring")
    done = clerk(opened, no_keyring, "enroll", shared_ward.url, code)
    assert done.returncode == 1
    assert "no secure credential store on this machine" in done.stderr
    assert not (tmp_path / "unused.json").exists()
    assert clerk_json(opened, clerk_env(tmp_path / "keyring.json"), "enroll", shared_ward.url, code)["ok"]


def test_bad_code_and_bad_address_are_refused(opened: Path, env: dict[str, str], shared_ward: RestartableWard) -> None:
    shared_ward.add_station(7)
    wrong = clerk(opened, env, "enroll", shared_ward.url, "AAAA-BBBB")
    assert wrong.returncode == 3 and "403" in wrong.stderr
    assert clerk(opened, env, "enroll", "ftp://ward", "AAAA-BBBB").returncode == 2
    unreachable = clerk(opened, env, "enroll", f"http://127.0.0.1:{free_port()}", "AAAA-BBBB")
    assert unreachable.returncode == 4
    assert clerk(opened, env, "sync", "--once").returncode == 2  # not enrolled


def test_enroll_on_an_empty_data_folder_needs_the_station_and_says_to_import_the_list(
    tmp_path: Path, env: dict[str, str], shared_ward: RestartableWard
) -> None:
    empty = tmp_path / "new-laptop"
    code = shared_ward.add_station(7)
    assert clerk(empty, env, "enroll", shared_ward.url, code).returncode == 2
    done = clerk(empty, env, "enroll", shared_ward.url, code, "--station", "7")
    assert done.returncode == 0, done.stderr
    assert "no voter list yet" in done.stdout and "import-list" in done.stdout


def test_client_killed_mid_send_then_sync_again(
    opened: Path, env: dict[str, str], own_ward: RestartableWard, proxy: FaultProxy, tmp_path: Path
) -> None:
    clerk_json(opened, env, "enroll", proxy.url, own_ward.add_station(7))
    for list_no in range(1, 6):
        clerk_json(opened, env, "check-in", "--list-no", str(list_no))
    proxy.mode, proxy.only_path, proxy.delay_s = "slow", "/api/v1/events", 30.0
    sync = subprocess.Popen(
        [sys.executable, "-m", "clerk_app", "sync", "--once", "--data-dir", str(opened)],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert proxy.wait_for("POST", "/api/v1/events", 1, timeout=30)  # the batch is on the wire
    finally:
        sync.send_signal(signal.SIGKILL)
        sync.wait(timeout=15)
    assert sync.returncode == -signal.SIGKILL

    proxy.mode = "pass"
    synced = clerk_json(opened, env, "sync", "--once")
    assert synced["unsent_events"] == 0
    station = Station.open(opened)
    try:
        own_seq = station.db.conn.execute("SELECT max(seq) FROM events WHERE device_id = ?", (station.device_id,))
        expected = [(station.device_id, seq) for seq in range(1, own_seq.fetchone()[0] + 1)]
    finally:
        station.close()
    assert sorted(_ward_seqs(own_ward, 7, tmp_path / "keyring.json")) == expected
    assert own_ward.turnout(7)["checked_in"] == 5


def test_sync_once_records_the_turnout_reports_that_are_due_and_sends_them(
    tmp_path: Path, env: dict[str, str], own_ward: RestartableWard
) -> None:
    """As a round of the app's worker: the team's schedule (settings.json), each report once."""
    data_dir = tmp_path / "station"
    clerk_json(data_dir, env, "import-list", str(SAMPLE_CSV))
    clock = FakeClock(election_morning(7, 0))
    station = Station.open(data_dir, clock=clock, clerk="Bàn 1")
    try:
        station.open_polls()
        for list_no, moment in ((1, election_morning(8, 10)), (2, election_morning(9, 20))):
            clock.moment = moment
            station.check_in(list_no)
    finally:
        station.close()
    Settings(data_dir).set(REPORT_INTERVAL, 120)
    clerk_json(data_dir, env, "enroll", own_ward.url, own_ward.add_station(7))

    next_day = {**env, CLOCK_VARIABLE: "2026-03-16T10:00:00+07:00"}
    synced = clerk_json(data_dir, next_day, "sync", "--once")  # long after that day

    schedule = schedule_from_settings(Settings(data_dir))
    assert schedule.interval_minutes == 120
    expected = [label(t) for t in schedule.times()]
    assert synced["reports_recorded"] == expected and synced["unsent_events"] == 0
    token = json.loads(next(iter(json.loads((tmp_path / "keyring.json").read_text(encoding="utf-8")).values())))
    reports = {
        e["payload"]["hour"]: e["payload"]["checked_in"]
        for e in own_ward.events(7, token["token"])
        if e["kind"] == "hourly_report"
    }
    assert list(reports) == expected  # at the ward, each once
    assert (reports["07:00"], reports["09:00"], reports["11:00"]) == (0, 1, 2)
    assert clerk_json(data_dir, env, "sync", "--once")["reports_recorded"] == []  # not again
