"""Voters added on the day with a certificate, and voters who vote elsewhere."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from clerk_app.errors import CheckInRefused
from clerk_app.model import VoterStatus
from clerk_app.station import Station


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


def test_mark_elsewhere_before_polls_open(station_factory: Callable[..., Station]) -> None:
    station = station_factory(polls="not_open")
    station.mark_voting_elsewhere(3, certificate="GCN 7")
    voter = station.voter(3)
    assert voter is not None and voter.status is VoterStatus.ELSEWHERE
    with pytest.raises(CheckInRefused) as info:
        station.mark_voting_elsewhere(3)
    assert info.value.reason == "voting_elsewhere"
