"""The turnout report as CSV for the ward's spreadsheets.

UTF-8 with a byte-order mark (Excel on Windows then reads Vietnamese right), commas and CRLF as
the ward's own list files have them, one table of seven columns: section, item, value, voters
on the list, voted, percent, still to vote. Numbers are plain numbers (percent with a decimal
point). No cell can act as a formula: text that starts with = + - @, a tab or a carriage return
gets a leading apostrophe (OWASP's advice for CSV injection), so a group named "=HYPERLINK(...)"
in a list file stays text.
"""

from __future__ import annotations

import csv
import io

from clerk_app.reports.content import ReportContent
from clerk_app.reports.labels import Labels, clock_time

Cell = str | int | float | None
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Cell) -> Cell:
    """The cell as a spreadsheet must show it: text that could start a formula is prefixed with '."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def render_csv(content: ReportContent, labels: Labels) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in report_rows(content, labels):
        writer.writerow(["" if cell is None else neutralise(cell) for cell in row])
    return "\ufeff" + buffer.getvalue()


def report_rows(content: ReportContent, labels: Labels) -> list[list[Cell]]:
    t, lb = content.turnout, labels
    rows: list[list[Cell]] = [
        [lb("csv_section"), lb("csv_item"), lb("csv_value"), lb("group_voters"), lb("group_voted"),
         lb("group_percent") + " (%)", lb("group_waiting")],
    ]  # fmt: skip
    info = lb("csv_info")
    rows += [
        [info, lb("station"), f"{t.station:02d}" if t.station is not None else ""],
        [info, lb("ward"), t.ward or ""],
        [info, lb("date"), t.axis.day.isoformat()],
        [info, lb("opened"), clock_time(t.axis.opened_at) if t.axis.opened_at else lb("not_opened")],
        [info, lb("closed"), _closed_text(content, labels)],
    ]
    totals = lb("csv_totals")
    rows += [
        [totals, lb("on_list"), t.on_list],
        [totals, lb("added"), t.added],
        [totals, lb("voted"), t.voted],
        [totals, lb("percent"), t.percent],
        [totals, lb("mobile_box"), t.mobile_box],
        [totals, lb("still_to_vote"), t.still_to_vote],
    ]
    by_hour = lb("by_hour")
    for h in content.hours:
        item = f"{clock_time(h.start)}–{clock_time(h.end)}"
        rows.append([by_hour, item, h.arrivals, t.on_list, h.cumulative, h.percent, t.on_list - h.cumulative])
    by_group = lb("by_group")
    for g in content.groups:
        rows.append([by_group, lb.group(g.key), None, g.on_list, g.voted, g.percent, g.waiting])
    return rows


def _closed_text(content: ReportContent, labels: Labels) -> str:
    axis = content.turnout.axis
    if axis.closed_at is not None:
        return clock_time(axis.closed_at)
    if axis.opened_at is None:
        return ""
    return labels("still_open", time=clock_time(content.made_at))
