"""Which check-ins count: undos across devices, in any arrival order, and the figures they move.

In process, on a real ward.db file (migrations, WAL): batches go through the same reading and
ingest as the server's (ward_server.batch, ward_server.ingest). The HTTP path is covered in
test_ingest.py; here a hypothesis test delivers devices' events in random chunks and orders and
checks the figures against a from-scratch model after every delivery.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from clerk_app.clock import VN_TZ, from_iso
from tests.ward_server.in_process import STATION, Ward, in_process_ward
from tests.ward_server.support import Chain, election_time
from ward_server.checkins import CheckIn, Undo, live_check_ins
from ward_server.db import connect, open_database
from ward_server.paths import database_path
from ward_server.schema import migrations


@pytest.fixture
def ward(tmp_path: Path) -> Iterator[Ward]:
    with in_process_ward(tmp_path) as opened:
        yield opened


def undo(chain: Chain, list_no: int, at_hour: int, target: tuple[str, int] | None) -> dict[str, Any]:
    payload = {"undoes": {"device_id": target[0], "seq": target[1]}} if target else {}
    return chain.next("check_in_undone", list_no, election_time(at_hour, 30), payload)


def test_an_undo_takes_back_another_devices_check_in(ward: Ward) -> None:
    desk1, desk2 = ward.device("dev-a"), ward.device("dev-b")
    ward.post("dev-a", [desk1.next("checked_in", 4, election_time(7, 10))])
    assert ward.figures() == (1, {"07:00": 1}, [])
    ward.post("dev-b", [undo(desk2, 4, 7, ("dev-a", 1))])
    assert ward.figures() == (0, {}, [])


def test_an_undo_arriving_before_the_other_devices_check_in_still_cancels_it(ward: Ward) -> None:
    desk1, desk2 = ward.device("dev-a"), ward.device("dev-b")
    check_in = desk1.next("checked_in", 4, election_time(7, 10))  # table 1, not synced yet
    ward.post("dev-b", [undo(desk2, 4, 7, ("dev-a", 1))])  # table 2 saw it (a pull) and undid it
    assert ward.figures() == (0, {}, [])
    ward.post("dev-a", [check_in])
    assert ward.figures() == (0, {}, [])


def test_undoing_one_side_of_a_conflict_keeps_the_other_and_moves_its_hour(ward: Ward) -> None:
    desk1, desk2 = ward.device("dev-a"), ward.device("dev-b")
    ward.post("dev-a", [desk1.next("checked_in", 9, election_time(7, 4))])
    conflicts = ward.post("dev-b", [desk2.next("checked_in", 9, election_time(8, 9))])
    assert conflicts == [(9, [("dev-a", 1), ("dev-b", 1)])]  # both kept, earliest first
    assert ward.figures() == (1, {"07:00": 1}, conflicts)  # counted once, at its first check-in
    # The leader at table 2 takes back table 1's check-in (the voter was someone else).
    assert ward.post("dev-b", [undo(desk2, 9, 8, ("dev-a", 1))]) == []
    assert ward.figures() == (1, {"08:00": 1}, [])


def test_an_undo_naming_no_check_in_takes_back_its_own_devices_latest(ward: Ward) -> None:
    desk1, desk2 = ward.device("dev-a"), ward.device("dev-b")
    ward.post("dev-a", [desk1.next("checked_in", 3, election_time(7, 1))])
    ward.post("dev-b", [desk2.next("checked_in", 3, election_time(7, 2))])
    # An undo without payload.undoes (an older station) is table 2's own: table 1's stands.
    ward.post("dev-b", [undo(desk2, 3, 7, None)])
    assert ward.figures() == (1, {"07:00": 1}, [])
    # Checked in again at table 2 after the undo: that one counts (a conflict again).
    ward.post("dev-b", [desk2.next("checked_in", 3, election_time(9, 0))])
    assert ward.figures()[2] == [(3, [("dev-a", 1), ("dev-b", 3)])]


def test_an_undo_naming_another_voters_check_in_takes_back_nothing(ward: Ward) -> None:
    desk1, desk2 = ward.device("dev-a"), ward.device("dev-b")
    ward.post(
        "dev-a", [desk1.next("checked_in", 1, election_time(7, 1)), desk1.next("checked_in", 2, election_time(7))]
    )
    ward.post("dev-b", [undo(desk2, 2, 7, ("dev-a", 1))])  # names voter 1's check-in, as voter 2's undo
    assert ward.figures() == (2, {"07:00": 2}, [])


def test_test_check_ins_never_count_and_an_undo_of_one_takes_nothing_else(ward: Ward) -> None:
    desk = ward.device("dev-a")
    events = [desk.next("checked_in", 6, election_time(6, 10), {"test": True})]
    events.append(undo(desk, 6, 6, None))  # the pre-election check undid its test check-in
    events.append(desk.next("checked_in", 6, election_time(7, 30)))
    ward.post("dev-a", events)
    assert ward.figures() == (1, {"07:00": 1}, [])


def test_live_check_ins_rule() -> None:
    a1 = CheckIn("a", 1, "t", 1000, 7, False)
    b1 = CheckIn("b", 1, "t", 500, 7, False)
    a3 = CheckIn("a", 3, "t", 3000, 8, False)
    assert live_check_ins([a1, b1], []) == [b1, a1]  # earliest first
    assert live_check_ins([a1, b1], [Undo("b", 2, ("a", 1))]) == [b1]
    assert live_check_ins([a1, a3], [Undo("a", 2, None)]) == [a3]  # the latest *before* the undo
    assert live_check_ins([a1, a3], [Undo("a", 4, None)]) == [a1]
    assert live_check_ins([a1], [Undo("b", 9, None)]) == [a1]  # b has no check-in of its own to take
    assert live_check_ins([CheckIn("a", 1, "t", 1, 7, True)], []) == []


def test_migration_rederives_the_figures_of_a_database_from_before(tmp_path: Path) -> None:
    """A ward.db written before undos named their check-in: the upgrade counts it under the new rule."""
    path = database_path(tmp_path)
    db = open_database_at_first_schema(path)
    try:
        ward = Ward(db)
        desk1, desk2 = ward.device("dev-a"), ward.device("dev-b")
        rows = [("dev-a", e) for e in (desk1.next("checked_in", 1, election_time(7)), desk1.next("checked_in", 2))]
        rows += [("dev-b", e) for e in (desk2.next("checked_in", 2, election_time(9)), undo(desk2, 1, 9, ("dev-a", 1)))]
        rows.append(("dev-b", desk2.next("checked_in", 5, election_time(6), {"test": True})))
        with db.conn:
            db.conn.executemany(
                "INSERT INTO events (station, device_id, seq, uuid, kind, list_no, at, at_ms, clerk, payload,"
                " prev_hash, hash, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '')",
                [
                    (STATION, device, e["seq"], e["uuid"], e["kind"], e["list_no"], e["at"], _ms(e["at"]), e["clerk"],
                     json.dumps(e["payload"], sort_keys=True, separators=(",", ":")), e["prev_hash"], e["hash"])
                    for device, e in rows
                ],
            )  # fmt: skip
    finally:
        db.close()
    db = open_database(path)  # applies m002
    try:
        upgraded = Ward(db)
        assert upgraded.figures() == (1, {"07:00": 1}, [(2, [("dev-a", 2), ("dev-b", 1)])])
    finally:
        db.close()


def open_database_at_first_schema(path: Path) -> Database:
    db = connect(path)
    migrations.apply(db, stop_before="m002_undo_names_its_check_in")
    return db


def _ms(at: str) -> int:
    return int(from_iso(at).timestamp() * 1000)


# --- any order of arrival -----------------------------------------------------------------------

DEVICES = ("dev-a", "dev-b", "dev-c")
VOTERS = (1, 2, 3)

# One action of a device: check a voter in (maybe in test mode), or undo a voter's check-in, naming
# one of the check-ins written so far (by index), none, or one of another voter.
actions = st.lists(
    st.tuples(
        st.sampled_from(DEVICES),
        st.sampled_from(("check_in", "check_in", "test_check_in", "undo_named", "undo_unnamed", "undo_other_voter")),
        st.sampled_from(VOTERS),
        st.integers(0, 50),  # which earlier check-in an undo names; minutes past the hour otherwise
        st.integers(6, 11),  # the hour
    ),
    min_size=1,
    max_size=14,
)


@settings(max_examples=40, deadline=None)
@given(script=actions, seed=st.integers(0, 2**32 - 1))
def test_figures_follow_the_rule_whatever_the_order_of_arrival(
    tmp_path_factory: pytest.TempPathFactory, script: list[tuple[str, str, int, int, int]], seed: int
) -> None:
    db = open_database(database_path(tmp_path_factory.mktemp("ward")))
    db.conn.execute("PRAGMA synchronous=OFF")  # durability is not what this test is about
    try:
        ward = Ward(db)
        for device_id in DEVICES:
            ward.device(device_id)
        written = _write(ward, script)
        delivered: list[tuple[str, dict[str, Any]]] = []
        for device_id, events in _deliveries(written, random.Random(seed)):
            answered = ward.post(device_id, events)
            delivered += [(device_id, e) for e in events]
            expected = _model(delivered)
            assert ward.figures() == expected
            assert answered == expected[2]  # the answer's conflicts, too
    finally:
        db.close()


def _write(ward: Ward, script: list[tuple[str, str, int, int, int]]) -> dict[str, list[dict[str, Any]]]:
    check_ins: list[tuple[str, int, int]] = []  # (device, seq, voter) in the order written
    written: dict[str, list[dict[str, Any]]] = {d: [] for d in DEVICES}
    for device_id, what, voter, number, hour in script:
        chain = ward.chains[device_id]
        at = election_time(hour, number % 60)
        if what in ("check_in", "test_check_in"):
            event = chain.next("checked_in", voter, at, {"test": True} if what == "test_check_in" else {})
            check_ins.append((device_id, event["seq"], voter))
        elif what == "undo_unnamed":
            event = undo(chain, voter, hour, None)
        else:
            own = [c for c in check_ins if (c[2] == voter) == (what == "undo_named")]
            target = own[number % len(own)][:2] if own else ("dev-z", 1)
            event = undo(chain, voter, hour, target)
        written[device_id].append(event)
    return written


def _deliveries(written: dict[str, list[dict[str, Any]]], rng: random.Random) -> list[tuple[str, list[dict[str, Any]]]]:
    """Each device's events in chunks; chunks of all devices shuffled together (gaps, late devices)."""
    chunks = []
    for device_id, events in written.items():
        cut = sorted(rng.sample(range(1, len(events)), k=min(2, max(len(events) - 1, 0)))) if len(events) > 1 else []
        for start, end in zip([0, *cut], [*cut, len(events)], strict=True):
            if events[start:end]:
                chunks.append((device_id, events[start:end]))
    rng.shuffle(chunks)
    return chunks


