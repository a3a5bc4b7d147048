"""Applying a list to the station: replace before opening, add-only after, no-op on re-import."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest

from clerk_app.errors import ListFileRefused, StationMismatch
from clerk_app.station import Station
from tests.support import SMALL_LIST, FakeClock, election_morning, make_rows, parsed_list


def test_first_import_creates_the_list(tmp_path: object) -> None:
    from pathlib import Path

    station = Station.open(Path(str(tmp_path)) / "s")
    try:
        result = station.import_list(parsed_list(make_rows()))
        assert (result.action, result.voters, result.added) == ("created", 5, 5)
        assert station.status().voters == 5
    finally:
        station.close()


def test_import_then_reimport_is_a_no_op(station_factory: Callable[..., Station]) -> None:
    station = station_factory(polls="not_open")
    again = station.import_list(parsed_list(make_rows()))
    assert again.action == "unchanged"
    assert again.added == 0
    assert station.db.conn.execute("SELECT count(*) FROM events WHERE kind = 'list_imported'").fetchone()[0] == 1


def test_station_and_ward_come_from_the_title(station_factory: Callable[..., Station]) -> None:
    station = station_factory(polls="not_open")
    assert station.station_no == 7
    assert station.ward == "phường Láng"


def test_command_line_station_overrides_and_missing_number_refuses(tmp_path: object) -> None:
    from pathlib import Path

    station = Station.open(Path(str(tmp_path)) / "s")
    try:
        with pytest.raises(ListFileRefused) as info:
            station.import_list(parsed_list(make_rows(), station_no=None))
        assert "--station" in str(info.value)
        assert station.status().voters == 0
        station.import_list(parsed_list(make_rows(), station_no=None), station_no=12)
        assert station.station_no == 12
    finally:
        station.close()


def test_list_of_another_station_is_refused(station_factory: Callable[..., Station]) -> None:
    station = station_factory(polls="not_open")
    with pytest.raises(StationMismatch):
        station.import_list(parsed_list(make_rows(), station_no=8))
    assert station.station_no == 7


def test_changed_list_replaces_before_polls_open(station_factory: Callable[..., Station]) -> None:
    station = station_factory(polls="test")
    station.check_in(1)  # a test check-in
    shorter = make_rows(SMALL_LIST[:3])
    result = station.import_list(parsed_list(shorter))
    assert result.action == "replaced"
    assert station.status().voters == 3
    assert station.status().checked_in == 0
    assert station.search("dang minh duc").voters == []


def test_after_opening_rows_are_only_added(station: Station) -> None:
    rows = make_rows()
    changed = [dataclasses.replace(rows[0], name="Nguyễn Thị Hoà Bình"), *rows[1:3]]  # 4, 5 missing
    extra = dataclasses.replace(rows[1], list_no=6, name="Vũ Thị Lan", source_row=20)
    station.check_in(4)
    result = station.import_list(parsed_list([*changed, extra]))
    assert result.action == "added"
    assert result.added == 1
    assert result.voters == 6
    assert any("differ" in str(w) for w in result.warnings)
    first = station.voter(1)
    assert first is not None and first.name == "Nguyễn Thị Hoa"  # not rewritten after opening
    assert station.voter(4) is not None and station.voter(4).checked_in  # type: ignore[union-attr]


def test_after_opening_the_voters_a_file_leaves_out_are_counted_and_kept(station: Station) -> None:
    partial = parsed_list(make_rows()[:3])  # voters 4 and 5 are not in this file
    result = station.import_list(partial)
    assert (result.action, result.added, result.voters) == ("added", 0, 5)
    missing = [w for w in result.found if w.params.get("count") == 2]
    assert missing and "not in this file" in missing[0].template
    again = station.import_list(partial)  # the list in use still differs from the file: said again
    assert again.action == "added" and again.found


def test_no_list_is_imported_once_the_polls_are_closed(station: Station, clock: FakeClock) -> None:
    clock.moment = election_morning(19, 0)
    station.close_polls()
    before = station.db.conn.execute("SELECT count(*) FROM events").fetchone()[0]
    extra = dataclasses.replace(make_rows()[1], list_no=6, name="Vũ Thị Lan", source_row=20)
    with pytest.raises(ListFileRefused) as refused:
        station.import_list(parsed_list([*make_rows(), extra]))
    assert "closed" in refused.value.errors[0].template
    assert station.status().voters == 5  # the closing's figures stand
    assert station.db.conn.execute("SELECT count(*) FROM events").fetchone()[0] == before


@pytest.mark.parametrize("marked_elsewhere_since", [False, True])
def test_row_colliding_with_a_voter_added_on_the_day_refuses_the_file(
    station: Station, marked_elsewhere_since: bool
) -> None:
    station.add_voter("Phạm Văn Mới", certificate="GCN 1")  # takes number 6
    if marked_elsewhere_since:  # still a voter added on the day, now off the list
        station.mark_voting_elsewhere(6, certificate="GCN 2")
    rows = make_rows()
    clash = dataclasses.replace(rows[1], list_no=6, name="Vũ Thị Lan", source_row=20)
    with pytest.raises(ListFileRefused) as info:
        station.import_list(parsed_list([*rows, clash]))
    problem = info.value.errors[0]
    assert (problem.row, problem.column) == (20, "STT")
    assert "added on the day" in problem.message
    assert station.status().voters == (5 if marked_elsewhere_since else 6)


def test_ids_are_kept_only_as_hash_and_last_digits(station: Station) -> None:
    stored = station.db.conn.execute("SELECT id_hash, id_last4 FROM voters WHERE list_no = 1").fetchone()
    assert stored[1] == "3456"
    assert "001160123456" not in repr(stored)
    dump = "\n".join(station.db.conn.iterdump())
    assert "001160123456" not in dump
    assert station.voter(1).masked_id.endswith("3456")  # type: ignore[union-attr]
