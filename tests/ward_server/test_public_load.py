"""A crowd of phones on the public page while stations sync: ingest keeps working, nobody is refused.

A bounded load on loopback, never a speed test (the figures are bench/public_bench.py's): for
LOAD_SECONDS, READERS threads fetch ``/api/v1/public/stations`` and ``/public`` back to back
(each with its own keep-alive session) while three station devices post signed batches of
check-ins, each batch with the station client's own timeouts (clerk_app.sync.client). Every
batch must be stored whole, none refused, none slower than the client's read timeout; every
reader's answer must be a 200; and afterwards the public figures count every check-in posted.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import requests

from clerk_app.sync.client import DEFAULT_TIMEOUT
from tests.ward_server.support import Device, WardProcess, election_time, ward_server

READERS = 50
LOAD_SECONDS = 8.0
STATIONS = (1, 2, 3)
VOTERS = 5_000
BATCH = 100  # check-ins per batch: a busy station's few seconds' worth, posted as fast as answered
PAGE_EVERY = 5  # one reader request in five is the HTML page, the others the JSON
SETTLE_LIMIT_S = 20.0  # for the public figures' cache to catch up after the load


@dataclass
class ReaderLog:
    statuses: Counter[int] = field(default_factory=Counter)
    slowest_s: float = 0.0


@dataclass
class WriterLog:
    station: int
    posted: int = 0
    batches: int = 0
    statuses: Counter[int] = field(default_factory=Counter)
    latencies_s: list[float] = field(default_factory=list)
    problems: list[dict[str, Any]] = field(default_factory=list)


@pytest.fixture(scope="module")
def loaded_ward(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WardProcess]:
    with ward_server(Path(tmp_path_factory.mktemp("public-load"))) as server:
        for number in STATIONS:
            name = f"Nhà văn hoá tổ dân phố {number}"
            server.add_station(number, name, "--voter-count", str(VOTERS), "--place", f"Hội trường {name}")
        yield server


def read(url: str, stop: threading.Event) -> ReaderLog:
    log = ReaderLog()
    with requests.Session() as session:
        count = 0
        while not stop.is_set():
            count += 1
            path = "/public" if count % PAGE_EVERY == 0 else "/api/v1/public/stations"
            started = time.perf_counter()
            answer = session.get(url + path, timeout=DEFAULT_TIMEOUT)
            log.slowest_s = max(log.slowest_s, time.perf_counter() - started)
            log.statuses[answer.status_code] += 1
    return log


def write(device: Device, stop: threading.Event) -> WriterLog:
    """Post batches one after another, as the sync worker drains a busy station's outbox."""
    log = WriterLog(device.station)
    next_voter = 1
    with requests.Session() as session:
        while not stop.is_set() and next_voter + BATCH <= VOTERS:
            start = election_time(8) + timedelta(seconds=2 * next_voter)
            events = device.chain.check_ins(range(next_voter, next_voter + BATCH), start, step_s=2)
            body = device.body(events)
            headers = {
                "Authorization": f"Bearer {device.token}",
                "X-Signature": device.sign(body),
                "Content-Type": "application/json",
            }
            started = time.perf_counter()
            answer = session.post(f"{device.url}/api/v1/events", data=body, headers=headers, timeout=DEFAULT_TIMEOUT)
            log.latencies_s.append(time.perf_counter() - started)
            log.statuses[answer.status_code] += 1
            log.batches += 1
            if answer.status_code != 200:
                log.problems.append({"status": answer.status_code, "body": answer.text[:500]})
                break
            ack = answer.json()
            if ack["stored"] != BATCH or ack["refused"] or ack["acked_seq"] != events[-1]["seq"]:
                log.problems.append(ack)
                break
            log.posted += BATCH
            next_voter += BATCH
    return log


def test_ingest_keeps_working_under_a_crowd_of_readers(loaded_ward: WardProcess) -> None:
    devices = [loaded_ward.device(number, f"dev-load-{number}") for number in STATIONS]
    for device in devices:  # the polls open before the day's check-ins
        device.post([device.chain.next("polls_opened", at=election_time(7), payload={"test_check_ins_wiped": 0})])
    stop = threading.Event()
    with ThreadPoolExecutor(max_workers=READERS + len(devices), thread_name_prefix="load") as pool:
        readers = [pool.submit(read, loaded_ward.url, stop) for _ in range(READERS)]
        time.sleep(0.5)  # the crowd is there before the stations post
        writers = [pool.submit(write, device, stop) for device in devices]
        time.sleep(LOAD_SECONDS)
        stop.set()
        reader_logs = [f.result(timeout=60) for f in readers]
        writer_logs = [f.result(timeout=60) for f in writers]

    for log in writer_logs:
        assert log.problems == [], log.problems
        assert set(log.statuses) == {200}, log.statuses
        assert log.batches >= 3, f"station {log.station} posted only {log.batches} batches in {LOAD_SECONDS} s"
        assert max(log.latencies_s) < DEFAULT_TIMEOUT[1], max(log.latencies_s)

    answered: Counter[int] = Counter()
    for reader in reader_logs:
        answered.update(reader.statuses)
    assert set(answered) == {200}, answered
    assert answered[200] >= READERS * 2, answered  # every reader got through more than once
    assert max(r.slowest_s for r in reader_logs) < DEFAULT_TIMEOUT[1]

    # Nothing posted under load was lost: the public figures count it all once the cache turns over.
    posted = {log.station: log.posted for log in writer_logs}
    deadline = time.monotonic() + SETTLE_LIMIT_S
    while True:
        data = loaded_ward.get("/api/v1/public/stations").json()
        shown = {s["station"]: s["voted"] for s in data["stations"]}
        if shown == posted or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    assert shown == posted
    assert data["ward"]["voted"] == sum(posted.values())
