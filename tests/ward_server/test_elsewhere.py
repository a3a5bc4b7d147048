"""Voters marked as voting elsewhere are off the station's list at the ward too (ward_server.elsewhere).

In process, on a real ward.db (tests/ward_server/in_process.py). The two-table case through the
real server, checked against the stations' own figures, is in tests/sync/test_two_devices.py.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.ward_server.in_process import LISTED, STATION, Ward, in_process_ward
from tests.ward_server.support import Chain, election_time
from ward_server import dashboard, figures, public
from ward_server.batch import read_batch
from ward_server.db import connect, open_database
from ward_server.ingest import ingest
from ward_server.paths import database_path
from ward_server.schema import migrations


@pytest.fixture
def ward(tmp_path: Path) -> Iterator[Ward]:
    with in_process_ward(tmp_path) as opened:
        yield opened


def mark(chain: Chain, list_no: int, hour: int, minute: int = 0) -> dict[str, Any]:
    return chain.next("voter_marked_elsewhere", list_no, election_time(hour, minute))


def unmark(
    chain: Chain, list_no: int, hour: int, minute: int = 0, *, naming: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    """A mark taken back: naming the marks it takes back, as stations write it (each mark event
    given), or naming none, as it was first written."""
    payload = {"undoes": [{"device_id": m["device_id"], "seq": m["seq"]} for m in naming]} if naming else {}
    return chain.next("elsewhere_mark_undone", list_no, election_time(hour, minute), payload)


def named(chain: Chain, event: dict[str, Any]) -> dict[str, Any]:
    return {"device_id": chain.device_id, "seq": event["seq"]}


def counts(ward: Ward) -> tuple[int, int, dict[str, int], int, list[int]]:
    """voters, checked in, by hour, marked elsewhere, checked in but marked elsewhere"""
    t = ward.turnout()
    hours = {h.hour: h.checked_in for h in t.by_hour if h.checked_in}
    return t.voters, t.checked_in, hours, t.marked_elsewhere, t.checked_in_but_marked_elsewhere


def test_a_voter_marked_elsewhere_leaves_the_stations_voters(ward: Ward) -> None:
    desk = ward.device("dev-a")
    ward.post("dev-a", [desk.next("checked_in", 1, election_time(7, 5)), mark(desk, 2, 7, 20)])
    assert counts(ward) == (LISTED - 1, 1, {"07:00": 1}, 1, [])


def test_a_voter_checked_in_at_one_table_and_marked_elsewhere_at_another_is_not_counted(ward: Ward) -> None:
    desk1, desk2 = ward.device("dev-a"), ward.device("dev-b")
    ward.post("dev-a", desk1.check_ins([3, 4], election_time(8, 10)))
    ward.post("dev-b", [mark(desk2, 4, 8, 30)])  # cut off from table 1 when it marked the voter
    assert counts(ward) == (LISTED - 1, 1, {"08:00": 1}, 1, [4])


def test_the_mark_may_also_arrive_before_the_check_in(ward: Ward) -> None:
    desk1, desk2 = ward.device("dev-a"), ward.device("dev-b")
    ward.post("dev-b", [mark(desk2, 4, 8, 30)])
    ward.post("dev-a", desk1.check_ins([3, 4], election_time(9, 10)))
    assert counts(ward) == (LISTED - 1, 1, {"09:00": 1}, 1, [4])


def test_a_mark_taken_back_puts_the_voter_and_their_check_in_back(ward: Ward) -> None:
    desk1, desk2 = ward.device("dev-a"), ward.device("dev-b")
    ward.post("dev-a", desk1.check_ins([4], election_time(8, 10)))
    ward.post("dev-b", [mark(desk2, 4, 8, 30)])
    ward.post("dev-b", [unmark(desk2, 4, 9)])
    assert counts(ward) == (LISTED, 1, {"08:00": 1}, 0, [])
    ward.post("dev-a", [mark(desk1, 4, 10)])  # marked again: off again
    assert counts(ward) == (LISTED - 1, 0, {}, 1, [4])


def test_a_mark_taken_back_takes_back_the_marks_it_names_only(ward: Ward) -> None:
    """Two tables cut off from each other both marked the voter; table 2 took back its own mark,
    the only one it held: table 1's still stands, whichever arrives first."""
    desk1, desk2 = ward.device("dev-a"), ward.device("dev-b")
    theirs = mark(desk2, 6, 8, 5)
    ward.post("dev-b", [theirs, unmark(desk2, 6, 8, 30, naming=[named(desk2, theirs)])])
    assert counts(ward) == (LISTED, 0, {}, 0, [])
    first = mark(desk1, 6, 8)
    ward.post("dev-a", [first])  # received after table 2's mark taken back: it stands all the same
    assert counts(ward) == (LISTED - 1, 0, {}, 1, [])
    ward.post("dev-a", [unmark(desk1, 6, 9, naming=[named(desk1, first)])])
    assert counts(ward) == (LISTED, 0, {}, 0, [])


