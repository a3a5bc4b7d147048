"""The demo station: a generated list of about 1,600 voters, polls open, a morning of check-ins.

Everything goes through the real paths (a CSV file in the list format, the importer, the
check-in rules), so the demo is also a smoke test of the whole day.
"""

from __future__ import annotations

import logging
import random
from datetime import datetime, time, timedelta

from clerk_app import clock, rules
from clerk_app.clock import Clock, ShiftedClock
from clerk_app.generate import generate_voters, write_csv
from clerk_app.station import Station
from clerk_app.storage.listfile import read_list_file
from clerk_app.storage.meta import get_meta, set_meta, write_transaction

log = logging.getLogger("clerk_app.demo")

DEMO_VOTERS = 1612
DEMO_STATION = 7
DEMO_WARD = "phường Láng"
DEMO_CITY = "thành phố Hà Nội"
DEMO_PIN = "1234"
MORNING_TURNOUT = 0.46
# Relative arrivals per hour from 07:00: the morning rush, then a lull before lunch.
HOURLY_WEIGHTS = (3.0, 2.4, 1.6, 1.0, 0.7)
OPENING, MORNING_END = time(7, 0), time(11, 30)  # the recorded morning
DEMO_MARK = "demo"  # meta key: this station was filled by populate_demo


def demo_day_times(now: datetime) -> tuple[datetime, datetime]:
    """Opening and end of the recorded morning: today when it is late enough, else yesterday."""
    local_now = clock.local(now)
    day = local_now.date() if local_now.time() >= time(8, 0) else local_now.date() - timedelta(days=1)
    opened = datetime.combine(day, OPENING, clock.VN_TZ)
    morning_end = datetime.combine(day, MORNING_END, clock.VN_TZ)
    return opened, min(morning_end, local_now) if day == local_now.date() else morning_end


def demo_clock(station: Station) -> Clock:
    """The clock to show a demo station on: its own within polling hours; outside them (the
    evening, the night) one that resumes the demo day where it stopped, at its newest event
    (11:30 at the earliest) and runs on from there, so a demo shown after 21:00 still checks
    voters in (until 21:00 of that day: a demo resumed late in its day has a short one). A station
    that is not the demo's (``--demo`` on a real data folder) always keeps its own clock."""
    if get_meta(station.db, DEMO_MARK) is None or rules.within_polling_hours(station.clock()):
        return station.clock
    opened = station.polls_opened_at() or station.clock()
    morning_end = datetime.combine(clock.local(opened).date(), MORNING_END, clock.VN_TZ)
    resumed = ShiftedClock(morning_end).not_before(station.newest_own_event_at() or morning_end)
    log.info("demo shown outside polling hours: its clock resumes at %s", clock.to_iso(resumed.start))
    return resumed


def arrival_times(count: int, opened: datetime, end: datetime, rng: random.Random) -> list[datetime]:
    span_hours = (end - opened).total_seconds() / 3600
    weights = [HOURLY_WEIGHTS[min(int(h), len(HOURLY_WEIGHTS) - 1)] for h in range(int(span_hours) + 1)]
    times = []
    for _ in range(count):
        hour = rng.choices(range(len(weights)), weights=weights)[0]
        offset = rng.uniform(hour, min(hour + 1, span_hours)) * 3600
        times.append(opened + timedelta(seconds=offset))
    return sorted(times)


def populate_demo(station: Station, *, voters: int = DEMO_VOTERS, seed: int = 7) -> bool:
    """Fill an empty station with the demo day. Returns False (changing nothing) if it has voters."""
    if station.status().voters > 0:
        return False
    rng = random.Random(seed)
    opened, end = demo_day_times(station.clock())
    list_path = station.data_dir / "demo-danh-sach-cu-tri.csv"
    rows = generate_voters(voters, seed=seed, station_no=DEMO_STATION, ward=DEMO_WARD, city=DEMO_CITY)
    write_csv(rows, list_path, station_no=DEMO_STATION, ward=DEMO_WARD, city=DEMO_CITY)
    real_clock = station.clock
    moment = [opened - timedelta(minutes=20)]
    station.clock = lambda: moment[0]
    try:
        station.import_list(read_list_file(list_path, election_day=opened.date()))
        station.set_pin(DEMO_PIN)
        elsewhere = rng.sample(range(1, voters + 1), 3)
        for list_no in elsewhere:
            station.mark_voting_elsewhere(list_no, certificate=f"GCN-{rng.randint(100, 999)}")
        moment[0] = opened
        station.open_polls()
        _record_morning(station, rng, opened, end, moment=moment, skip=set(elsewhere))
    finally:
        station.clock = real_clock
    with write_transaction(station.db):
        set_meta(station.db, DEMO_MARK, "1")
    log.info("demo station filled: %d voters", voters)
    return True


def _record_morning(
    station: Station, rng: random.Random, opened: datetime, end: datetime, *, moment: list[datetime], skip: set[int]
) -> None:
    candidates = [n for n in range(1, station.status().voters + len(skip) + 1) if n not in skip]
    chosen = rng.sample(candidates, int(len(candidates) * MORNING_TURNOUT))
    times = arrival_times(len(chosen), opened, end, rng)
    for list_no, at in zip(chosen, times, strict=True):
        moment[0] = at
        station.check_in(list_no, mobile_box=rng.random() < 0.03)
    moment[0] = times[len(times) // 2] if times else opened
    station.add_voter(
        "Nguyễn Văn Thành",
        certificate="VNeID-2026-000417",
        birth="1990",
        birth_year=1990,
        gender="Nam",
        group="Tổ dân phố 3",
    )
