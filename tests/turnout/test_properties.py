"""Whatever the day's sequence of check-ins, undos, additions and certificates, the figures add up."""

from __future__ import annotations

from pathlib import Path
from tempfile import TemporaryDirectory

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clerk_app.errors import CheckInRefused
from clerk_app.station import Station
from clerk_app.turnout import compute_turnout
from clerk_app.turnout.listindex import ListIndexCache
from tests.support import FakeClock, election_morning, make_rows, parsed_list

ops = st.lists(
    st.tuples(
        st.sampled_from(["check_in", "mobile", "undo", "add", "elsewhere"]), st.integers(1, 8), st.integers(0, 90)
    ),
    max_size=25,
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(day=ops)
def test_figures_follow_a_simple_model_of_the_day(day: list[tuple[str, int, int]]) -> None:
    clock = FakeClock(election_morning(6, 30))
    with TemporaryDirectory() as tmp:
        station = Station.open(Path(tmp), clock=clock)
        try:
            station.import_list(parsed_list(make_rows()))
            clock.moment = election_morning(7, 0)
            station.open_polls()
            station.set_pin("2468")
            cache = ListIndexCache()  # the live view's cache must follow every change
            on_list, voted = {1, 2, 3, 4, 5}, {}
            for op, list_no, minutes in day:
                clock.advance(minutes=minutes)
                play(station, op, list_no, on_list, voted)
                t = compute_turnout(station.db, clock(), cache)
                assert (t.on_list, t.voted) == (len(on_list), len(voted))
                assert t.mobile_box == sum(voted.values())
                assert sum(g.on_list for g in t.groups) == t.on_list and sum(g.voted for g in t.groups) == t.voted
                for minutes_per_bin in (15, 30, 60):
                    bins = t.arrivals(minutes_per_bin)
                    assert sum(b.arrivals for b in bins) == t.voted and bins[-1].cumulative == t.voted
                assert t.cumulative()[1][-1] == t.voted
                assert 0 <= t.percent <= 100
        finally:
            station.close()


def play(station: Station, op: str, list_no: int, on_list: set[int], voted: dict[int, bool]) -> None:
    """Do ``op`` on the station and on the model; a refusal changes neither."""
    try:
        if op in ("check_in", "mobile"):
            station.check_in(list_no, mobile_box=op == "mobile")
            voted[list_no] = op == "mobile"
        elif op == "undo":
            station.undo_check_in(list_no, reason="nhầm", pin="2468")
            del voted[list_no]
        elif op == "add":
            on_list.add(station.add_voter("Phạm Văn Mới", certificate="GCN 1").list_no)
        else:
            station.mark_voting_elsewhere(list_no, certificate="GCN 2")
            on_list.discard(list_no)
    except CheckInRefused:
        return
