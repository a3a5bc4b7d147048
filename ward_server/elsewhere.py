"""Voters marked as voting elsewhere: off the station's list, so the ward counts them as it does.

A voter given a certificate to vote at another polling place is marked so at the station
(``voter_marked_elsewhere``); the team leader may take a mark made in error back
(``elsewhere_mark_undone``). The station then counts the voter neither among its voters nor,
should a table cut off from the others have checked them in meanwhile, among those who voted
(clerk_app.storage.voted). The ward follows the same rule, so that its figure for the station is
the station's own:

- a mark stands unless a mark taken back names it, or (one written before they named theirs)
  was received after it: the stations' own rule, clerk_app.storage.elsewhere.standing_marks, so every
  table and the ward agree whatever order they receive two tables' marks in;
- a voter whose mark stands leaves the station's voters, and their live check-in, if any, leaves
  the station's count and its hour; the voter is listed apart on the ward's page, as the station
  flags them on its screens (clerk_app.storage.elsewhere.ELSEWHERE_BUT_CHECKED_IN).

Marks are few (milestones), so this is worked out when the figures are read. A mark of a number
past the list (ward_server.figures says which are on it) takes no one off, in any figure.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field

from clerk_app.storage.elsewhere import standing_by_voter
from ward_server.checkins import voters
from ward_server.schema import ELSEWHERE_KINDS


@dataclass(frozen=True)
class OffTheList:
    """A station's voters whose "voting elsewhere" mark stands."""

    marked: list[int]  # their list numbers, ascending
    checked_in_hours: dict[int, int] = field(default_factory=dict)  # of those checked in: list_no -> hour counted

    @property
    def checked_in(self) -> list[int]:
        """The marked voters who hold a live check-in all the same (a conflict for the team)."""
        return sorted(self.checked_in_hours)


def off_the_list(conn: sqlite3.Connection, station: int, listed: Callable[[int], bool]) -> OffTheList:
    """The station's voters off the list: those with a standing mark whose number is ``listed``
    (a mark of a number no longer on the list takes no one off)."""
    marked = [n for n in standing_marks(conn, station) if listed(n)]
    if not marked:
        return OffTheList([])
    hours = {}
    for list_no, voter in voters(conn, station, marked).items():
        live = voter.live()
        if live:
            hours[list_no] = live[0].hour_local  # where turnout_hours counts the voter
    return OffTheList(marked, hours)


def standing_marks(conn: sqlite3.Connection, station: int) -> list[int]:
    """The list numbers with a mark that stands."""
    rows = conn.execute(
        "SELECT m.list_no, m.kind, m.device_id, m.seq, m.payload FROM milestones m"
        " JOIN events e ON e.device_id = m.device_id AND e.seq = m.seq"
        " WHERE m.station = ? AND m.kind IN (?, ?) AND m.list_no IS NOT NULL ORDER BY e.id",
        (station, *ELSEWHERE_KINDS),
    )
    return sorted(standing_by_voter(rows))
