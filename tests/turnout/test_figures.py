"""Turnout arithmetic, right to the voter: who counts, when, and in which local-time bin."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta

import pytest

from clerk_app.clock import to_iso
from clerk_app.model import Ballots, ListRow, PollsState
from clerk_app.station import Station
from clerk_app.turnout import Basis, Turnout, compute_turnout
from clerk_app.turnout.listindex import ListIndexCache
from tests.support import FakeClock, election_morning, make_rows


def figures(station: Station, cache: ListIndexCache | None = None) -> Turnout:
    return compute_turnout(station.db, station.clock(), cache)


def test_an_empty_station_has_nothing_to_count(station_factory: Callable[..., Station], clock: FakeClock) -> None:
    t = figures(station_factory(polls="empty"))
    assert (t.on_list, t.voted, t.percent, t.still_to_vote, t.mobile_box) == (0, 0, 0.0, 0, 0)
    assert not t.everyone_voted
    assert t.groups == [] and t.genders == [] and t.age_bands == []
    assert t.projection.basis is Basis.NO_LIST
    assert (t.axis.start, t.axis.end) == (election_morning(7, 0), election_morning(19, 0))
    assert [b.arrivals for b in t.arrivals(60)] == [0] * 12
    assert t.cumulative() == ([7.0, 7.0], [0, 0])  # before opening the curve has not started


def test_undone_check_ins_never_count(station: Station, clock: FakeClock) -> None:
    station.set_pin("2468")
    clock.moment = election_morning(7, 10)
    station.check_in(1)
    clock.moment = election_morning(7, 20)
    station.check_in(2)
    station.undo_check_in(1, reason="nhầm người", pin="2468")
    clock.moment = election_morning(7, 30)
    t = figures(station)
    assert (t.on_list, t.voted, t.still_to_vote) == (5, 1, 4)
    assert [b.arrivals for b in t.arrivals(15)][:3] == [0, 1, 0]  # only the 07:20 check-in
    xs, ys = t.cumulative()
    assert ys == [0, 0, 1, 1] and xs == pytest.approx([7.0, 7 + 20 / 60, 7 + 20 / 60, 7.5])


def test_voters_added_on_the_day_count_in_the_denominator(station: Station) -> None:
    station.check_in(1)
    before = figures(station)
    assert (before.on_list, before.voted, before.percent) == (5, 1, 20.0)
    added = station.add_voter("Phạm Văn Mới", certificate="GCN 0042", birth="1985", gender="Nam", group="Tổ dân phố 3")
    after = figures(station)
    assert (after.on_list, after.added, after.voted) == (6, 1, 1)
    assert after.percent == pytest.approx(16.67)
    station.check_in(added.list_no)
    assert figures(station).voted == 2


def test_voters_voting_elsewhere_are_not_on_the_list(station: Station) -> None:
    station.mark_voting_elsewhere(4, certificate="GCN 7")
    t = figures(station)
    assert t.on_list == 4
    assert {g.key: g.on_list for g in t.groups} == {"Tổ dân phố 1": 2, "Tổ dân phố 2": 1, "Tổ dân phố 3": 1}


def test_mobile_ballot_box_check_ins_are_counted_apart(station: Station) -> None:
    station.check_in(2, mobile_box=True)
    station.check_in(3)
    t = figures(station)
    assert (t.voted, t.mobile_box) == (2, 1)


def test_everyone_voted_is_a_status(station: Station, clock: FakeClock) -> None:
    for n in range(1, 6):
        clock.advance(minutes=7)
        station.check_in(n)
    t = figures(station)
    assert t.everyone_voted and t.percent == 100.0 and t.still_to_vote == 0
    assert t.projection.basis is Basis.COMPLETE and t.projection.percent == 100.0
    assert all(g.waiting == 0 for g in t.groups)


def test_test_mode_check_ins_never_count(station_factory: Callable[..., Station]) -> None:
    station = station_factory(polls="test")
    station.check_in(1)
    station.check_in(2)
    assert station.status().checked_in == 2  # they are rows, but tests
    t = figures(station)
    assert (t.on_list, t.voted, t.offsets_ms) == (5, 0, [])
    assert t.projection.basis is Basis.NOT_OPEN


def test_a_day_crossing_the_closing_hour_extends_the_axis(station: Station, clock: FakeClock) -> None:
    clock.moment = election_morning(18, 50)
    station.check_in(1)
    clock.moment = election_morning(19, 20)  # voters still in the room: the polls stay open
    station.check_in(2)
    t = figures(station)
    assert (t.axis.start, t.axis.end, t.axis.until) == (
        election_morning(7, 0),
        election_morning(20, 0),
        election_morning(19, 20),
    )
    hourly = t.arrivals(60)
    assert len(hourly) == 13 and [b.arrivals for b in hourly[-2:]] == [1, 1]
    assert hourly[-1].start == election_morning(19, 0) and hourly[-1].cumulative == 2
    assert t.projection.basis is Basis.FINAL  # the closing hour has come

    clock.moment = election_morning(19, 40)
    station.close_polls()
    closed = figures(station)
    assert closed.polls is PollsState.CLOSED
    assert (closed.axis.end, closed.axis.until) == (election_morning(20, 0), election_morning(19, 40))
    clock.moment = election_morning(22, 0)  # read later that evening: the curve stops at the close
    assert figures(station).cumulative()[0][-1] == pytest.approx(19 + 40 / 60)


def test_an_early_close_ends_the_axis_at_the_close(station: Station, clock: FakeClock) -> None:
    for n in range(1, 6):
        clock.advance(minutes=40)
        station.check_in(n)
    clock.moment = election_morning(15, 10)
    station.close_polls(early=True, reason="mọi cử tri đã bỏ phiếu")
    t = figures(station)
    assert (t.axis.end, t.axis.until) == (election_morning(16, 0), election_morning(15, 10))
    assert len(t.arrivals(30)) == 18


def test_a_check_in_merged_after_an_early_close_ends_the_curve_at_the_total(
    station_factory: Callable[..., Station], clock: FakeClock
) -> None:
    here, offline = station_factory("here"), station_factory("offline")
    clock.moment = election_morning(9, 0)
    here.check_in(1)
    clock.moment = election_morning(15, 0)
    here.close_polls(early=True, reason="mọi cử tri đã bỏ phiếu")
    clock.moment = election_morning(15, 10)  # a table cut off from the others, not told of the close
    offline.check_in(3)
    clock.moment = election_morning(15, 20)
    top = offline.unsent_events()[-1].seq
    here.apply_foreign_events(offline.unsent_events(limit=top), cursor=top)
    t = figures(here)
    assert t.voted == 2
    _, cumulative = t.cumulative()
    assert cumulative[-1] == 2  # the curve ends at the day's total
    assert t.axis.until == election_morning(15, 10)


def test_bins_are_in_local_polling_time_whatever_the_laptop_zone(
    station: Station, clock: FakeClock, laptop_in_new_york: None
) -> None:
    clock.moment = datetime(2026, 3, 15, 7, 14, 59, 999000, tzinfo=election_morning().tzinfo)
    station.check_in(1)
    clock.moment = election_morning(7, 15)  # exactly on the edge: the next bin
    station.check_in(2)
    # Another device wrote its check-in in UTC: 01:30 UTC is 08:30 at the polling station.
    station.db.conn.execute(
        "INSERT INTO checkins (list_no, at, device_id, seq, mobile_box, test, clerk)"
        " VALUES (3, ?, 'dev-b', 1, 0, 0, '')",
        ("2026-03-15T01:30:00.000+00:00",),
    )
    clock.moment = election_morning(9, 0)
    t = figures(station)
    assert [b.arrivals for b in t.arrivals(15)][:7] == [1, 1, 0, 0, 0, 0, 1]
    assert [b.arrivals for b in t.arrivals(60)][:3] == [2, 1, 0]
    assert [b.start.strftime("%H:%M") for b in t.arrivals(30)][:3] == ["07:00", "07:30", "08:00"]
    assert t.voted_by(election_morning(8, 0)) == 2 and t.voted_by(election_morning(8, 30)) == 3


def test_groups_are_sorted_lowest_turnout_first(station: Station) -> None:
    station.check_in(1)  # Tổ 1: 1 of 2
    station.check_in(4)  # Tổ 3: 1 of 2
    station.check_in(5)  # Tổ 3: 2 of 2
    t = figures(station)
    assert [(g.key, g.voted, g.on_list) for g in t.groups] == [
        ("Tổ dân phố 2", 0, 1),
        ("Tổ dân phố 1", 1, 2),
        ("Tổ dân phố 3", 2, 2),
    ]


def test_ties_put_more_voters_waiting_first_then_the_groups_number() -> None:
    from clerk_app.turnout.tally import Tally, lowest_first

    groups = [Tally("Tổ dân phố 10", 4, 2), Tally("Tổ dân phố 2", 4, 2), Tally("Tổ dân phố 9", 8, 4)]
    assert [g.key for g in lowest_first(groups)] == ["Tổ dân phố 9", "Tổ dân phố 2", "Tổ dân phố 10"]


def test_gender_and_age_on_election_day(station_factory: Callable[..., Station]) -> None:
    spec = [
        (1, "Nguyễn Thị Hoa", "12/05/1960", "Nữ", "Tổ 1", None, Ballots()),  # 65
        (2, "Nguyễn Thị Lan", "1948", "Nữ", "Tổ 1", None, Ballots()),  # 78 by the year
        (3, "Trần Văn Hùng", "15/03/1996", "Nam", "Tổ 1", None, Ballots()),  # 30 on the day itself
        (4, "Lê Văn Nam", "16/03/1996", "Nam", "Tổ 1", None, Ballots()),  # 29: birthday the day after
        (5, "Đặng Minh Đức", "01/01/2000", "Nam", "Tổ 1", None, Ballots()),  # 26
    ]
    rows = make_rows(spec)
    rows.append(ListRow(list_no=6, name="Vi Văn Sầm", source_row=20, gender="khác"))  # no birth, unknown gender
    station = station_factory(rows=rows)
    station.check_in(3)
    station.check_in(6)
    t = figures(station)
    assert [(g.key, g.on_list, g.voted) for g in t.genders] == [("Nam", 3, 1), ("Nữ", 2, 0), ("", 1, 1)]
    assert [(b.key, b.on_list, b.voted) for b in t.age_bands] == [
        ("18-29", 2, 0),
        ("30-44", 1, 1),
        ("60-74", 1, 0),
        ("75+", 1, 0),
        ("", 1, 1),
    ]


def test_projection_carries_the_last_hours_pace_to_the_close(
    station_factory: Callable[..., Station], clock: FakeClock
) -> None:
    station = station_factory(rows=generated(300))
    clock.moment = election_morning(8, 0)
    for n in range(1, 31):  # 30 between 08:00 and 09:00 (plus none before)
        clock.moment = election_morning(8, 0) + timedelta(minutes=2 * n - 1)
        station.check_in(n)
    clock.moment = election_morning(9, 0)
    p = figures(station).projection
    assert p.basis is Basis.PACE and p.window_minutes == 60 and p.pace_per_hour == 30
    assert p.voters == 300 and p.percent == 100.0  # 30 + 30 an hour for 10 hours, capped at the whole list
    assert p.everyone_by == election_morning(18, 0)

    clock.moment = election_morning(7, 10)  # ten minutes after opening: too early to say
    early = compute_turnout(station.db, clock(), None)
    assert early.projection.basis is Basis.TOO_EARLY


def test_projection_below_the_cap(station_factory: Callable[..., Station], clock: FakeClock) -> None:
    station = station_factory(rows=generated(1000))
    for n in range(1, 13):
        clock.moment = election_morning(7, 0) + timedelta(minutes=5 * n - 1)
        station.check_in(n)
    clock.moment = election_morning(8, 0)
    p = figures(station).projection
    assert (p.pace_per_hour, p.voters, p.percent, p.everyone_by) == (12, 12 + 12 * 11, 14.4, None)


def test_the_list_index_is_read_again_when_the_list_changes(station: Station) -> None:
    cache = ListIndexCache()
    assert figures(station, cache).on_list == 5
    station.add_voter("Phạm Văn Mới", certificate="GCN 1", group="Tổ dân phố 9")
    assert figures(station, cache).on_list == 6
    station.mark_voting_elsewhere(2, certificate="GCN 2")
    t = figures(station, cache)
    assert t.on_list == 5 and "Tổ dân phố 2" not in {g.key for g in t.groups}


def test_figures_match_the_status_bar_and_the_hourly_report(station: Station, clock: FakeClock) -> None:
    for n, minute in ((1, 5), (2, 59), (3, 60)):
        clock.moment = election_morning(7, 0) + timedelta(minutes=minute)
        station.check_in(n)
    clock.moment = election_morning(8, 30)
    station.record_due_reports()
    t = figures(station)
    status = station.status()
    assert (t.on_list, t.voted, t.percent) == (status.voters, status.checked_in, status.turnout)
    report = station.db.conn.execute("SELECT payload FROM events WHERE kind = 'hourly_report' ORDER BY seq").fetchall()
    assert '"checked_in":3' in report[-1][0] and t.voted_by(election_morning(8, 0)) == 3


def generated(count: int) -> list[ListRow]:
    from clerk_app.generate import generate_voters

    return generate_voters(count, seed=3, election_day=date(2026, 3, 15))


@pytest.fixture
def laptop_in_new_york(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The laptop's own zone set far from Vietnam: nothing on screen may move."""
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_times_are_stored_with_their_offset() -> None:
    assert to_iso(election_morning(7, 0)).endswith("+07:00")
