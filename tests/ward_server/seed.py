"""A realistic ward morning for the page tests: eight stations, one silent, one never connected."""

from __future__ import annotations

import random
import sqlite3
from datetime import datetime, timedelta

from clerk_app.clock import VN_TZ, to_iso
from tests.ward_server.support import Device, WardProcess, election_time

# number, place, voters on the list
STATIONS = [
    (1, "Nhà văn hoá tổ dân phố 1", 1240),
    (2, "Trường Tiểu học Láng Thượng", 2105),
    (3, "Trường THCS Láng Thượng", 1876),
    (4, "Nhà văn hoá tổ dân phố 12", 980),
    (5, "Bệnh viện Đống Đa (khu vực riêng)", 312),
    (6, "Nhà văn hoá tổ dân phố 20", 1530),
    (7, "Trường Mầm non Hoa Sen", 1654),
    (8, "Nhà văn hoá tổ dân phố 27", 1100),
]
SILENT, NEVER_CONNECTED, TWO_DESKS = 7, 8, 2
# Station 3 gave three voters a certificate to vote elsewhere (the morning leaves them out); a desk
# cut off from the one that marked them had checked one of them in.
CERTIFICATES, ELSEWHERE_LIST_NOS, CHECKED_IN_ELSEWHERE = 3, (1870, 1871, 1872), 1872
# Share of the list checked in during each hour of the morning, as wards report it.
HOURLY_SHARE = {7: 0.17, 8: 0.15, 9: 0.11, 10: 0.08, 11: 0.03}


def seed_ward(ward: WardProcess, seed: int = 15) -> None:
    rng = random.Random(seed)
    for number, place, voters in STATIONS:
        if number == NEVER_CONNECTED:
            ward.add_station(number, place, "--voter-count", str(voters))
            continue
        desks = [ward.device(number, f"dev-kv{number:02d}-ban{d}", name=place) for d in (1, 2)]
        _open_polls(desks[0], voters)
        _morning(desks, voters, rng, keep_out=ELSEWHERE_LIST_NOS if number == CERTIFICATES else ())
    if any(n == TWO_DESKS for n, _, _ in STATIONS):
        _double_check_in(ward)
    _certificates(ward)
    _make_silent(ward, SILENT, minutes=85)


def _open_polls(desk: Device, voters: int) -> None:
    desk.post(
        [
            desk.chain.next("list_imported", at=election_time(6, 0), payload={"action": "created", "voters": voters}),
            desk.chain.next("polls_opened", at=election_time(7, 0), payload={"test_check_ins_wiped": 0}),
        ]
    )


def _morning(desks: list[Device], voters: int, rng: random.Random, keep_out: tuple[int, ...] = ()) -> None:
    list_nos = [n for n in range(1, voters + 1) if n not in keep_out]
    rng.shuffle(list_nos)
    times: list[datetime] = []
    for hour, share in HOURLY_SHARE.items():
        count = round(voters * share * rng.uniform(0.8, 1.2))
        minutes = 30 if hour == 11 else 60
        times += sorted(election_time(hour) + timedelta(seconds=rng.uniform(0, minutes * 60)) for _ in range(count))
    batches: dict[str, list[dict[str, object]]] = {d.device_id: [] for d in desks}
    for index, moment in enumerate(times[: len(list_nos)]):
        desk = desks[index % len(desks)]
        batches[desk.device_id].append(desk.chain.next("checked_in", list_nos[index], moment))
    for desk in desks:
        events = batches[desk.device_id]
        for start in range(0, len(events), 500):
            desk.post(events[start : start + 500])


def _double_check_in(ward: WardProcess) -> None:
    """Station 2's second desk checks in a voter desk 1 already had: the ward must see it."""
    desk = ward.device(TWO_DESKS, f"dev-kv{TWO_DESKS:02d}-ban3")
    desk.post([desk.chain.next("checked_in", 1, election_time(11, 20))])


def _certificates(ward: WardProcess) -> None:
    """Desk 3 marks three voters; desk 4, cut off from it, had checked one of them in."""
    marking, checking = (ward.device(CERTIFICATES, f"dev-kv{CERTIFICATES:02d}-ban{d}") for d in (3, 4))
    moments = [election_time(9, 40 + i) for i in range(len(ELSEWHERE_LIST_NOS))]
    marking.post(
        [marking.chain.next("voter_marked_elsewhere", n, at) for n, at in zip(ELSEWHERE_LIST_NOS, moments, strict=True)]
    )
    checking.post([checking.chain.next("checked_in", CHECKED_IN_ELSEWHERE, election_time(9, 35))])


def _make_silent(ward: WardProcess, station: int, minutes: int) -> None:
    """As if its last batch arrived ``minutes`` ago (the server's clock is the real one)."""
    long_ago = to_iso(datetime.now(VN_TZ) - timedelta(minutes=minutes))
    conn = sqlite3.connect(ward.data_dir / "ward.db", timeout=10)
    try:
        with conn:
            conn.execute("UPDATE devices SET last_contact_at = ? WHERE station = ?", (long_ago, station))
    finally:
        conn.close()
