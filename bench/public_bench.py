"""Public page figures: a crowd of readers on ``GET /api/v1/public/stations`` while a station syncs.

A ward server (``python -m ward_server``, a process of its own, as in the ward office) on loopback
holds ten polling places with a morning of check-ins each. Then:

1. ingest alone: a station device posts ``alone_events`` check-ins in signed batches of 500, one
   after another (made and signed beforehand, outside the clock): the rate without readers,
   measured in the same run as the one under load;
2. under load: ``readers`` concurrent keep-alive connections (an asyncio client in a process of
   its own, ``python -m bench.public_bench``, so the readers don't share a GIL with the poster)
   fetch the public JSON back to back for ``seconds``, while a second device (another station)
   posts batches the same way for the same window.

Figures: ``public_json_rps`` (answers per second over the readers' window, all connections
together), ``public_json_p99_ms`` (each answer from writing the request to the last body byte),
``ingest_events_per_s_under_public_load`` (events acknowledged per second by the poster during the
window). Details add the rate without readers, every batch's latency against the station client's
read timeout (clerk_app.sync.client.DEFAULT_TIMEOUT), the readers' statuses and the JSON's size.
Everything runs on one machine: the readers' process, the poster and the server share its cores.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import hmac
import json
import statistics
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

from bench.app_bench import REPO_ROOT
from bench.data import Progress
from bench.stats import p95, percentile, summary

JSON_PATH = "/api/v1/public/stations"
PLACES = 10  # polling places on the public page
MORNING = 400  # check-ins already made at each place
INGEST_STATIONS = (98, 99)  # the stations whose devices post: without readers, then under load
# Events made beforehand for the window under load: enough for this rate (readers slow ingest to a
# fraction of its rate alone); should the poster run out, ``ran_out_of_events`` says so.
LOADED_RATE_CAP = 12_000
BATCH = 500
TIMEOUT = (3.05, 60.0)
READY = "ready"


@dataclass
class PublicLoadRun:
    readers: int
    seconds: float
    ingest_alone: dict[str, Any] = field(default_factory=dict)
    ingest_loaded: dict[str, Any] = field(default_factory=dict)
    readers_result: dict[str, Any] = field(default_factory=dict)
    json_bytes: int = 0

    def figures(self) -> dict[str, float]:
        latencies = self.readers_result["latencies_ms"]
        return {
            "public_json_rps": round(self.readers_result["answers"] / self.readers_result["elapsed_s"], 1),
            "public_json_p99_ms": round(percentile(latencies, 99), 3),
            "ingest_events_per_s_under_public_load": round(self.ingest_loaded["events_per_s"], 1),
        }

    def details(self) -> dict[str, object]:
        from clerk_app.sync.client import DEFAULT_TIMEOUT

        latencies = self.readers_result["latencies_ms"]
        return {
            "public_json_rps": {
                "readers": self.readers,
                "window_s": round(self.readers_result["elapsed_s"], 3),
                "answers": self.readers_result["answers"],
                "statuses": self.readers_result["statuses"],
                "errors": self.readers_result["errors"],
                "json_bytes": self.json_bytes,
                "places": PLACES,
                "client": "asyncio keep-alive connections in a process of their own, one request at a time each",
            },
            "public_json_p99_ms": {
                "latency_ms": summary(latencies),
                "p95_ms": round(p95(latencies), 3),
                "p99_ms": round(percentile(latencies, 99), 3),
            },
            "ingest_events_per_s_under_public_load": {
                "batch": BATCH,
                "under_load": self.ingest_loaded,
                "without_readers": self.ingest_alone,
                "under_load_vs_without": round(
                    self.ingest_loaded["events_per_s"] / self.ingest_alone["events_per_s"], 3
                ),
                "station_client_read_timeout_s": DEFAULT_TIMEOUT[1],
            },
        }


def measure_public_load(
    work: Path, *, readers: int, seconds: float, alone_events: int, progress: Progress
) -> PublicLoadRun:
    from ward_server.benchmark import _make_rows, ward_process

    run = PublicLoadRun(readers, seconds)
    with ward_process(work / "ward") as url:
        progress(f"  {PLACES} polling places with {MORNING} check-ins each")
        alone_device, loaded_device = _register(work / "ward", url)
        run.json_bytes = len(requests.get(url + JSON_PATH, timeout=TIMEOUT).content)
        progress(f"  ingest alone: {alone_events:,} events")
        bodies = _signed_bodies(alone_device, _make_rows(alone_device["device_id"], alone_events))
        run.ingest_alone = _post_all(url, bodies, deadline=None)
        # Events for the window, made and signed before the clock starts: as many as the rate alone
        # would post (readers only slow it), up to LOADED_RATE_CAP a second.
        wanted = int(min(run.ingest_alone["events_per_s"] * 1.25, LOADED_RATE_CAP) * seconds)
        bodies = _signed_bodies(loaded_device, _make_rows(loaded_device["device_id"], max(wanted, BATCH)))
        progress(f"  {readers} readers on {JSON_PATH} for {seconds:g} s, ingest beside them")
        run.readers_result, run.ingest_loaded = _under_load(url, bodies, readers, seconds)
    if run.readers_result["errors"] or set(run.readers_result["statuses"]) != {"200"}:
        raise RuntimeError(f"readers got errors: {run.readers_result['statuses']} {run.readers_result['errors']}")
    return run


def _register(ward_dir: Path, url: str) -> tuple[dict[str, str], dict[str, str]]:
    """Ten places with a morning each (through the real endpoint), and the two devices that will post:
    one alone, one under load, each on a station of its own so neither sees the other's voters."""
    from clerk_app.clock import now as wall_clock
    from ward_server import registry
    from ward_server.benchmark import _make_rows
    from ward_server.db import open_database
    from ward_server.paths import database_path

    db = open_database(database_path(ward_dir))
    try:
        codes = {
            n: registry.add_station(db.conn, n, f"Nhà văn hoá tổ dân phố {n}", 1_500, wall_clock())
            for n in range(1, PLACES + 1)
        }
        for n in INGEST_STATIONS:
            codes[n] = registry.add_station(db.conn, n, f"Benchmark {n}", 2_000_000, wall_clock())
    finally:
        db.close()
    devices = {n: _enroll(url, n, code, f"dev-public-{n}") for n, code in codes.items()}
    with requests.Session() as session:
        for n in range(1, PLACES + 1):
            morning = _make_rows(devices[n]["device_id"], MORNING)
            for body, headers in _signed_bodies(devices[n], morning):
                session.post(url + "/api/v1/events", data=body, headers=headers, timeout=TIMEOUT).raise_for_status()
    return devices[INGEST_STATIONS[0]], devices[INGEST_STATIONS[1]]


