"""Turnout: exact figures from the station database for the team leader's view and the reports.

Qt-free. ``compute_turnout(db, now)`` reads everything the view shows in a few milliseconds;
``waiting_voters`` lists a group's voters still to vote; ``snapshots`` lists the hourly reports
and records the team leader's confirmation; ``ward`` defines the ward comparison's interface.
"""

from __future__ import annotations

from clerk_app.turnout.day import BIN_MINUTES, DayAxis
from clerk_app.turnout.figures import Bin, Turnout, compute_turnout
from clerk_app.turnout.projection import Basis, Projection
from clerk_app.turnout.tally import AGE_BANDS, Tally
from clerk_app.turnout.waiting import WaitingVoter, waiting_voters
from clerk_app.turnout.ward import WardStanding, WardStandingSource, standing_from_stations

__all__ = [
    "AGE_BANDS",
    "BIN_MINUTES",
    "Basis",
    "Bin",
    "DayAxis",
    "Projection",
    "Tally",
    "Turnout",
    "WaitingVoter",
    "WardStanding",
    "WardStandingSource",
    "compute_turnout",
    "standing_from_stations",
    "waiting_voters",
]
