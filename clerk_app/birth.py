"""A birth as a clerk writes it for a voter added on the day: 'dd/mm/yyyy', 'yyyy' or nothing."""

from __future__ import annotations

import re
from datetime import date

_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


def parse_birth(text: str) -> tuple[str, int | None] | None:
    """'dd/mm/yyyy', 'yyyy' or '' into (birth as shown, birth year); None when unreadable."""
    text = text.strip()
    if not text:
        return "", None
    if text.isdigit() and len(text) == 4:
        return text, int(text)
    match = _DATE.fullmatch(text)
    if match is None:
        return None
    day, month, year = (int(g) for g in match.groups())
    try:
        date(year, month, day)
    except ValueError:
        return None
    return f"{day:02d}/{month:02d}/{year}", year
