"""A morning at the small station: check-ins over three hours, one at the mobile box, hourly reports."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from clerk_app.station import Station
from tests.support import FakeClock, election_morning


@pytest.fixture
def morning(station: Station, clock: FakeClock) -> Station:
    """Voters 1 and 3 at 07:xx, 2 at the mobile box at 08:xx, an added voter at 09:xx; now 09:30."""
    for list_no, hour, minute, mobile in ((1, 7, 5, False), (3, 7, 40, False), (2, 8, 15, True)):
        clock.moment = election_morning(hour, minute)
        station.check_in(list_no, mobile_box=mobile)
    clock.moment = election_morning(9, 10)
    added = station.add_voter("Phạm Văn Mới", certificate="GCN 1", birth="1985", gender="Nam", group="Tổ dân phố 2")
    station.check_in(added.list_no)
    clock.moment = election_morning(9, 30)
    station.record_due_reports()
    return station


def pdf_text(path: Path) -> str:
    """The PDF's text as pypdf extracts it, whitespace collapsed."""
    reader = PdfReader(str(path))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def pdf_pages(path: Path) -> int:
    return len(PdfReader(str(path)).pages)