def _enroll(url: str, station: int, code: str, device_id: str) -> dict[str, str]:
    answer = requests.post(
        f"{url}/api/v1/enroll", json={"station": station, "code": code, "device_id": device_id}, timeout=TIMEOUT
    )
    answer.raise_for_status()
    cred: dict[str, str] = answer.json()
    return {"device_id": device_id, "station": str(station), "token": cred["token"], "secret": cred["secret"]}


def _signed_bodies(device: dict[str, str], events: list[dict[str, Any]]) -> list[tuple[bytes, dict[str, str]]]:
    bodies = []
    for i in range(0, len(events), BATCH):
        batch = {"device_id": device["device_id"], "station": int(device["station"]), "events": events[i : i + BATCH]}
        body = json.dumps(batch, ensure_ascii=False).encode("utf-8")
        signature = hmac.new(device["secret"].encode("utf-8"), body, hashlib.sha256).hexdigest()
        bodies.append((body, {"Authorization": f"Bearer {device['token']}", "X-Signature": signature}))
    return bodies


def _post_all(url: str, bodies: list[tuple[bytes, dict[str, str]]], deadline: float | None) -> dict[str, Any]:
    """Post batches back to back until they run out or the deadline passes; every one must be stored."""
    latencies: list[float] = []
    events = 0
    with requests.Session() as session:
        started = time.perf_counter()
        for body, headers in bodies:
            if deadline is not None and time.perf_counter() >= deadline:
                break
            sent = time.perf_counter()
            answer = session.post(url + "/api/v1/events", data=body, headers=headers, timeout=TIMEOUT)
            latencies.append((time.perf_counter() - sent) * 1000)
            answer.raise_for_status()
            ack = answer.json()
            if ack["stored"] != BATCH or ack["refused"]:
                raise RuntimeError(f"a batch was not stored whole: {ack}")
            events += ack["stored"]
        elapsed = time.perf_counter() - started
    return {
        "events": events,
        "batches": len(latencies),
        "ran_out_of_events": len(latencies) == len(bodies) and deadline is not None,
        "elapsed_s": round(elapsed, 3),
        "events_per_s": round(events / elapsed, 1),
        "batch_ms": summary(latencies),
    }


