"""The team leader's PIN and undoing a check-in."""

from __future__ import annotations

import pytest

from clerk_app.errors import CheckInRefused, PinRefused
from clerk_app.station import Station


def test_pin_is_stored_only_as_a_salted_hash(station: Station) -> None:
    station.set_pin("482913")
    stored = station.db.conn.execute("SELECT value FROM meta WHERE key = 'pin_hash'").fetchone()[0]
    assert "482913" not in stored and stored.startswith("scrypt$")
    station.verify_pin("482913")
    with pytest.raises(PinRefused) as info:
        station.verify_pin("000000")
    assert info.value.reason == "wrong_pin"


@pytest.mark.parametrize("bad", ["12", "123456789", "12a4", "", "١٢٣٤"])
def test_pin_format(station: Station, bad: str) -> None:
    with pytest.raises(PinRefused) as info:
        station.set_pin(bad)
    assert info.value.reason == "pin_format"
    assert not station.has_pin()


def test_changing_the_pin_needs_the_current_one(station: Station) -> None:
    station.set_pin("1234")
    with pytest.raises(PinRefused) as info:
        station.set_pin("5678")
    assert info.value.reason == "current_pin_required"
    with pytest.raises(PinRefused):
        station.set_pin("5678", current_pin="9999")
    station.set_pin("5678", current_pin="1234")
    station.verify_pin("5678")


def test_undo_needs_a_pin_set_and_the_right_pin(station: Station) -> None:
    station.check_in(1)
    with pytest.raises(PinRefused) as info:
        station.undo_check_in(1, reason="nhầm người", pin="1234")
    assert info.value.reason == "no_pin_set"
    station.set_pin("1234")
    with pytest.raises(PinRefused):
        station.undo_check_in(1, reason="nhầm người", pin="4321")
    assert station.status().checked_in == 1


def test_undo_removes_the_check_in_and_keeps_the_reason_local(station: Station) -> None:
    station.set_pin("1234")
    receipt = station.check_in(1)
    station.undo_check_in(1, reason="Thư ký chọn nhầm người trùng tên", pin="1234")
    assert station.status().checked_in == 0
    kind, payload, note = station.db.conn.execute(
        "SELECT kind, payload, local_note FROM events ORDER BY seq DESC LIMIT 1"
    ).fetchone()
    assert (kind, note) == ("check_in_undone", "Thư ký chọn nhầm người trùng tên")
    assert payload == f'{{"undoes":{{"device_id":"{station.device_id}","seq":{receipt.seq}}}}}'
    station.check_in(1)  # the right voter can now be checked in
    assert station.status().checked_in == 1


def test_undo_refusals(station: Station) -> None:
    station.set_pin("1234")
    with pytest.raises(CheckInRefused) as info:
        station.undo_check_in(2, reason="x", pin="1234")
    assert info.value.reason == "not_checked_in"
    station.check_in(2)
    with pytest.raises(CheckInRefused) as info:
        station.undo_check_in(2, reason="   ", pin="1234")
    assert info.value.reason == "reason_required"
    assert station.status().checked_in == 1
