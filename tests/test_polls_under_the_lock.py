"""The polls state is read under the write lock, by every change that depends on it.

The sync worker merges other tables' events on a connection of its own, in its own thread: an
opening or a closing made at another table can land while the clerk's Enter waits for the write
lock (up to the busy timeout). What was read before the wait is stale by then: a check-in after
the polls closed, a real check-in recorded as a practice one, a list replaced after opening.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from clerk_app.errors import CheckInRefused
from clerk_app.model import PollsState
from clerk_app.station import Station
from clerk_app.storage import merge
from clerk_app.storage.eventlog import Event, EventKind
from tests.support import FakeClock, election_morning, make_rows, parsed_list

HOLD_S = 0.4  # how long the other connection keeps the lock after its change (a page being merged)


def _foreign(kind: EventKind, at: str, payload: dict[str, object]) -> Event:
    return Event("dev-ban2", 1, f"u-{kind.value}", kind.value, None, at, "Bàn 2", payload)


@contextmanager
def merging_elsewhere(station: Station, clock: FakeClock, event: Event) -> Iterator[None]:
    """The sync worker merging ``event`` in its own thread and holding the write lock a while;
    the block runs once the change is made but not yet committed."""
    changed = threading.Event()

    def worker() -> None:
        other = Station.open(station.data_dir, clock=clock, clerk="sync")
        try:
            other.db.conn.execute("BEGIN IMMEDIATE")
            merge.apply_foreign_events(other.db, other.device_id, [event])
            changed.set()
            time.sleep(HOLD_S)
            other.db.conn.execute("COMMIT")
        finally:
            other.close()

    thread = threading.Thread(target=worker)
    thread.start()
    try:
        assert changed.wait(10)
        assert station.polls_state() is not PollsState(
            "closed" if event.kind == EventKind.POLLS_CLOSED.value else "open"
        )  # not committed yet: what a read before the lock sees
        yield
    finally:
        thread.join()


def test_a_check_in_waiting_for_another_tables_closing_is_refused(
    station_factory: Callable[..., Station], clock: FakeClock
) -> None:
    station = station_factory()
    clock.moment = election_morning(19, 5)
    closing = _foreign(EventKind.POLLS_CLOSED, "2026-03-15T19:04:00.000+07:00", {"early": False})
    with merging_elsewhere(station, clock, closing):
        refused = None
        try:
            station.check_in(1)
        except CheckInRefused as exc:
            refused = exc.reason
    assert refused == "polls_closed"
    assert station.voter(1).checked_in_at is None  # type: ignore[union-attr]
    assert station.db.conn.execute("SELECT count(*) FROM events WHERE kind = 'checked_in'").fetchone()[0] == 0


def test_a_check_in_waiting_for_another_tables_opening_counts(
    station_factory: Callable[..., Station], clock: FakeClock
) -> None:
    station = station_factory(polls="test")
    clock.moment = election_morning(7, 1)
    opening = _foreign(EventKind.POLLS_OPENED, "2026-03-15T07:00:00.000+07:00", {"test_check_ins_wiped": 0})
    with merging_elsewhere(station, clock, opening):
        receipt = station.check_in(1)
    assert not receipt.test
    assert station.status().checked_in == 1  # a real check-in, counted here and at the ward
    payload = station.db.conn.execute("SELECT payload FROM events WHERE kind = 'checked_in'").fetchone()[0]
    assert "test" not in payload


def test_a_list_import_waiting_for_another_tables_opening_only_adds(
    station_factory: Callable[..., Station], clock: FakeClock
) -> None:
    station = station_factory(polls="test")
    clock.moment = election_morning(7, 1)
    opening = _foreign(EventKind.POLLS_OPENED, "2026-03-15T07:00:00.000+07:00", {"test_check_ins_wiped": 0})
    corrected = make_rows()[1:]  # voter 1 left out: before the opening this file would replace the list
    with merging_elsewhere(station, clock, opening):
        result = station.import_list(parsed_list(corrected))
    assert result.action != "replaced"
    assert station.voter(1) is not None  # an open station's list is only added to


def test_the_polls_cannot_be_opened_twice_by_two_tables_at_once(
    station_factory: Callable[..., Station], clock: FakeClock
) -> None:
    station = station_factory(polls="not_open")
    clock.moment = election_morning(7, 1)
    opening = _foreign(EventKind.POLLS_OPENED, "2026-03-15T07:00:00.000+07:00", {"test_check_ins_wiped": 0})
    with merging_elsewhere(station, clock, opening):
        refused = None
        try:
            station.open_polls()
        except CheckInRefused as exc:
            refused = exc.reason
    assert refused == "already_open"
    assert station.db.conn.execute("SELECT count(*) FROM events WHERE kind = 'polls_opened'").fetchone()[0] == 1
