"""What a turnout report says, computed once for both the CSV and the PDF."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlite_utils import Database

from clerk_app import __version__
from clerk_app.rules import turnout_percent
from clerk_app.turnout import Tally, Turnout, compute_turnout
from clerk_app.turnout.snapshots import Snapshot, list_snapshots
from clerk_app.turnout.tally import natural


@dataclass(frozen=True)
class HourRow:
    start: datetime
    end: datetime
    arrivals: int
    cumulative: int  # voted by the end of the hour
    percent: float  # cumulative, of the voters on the list now


@dataclass(frozen=True)
class ReportContent:
    turnout: Turnout
    hours: list[HourRow]  # the hours of the day so far (the hour still running included)
    groups: list[Tally]  # in the list's order of groups (Tổ 1, 2 ... 10), as the ward reads them
    snapshots: list[Snapshot]
    made_at: datetime
    version: str = __version__


def build_content(db: Database, now: datetime) -> ReportContent:
    turnout = compute_turnout(db, now)
    return ReportContent(
        turnout=turnout,
        hours=hour_rows(turnout),
        groups=sorted(turnout.groups, key=lambda g: natural(g.key)),
        snapshots=list_snapshots(db),
        made_at=now,
    )


def hour_rows(turnout: Turnout) -> list[HourRow]:
    """Hours from the opening up to the moment of the report: later hours have nothing to say yet."""
    rows: list[HourRow] = []
    for b in turnout.arrivals(60):
        if rows and b.start >= turnout.axis.until:
            break
        end = b.start + timedelta(minutes=b.minutes)
        rows.append(HourRow(b.start, end, b.arrivals, b.cumulative, turnout_percent(b.cumulative, turnout.on_list)))
    return rows
