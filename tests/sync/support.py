"""Helpers for the sync tests: a ward server that can be killed and restarted, stations, checks."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

from clerk_app.clock import now as wall_clock
from clerk_app.model import ListRow
from clerk_app.station import Station
from clerk_app.sync import engine
from clerk_app.sync.credentials import InMemoryCredentialStore
from clerk_app.sync.enrol import EnrolResult, enrol
from clerk_app.sync.errors import SyncError
from tests.support import FakeClock, election_morning, parsed_list
from tests.ward_server.support import REPO, free_port, run_cli

TIMEOUT = (3.05, 10.0)
FAST_TIMEOUT = (0.5, 1.0)  # the client's timeouts in fault tests: "slow" waits longer than this


class RestartableWard:
    """The real ``python -m ward_server`` on a fixed loopback port, which tests may SIGKILL and restart."""

    def __init__(self, data_dir: Path, *, tls: tuple[Path, Path, Path] | None = None) -> None:
        """``tls``: (certificate, key, CA bundle) to serve HTTPS, verified against that CA."""
        self.data_dir = data_dir
        self.port = free_port()
        self.tls = tls
        self.url = f"{'https' if tls else 'http'}://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None
        self.starts = 0
        data_dir.mkdir(parents=True, exist_ok=True)

    def start(self) -> None:
        self.starts += 1
        command = [sys.executable, "-m", "ward_server", "--data-dir", str(self.data_dir), "--port", str(self.port)]
        if self.tls:
            command += ["--tls-cert", str(self.tls[0]), "--tls-key", str(self.tls[1])]
        with (self.data_dir / f"server-output-{self.starts}.txt").open("wb") as sink:
            self.process = subprocess.Popen(
                command,
                stdout=sink,
                stderr=subprocess.STDOUT,
                cwd=REPO,
                env={**os.environ, "PYTHONUNBUFFERED": "1"},
            )
        self._wait_healthy()

    def _wait_healthy(self, limit_s: float = 30.0) -> None:
        deadline = time.monotonic() + limit_s
        while time.monotonic() < deadline:
            assert self.process is not None and self.process.poll() is None, "ward server exited"
            try:
                if requests.get(f"{self.url}/healthz", timeout=(0.5, 2), verify=self._verify).status_code == 200:
                    return
            except requests.ConnectionError:
                pass
            time.sleep(0.05)
        raise RuntimeError("ward server not healthy in time")

    @property
    def _verify(self) -> str | bool:
        return str(self.tls[2]) if self.tls else True

    def kill(self) -> None:
        """SIGKILL: no shutdown, no flush; what the server committed is all there is."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=15)
        self.process = None

    def restart(self) -> None:
        self.kill()
        self.start()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=15)
        self.process = None

    def add_station(self, number: int, name: str = "Nhà văn hoá") -> str:
        done = run_cli(self.data_dir, "add-station", str(number), "--name", name, "--voter-count", "2000", "--json")
        assert done.returncode == 0, done.stderr
        code: str = json.loads(done.stdout)["enrollment_code"]
        return code

    def turnout(self, station: int) -> dict[str, Any]:
        answer = requests.get(f"{self.url}/api/v1/stations/{station}/turnout", timeout=TIMEOUT, verify=self._verify)
        assert answer.status_code == 200, answer.text
        result: dict[str, Any] = answer.json()
        return result

    def events(self, station: int, token: str) -> list[dict[str, Any]]:
        """Every event the ward holds for the station, read by cursor as a device does."""
        found: list[dict[str, Any]] = []
        after = 0
        while True:
            answer = requests.get(
                f"{self.url}/api/v1/stations/{station}/events",
                params={"after": after, "limit": 1000},
                headers={"Authorization": f"Bearer {token}"},
                timeout=TIMEOUT,
                verify=self._verify,
            )
            assert answer.status_code == 200, answer.text
            page = answer.json()
            found += page["events"]
            if len(page["events"]) < 1000:
                return found
            after = page["next"]


