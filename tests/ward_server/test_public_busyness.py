"""How busy a station is now, and the public figures, on constructed arrival patterns.

In process, on a real ward.db (migrations, WAL): batches go through the server's own reading and
ingest (ward_server.batch, ward_server.ingest), and ward_server.public reads them at a chosen
``now``. Polls open at 07:00; most patterns are read at 10:00, three hours later, so the
station's average per 30 minutes is a sixth of its voters so far.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database

from tests.ward_server.support import Chain, election_time
from ward_server import public, registry
from ward_server.batch import read_batch
from ward_server.db import open_database, read_snapshot
from ward_server.ingest import ingest
from ward_server.paths import database_path
from ward_server.public import classify_busyness, map_links, public_percent
from ward_server.public_models import PublicStation
from ward_server.registry import Device

STATION = 4
VOTERS = 1000
OPENED = election_time(7)
NOW = election_time(10)


class Station:
    """One station with one desk in a ward.db; events are ingested at the time they say they were sent."""

    def __init__(self, db: Database) -> None:
        self.db = db
        code = registry.add_station(db.conn, STATION, "Nhà văn hoá tổ 4", VOTERS, election_time(6))
        enrolment = registry.enroll(db.conn, STATION, code, "dev-desk-1", election_time(6))
        self.device = Device("dev-desk-1", STATION, enrolment.secret)
        self.chain = Chain("dev-desk-1")
        self.next_list_no = 1

    def post(self, events: list[dict[str, Any]], received: datetime) -> None:
        for start in range(0, max(len(events), 1), 500):  # at most 500 events a batch, as a desk sends
            batch = {"device_id": "dev-desk-1", "station": STATION, "events": events[start : start + 500]}
            body = json.dumps(batch, ensure_ascii=False).encode("utf-8")
            outcome = ingest(self.db.conn, self.device, read_batch(body, "dev-desk-1").events, received)
            assert not outcome.refused

    def open_polls(self, at: datetime = OPENED) -> None:
        self.post([self.chain.next("polls_opened", at=at)], at)

    def arrivals(self, start: datetime, end: datetime, every_s: float, received: datetime | None = None) -> list[int]:
        """A new voter every ``every_s`` seconds from ``start`` until before ``end``; their list numbers."""
        events, list_nos = [], []
        moment = start
        while moment < end:
            list_nos.append(self.next_list_no)
            events.append(self.chain.next("checked_in", self.next_list_no, moment))
            self.next_list_no += 1
            moment += timedelta(seconds=every_s)
        self.post(events, received or max(end, start))
        return list_nos

    def read(self, now: datetime = NOW) -> PublicStation:
        with read_snapshot(self.db.conn):
            overview = public.public_overview(self.db.conn, now)
        (found,) = [s for s in overview.stations if s.station == STATION]
        return found


@pytest.fixture
def station(tmp_path: Path) -> Iterator[Station]:
    db = open_database(database_path(tmp_path))
    try:
        yield Station(db)
    finally:
        db.close()


# -- the rule itself ---------------------------------------------------------------------------


def test_thresholds_are_against_the_stations_own_average_per_30_minutes() -> None:
    # 60 voters in 180 minutes: 10 per 30 minutes on average.
    assert classify_busyness(5, 60, 180) == "quiet"  # 0.5x
    assert classify_busyness(6, 60, 180) == "normal"  # 0.6x: not below
    assert classify_busyness(10, 60, 180) == "normal"
    assert classify_busyness(14, 60, 180) == "normal"  # 1.4x: not above
    assert classify_busyness(15, 60, 180) == "busy"  # 1.5x
    assert classify_busyness(0, 60, 180) == "quiet"


def test_unknown_before_an_hour_of_open_polls_or_with_few_voters() -> None:
    assert classify_busyness(40, 80, 59) == "unknown"
    assert classify_busyness(40, 80, 60) == "normal"
    assert classify_busyness(0, 19, 240) == "unknown"
    assert classify_busyness(0, 20, 240) == "quiet"


# -- constructed arrival patterns, through ingest ------------------------------------------------


def test_steady_arrivals_are_normal(station: Station) -> None:
    station.open_polls()
    station.arrivals(OPENED, NOW, every_s=60)  # one a minute all morning
    found = station.read()
    assert (found.voted, found.arrivals_last_30_min, found.busyness) == (180, 30, "normal")


def test_a_lull_after_a_busy_morning_is_quiet(station: Station) -> None:
    station.open_polls()
    station.arrivals(OPENED, election_time(9), every_s=30)  # 240 by 09:00
    station.arrivals(election_time(9), NOW, every_s=300)  # then one every 5 minutes
    station.post([], NOW)  # the desk is online (a heartbeat): the last half hour is complete
    found = station.read()
    assert found.arrivals_last_30_min == 6
    assert found.busyness == "quiet"


def test_a_rush_is_busy(station: Station) -> None:
    station.open_polls()
    station.arrivals(OPENED, election_time(9, 30), every_s=120)  # 75 by 09:30
    station.arrivals(election_time(9, 30), NOW, every_s=20)  # 90 in the last half hour
    found = station.read()
    assert (found.voted, found.arrivals_last_30_min) == (165, 90)
    assert found.busyness == "busy"


def test_unknown_in_the_first_hour(station: Station) -> None:
    station.open_polls()
    station.arrivals(OPENED, election_time(7, 50), every_s=10)
    found = station.read(election_time(7, 50))
    assert found.arrivals_last_30_min == 180
    assert found.busyness == "unknown"


def test_unknown_with_very_few_voters(station: Station) -> None:
    station.open_polls()
    station.arrivals(OPENED, NOW, every_s=1200)  # 9 voters in three hours
    assert station.read().busyness == "unknown"


def test_unknown_before_polls_open_in_test_mode_and_after_they_close(station: Station) -> None:
    station.post([station.chain.next("test_started", at=election_time(6, 30))], election_time(6, 30))
    station.arrivals(election_time(6, 30), election_time(6, 45), every_s=30)
    assert station.read(election_time(6, 50)).busyness == "unknown"
    station.open_polls()
    station.arrivals(OPENED, NOW, every_s=60)
    station.post([station.chain.next("polls_closed", at=NOW)], NOW)
    found = station.read(NOW + timedelta(minutes=1))
    assert (found.polls, found.busyness, found.stale) == ("closed", "unknown", False)


def test_a_station_not_heard_from_recently_is_unknown_and_after_70_minutes_stale(station: Station) -> None:
    station.open_polls()
    station.arrivals(OPENED, election_time(9), every_s=60)  # last heard from at 09:00
    at_9_15 = station.read(election_time(9, 15))
    assert (at_9_15.busyness, at_9_15.stale) == ("unknown", False)  # its last 15 minutes may be missing
    at_10_05 = station.read(election_time(10, 5))
    assert (at_10_05.busyness, at_10_05.stale) == ("unknown", False)
    at_10_11 = station.read(election_time(10, 11))
    assert (at_10_11.busyness, at_10_11.stale) == ("unknown", True)  # 71 minutes: "no recent figures"


def test_undone_and_test_check_ins_and_second_desks_do_not_count_as_arrivals(station: Station) -> None:
    station.open_polls()
    early = station.arrivals(OPENED, election_time(9, 30), every_s=60)  # 150, steady
    recent = station.arrivals(election_time(9, 30), NOW, every_s=60)  # 30 in the window
    events = [station.chain.next("check_in_undone", n, election_time(9, 58)) for n in recent[:10]]
    events.append(station.chain.next("checked_in", 9999, election_time(9, 50), {"test": True}))
    # Voters who voted at 07:xx checked in again (a second desk's mistake): still arrivals of 07:xx.
    events += [station.chain.next("checked_in", n, election_time(9, 55)) for n in early[:5]]
    station.post(events, NOW)
    found = station.read()
    assert (found.voted, found.arrivals_last_30_min) == (170, 20)
    assert found.by_hour[-1].hour == "09:00"
    assert sum(h.arrivals for h in found.by_hour) == found.voted


def test_a_check_in_arriving_late_counts_in_the_window_of_its_own_time(station: Station) -> None:
    station.open_polls()
    station.arrivals(OPENED, election_time(9, 20), every_s=60)
    # The desk was offline 09:20-09:59; its check-ins of that time arrive together at 09:59.
    station.arrivals(election_time(9, 20), election_time(9, 59), every_s=60, received=election_time(9, 59))
    assert station.read().arrivals_last_30_min == 29  # 09:30 … 09:58


# -- the figures after a simulated morning -------------------------------------------------------


def test_figures_after_a_simulated_morning(station: Station) -> None:
    rng = random.Random(5)
    station.open_polls()
    shares = {7: 0.17, 8: 0.15, 9: 0.11, 10: 0.08, 11: 0.03}
    expected: dict[str, int] = {}
    list_nos = list(range(1, VOTERS + 1))
    rng.shuffle(list_nos)
    events, used = [], 0
    for hour, share in shares.items():
        count = round(VOTERS * share)
        expected[f"{hour:02d}:00"] = count
        moments = sorted(election_time(hour) + timedelta(seconds=rng.uniform(0, 3599)) for _ in range(count))
        events += [station.chain.next("checked_in", list_nos[used + i], m) for i, m in enumerate(moments)]
        used += count
    station.post(events, election_time(11, 59))
    found = station.read(election_time(12))
    assert found.voters == VOTERS
    assert found.voted == used == 540
    assert found.percent == 54.0 and not found.everyone_voted
    assert {h.hour: h.arrivals for h in found.by_hour} == expected
    assert found.by_hour[-1].cumulative == used
    assert found.arrivals_last_30_min == sum(1 for e in events if e["at"] >= "2026-03-15T11:30")
    assert found.polls == "open" and not found.stale


def test_everyone_voted_is_100_and_almost_everyone_is_not(tmp_path: Path) -> None:
    assert public_percent(999, 1000) == 99.9
    assert public_percent(9_999, 10_000) == 99.9  # 99.99 would round to 100.0
    assert public_percent(1000, 1000) == 100.0
    assert public_percent(1003, 1000) == 100.0  # a list count short of the check-ins: not 100.3%
    assert public_percent(1, 3) == 33.3
    assert public_percent(0, 0) == 0.0


def test_voters_added_on_the_day_count_on_the_list_and_everyone_voted(station: Station) -> None:
    station.open_polls()
    station.post([station.chain.next("voter_added", VOTERS + 1, election_time(7, 5))], election_time(7, 5))
    station.arrivals(OPENED, election_time(7) + timedelta(seconds=VOTERS + 1), every_s=1)
    found = station.read()
    assert (found.voters, found.voted, found.percent, found.everyone_voted) == (VOTERS + 1, VOTERS + 1, 100.0, True)


def test_places_and_map_links(station: Station) -> None:
    assert map_links(None, None) == (None, None)
    osm, geo = map_links(21.0245, 105.80120000001)
    assert osm == "https://www.openstreetmap.org/?mlat=21.0245&mlon=105.8012#map=17/21.0245/105.8012"
    assert geo == "geo:21.0245,105.8012"
    assert map_links(-33.5, -70.25)[1] == "geo:-33.5,-70.25"
    found = station.read()
    assert (found.place, found.map_url, found.geo_uri, found.groups) == (None, None, None, [])
    assert found.stale  # registered, never heard from: no figures to show
