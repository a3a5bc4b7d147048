"""A projection of turnout at closing time that a team leader can check in their head.

The recent pace (check-ins in the last hour, or since opening when the polls opened less than an
hour ago) is carried on to the closing hour and capped at the whole list. It is deliberately
simple: the UI says it in one sentence ("at the pace of the last 60 minutes, 84 voters an hour,
about 93% by 19:00"), and when the cap is reached, at what time everyone would have voted.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from clerk_app.model import PollsState
from clerk_app.rules import turnout_percent
from clerk_app.turnout.day import DayAxis

PACE_WINDOW_MIN = 60
MIN_ELAPSED_MIN = 15  # less than this after opening is too little to read a pace from


class Basis(StrEnum):
    NO_LIST = "no_list"
    NOT_OPEN = "not_open"  # polls not open yet (or test mode)
    TOO_EARLY = "too_early"  # opened less than MIN_ELAPSED_MIN ago, or nobody voted yet
    PACE = "pace"  # the recent pace carried on to the closing hour
    COMPLETE = "complete"  # everyone on the list has voted
    FINAL = "final"  # polls closed (or the closing hour has come): the figure is final


@dataclass(frozen=True)
class Projection:
    basis: Basis
    voters: int | None  # voters projected to have voted by the closing hour
    percent: float | None
    closes_at: datetime
    pace_per_hour: float | None = None
    window_minutes: int = 0  # the pace was read over this many minutes
    everyone_by: datetime | None = None  # at this pace the whole list has voted by then


def project(
    *, on_list: int, voted: int, offsets_ms: list[int], axis: DayAxis, polls: PollsState, now: datetime
) -> Projection:
    """``offsets_ms``: the check-in times, sorted, in ms from ``axis.start``."""
    closes_at = axis.closing
    done = _settled(on_list, voted, polls, now, closes_at)
    if done is not None:
        percent = turnout_percent(voted, on_list) if done in (Basis.COMPLETE, Basis.FINAL) else None
        return Projection(done, voted if percent is not None else None, percent, closes_at)
    elapsed_min = (now - axis.opening).total_seconds() / 60
    if elapsed_min < MIN_ELAPSED_MIN or voted == 0:
        return Projection(Basis.TOO_EARLY, None, None, closes_at)
    window = min(PACE_WINDOW_MIN, int(elapsed_min))
    recent = len(offsets_ms) - bisect_left(offsets_ms, axis.ms_from_start(now - timedelta(minutes=window)))
    pace = recent * 60 / window
    remaining_h = (closes_at - now).total_seconds() / 3600
    projected = min(on_list, voted + round(pace * remaining_h))
    everyone_by = None
    if pace > 0 and voted + pace * remaining_h >= on_list:
        everyone_by = now + timedelta(hours=(on_list - voted) / pace)
    return Projection(Basis.PACE, projected, turnout_percent(projected, on_list), closes_at, pace, window, everyone_by)


def _settled(on_list: int, voted: int, polls: PollsState, now: datetime, closes_at: datetime) -> Basis | None:
    if on_list == 0:
        return Basis.NO_LIST
    if voted >= on_list:
        return Basis.COMPLETE
    if polls is PollsState.CLOSED or (polls is PollsState.OPEN and now >= closes_at):
        return Basis.FINAL
    if polls is not PollsState.OPEN:
        return Basis.NOT_OPEN
    return None