def _model(
    delivered: list[tuple[str, dict[str, Any]]],
) -> tuple[int, dict[str, int], list[tuple[int, list[tuple[str, int]]]]]:
    """The rule, from scratch: docs/sync-protocol.md "Check-ins"."""
    hours: dict[str, int] = {}
    conflicts = []
    for voter in VOTERS:
        mine = [(d, e) for d, e in delivered if e["list_no"] == voter]
        check_ins = [(d, e) for d, e in mine if e["kind"] == "checked_in"]
        taken: set[tuple[str, int]] = set()
        for d, e in mine:
            if e["kind"] != "check_in_undone":
                continue
            named = e["payload"].get("undoes")
            if named:
                taken.add((named["device_id"], named["seq"]))
            else:
                before = [c["seq"] for cd, c in check_ins if cd == d and c["seq"] < e["seq"]]
                if before:
                    taken.add((d, max(before)))
        live = sorted(
            (
                (from_iso(e["at"]), d, e["seq"])
                for d, e in check_ins
                if not e["payload"].get("test") and (d, e["seq"]) not in taken
            )
        )
        if live:
            hour = f"{live[0][0].astimezone(VN_TZ).hour:02d}:00"
            hours[hour] = hours.get(hour, 0) + 1
        if len(live) > 1:
            conflicts.append((voter, [(d, seq) for _, d, seq in live]))
    return sum(hours.values()), hours, conflicts