def test_a_mark_taken_back_received_last_leaves_the_mark_it_does_not_name(ward: Ward) -> None:
    desk1, desk2 = ward.device("dev-a"), ward.device("dev-b")
    ward.post("dev-a", [mark(desk1, 6, 8)])
    theirs = mark(desk2, 6, 8, 5)  # table 2 had not received table 1's mark
    ward.post("dev-b", [theirs, unmark(desk2, 6, 8, 30, naming=[named(desk2, theirs)])])
    assert counts(ward) == (LISTED - 1, 0, {}, 1, [])


def test_a_mark_taken_back_that_names_none_takes_back_every_mark_received_before_it(ward: Ward) -> None:
    desk1, desk2 = ward.device("dev-a"), ward.device("dev-b")
    ward.post("dev-a", [mark(desk1, 6, 8)])
    ward.post("dev-b", [mark(desk2, 6, 8, 5)])
    assert counts(ward)[0] == LISTED - 1  # one voter, marked twice
    ward.post("dev-b", [unmark(desk2, 6, 9)])
    assert counts(ward) == (LISTED, 0, {}, 0, [])
    ward.post("dev-a", [mark(desk1, 6, 10)])  # a later mark stands
    assert counts(ward)[3] == 1


def test_recent_arrivals_on_the_public_page_leave_out_voters_off_the_list(ward: Ward) -> None:
    desk1, desk2 = ward.device("dev-a"), ward.device("dev-b")
    ward.post(
        "dev-a", [desk1.next("polls_opened", at=election_time(7)), *desk1.check_ins([3, 4], election_time(11, 50))]
    )
    ward.post("dev-b", [mark(desk2, 4, 11, 55)])
    assert public.recent_arrivals(ward.db.conn, STATION, election_time(12)) == 2  # the check-ins alone
    (place,) = public.public_overview(ward.db.conn, election_time(12)).stations
    assert (place.voted, place.arrivals_last_30_min) == (1, 1)


def test_the_ward_page_names_the_voter_to_settle(ward: Ward) -> None:
    desk1, desk2 = ward.device("dev-a"), ward.device("dev-b")
    ward.post("dev-a", desk1.check_ins([4, 7], election_time(8, 10)))
    ward.post("dev-b", [mark(desk2, 4, 8, 30), mark(desk2, 9, 8, 31)])
    overview = figures.overview(ward.db.conn, election_time(12))
    assert (overview.ward.voters, overview.ward.checked_in) == (LISTED - 2, 1)
    page = dashboard.render(overview)
    assert f"KV {STATION:02d}</a> có 1 cử tri {dashboard.ELSEWHERE_BUT_CHECKED_IN}" in page
    assert f"1 cử tri {dashboard.ELSEWHERE_BUT_CHECKED_IN} (số 4)" in page
    assert "2 cử tri bỏ phiếu nơi khác (không tính vào danh sách)" in page


def test_the_schema_step_copies_the_marks_already_held(tmp_path: Path) -> None:
    path = database_path(tmp_path)
    db = connect(path)
    migrations.apply(db, stop_before="m005_elsewhere_milestones")
    old = Ward(db)
    desk = old.device("dev-a")
    old.post("dev-a", [*desk.check_ins([4], election_time(8)), mark(desk, 4, 8, 30), mark(desk, 5, 8, 40)])
    old.post("dev-a", [unmark(desk, 5, 9)])
    # Before m005, ingest kept no milestones of these kinds.
    db.execute("DELETE FROM milestones WHERE kind IN ('voter_marked_elsewhere', 'elsewhere_mark_undone')")
    assert counts(old)[3] == 0
    db.close()
    db = open_database(path)  # applies m005
    try:
        assert counts(Ward(db)) == (LISTED - 1, 0, {}, 1, [4])  # voter 5's mark was taken back
    finally:
        db.close()


def test_a_batch_stores_the_marks_as_milestones_once(ward: Ward) -> None:
    desk = ward.device("dev-a")
    events = [mark(desk, 4, 8), unmark(desk, 4, 8, 10)]
    ward.post("dev-a", events)
    body = json.dumps({"device_id": "dev-a", "station": STATION, "events": events}).encode("utf-8")
    again = ingest(ward.db.conn, ward.devices["dev-a"], read_batch(body, "dev-a").events, election_time(12))
    assert again.duplicates == 2
    rows = ward.db.conn.execute("SELECT kind, list_no FROM milestones WHERE station = ? AND list_no = 4", (STATION,))
    assert sorted(rows.fetchall()) == [("elsewhere_mark_undone", 4), ("voter_marked_elsewhere", 4)]


def test_a_mark_of_a_number_past_the_list_leaves_no_one(ward: Ward) -> None:
    """The lists are numbered 1..N: a mark of number 150 on a list of 100 (made before a shorter
    list replaced the first; the station warns its team leader) takes no one off. A voter added on
    the day, past N, is on the list, and a mark takes them off."""
    desk = ward.device("dev-a")
    ward.post("dev-a", [mark(desk, LISTED + 50, 6, 30)])
    assert counts(ward) == (LISTED, 0, {}, 0, [])
    ward.post("dev-a", [desk.next("voter_added", LISTED + 1, election_time(9)), mark(desk, LISTED + 1, 9, 30)])
    assert counts(ward) == (LISTED, 0, {}, 1, [])