def _under_load(
    url: str, bodies: list[tuple[bytes, dict[str, str]]], readers: int, seconds: float
) -> tuple[dict[str, Any], dict[str, Any]]:
    child = subprocess.Popen(
        [sys.executable, "-m", "bench.public_bench", url, "--readers", str(readers), "--seconds", str(seconds)],
        stdout=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        cwd=REPO_ROOT,
    )
    try:
        assert child.stdout is not None
        if child.stdout.readline().strip() != READY:
            raise RuntimeError("the readers' process did not start")
        ingest = _post_all(url, bodies, deadline=time.perf_counter() + seconds)
        out, _ = child.communicate(timeout=seconds + 60)
    finally:
        if child.poll() is None:
            child.kill()
            child.communicate()
    if child.returncode != 0:
        raise RuntimeError(f"the readers' process failed ({child.returncode})")
    result: dict[str, Any] = json.loads(out)
    return result, ingest


# --- the readers' process -----------------------------------------------------------------------


async def _read_one(reader: asyncio.StreamReader) -> tuple[int, int]:
    """One HTTP/1.1 answer: (status, body bytes). Content-Length or chunked."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)}
    if "content-length" in headers:
        return status, len(await reader.readexactly(int(headers["content-length"])))
    if headers.get("transfer-encoding", "").lower() != "chunked":
        raise RuntimeError(f"an answer without a length: {headers}")
    size = 0
    while True:
        chunk = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
        await reader.readexactly(chunk + 2)
        size += chunk
        if chunk == 0:
            return status, size


async def _reader(host: str, port: int, deadline: float, latencies: list[float], statuses: Counter[str]) -> None:
    stream, writer = await asyncio.open_connection(host, port)
    request = f"GET {JSON_PATH} HTTP/1.1\r\nHost: {host}:{port}\r\nAccept: application/json\r\n\r\n".encode()
    try:
        while time.perf_counter() < deadline:
            sent = time.perf_counter()
            writer.write(request)
            status, _ = await _read_one(stream)
            latencies.append((time.perf_counter() - sent) * 1000)
            statuses[str(status)] += 1
    finally:
        writer.close()
        await writer.wait_closed()


async def _crowd(url: str, readers: int, seconds: float) -> dict[str, Any]:
    host, _, port = url.removeprefix("http://").partition(":")
    latencies: list[float] = []
    statuses: Counter[str] = Counter()
    print(READY, flush=True)
    started = time.perf_counter()
    deadline = started + seconds
    outcomes = await asyncio.gather(
        *(_reader(host, int(port), deadline, latencies, statuses) for _ in range(readers)), return_exceptions=True
    )
    elapsed = time.perf_counter() - started
    errors = [repr(o) for o in outcomes if isinstance(o, BaseException)]
    return {
        "answers": len(latencies),
        "elapsed_s": elapsed,
        "statuses": dict(statuses),
        "errors": errors[:5],
        "latencies_ms": [round(v, 3) for v in latencies],
        "median_ms": round(statistics.median(latencies), 3) if latencies else None,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.public_bench", description="the readers' process")
    parser.add_argument("url")
    parser.add_argument("--readers", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=5.0)
    args = parser.parse_args(argv)
    result = asyncio.run(_crowd(args.url, args.readers, args.seconds))
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
