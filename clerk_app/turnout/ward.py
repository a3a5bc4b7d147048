"""The ward comparison: the ward's average turnout and this station's place among its stations.

The turnout view takes a ``WardStandingSource``: a callable that returns the latest standing at
once, or None while the ward server has not answered. It must never wait on the network (it is
called on the UI thread): whoever wires it keeps the last answer of the ward server (the sync
worker polls ``GET /api/v1/stations``) and hands that back. Until it is wired, the view has no
source and says the ward figures are unavailable.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from clerk_app.rules import turnout_percent


@dataclass(frozen=True)
class WardStanding:
    ward_turnout: float  # percent of all the ward's voters who voted
    rank: int  # this station's place, 1 = highest turnout
    stations: int  # how many stations the ward has
    as_of: datetime | None = None  # when the ward server gave these figures


WardStandingSource = Callable[[], WardStanding | None]


@dataclass(frozen=True)
class StationFigures:
    station: int
    voters: int
    checked_in: int


def standing_from_stations(
    stations: Sequence[StationFigures], station: int, *, as_of: datetime | None = None
) -> WardStanding | None:
    """The standing of ``station`` among ``stations`` (e.g. the ward server's station list).

    The ward average weighs every voter equally (all check-ins over all voters), as the ward's
    own figure does; stations with equal turnout share a place.
    """
    mine = next((s for s in stations if s.station == station), None)
    if mine is None:
        return None
    voters = sum(s.voters for s in stations)
    checked_in = sum(s.checked_in for s in stations)

    def share(s: StationFigures) -> float:
        return s.checked_in / s.voters if s.voters else 0.0

    rank = 1 + sum(1 for s in stations if share(s) > share(mine))
    return WardStanding(turnout_percent(checked_in, voters), rank, len(stations), as_of)
