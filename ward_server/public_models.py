"""What the public page and its JSON show: polling places and their figures, never a voter.

These models are the whole public surface (``GET /public``, ``GET /api/v1/public/stations``,
``POST /api/v1/public/where``): nothing here can hold a name, an ID number, a birth date,
ethnicity or a per-voter record, and ``tests/ward_server/test_public_privacy.py`` scans every
public response to make sure of it.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Busyness = Literal["quiet", "normal", "busy", "unknown"]


class PublicPlace(BaseModel):
    """Where a station is and who runs it, as the ward registered it (add-station options or CSV)."""

    station: int
    name: str
    place: str | None = Field(description="e.g. 'Hội trường Trường THCS Láng'")
    address: str | None
    groups: list[str] = Field(description="residential groups (tổ dân phố) the station serves")
    contact: str | None = Field(description="the team leader's public contact, if the ward published one")
    latitude: float | None
    longitude: float | None
    map_url: str | None = Field(description="OpenStreetMap link when coordinates are set")
    geo_uri: str | None = Field(description="geo: link (opens the phone's map app) when coordinates are set")


class PublicHour(BaseModel):
    hour: str  # "07:00", Vietnam time: arrivals from 07:00 to 07:59
    arrivals: int
    cumulative: int


class PublicStation(PublicPlace):
    voters: int = Field(description="voters on the list, including voters added on the day")
    voted: int
    percent: float  # 0..100, 1 decimal
    everyone_voted: bool  # "100%": every voter on the list has voted
    by_hour: list[PublicHour]
    arrivals_last_30_min: int
    busyness: Busyness  # last 30 minutes against the station's own day so far; "unknown" before enough data
    polls: str  # not_open | test | open | closed
    last_contact_at: str | None  # ISO 8601 with +07:00
    stale: bool  # no contact for more than 70 minutes: "no recent figures"


class PublicWard(BaseModel):
    name: str | None
    stations: int
    voters: int
    voted: int
    percent: float


class PublicOverview(BaseModel):
    model_config = ConfigDict(frozen=True)

    server_time: str  # ISO 8601 with +07:00
    ward: PublicWard
    stations: list[PublicStation]


class WhereRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    # [0-9], not \d: \d also matches other scripts' digits ("١٢٣…"), which are no ID number.
    id: str = Field(description="the 12-digit personal ID number (CCCD)", pattern=r"^[0-9]{12}$")
    birth_year: int = Field(ge=1900, le=2100)


class WhereAnswer(BaseModel):
    station: int
    place: str | None
    address: str | None
    map_url: str | None
