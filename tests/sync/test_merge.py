"""Merging another device's events (storage/merge.py), with two real station databases, no server.

Device B's events are read as its outbox sends them and applied to device A as a pull would.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from clerk_app.errors import CheckInRefused
from clerk_app.model import PollsState, VoterStatus
from clerk_app.station import Station
from clerk_app.storage.elsewhere import ELSEWHERE_BUT_CHECKED_IN
from clerk_app.storage.eventlog import EventKind, append_event, verify_chain
from clerk_app.storage.merge import LIST_NO_TAKEN, PLACEHOLDER_NAME
from clerk_app.storage.meta import write_transaction
from tests.support import FakeClock, make_rows, parsed_list
from ward_server import checkins

Factory = Callable[..., Station]


def merge(into: Station, source: Station) -> int:
    """Apply every event of ``source`` to ``into``; how many were new."""
    events = source.db.conn.execute("SELECT max(seq) FROM events WHERE device_id = ?", (source.device_id,))
    top = events.fetchone()[0]
    unsent = source.unsent_events(limit=top + 1) if top else []
    return into.apply_foreign_events(unsent, cursor=top or 0).stored


@pytest.fixture
def pair(station_factory: Factory) -> tuple[Station, Station]:
    return station_factory("a"), station_factory("b")


def test_a_check_in_on_b_shows_as_voted_on_a(pair: tuple[Station, Station], clock: FakeClock) -> None:
    a, b = pair
    clock.advance(minutes=5)
    b.check_in(3, mobile_box=True)
    merge(a, b)
    voter = a.voter(3)
    assert voter is not None and voter.checked_in and voter.mobile_box
    with pytest.raises(CheckInRefused) as refused:
        a.check_in(3)
    assert refused.value.reason == "already_checked_in"
    assert a.status().checked_in == 1 and a.status().unsent_events == 2  # only A's own events
    assert verify_chain(a.db, b.device_id) == []  # stored exactly as B wrote them


def test_applying_the_same_events_twice_changes_nothing(pair: tuple[Station, Station]) -> None:
    a, b = pair
    b.check_in(1)
    assert merge(a, b) > 0
    before = a.db.conn.execute("SELECT count(*) FROM events").fetchone()[0]
    assert merge(a, b) == 0
    assert a.db.conn.execute("SELECT count(*) FROM events").fetchone()[0] == before
    assert a.status().checked_in == 1


def test_double_check_in_is_flagged_on_both_with_both_times(pair: tuple[Station, Station], clock: FakeClock) -> None:
    a, b = pair
    clock.advance(minutes=5)
    a.check_in(3)
    clock.advance(minutes=5)
    b.check_in(3)
    merge(a, b)
    merge(b, a)
    for station in (a, b):
        voter = station.voter(3)
        assert voter is not None and voter.checked_in_at == clock.moment.replace(minute=5)  # the earliest
        (conflict,) = station.conflicts()
        assert conflict.list_no == 3
        assert [c.device_id for c in conflict.check_ins] == [a.device_id, b.device_id]
        assert station.status().checked_in == 1  # one voter, counted once


def test_undoing_the_earliest_of_a_double_check_in_promotes_the_other(
    pair: tuple[Station, Station], clock: FakeClock
) -> None:
    a, b = pair
    a.set_pin("2468")
    clock.advance(minutes=5)
    a.check_in(3)
    clock.advance(minutes=5)
    b.check_in(3)
    merge(a, b)
    a.undo_check_in(3, reason="wrong voter", pin="2468")
    voter = a.voter(3)
    assert voter is not None and voter.checked_in_at == clock.moment  # B's check-in, now the only one
    assert a.conflicts() == []
    merge(b, a)
    assert b.conflicts() == [] and b.voter(3) is not None and b.voter(3).checked_in  # type: ignore[union-attr]


def test_an_undo_on_b_of_a_check_in_made_on_a_applies_on_a(pair: tuple[Station, Station]) -> None:
    a, b = pair
    b.set_pin("2468")
    a.check_in(4)
    merge(b, a)
    b.undo_check_in(4, reason="wrong voter", pin="2468")
    merge(a, b)
    voter = a.voter(4)
    assert voter is not None and not voter.checked_in


def test_test_mode_check_ins_of_another_device_never_count(station_factory: Factory) -> None:
    a = station_factory("a", polls="not_open")
    b = station_factory("b", polls="test")
    b.check_in(2)
    merge(a, b)
    assert a.voter(2) is not None and not a.voter(2).checked_in  # type: ignore[union-attr]
    assert a.polls_state() is PollsState.NOT_OPEN  # B's pre-election check is B's business


def test_polls_follow_the_other_device(station_factory: Factory, clock: FakeClock) -> None:
    a = station_factory("a", polls="test")
    a.check_in(1)  # a test check-in
    b = station_factory("b")
    merge(a, b)
    assert a.polls_state() is PollsState.OPEN
    assert a.voter(1) is not None and not a.voter(1).checked_in  # type: ignore[union-attr]  # wiped at opening
    clock.moment = clock.moment.replace(hour=19, minute=1)
    b.close_polls()
    merge(a, b)
    assert a.polls_state() is PollsState.CLOSED


def test_a_voter_added_on_b_becomes_a_placeholder_on_a(pair: tuple[Station, Station]) -> None:
    a, b = pair
    added = b.add_voter("Lò Văn Sầm", certificate="GCN-12/2026")
    b.check_in(added.list_no)
    merge(a, b)
    voter = a.voter(added.list_no)
    assert voter is not None and voter.name == PLACEHOLDER_NAME and voter.status is VoterStatus.ADDED
    assert voter.checked_in
    assert a.list_conflicts() == []


def test_the_same_list_number_added_on_both_is_a_conflict(pair: tuple[Station, Station]) -> None:
    a, b = pair
    mine = a.add_voter("Vi Thị Lan", certificate="GCN-1")
    theirs = b.add_voter("Sầm Văn Tư", certificate="GCN-2")
    assert mine.list_no == theirs.list_no
    merge(a, b)
    voter = a.voter(mine.list_no)
    assert voter is not None and voter.name == "Vi Thị Lan"  # this device's voter stays
    (conflict,) = a.list_conflicts()
    assert (conflict.kind, conflict.list_no, conflict.device_id) == (LIST_NO_TAKEN, mine.list_no, b.device_id)


def test_marked_elsewhere_on_b_is_refused_on_a(pair: tuple[Station, Station]) -> None:
    a, b = pair
    b.mark_voting_elsewhere(5, certificate="GCN-9")
    a.check_in(1)
    merge(a, b)
    with pytest.raises(CheckInRefused) as refused:
        a.check_in(5)
    assert refused.value.reason == "voting_elsewhere"
    assert a.voter(5) is not None and a.voter(5).certificate == ""  # type: ignore[union-attr]  # stays on B


def test_marked_elsewhere_there_but_checked_in_here_is_flagged(pair: tuple[Station, Station]) -> None:
    a, b = pair
    a.check_in(5)
    b.mark_voting_elsewhere(5)
    merge(a, b)
    assert [c.kind for c in a.list_conflicts()] == [ELSEWHERE_BUT_CHECKED_IN]


def test_check_ins_restored_before_the_list_apply_when_it_is_imported(
    station_factory: Factory, clock: FakeClock
) -> None:
    old = station_factory("old")
    old.check_in(2)
    new = station_factory("new", polls="empty")
    merge(new, old)
    assert new.polls_state() is PollsState.OPEN and new.status().checked_in == 0  # no list: nothing to attach to
    new.import_list(parsed_list(make_rows()))
    with pytest.raises(CheckInRefused) as refused:
        new.check_in(2)
    assert refused.value.reason == "already_checked_in"
    assert new.status().checked_in == 1


def _undo_naming_nothing(station: Station, list_no: int) -> None:
    """An undo as stations wrote them before undos named their check-in (an upgraded database)."""
    with write_transaction(station.db):
        append_event(
            station.db, device_id=station.device_id, kind=EventKind.CHECK_IN_UNDONE, at=station.clock(), list_no=list_no
        )
        station.db.conn.execute("DELETE FROM checkins WHERE list_no = ?", (list_no,))


def test_an_undo_naming_no_check_in_takes_back_its_devices_latest_as_on_the_ward(
    pair: tuple[Station, Station], clock: FakeClock
) -> None:
    a, b = pair
    b.check_in(3)
    clock.advance(minutes=5)
    _undo_naming_nothing(b, 3)
    merge(a, b)
    voter = a.voter(3)
    assert voter is not None and not voter.checked_in
    # The ward, given the same events, agrees.
    rows = b.db.conn.execute(
        "SELECT seq, kind, at, payload FROM events WHERE list_no = 3 AND device_id = ?", (b.device_id,)
    ).fetchall()
    device = b.device_id
    check_ins = [checkins.CheckIn(device, seq, at, 0, 7, False) for seq, kind, at, _ in rows if kind == "checked_in"]
    undos = [checkins.Undo(device, seq, None) for seq, kind, _, _ in rows if kind == "check_in_undone"]
    assert len(check_ins) == len(undos) == 1
    assert checkins.live_check_ins(check_ins, undos) == []


def test_an_own_undo_naming_no_check_in_stays_when_another_tables_check_in_arrives(
    pair: tuple[Station, Station], clock: FakeClock
) -> None:
    a, b = pair
    a.check_in(5)
    clock.advance(minutes=2)
    _undo_naming_nothing(a, 5)
    clock.advance(minutes=3)
    b.check_in(5)  # the voter, checked in at table B after table A took its check-in back
    merge(a, b)
    row = a.db.conn.execute("SELECT device_id FROM checkins WHERE list_no = 5").fetchone()
    assert row == (b.device_id,)  # B's check-in, and A's stays taken back: no double check-in
    assert a.db.conn.execute("SELECT count(*) FROM checkin_conflicts WHERE list_no = 5").fetchone() == (0,)
