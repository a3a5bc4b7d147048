"""Plain data types shared by storage, search, check-in and the UI (no Qt, no SQL)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum


class VoterStatus(StrEnum):
    LISTED = "listed"  # on the printed list
    ADDED = "added"  # added on the day with a certificate from elsewhere
    ELSEWHERE = "elsewhere"  # took a certificate to vote elsewhere; cannot vote here
    REMOVED = "removed"


class PollsState(StrEnum):
    NOT_OPEN = "not_open"
    TEST = "test"  # pre-election check: check-ins are real rows but wiped when polls open
    OPEN = "open"
    CLOSED = "closed"


@dataclass(frozen=True)
class Ballots:
    """Which ballots the voter receives: National Assembly, province/city council, commune/ward council."""

    national: bool = True
    city: bool = True
    ward: bool = True

    def count(self) -> int:
        return int(self.national) + int(self.city) + int(self.ward)


@dataclass(frozen=True)
class ListRow:
    """One voter as read from a list file, validated and normalised (names in NFC)."""

    list_no: int
    name: str
    source_row: int  # the row number as Excel shows it
    birth: str = ""  # as shown to people: "dd/mm/yyyy", "yyyy" or "" when unknown
    birth_year: int | None = None
    birth_date: date | None = None
    gender: str = ""  # "Nam", "Nữ" or "" when the file said something else (warned)
    ethnicity: str = ""
    residence: str = ""  # permanent residence (nơi thường trú)
    temp_residence: str = ""  # temporary residence (nơi tạm trú)
    id_number: str | None = None  # 12 digits, leading zeros restored; None when empty or malformed
    group: str = ""  # residential group (tổ dân phố / thôn)
    ballots: Ballots = field(default_factory=Ballots)
    note: str = ""  # Ghi chú plus any unknown columns, "Header: value; ..."


@dataclass(frozen=True)
class ParsedList:
    """A whole list file, read and checked, ready to import. Errors never reach this: they raise."""

    path: str
    rows: list[ListRow]
    warnings: list[object]  # clerk_app.errors.ListProblem; object here keeps model free of errors
    station_no: int | None  # from the title line "Khu vực bỏ phiếu số 07, ..."
    ward: str | None  # e.g. "phường Láng"
    place_line: str | None  # the whole title line, e.g. "Khu vực bỏ phiếu số 07, phường Láng, thành phố Hà Nội"
    content_sha256: str  # hash of the normalised rows: equal lists give equal hashes whatever the format


@dataclass(frozen=True)
class Voter:
    """A voter as the station sees them now, with the current check-in if any."""

    list_no: int
    name: str
    birth: str
    birth_year: int | None
    gender: str
    group: str
    residence: str
    id_last4: str | None
    ballots: Ballots
    status: VoterStatus
    note: str = ""
    certificate: str = ""
    checked_in_at: datetime | None = None
    mobile_box: bool = False
    checked_in_by: str = ""  # the table that checked the voter in ("Bàn 2"), as its events name it

    @property
    def masked_id(self) -> str:
        """The ID as a clerk may see it: only the last four digits."""
        return f"••••••••{self.id_last4}" if self.id_last4 else ""

    @property
    def checked_in(self) -> bool:
        return self.checked_in_at is not None


@dataclass(frozen=True)
class CheckInReceipt:
    list_no: int
    at: datetime
    seq: int
    mobile_box: bool
    ballots: Ballots
    test: bool


@dataclass(frozen=True)
class StationStatus:
    station: int | None
    ward: str | None
    voters: int  # on the list, including voters added on the day, excluding elsewhere/removed
    checked_in: int
    turnout: float  # percent, 0..100, rounded to 2 decimals
    unsent_events: int
    last_sync_at: datetime | None
    polls: PollsState
    past_closing_time: bool = False  # open outside 05:00-21:00: check-ins refused until closed (rules)

    def as_json(self) -> dict[str, object]:
        return {
            "station": self.station,
            "ward": self.ward,
            "voters": self.voters,
            "checked_in": self.checked_in,
            "turnout": self.turnout,
            "unsent_events": self.unsent_events,
            "last_sync_at": self.last_sync_at.isoformat() if self.last_sync_at else None,
            "polls": self.polls.value,
            "past_closing_time": self.past_closing_time,
        }
