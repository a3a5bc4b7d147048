"""The station's printed and spreadsheet reports: turnout (PDF, CSV) and the paper backup list.

Qt-free, so ``clerk-app report`` and ``clerk-app paper-list`` make the same files as the app
(which runs these in a background task on a Station of its own). fpdf2 is imported only when
a PDF is made: starting the app or the command line never pays for it.
Files are written next to their destination and renamed into place, so a printer or a USB copy
never sees half a report.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database

from clerk_app.reports.content import build_content
from clerk_app.reports.csv_report import render_csv
from clerk_app.reports.labels import Labels

FORMATS = ("pdf", "csv")


@dataclass(frozen=True)
class ReportWritten:
    path: Path
    format: str
    on_list: int
    voted: int
    percent: float


def write_report(db: Database, out: Path, fmt: str, *, now: datetime, language: str = "vi") -> ReportWritten:
    """The turnout report at ``now`` as ``fmt`` ("pdf" or "csv") in ``out``."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown report format {fmt!r}; expected one of {', '.join(FORMATS)}")
    content = build_content(db, now)
    labels = Labels(language)
    if fmt == "csv":
        data = render_csv(content, labels).encode("utf-8")
    else:
        from clerk_app.reports.pdf_report import render_pdf

        data = render_pdf(content, labels)
    write_atomically(out, data)
    t = content.turnout
    return ReportWritten(out, fmt, t.on_list, t.voted, t.percent)


def write_paper_list(db: Database, out: Path, *, now: datetime, language: str = "vi") -> int:
    """The paper backup list as a PDF in ``out``; returns how many voters it lists."""
    from clerk_app.reports.paper_list import render_paper_list

    place_line = db.conn.execute("SELECT value FROM meta WHERE key = 'place_line'").fetchone()
    data, count = render_paper_list(db, Labels(language), now, place_line=place_line[0] if place_line else None)
    write_atomically(out, data)
    return count


def write_atomically(path: Path, data: bytes) -> None:
    handle, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
