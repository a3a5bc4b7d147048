"""Voters added on the day with a certificate, and voters who vote elsewhere."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest

from clerk_app.errors import CheckInRefused
from clerk_app.model import VoterStatus
from clerk_app.station import Station
from tests.support import make_rows, parsed_list


def test_added_voter_gets_the_next_number_and_can_vote(station: Station) -> None:
    voter = station.add_voter("Phạm Văn Mới", certificate="GCN 0042/UBND", birth="1985", gender="Nam")
    assert voter.list_no == 6
    assert voter.status is VoterStatus.ADDED
    assert voter.certificate == "GCN 0042/UBND"
    assert station.status().voters == 6  # the denominator grows
    assert station.search("pham van moi").voters[0].list_no == 6
    station.check_in(6)
    assert station.add_voter("Lê Văn Sau", certificate="GCN 0043").list_no == 7


def test_add_voter_needs_name_certificate_and_open_polls(station_factory: Callable[..., Station]) -> None:
    closed = station_factory(polls="not_open")
    with pytest.raises(CheckInRefused) as info:
        closed.add_voter("Phạm Văn Mới", certificate="GCN 1")
    assert info.value.reason == "polls_not_open"
    station = station_factory("open")
    for name, cert, reason in (("  ", "GCN 1", "name_required"), ("Phạm Văn Mới", " ", "certificate_required")):
        with pytest.raises(CheckInRefused) as info:
            station.add_voter(name, certificate=cert)
        assert info.value.reason == reason
    assert station.status().voters == 5


def test_no_voter_is_added_in_test_mode(station_factory: Callable[..., Station]) -> None:
    """An added voter is real (a list number, a voter_added event the ward counts): the opening
    wipes test check-ins only, so a practice addition would stay on the day's list."""
    station = station_factory(polls="test")
    with pytest.raises(CheckInRefused) as info:
        station.add_voter("Nguyễn Văn Thử", certificate="GCN 1")
    assert info.value.reason == "add_in_test_mode"
    assert station.status().voters == 5
    assert station.db.conn.execute("SELECT count(*) FROM events WHERE kind = 'voter_added'").fetchone()[0] == 0


def test_mark_elsewhere_before_polls_open(station_factory: Callable[..., Station]) -> None:
    station = station_factory(polls="not_open")
    station.mark_voting_elsewhere(3, certificate="GCN 7")
    voter = station.voter(3)
    assert voter is not None and voter.status is VoterStatus.ELSEWHERE
    with pytest.raises(CheckInRefused) as info:
        station.mark_voting_elsewhere(3)
    assert info.value.reason == "voting_elsewhere"


def test_a_mark_made_before_opening_survives_a_corrected_list(station_factory: Callable[..., Station]) -> None:
    station = station_factory(polls="not_open")
    station.mark_voting_elsewhere(3, certificate="GCN 7")
    rows = make_rows()
    rows[0] = replace(rows[0], residence="Số 14, phố Láng Hạ")  # the correction: another voter's row

    result = station.import_list(parsed_list(rows))

    assert result.action == "replaced" and result.warnings == []
    voter = station.voter(3)
    assert voter is not None and voter.status is VoterStatus.ELSEWHERE and voter.certificate == "GCN 7"
    station.open_polls()
    with pytest.raises(CheckInRefused) as info:
        station.check_in(3)  # the voter took a certificate to vote elsewhere
    assert info.value.reason == "voting_elsewhere"


def test_a_corrected_list_that_changes_a_marked_row_says_so(station_factory: Callable[..., Station]) -> None:
    station = station_factory(polls="not_open")
    station.mark_voting_elsewhere(3)
    station.mark_voting_elsewhere(5)
    rows = make_rows()
    rows[2] = replace(rows[2], residence="Số 99, phố Chùa Láng")
    del rows[4]

    result = station.import_list(parsed_list(rows))

    assert [(w.column, w.message) for w in result.warnings] == [
        ("STT", "STT 3 was marked as voting elsewhere and stays so, but this list changes that row"),
        ("STT", "STT 5 was marked as voting elsewhere and is not on this list"),
    ]
    voter = station.voter(3)
    assert voter is not None and voter.status is VoterStatus.ELSEWHERE


def test_another_tables_mark_keeps_this_tables_certificate_on_a_corrected_list(
    station_factory: Callable[..., Station],
) -> None:
    here, other = station_factory("here", polls="not_open"), station_factory("other", polls="not_open")
    here.mark_voting_elsewhere(3, certificate="GCN 7")
    other.mark_voting_elsewhere(3)
    top = other.db.conn.execute("SELECT max(seq) FROM events WHERE device_id = ?", (other.device_id,)).fetchone()[0]
    here.apply_foreign_events(other.unsent_events(limit=top), cursor=top)
    rows = make_rows()
    rows[0] = replace(rows[0], residence="Số 14, phố Láng Hạ")
    here.import_list(parsed_list(rows))
    voter = here.voter(3)
    assert voter is not None and voter.status is VoterStatus.ELSEWHERE and voter.certificate == "GCN 7"