@contextmanager
def running_ward(data_dir: Path, tls: tuple[Path, Path, Path] | None = None) -> Iterator[RestartableWard]:
    ward = RestartableWard(data_dir, tls=tls)
    ward.start()
    try:
        yield ward
    finally:
        ward.stop()


def voter_rows(count: int) -> list[ListRow]:
    """A list of ``count`` voters, enough for several 500-event batches."""
    surnames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng"]
    rows = []
    for n in range(1, count + 1):
        year = 1940 + n % 60
        rows.append(
            ListRow(
                list_no=n,
                name=f"{surnames[n % len(surnames)]} Văn Số{n}",
                source_row=8 + n,
                birth=str(year),
                birth_year=year,
                birth_date=None,
                gender="Nam",
                residence="phường Láng, thành phố Hà Nội",
                group=f"Tổ dân phố {n % 12 + 1}",
            )
        )
    return rows


@dataclass
class Device:
    """A station laptop in a test: its Station (test thread), its keyring, its enrolment."""

    station: Station
    store: InMemoryCredentialStore
    enrolment: EnrolResult | None = None
    checked_in: set[int] = field(default_factory=set)

    @property
    def data_dir(self) -> Path:
        return self.station.data_dir

    @property
    def token(self) -> str:
        credentials = self.store.load(self.station.device_id)
        assert credentials is not None
        return credentials.token

    def check_in(self, *list_nos: int) -> None:
        for n in list_nos:
            self.station.check_in(n)
            self.checked_in.add(n)

    def sync(self, timeout: tuple[float, float] = FAST_TIMEOUT) -> engine.SyncResult:
        client, ward = engine.open_client(self.station, self.store, timeout)
        with client:
            return engine.sync_once(self.station, client, ward, wall_clock)

    def try_sync(self, timeout: tuple[float, float] = FAST_TIMEOUT) -> SyncError | None:
        try:
            self.sync(timeout)
        except SyncError as exc:
            return exc
        return None

    def own_seq(self) -> int:
        row = self.station.db.conn.execute(
            "SELECT coalesce(max(seq), 0) FROM events WHERE device_id = ?", (self.station.device_id,)
        ).fetchone()
        return int(row[0])


def open_station(
    data_dir: Path, clock: FakeClock, *, voters: int = 20, polls_open: bool = True, station_no: int = 7
) -> Station:
    station = Station.open(data_dir, clock=clock, clerk="Bàn 1")
    if voters:
        station.import_list(parsed_list(voter_rows(voters), station_no=station_no))
    if polls_open:
        clock.moment = max(clock.moment, election_morning(7, 0))
        station.open_polls()
    return station


def enrolled_device(
    data_dir: Path,
    clock: FakeClock,
    url: str,
    code: str,
    *,
    voters: int = 20,
    polls_open: bool = True,
    station_no: int = 7,
) -> Device:
    station = open_station(data_dir, clock, voters=voters, polls_open=polls_open, station_no=station_no)
    store = InMemoryCredentialStore()
    result = enrol(station, url, code, store=store, station_no=station_no, timeout=TIMEOUT)
    return Device(station, store, result)


def assert_ward_matches(
    ward: RestartableWard, station_no: int, devices: list[Device], *, also_voted: Iterable[int] = ()
) -> None:
    """The ward holds each device's events exactly once, all of them, and counts each voter once.

    ``also_voted``: voters checked in on devices not in ``devices`` (a replaced laptop).
    """
    events = ward.events(station_no, devices[0].token)
    keys = [(e["device_id"], e["seq"]) for e in events]
    assert len(keys) == len(set(keys)), "an event is held twice"
    for device in devices:
        mine = sorted(seq for dev, seq in keys if dev == device.station.device_id)
        assert mine == list(range(1, device.own_seq() + 1)), "the ward's events differ from the device's"
        assert device.station.status().unsent_events == 0
    voted = set(also_voted).union(*(d.checked_in for d in devices))
    assert ward.turnout(station_no)["checked_in"] == len(voted)


def wait_until(condition: Callable[[], bool], timeout: float = 15.0, step: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return condition()
