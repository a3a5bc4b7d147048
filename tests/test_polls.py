"""Opening, test mode and closing of the polls."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from clerk_app.errors import CheckInRefused
from clerk_app.model import PollsState
from clerk_app.station import Station
from tests.support import FakeClock, election_morning


def test_cannot_open_without_a_list(station_factory: Callable[..., Station], tmp_path: object) -> None:
    from clerk_app.station import Station as S

    empty = S.open(tmp_path / "empty")  # type: ignore[operator]
    try:
        with pytest.raises(CheckInRefused) as info:
            empty.open_polls()
        assert info.value.reason == "no_list"
        assert empty.polls_state() is PollsState.NOT_OPEN
    finally:
        empty.close()


def test_open_records_the_time(station: Station) -> None:
    assert station.polls_state() is PollsState.OPEN
    assert station.polls_opened_at() == election_morning(7, 0)
    with pytest.raises(CheckInRefused) as info:
        station.open_polls()
    assert info.value.reason == "already_open"


def test_close_before_seven_pm_needs_a_recorded_decision(station: Station, clock: FakeClock) -> None:
    clock.moment = election_morning(15, 0)
    with pytest.raises(CheckInRefused) as info:
        station.close_polls()
    assert info.value.reason == "early_close_needs_decision"
    with pytest.raises(CheckInRefused) as info:
        station.close_polls(early=True, reason="  ")
    assert info.value.reason == "reason_required"
    assert station.polls_state() is PollsState.OPEN
    station.close_polls(early=True, reason="Mọi cử tri đã bỏ phiếu")
    assert station.polls_state() is PollsState.CLOSED
    note, payload = station.db.conn.execute(
        "SELECT local_note, payload FROM events WHERE kind = 'polls_closed'"
    ).fetchone()
    assert note == "Mọi cử tri đã bỏ phiếu"
    assert '"early":true' in payload


def test_close_after_seven_pm_needs_no_decision(station: Station, clock: FakeClock) -> None:
    station.check_in(1)
    clock.moment = election_morning(19, 0)
    station.close_polls()
    payload = station.db.conn.execute("SELECT payload FROM events WHERE kind = 'polls_closed'").fetchone()[0]
    assert payload == '{"checked_in":1,"early":false,"voters":5}'


def test_polls_cannot_reopen_after_closing(station: Station, clock: FakeClock) -> None:
    clock.moment = election_morning(19, 30)
    station.close_polls()
    with pytest.raises(CheckInRefused) as info:
        station.open_polls()
    assert info.value.reason == "polls_closed"


def test_end_test_mode_wipes_test_check_ins(station_factory: Callable[..., Station]) -> None:
    station = station_factory(polls="test")
    station.check_in(1)
    station.check_in(2)
    assert station.end_test_mode() == 2
    assert station.polls_state() is PollsState.NOT_OPEN
    assert station.status().checked_in == 0


def test_state_survives_reopening(station: Station, clock: FakeClock) -> None:
    station.check_in(2)
    data_dir = station.data_dir
    again = Station.open(data_dir, clock=clock)
    try:
        assert again.polls_state() is PollsState.OPEN
        assert again.device_id == station.device_id
        assert again.status().checked_in == 1
        assert again.voter(2) is not None and again.voter(2).checked_in  # type: ignore[union-attr]
    finally:
        again.close()


# --- polling hours: open from 05:00, closed by 21:00 (domain-facts: the election law) ------------


@pytest.mark.parametrize(
    ("hour", "minute", "reason"),
    [
        (4, 59, "too_early_to_open"),
        (0, 0, "too_early_to_open"),
        (21, 0, "too_late_to_open"),
        (23, 30, "too_late_to_open"),
    ],
)
def test_the_polls_open_only_between_five_and_nine_pm(
    station_factory: Callable[..., Station], clock: FakeClock, hour: int, minute: int, reason: str
) -> None:
    station = station_factory(polls="not_open")
    clock.moment = election_morning(hour, minute)
    with pytest.raises(CheckInRefused) as info:
        station.open_polls()
    assert info.value.reason == reason
    assert info.value.detail["at"] == election_morning(hour, minute).isoformat()  # what the clock showed
    assert station.polls_state() is PollsState.NOT_OPEN
    assert station.db.conn.execute("SELECT count(*) FROM events WHERE kind = 'polls_opened'").fetchone()[0] == 0


@pytest.mark.parametrize(("hour", "minute"), [(5, 0), (20, 59)])
def test_the_polls_open_at_the_edges_of_the_day(
    station_factory: Callable[..., Station], clock: FakeClock, hour: int, minute: int
) -> None:
    station = station_factory(polls="not_open")
    clock.moment = election_morning(hour, minute)
    station.open_polls()
    assert station.polls_opened_at() == election_morning(hour, minute)


def test_check_ins_stop_at_nine_pm_until_the_team_closes(station: Station, clock: FakeClock) -> None:
    clock.moment = election_morning(20, 59)
    station.check_in(1)
    clock.moment = election_morning(21, 0)
    assert station.past_closing_time()
    with pytest.raises(CheckInRefused) as info:
        station.check_in(2)
    assert info.value.reason == "past_closing_time"
    assert station.voter(2).checked_in_at is None  # type: ignore[union-attr]
    station.close_polls()  # closing is never refused
    assert station.polls_state() is PollsState.CLOSED and not station.past_closing_time()


def test_still_open_after_midnight_check_ins_stay_refused_and_closing_is_not_early(
    station: Station, clock: FakeClock
) -> None:
    """Nobody closed the polls: at 00:30 it is still past closing, and closing then is no early close."""
    clock.moment = election_morning(0, 30) + timedelta(days=1)
    with pytest.raises(CheckInRefused) as info:
        station.check_in(1)
    assert info.value.reason == "past_closing_time" and info.value.detail["at"].startswith("2026-03-16T00:30")
    station.close_polls()
    payload = station.db.conn.execute("SELECT payload FROM events WHERE kind = 'polls_closed'").fetchone()[0]
    assert '"early":false' in payload


def test_polls_opened_on_a_table_whose_date_is_a_day_off_do_not_stop_this_one(
    station_factory: Callable[..., Station], clock: FakeClock
) -> None:
    """Hours are this laptop's time of day: another table's opening, a day behind, changes nothing here."""
    clock.moment = election_morning(7, 0) - timedelta(days=1)
    opener = station_factory("opener", polls="not_open")
    opener.open_polls()
    here = station_factory("here", polls="not_open")
    events = opener.unsent_events(limit=100)
    here.apply_foreign_events(events, cursor=events[-1].seq)
    assert here.polls_state() is PollsState.OPEN
    clock.moment = election_morning(7, 5)
    assert not here.past_closing_time()
    assert here.check_in(1).list_no == 1
    clock.moment = election_morning(21, 0)
    with pytest.raises(CheckInRefused) as info:
        here.check_in(2)
    assert info.value.reason == "past_closing_time"


def test_no_voter_is_added_or_marked_elsewhere_after_nine_pm(station: Station, clock: FakeClock) -> None:
    clock.moment = election_morning(21, 10)
    with pytest.raises(CheckInRefused) as info:
        station.add_voter("Phạm Văn Mới", certificate="GCN-77")
    assert info.value.reason == "past_closing_time"
    with pytest.raises(CheckInRefused) as info:
        station.mark_voting_elsewhere(3, certificate="GCN-78")
    assert info.value.reason == "past_closing_time"
    assert station.status().voters == 5 and station.voter(3).status.value == "listed"  # type: ignore[union-attr]


def test_test_mode_practises_at_any_hour(station_factory: Callable[..., Station], clock: FakeClock) -> None:
    """Training evenings and the check before the day are in test mode, which keeps no hours."""
    clock.moment = election_morning(22, 30) - timedelta(days=3)
    station = station_factory(polls="test")
    station.check_in(1)
    assert station.voter(1).checked_in_at is not None  # type: ignore[union-attr]
    assert not station.past_closing_time()
