"""The ward page's percentages: never 100% before everyone on the list has voted."""

from __future__ import annotations

import re

from ward_server import dashboard
from ward_server.models import StationsOverview, StationTurnout, WardTotals


def station(number: int, checked_in: int, voters: int) -> StationTurnout:
    return StationTurnout(
        station=number,
        name=f"Khu vực {number}",
        voters=voters,
        checked_in=checked_in,
        turnout=round(100.0 * checked_in / voters, 2),  # as ward_server.figures computes it
        by_hour=[],
        polls="open",
        devices=1,
        last_event_at=None,
        last_contact_at=None,
        silent_minutes=None,
        silent=False,
        conflicts=[],
        marked_elsewhere=0,
        checked_in_but_marked_elsewhere=[],
        incidents=0,
    )


def page_of(*stations: StationTurnout) -> str:
    voters = sum(s.voters for s in stations)
    checked_in = sum(s.checked_in for s in stations)
    ward = WardTotals(
        name=None,
        stations=len(stations),
        voters=voters,
        checked_in=checked_in,
        turnout=round(100.0 * checked_in / voters, 2),
        by_hour=[],
        silent_stations=[],
    )
    overview = StationsOverview(server_time="2026-03-15T10:00:00.000+07:00", ward=ward, stations=list(stations))
    return dashboard.render(overview)


def card_percent(page: str, number: int) -> str:
    card = re.search(rf'<article[^>]*id="kv-{number}".*?</article>', page, re.S)
    assert card is not None
    figures = re.search(r'<p class="big">.*?<b>([^<]*%)</b></p>', card.group(0))
    assert figures is not None
    return figures.group(1)


def ward_percent(page: str) -> str:
    headline = re.search(r'<p class="pct">([^<]*)</p>', page)
    assert headline is not None
    return headline.group(1)


def test_one_voter_short_of_the_list_is_not_shown_as_100_percent() -> None:
    page = page_of(station(1, 2_499, 2_500))  # 99.96%
    assert card_percent(page, 1) == "99,9%"
    assert ward_percent(page) == "99,9%"


def test_everyone_voted_is_100_percent_and_a_short_list_count_shows_past_100() -> None:
    page = page_of(station(1, 2_500, 2_500), station(2, 1_003, 1_000))
    assert card_percent(page, 1) == "100,0%"
    assert card_percent(page, 2) == "100,3%"  # more check-ins than the list count: worth a look
    assert ward_percent(page) == "100,1%"


def test_turnout_text_keeps_one_decimal_with_a_comma() -> None:
    assert dashboard.turnout_text(1, 3) == "33,3%"
    assert dashboard.turnout_text(0, 0) == "0,0%"
    assert dashboard.turnout_text(5, 0) == "0,0%"  # no list count yet: no share to speak of
