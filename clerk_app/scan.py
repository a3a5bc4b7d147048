"""Reading what a USB scanner types: voter-card codes and citizen-ID (CCCD) QR payloads.

A keyboard-wedge scanner types the code into the search box as if a person typed it, then Enter.
Parsing never raises: text that is not a code gives ``None``, a payload that looks like a CCCD QR
but cannot be read gives ``UnreadableQR`` with a reason that carries no personal data.

The QR holds a person's ID number, name, birth date and address: nothing here logs it, and the
parsed value's ``repr`` masks it, so an accidental ``log.debug(scan)`` leaks nothing.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

# "07-0123": station 7, list number 123. A bare "123" is the list number alone.
# ASCII digits only: Python's \d also takes other scripts' digits, which no scanner sends.
_CARD_CODE = re.compile(r"(?:([0-9]{1,3})\s*-\s*)?([0-9]{1,5})")
_ID_NUMBER = re.compile(r"[0-9]{12}")
_DATE_DIGITS = re.compile(r"[0-9]{8}")
_QR_SEPARATOR = "|"
_QR_MIN_FIELDS = 5  # ID | old ID | name | birth | gender; address and issue date are not needed


@dataclass(frozen=True)
class VoterCardCode:
    list_no: int
    station: int | None  # None when the code carries only the list number


@dataclass(frozen=True, repr=False)
class CitizenIdQR:
    """What the station needs from a CCCD QR; the address and issue date are left unread."""

    id_number: str  # 12 digits
    name: str  # NFC, as on the card; "" when the payload was cut short before it
    birth_date: date | None  # None when the field is empty or not a real date
    gender: str  # "Nam", "Nữ" or ""

    def __repr__(self) -> str:
        return f"CitizenIdQR(id_number='••••••••{self.id_number[-4:]}', name=<hidden>, birth_date=<hidden>)"


@dataclass(frozen=True)
class UnreadableQR:
    """Text with the QR's field separator that is not a readable CCCD payload."""

    reason: str  # "too_few_fields" or "bad_id_number" (no readable ID first): never the payload itself


Scan = VoterCardCode | CitizenIdQR | UnreadableQR


def parse_scan(text: str) -> Scan | None:
    """What a scanner (or a clerk) typed, if it is a code; ``None`` for anything else (a name...)."""
    if _QR_SEPARATOR in text:
        return parse_citizen_qr(text)
    return parse_voter_card(text)


def parse_voter_card(text: str) -> VoterCardCode | None:
    """``07-0123`` -> station 7, list number 123; ``123`` -> list number 123; else ``None``."""
    match = _CARD_CODE.fullmatch(text.strip())
    if match is None:
        return None
    station, list_no = match.groups()
    if int(list_no) == 0:
        return None  # list numbers start at 1; a zero is a misread
    return VoterCardCode(int(list_no), int(station) if station is not None else None)


def parse_citizen_qr(text: str) -> CitizenIdQR | UnreadableQR:
    """``ID12|old ID9|Full name|ddmmyyyy|Nam/Nữ|address|ddmmyyyy`` -> the fields the station uses."""
    fields = [f.strip() for f in text.strip().split(_QR_SEPARATOR)]
    # The ID number comes first: a payload cut short or garbled further on (a scanner that
    # dropped characters) still names its voter by it. Without a readable ID it is unreadable.
    id_number = fields[0].replace(" ", "")
    if not _ID_NUMBER.fullmatch(id_number):
        return UnreadableQR("too_few_fields" if len(fields) < _QR_MIN_FIELDS else "bad_id_number")
    _old_id, name, birth, gender = (fields[1:_QR_MIN_FIELDS] + [""] * _QR_MIN_FIELDS)[: _QR_MIN_FIELDS - 1]
    name = " ".join(unicodedata.normalize("NFC", name).split())
    return CitizenIdQR(id_number, name, parse_ddmmyyyy(birth), _gender(gender))


def parse_ddmmyyyy(text: str) -> date | None:
    """``03021958`` -> 1958-02-03; ``None`` when it is not eight digits of a real date."""
    if not _DATE_DIGITS.fullmatch(text):
        return None
    try:
        return date(int(text[4:]), int(text[2:4]), int(text[:2]))
    except ValueError:
        return None


def _gender(text: str) -> str:
    folded = unicodedata.normalize("NFC", text).strip().casefold()
    return {"nam": "Nam", "nữ": "Nữ"}.get(folded, "")
