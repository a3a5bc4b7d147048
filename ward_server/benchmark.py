"""Ingest benchmark for the bench runner: the real HTTP endpoint against a bare SQLite insert.

``ingest_events_per_s``: signed batches of 500 posted one after another over loopback to a
ward server running in its own process (as in the ward office), acknowledged, on disk. The
client is the standard library's http.client on one keep-alive connection: the figure is the
server's rate, so the client should cost next to nothing beside it (a load generator, as wrk or
ab would be). The same posting with ``requests``, the station's own sync client, runs in every
round beside it and is reported too (``ingest_events_per_s_requests_client``): its extra cost is
spent on each station's laptop, not on the ward's, and shows in ``sync_backlog_4k_s``.
``raw_insert_events_per_s``: the same rows executemany'd into a bare table in the same folder,
WAL + synchronous=FULL, one commit per 500 as the server does. ``ingest_vs_raw`` is their ratio,
measured side by side in one run so that it holds when the machine drifts.

    python -m ward_server.benchmark [--events 20000] [--repeats 3] [--dir DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import http.client
import json
import os
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import requests

from clerk_app.clock import VN_TZ, to_iso
from clerk_app.storage.eventlog import GENESIS_HASH, event_hash
from ward_server import registry
from ward_server.db import open_database
from ward_server.paths import database_path

BATCH = 500
TIMEOUT = (3.05, 60.0)
STARTUP_LIMIT_S = 30.0
_COLUMNS = "device_id, seq, uuid, kind, list_no, at, clerk, payload, prev_hash, hash"


@dataclass
class IngestRun:
    """Rates of each round, ingest and raw side by side (round i of one beside round i of the other)."""

    events: int  # per round
    ingest_rates: list[float] = field(default_factory=list)  # events per second, posted with http.client
    raw_rates: list[float] = field(default_factory=list)
    requests_rates: list[float] = field(default_factory=list)  # the same posting with requests

    def figures(self) -> dict[str, float]:
        ingest_rate, raw_rate = statistics.median(self.ingest_rates), statistics.median(self.raw_rates)
        return {
            "ingest_events_per_s": round(ingest_rate, 1),
            "raw_insert_events_per_s": round(raw_rate, 1),
            "ingest_vs_raw": round(ingest_rate / raw_rate, 3),
            "ingest_events_per_s_requests_client": round(statistics.median(self.requests_rates), 1),
        }


def ingest_benchmark(folder: Path, *, events: int = 20_000, repeats: int = 3) -> dict[str, float]:
    """Median rates over ``repeats`` rounds of ``events`` events each (a multiple of 500 is best)."""
    return measure_ingest(folder, events=events, rounds=repeats).figures()


def measure_ingest(folder: Path, *, events: int, rounds: int) -> IngestRun:
    folder.mkdir(parents=True, exist_ok=True)
    rows = _make_rows("dev-bench", 2 * events * rounds)  # each round: one stretch per client
    run = IngestRun(events)
    with _server(folder / "ward") as (url, device):
        for i in range(rounds):
            first, second = (rows[(2 * i + k) * events : (2 * i + k + 1) * events] for k in (0, 1))
            # Interleaved, so that a busy spell on a shared machine hits every figure alike. The two
            # clients take turns at posting first; the seqs always arrive in order.
            clients = [(_time_ingest, run.ingest_rates), (_time_ingest_requests, run.requests_rates)]
            if i % 2:
                clients.reverse()
            for chunk, (timer, rates) in zip((first, second), clients, strict=True):
                rates.append(timer(url, device, chunk))
            run.raw_rates.append(_time_raw(folder / f"raw-{i}.db", first))
    return run


def _make_rows(device_id: str, count: int) -> list[dict[str, Any]]:
    """A day of check-ins as one station device writes them: chained, gap-free."""
    start = datetime(2026, 3, 15, 7, 0, tzinfo=VN_TZ)
    rows, prev = [], GENESIS_HASH
    for seq in range(1, count + 1):
        event: dict[str, Any] = {
            "seq": seq,
            "uuid": str(uuid.uuid4()),
            "kind": "checked_in",
            "list_no": seq,
            "at": to_iso(start + timedelta(seconds=seq)),
            "clerk": "Bàn 1",
            "payload": {"mobile_box": True} if seq % 50 == 0 else {},
            "prev_hash": prev,
        }
        payload_json = json.dumps(event["payload"], ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        fields = {k: v for k, v in event.items() if k not in ("payload",)}
        event["hash"] = prev = event_hash(device_id=device_id, payload_json=payload_json, **fields)
        rows.append(event)
    return rows


def _signed_batches(device: dict[str, str], events: list[dict[str, Any]]) -> list[tuple[bytes, dict[str, str]]]:
    """Bodies and headers of the batches, made before any clock starts."""
    bodies = []
    for i in range(0, len(events), BATCH):
        body = json.dumps(
            {"device_id": device["device_id"], "station": 1, "events": events[i : i + BATCH]}, ensure_ascii=False
        ).encode("utf-8")
        signature = hmac.new(device["secret"].encode("utf-8"), body, hashlib.sha256).hexdigest()
        headers = {
            "Authorization": f"Bearer {device['token']}",
            "X-Signature": signature,
            "Content-Type": "application/json",
        }
        bodies.append((body, headers))
    return bodies


def _time_ingest(url: str, device: dict[str, str], events: list[dict[str, Any]]) -> float:
    """Events per second with http.client on one keep-alive connection."""
    bodies = _signed_batches(device, events)
    place = urlsplit(url)
    conn = http.client.HTTPConnection(place.hostname or "127.0.0.1", place.port, timeout=TIMEOUT[1])
    try:
        started = time.perf_counter()
        for body, headers in bodies:
            conn.request("POST", "/api/v1/events", body=body, headers=headers)
            answer = conn.getresponse()
            text = answer.read()
            if answer.status != 200:
                raise RuntimeError(f"the server answered {answer.status}: {text[:200]!r}")
        elapsed = time.perf_counter() - started
    finally:
        conn.close()
    _check_acked(json.loads(text)["acked_seq"], events)
    return len(events) / elapsed


def _time_ingest_requests(url: str, device: dict[str, str], events: list[dict[str, Any]]) -> float:
    """Events per second with requests, as the station's sync client posts."""
    bodies = _signed_batches(device, events)
    with requests.Session() as session:
        started = time.perf_counter()
        for body, headers in bodies:
            answer = session.post(f"{url}/api/v1/events", data=body, headers=headers, timeout=TIMEOUT)
            answer.raise_for_status()
        elapsed = time.perf_counter() - started
    _check_acked(answer.json()["acked_seq"], events)
    return len(events) / elapsed


