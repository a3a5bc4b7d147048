"""Parsing what a keyboard-wedge scanner types: voter-card codes and citizen-ID QR payloads."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clerk_app.scan import (
    CitizenIdQR,
    UnreadableQR,
    VoterCardCode,
    parse_citizen_qr,
    parse_ddmmyyyy,
    parse_scan,
    parse_voter_card,
)

QR = "001058111222|012345678|Trần Văn Hùng|03021958|Nam|Số 12, phố Láng Hạ, phường Láng, thành phố Hà Nội|15082021"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("07-0123", VoterCardCode(123, 7)),
        ("7-123", VoterCardCode(123, 7)),
        ("07-0123\r\n", VoterCardCode(123, 7)),  # the scanner's Enter
        (" 07 - 0123 ", VoterCardCode(123, 7)),
        ("123", VoterCardCode(123, None)),
        ("0042", VoterCardCode(42, None)),
        ("99999", VoterCardCode(99999, None)),
    ],
)
def test_voter_card_codes(typed: str, expected: VoterCardCode) -> None:
    assert parse_voter_card(typed) == expected
    assert parse_scan(typed) == expected


@pytest.mark.parametrize(
    "typed",
    ["", "   ", "0", "07-0000", "07-", "-0123", "123456", "0123-07-1", "12a", "hung 58", "١٢٣", "07–0123"],
)
def test_what_is_not_a_voter_card_code(typed: str) -> None:
    assert parse_voter_card(typed) is None


def test_citizen_id_qr_gives_the_fields_the_station_uses() -> None:
    scan = parse_citizen_qr(QR)
    assert scan == CitizenIdQR("001058111222", "Trần Văn Hùng", date(1958, 2, 3), "Nam")
    assert parse_scan(QR) == scan


def test_qr_name_arrives_as_nfc_and_gender_is_normalised() -> None:
    decomposed = unicodedata.normalize("NFD", "001190123456||Lê  Thị Thuỷ|20101990|NỮ|Hà Nội|01012022")
    scan = parse_citizen_qr(decomposed)
    assert isinstance(scan, CitizenIdQR)
    assert scan.name == unicodedata.normalize("NFC", "Lê Thị Thuỷ")
    assert scan.gender == "Nữ"


def test_qr_with_only_the_first_five_fields_is_enough() -> None:
    scan = parse_citizen_qr("001058111222||Trần Văn Hùng|03021958|Nam")
    assert isinstance(scan, CitizenIdQR)
    assert scan.id_number == "001058111222"


@pytest.mark.parametrize(
    ("birth", "expected"),
    [("03021958", date(1958, 2, 3)), ("", None), ("31021958", None), ("1958", None), ("0302195a", None)],
)
def test_qr_birth_date_is_a_real_date_or_none(birth: str, expected: date | None) -> None:
    assert parse_ddmmyyyy(birth) == expected
    scan = parse_citizen_qr(f"001058111222||Trần Văn Hùng|{birth}|Nam|x|y")
    assert isinstance(scan, CitizenIdQR)
    assert scan.birth_date == expected


def test_unknown_gender_is_left_empty() -> None:
    scan = parse_citizen_qr("001058111222||Trần Văn Hùng|03021958|Male|x|y")
    assert isinstance(scan, CitizenIdQR)
    assert scan.gender == ""


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        ("|", "too_few_fields"),
        ("Trần Văn Hùng|03021958", "too_few_fields"),
        ("00105811122|x|Trần Văn Hùng|03021958|Nam|x|y", "bad_id_number"),  # 11 digits
        ("0010581112223|x|Trần Văn Hùng|03021958|Nam|x|y", "bad_id_number"),
        ("00105811122X|x|Trần Văn Hùng|03021958|Nam|x|y", "bad_id_number"),
    ],
)
def test_malformed_qr_is_a_typed_result_not_an_exception(payload: str, reason: str) -> None:
    assert parse_citizen_qr(payload) == UnreadableQR(reason)
    assert parse_scan(payload) == UnreadableQR(reason)


@pytest.mark.parametrize(
    "payload",
    ["001058111222|Trần Văn Hùng", "001058111222||Trần", "001058111222|x|   |03021958|Nam|x|y", "001058111222"],
)
def test_a_qr_cut_short_after_its_id_number_is_still_read_by_it(payload: str) -> None:
    scan = parse_citizen_qr(payload + "|")  # the separator makes it a QR, not a typed number
    assert isinstance(scan, CitizenIdQR) and scan.id_number == "001058111222"


def test_qr_repr_shows_no_personal_data() -> None:
    scan = parse_citizen_qr(QR)
    shown = repr(scan) + str(scan)
    for secret in ("001058111222", "Trần", "Hùng", "1958", "Láng"):
        assert secret not in shown
    assert "1222" in shown  # the last four digits, as a clerk may see them


def test_unreadable_qr_reason_carries_no_payload() -> None:
    shown = repr(parse_citizen_qr("0010581112|x|Trần Văn Hùng|03021958"))
    assert "Trần" not in shown
    assert "0010581112" not in shown


def test_text_that_is_not_a_code_is_none() -> None:
    assert parse_scan("nguyen van hung") is None
    assert parse_scan("hung 58") is None


@given(st.text())
def test_parsing_never_raises(text: str) -> None:
    parse_scan(text)
    parse_citizen_qr(text)
    parse_voter_card(text)
