"""One definition of "voted" (clerk_app/storage/voted.py), held by every figure the station shows or sends.

The case that split them: a voter checked in at this table while another table, cut off from it,
marked them as voting elsewhere. After the merge they are off the list (a flagged conflict) and
count nowhere, neither among the voters nor among those who voted.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from clerk_app.reports import write_paper_list, write_report
from clerk_app.station import Station
from clerk_app.storage.elsewhere import ELSEWHERE_BUT_CHECKED_IN
from clerk_app.storage.voted import on_list_and_voted
from clerk_app.sync.reports import ReportSchedule
from clerk_app.turnout.figures import compute_turnout
from tests.support import SMALL_LIST, FakeClock

Factory = Callable[..., Station]


def _merge(into: Station, source: Station) -> None:
    top = source.db.conn.execute("SELECT max(seq) FROM events WHERE device_id = ?", (source.device_id,)).fetchone()[0]
    into.apply_foreign_events(source.unsent_events(limit=top + 1), cursor=top)


def _hourly_report(station: Station, hour: str) -> dict[str, int]:
    row = station.db.conn.execute(
        "SELECT json_extract(payload, '$.voters'), json_extract(payload, '$.checked_in') FROM events"
        " WHERE kind = 'hourly_report' AND json_extract(payload, '$.hour') = ?",
        (hour,),
    ).fetchone()
    return {"voters": row[0], "checked_in": row[1]}


def test_a_voter_marked_elsewhere_on_another_table_counts_nowhere(
    station_factory: Factory, clock: FakeClock, tmp_path: Path
) -> None:
    here, there = station_factory("here"), station_factory("there")
    clock.advance(minutes=30)  # 07:30
    here.check_in(1)
    here.check_in(5)
    there.mark_voting_elsewhere(5, certificate="GCN-1")  # the two tables cut off from each other
    clock.advance(hours=1)  # 08:30
    _merge(here, there)
    assert [c.kind for c in here.list_conflicts()] == [ELSEWHERE_BUT_CHECKED_IN]

    on_list = len(SMALL_LIST) - 1
    status = here.status()
    assert (status.voters, status.checked_in) == (on_list, 1)
    turnout = compute_turnout(here.db, clock())
    assert (turnout.on_list, turnout.voted) == (on_list, 1)
    report = write_report(here.db, tmp_path / "report.csv", "csv", now=clock())
    assert (report.on_list, report.voted) == (on_list, 1)
    assert here.record_due_reports(ReportSchedule()) == ["07:00", "08:00"]
    assert _hourly_report(here, "08:00") == {"voters": on_list, "checked_in": 1}
    assert write_paper_list(here.db, tmp_path / "paper.pdf", now=clock()) == len(SMALL_LIST)  # listed apart


def test_an_hourly_report_counts_the_voter_while_they_were_on_the_list(
    station_factory: Factory, clock: FakeClock
) -> None:
    """Checked in at 07:30, marked elsewhere (there) at 08:30: the 08:00 report, recorded late, had them."""
    here, there = station_factory("here"), station_factory("there")
    clock.advance(minutes=30)
    here.check_in(5)
    clock.advance(hours=1)
    there.mark_voting_elsewhere(5)
    _merge(here, there)
    clock.advance(hours=1)  # 09:30: the laptop slept through 08:00 and 09:00
    here.record_due_reports(ReportSchedule())
    assert _hourly_report(here, "08:00") == {"voters": len(SMALL_LIST), "checked_in": 1}
    assert _hourly_report(here, "09:00") == {"voters": len(SMALL_LIST) - 1, "checked_in": 0}


def test_test_mode_counts_its_practice_check_ins_and_the_open_polls_do_not(station_factory: Factory) -> None:
    station = station_factory(polls="test")
    station.check_in(2)
    assert station.status().checked_in == 1
    assert on_list_and_voted(station.db) == (len(SMALL_LIST), 0)  # practice never counts as voted
    station.open_polls()
    assert station.status().checked_in == 0