def _check_acked(acked_seq: int, events: list[dict[str, Any]]) -> None:
    if acked_seq != events[-1]["seq"]:
        raise RuntimeError("the server did not acknowledge every event")


def _time_raw(path: Path, events: list[dict[str, Any]]) -> float:
    conn = sqlite3.connect(str(path))
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute(f"CREATE TABLE IF NOT EXISTS raw_events ({_COLUMNS})")
    keys = ("seq", "uuid", "kind", "list_no", "at", "clerk")
    rows = [("dev-bench", *(e[k] for k in keys), json.dumps(e["payload"]), e["prev_hash"], e["hash"]) for e in events]
    started = time.perf_counter()
    for i in range(0, len(rows), BATCH):
        with conn:
            conn.executemany(
                f"INSERT INTO raw_events ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows[i : i + BATCH]
            )
    elapsed = time.perf_counter() - started
    conn.close()
    return len(rows) / elapsed


@contextmanager
def _server(data_dir: Path) -> Iterator[tuple[str, dict[str, str]]]:
    """A ward server with station 1 and one enrolled device, "dev-bench": (url, its credentials)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    db = open_database(database_path(data_dir))
    try:
        code = registry.add_station(db.conn, 1, "Benchmark", 40_000, datetime.now(VN_TZ))
    finally:
        db.close()
    with ward_process(data_dir) as url:
        answer = requests.post(
            f"{url}/api/v1/enroll", json={"station": 1, "code": code, "device_id": "dev-bench"}, timeout=TIMEOUT
        )
        answer.raise_for_status()
        yield url, answer.json()


@contextmanager
def ward_process(data_dir: Path) -> Iterator[str]:
    """``python -m ward_server`` on a free loopback port, in a process of its own (as in the ward
    office), until the block ends; its output goes to bench-server.txt in ``data_dir``."""
    data_dir.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    log = (data_dir / "bench-server.txt").open("wb")
    # The package's own folder on the path: works from a checkout as well as when installed.
    package_root = str(Path(__file__).resolve().parents[1])
    python_path = os.pathsep.join(p for p in (package_root, os.environ.get("PYTHONPATH", "")) if p)
    process = subprocess.Popen(
        [sys.executable, "-m", "ward_server", "--data-dir", str(data_dir), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "PYTHONPATH": python_path},
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, process)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)
        log.close()


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _wait_healthy(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + STARTUP_LIMIT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("the ward server exited during startup")
        try:
            if requests.get(f"{url}/healthz", timeout=(0.5, 2)).status_code == 200:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"the ward server did not answer within {STARTUP_LIMIT_S} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ward_server.benchmark")
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--dir", type=Path, help="work folder (default: a temporary one)")
    args = parser.parse_args(argv)
    if args.dir:
        result = ingest_benchmark(args.dir, events=args.events, repeats=args.repeats)
    else:
        with tempfile.TemporaryDirectory(prefix="ward-bench-") as folder:
            result = ingest_benchmark(Path(folder), events=args.events, repeats=args.repeats)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
