"""Where each polling place is and who runs it: what the ward publishes on the voters' page.

Set with ``add-station`` options (only the ones given change) or ``import-stations`` (a CSV
describes each of its stations whole). Values are checked here, once, for both: text in NFC
with its whitespace collapsed, coordinates in range and given as a pair, groups as a list.
"""

from __future__ import annotations

import json
import math
import re
import sqlite3
import unicodedata
from dataclasses import dataclass

MAX_TEXT = 300  # a place, an address or a contact line
MAX_GROUP = 80
MAX_GROUPS = 100
TEXT_FIELDS = ("place", "address", "contact")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_GROUP_SEPARATORS = re.compile(r"[,;]")


class PlaceError(ValueError):
    """A value that cannot be published as given; ``field`` names the option or column."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Place:
    place: str | None = None
    address: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    groups: tuple[str, ...] = ()
    contact: str | None = None


def clean_text(field: str, value: str, limit: int = MAX_TEXT) -> str | None:
    """NFC, one space between words; empty is None (nothing to publish)."""
    text = " ".join(unicodedata.normalize("NFC", value).split())
    if _CONTROL.search(text):
        raise PlaceError(field, "contains control characters")
    if len(text) > limit:
        raise PlaceError(field, f"is {len(text)} characters long, at most {limit} are allowed")
    return text or None


def parse_groups(field: str, value: str) -> tuple[str, ...]:
    """ "Tổ 1, Tổ 2; Tổ 3" → ("Tổ 1", "Tổ 2", "Tổ 3"): commas or semicolons, repeats dropped."""
    groups: list[str] = []
    for part in _GROUP_SEPARATORS.split(value):
        group = clean_text(field, part, MAX_GROUP)
        if group is not None and group not in groups:
            groups.append(group)
    if len(groups) > MAX_GROUPS:
        raise PlaceError(field, f"lists {len(groups)} groups, at most {MAX_GROUPS} are allowed")
    return tuple(groups)


def parse_coordinate(field: str, value: str, *, latitude: bool) -> float | None:
    """Decimal degrees ("21.0245"; a decimal comma is taken too); empty is None."""
    text = value.strip()
    if not text:
        return None
    if "," in text and "." not in text and text.count(",") == 1:
        text = text.replace(",", ".")
    kind, limit = ("latitude", 90.0) if latitude else ("longitude", 180.0)
    try:
        number = float(text)
    except ValueError:
        raise PlaceError(field, f"'{value}' is not a {kind} in decimal degrees (e.g. 21.0245)") from None
    if not math.isfinite(number) or not -limit <= number <= limit:
        raise PlaceError(field, f"{value} is not a {kind}: it must be between -{limit:g} and {limit:g}")
    return number


def check_pair(latitude: float | None, longitude: float | None, fields: tuple[str, str]) -> None:
    if (latitude is None) != (longitude is None):
        given, missing = fields if latitude is not None else fields[::-1]
        raise PlaceError(missing, f"is needed with {given}: a map point needs both")


def save(conn: sqlite3.Connection, station: int, changes: dict[str, object]) -> None:
    """Set these columns of the station's place (the others stay); call inside a transaction.

    ``changes`` maps the Place fields to their new values (``groups`` a tuple).
    """
    unknown = set(changes) - {"place", "address", "latitude", "longitude", "groups", "contact"}
    if unknown:
        raise ValueError(f"not place fields: {sorted(unknown)}")
    if not changes:
        return  # a station without a published place has no row (load answers an empty Place)
    conn.execute("INSERT INTO station_places (station) VALUES (?) ON CONFLICT (station) DO NOTHING", (station,))
    values = [_column_value(v) for v in changes.values()]
    # Column names come from the fixed set checked above, never from input.
    assignments = ", ".join(f"{column} = ?" for column in changes)
    conn.execute(f"UPDATE station_places SET {assignments} WHERE station = ?", (*values, station))


def _column_value(value: object) -> object:
    # groups, a tuple of texts, are stored as a JSON array; the rest as they are.
    return json.dumps(list(value), ensure_ascii=False) if isinstance(value, tuple) else value


def whole(place: Place) -> dict[str, object]:
    """Every field of the place, for ``save``: what a CSV row says replaces all there was."""
    return {
        "place": place.place,
        "address": place.address,
        "latitude": place.latitude,
        "longitude": place.longitude,
        "groups": place.groups,
        "contact": place.contact,
    }


def load(conn: sqlite3.Connection, station: int) -> Place:
    row = conn.execute(
        "SELECT place, address, latitude, longitude, groups, contact FROM station_places WHERE station = ?",
        (station,),
    ).fetchone()
    if row is None:
        return Place()
    place, address, latitude, longitude, groups, contact = row
    return Place(place, address, latitude, longitude, tuple(json.loads(groups)), contact)
