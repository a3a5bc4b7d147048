"""The team leader's PIN and undoing a check-in, including choosing one of two conflicting check-ins."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from clerk_app.clock import from_iso
from clerk_app.errors import CheckInRefused, PinRefused
from clerk_app.station import Station
from tests.support import FakeClock, clerk, election_morning
from ward_server.batch import undo_target
from ward_server.checkins import CheckIn, Undo, live_check_ins


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


# --- a voter checked in at two tables while they could not see each other: undo the chosen one ---


def merge(into: Station, source: Station) -> None:
    """Apply every event of ``source`` to ``into``, as a pull from the ward would."""
    top = source.db.conn.execute("SELECT max(seq) FROM events WHERE device_id = ?", (source.device_id,)).fetchone()[0]
    into.apply_foreign_events(source.unsent_events(limit=top + 1), cursor=top)


def footprint(station: Station) -> tuple[object, ...]:
    """Everything an undo writes: events, current check-ins, conflict flags."""
    conn = station.db.conn
    return (
        conn.execute("SELECT count(*), max(seq) FROM events").fetchone(),
        conn.execute("SELECT * FROM checkins ORDER BY list_no").fetchall(),
        conn.execute("SELECT * FROM checkin_conflicts ORDER BY list_no").fetchall(),
    )


@pytest.fixture
def double(station_factory: Callable[..., Station], clock: FakeClock) -> tuple[Station, Station]:
    """Tables A (07:05) and B (07:10) both checked voter 3 in, then saw each other's events."""
    a, b = station_factory("a"), station_factory("b")
    a.set_pin("2468")
    clock.moment = election_morning(7, 5)
    a.check_in(3)
    clock.moment = election_morning(7, 10)
    b.check_in(3)
    merge(a, b)
    merge(b, a)
    assert [c.list_no for c in a.conflicts()] == [3] and [c.list_no for c in b.conflicts()] == [3]
    return a, b


def ward_live(stations: list[Station], list_no: int) -> list[tuple[str, int]]:
    """The voter's live check-ins by the ward server's rule (ward_server.checkins), from the events."""
    check_ins, undos = [], []
    for station in stations:
        rows = station.db.conn.execute(
            "SELECT seq, kind, at, payload FROM events WHERE device_id = ? AND list_no = ?",
            (station.device_id, list_no),
        )
        for seq, kind, at, payload in rows:
            if kind == "checked_in":
                check_ins.append(CheckIn(station.device_id, seq, at, int(from_iso(at).timestamp() * 1000), 0, False))
            elif kind == "check_in_undone":
                undos.append(Undo(station.device_id, seq, undo_target(json.loads(payload))))
    return [(c.device_id, c.seq) for c in live_check_ins(check_ins, undos)]


@pytest.mark.parametrize("undone", ["later", "earlier"])
def test_the_team_leader_undoes_the_chosen_check_in_and_the_other_stays(
    double: tuple[Station, Station], undone: str
) -> None:
    a, b = double
    refs = a.live_check_ins(3)
    assert [(r.device_id, r.at[11:16]) for r in refs] == [(a.device_id, "07:05"), (b.device_id, "07:10")]
    chosen, kept = (refs[1], refs[0]) if undone == "later" else (refs[0], refs[1])

    a.undo_check_in(3, reason="Bàn 2 chọn nhầm người trùng tên", pin="2468", check_in=(chosen.device_id, chosen.seq))

    payload = a.db.conn.execute("SELECT payload FROM events WHERE device_id = ? ORDER BY seq DESC", (a.device_id,))
    assert json.loads(payload.fetchone()[0]) == {"undoes": {"device_id": chosen.device_id, "seq": chosen.seq}}
    merge(b, a)
    for station in (a, b):  # the flag clears here and, after sync, at the other table
        assert station.conflicts() == []
        assert [(r.device_id, r.seq) for r in station.live_check_ins(3)] == [(kept.device_id, kept.seq)]
        voter = station.voter(3)
        assert voter is not None and voter.checked_in_at == from_iso(kept.at)
        assert station.status().checked_in == 1
    # The ward server cancels exactly the check-in the undo names, too.
    assert ward_live([a, b], 3) == [(kept.device_id, kept.seq)]


def test_an_undo_naming_a_check_in_that_does_not_exist_is_refused_and_writes_nothing(
    double: tuple[Station, Station],
) -> None:
    a, b = double
    a.check_in(1)
    own_of_voter_1 = (a.device_id, a.live_check_ins(1)[0].seq)
    before = footprint(a)
    for missing in [(b.device_id, 99), ("dev-unknown", 1), own_of_voter_1]:  # the last: another voter's
        with pytest.raises(CheckInRefused) as info:
            a.undo_check_in(3, reason="nhầm", pin="2468", check_in=missing)
        assert info.value.reason == "check_in_not_found"
        assert (info.value.detail["device_id"], info.value.detail["seq"]) == missing
        assert footprint(a) == before
    assert [c.list_no for c in a.conflicts()] == [3]


def test_an_undo_of_a_check_in_already_undone_is_refused_and_writes_nothing(
    double: tuple[Station, Station], clock: FakeClock
) -> None:
    a, b = double
    later = a.live_check_ins(3)[1]
    clock.advance(minutes=30)
    a.undo_check_in(3, reason="nhầm", pin="2468", check_in=(later.device_id, later.seq))
    before = footprint(a)
    with pytest.raises(CheckInRefused) as info:
        a.undo_check_in(3, reason="nhầm", pin="2468", check_in=(later.device_id, later.seq))
    assert info.value.reason == "check_in_already_undone"
    assert info.value.detail["checked_in_at"] == later.at
    assert footprint(a) == before

    # Undone at the other table and synced: the same words here, and nothing written.
    b.set_pin("1357")
    earlier = b.live_check_ins(3)[0]
    merge(b, a)
    b.undo_check_in(3, reason="nhầm", pin="1357", check_in=(earlier.device_id, earlier.seq))
    merge(a, b)
    assert not a.voter(3).checked_in  # type: ignore[union-attr]
    before = footprint(a)
    with pytest.raises(CheckInRefused) as info:
        a.undo_check_in(3, reason="nhầm", pin="2468", check_in=(earlier.device_id, earlier.seq))
    assert info.value.reason == "check_in_already_undone"
    assert footprint(a) == before


def test_the_default_undo_still_takes_back_the_current_check_in(station: Station) -> None:
    station.set_pin("1234")
    receipt = station.check_in(2)
    assert [(r.device_id, r.seq) for r in station.live_check_ins(2)] == [(station.device_id, receipt.seq)]
    station.undo_check_in(2, reason="nhầm", pin="1234")
    assert station.live_check_ins(2) == []
    with pytest.raises(CheckInRefused) as info:  # without naming one: the voter is not checked in
        station.undo_check_in(2, reason="nhầm", pin="1234")
    assert info.value.reason == "not_checked_in"


# --- the same from the command line: a conflict is never settled by a silent pick ---


def undo_cli(station: Station, *args: str, expect: int) -> tuple[dict[str, object], str]:
    done = clerk(station.data_dir, "undo", "--list-no", "3", "--reason", "chọn nhầm", "--json", *args)
    assert done.returncode == expect, done.stderr
    return json.loads(done.stdout), done.stderr


def test_the_command_line_asks_which_check_in_and_undoes_the_one_named(double: tuple[Station, Station]) -> None:
    a, _ = double
    earlier, later = a.live_check_ins(3)
    before = footprint(a)

    wrong_pin, _ = undo_cli(a, "--pin", "1111", expect=3)
    assert wrong_pin["reason"] == "wrong_pin"  # the PIN first, as for any undo
    asked, said = undo_cli(a, "--pin", "2468", expect=3)
    assert asked["reason"] == "choose_check_in" and asked["list_no"] == 3
    assert asked["check_ins"] == [
        {"device_id": r.device_id, "seq": r.seq, "at": r.at, "clerk": r.clerk} for r in (earlier, later)
    ]
    assert f"{later.device_id}:{later.seq}" in said and "--check-in DEVICE:SEQ" in said and "nothing was undone" in said
    assert footprint(a) == before  # asking wrote nothing

    done, _ = undo_cli(a, "--pin", "2468", "--check-in", f"{later.device_id}:{later.seq}", expect=0)
    assert done["undone"] == {"device_id": later.device_id, "seq": later.seq}
    assert [(r.device_id, r.seq) for r in a.live_check_ins(3)] == [(earlier.device_id, earlier.seq)]
    assert a.conflicts() == []


def test_the_command_line_check_in_must_read_device_colon_seq(double: tuple[Station, Station]) -> None:
    a, _ = double
    before = footprint(a)
    done = clerk(a.data_dir, "undo", "--list-no", "3", "--reason", "nhầm", "--pin", "2468", "--check-in", "table-2")
    assert done.returncode == 2 and "DEVICE:SEQ" in done.stderr
    assert footprint(a) == before


def test_the_command_line_undoes_a_single_check_in_without_asking(station: Station) -> None:
    station.set_pin("1234")
    receipt = station.check_in(3)
    done, _ = undo_cli(station, "--pin", "1234", expect=0)
    assert done["undone"] == {"device_id": station.device_id, "seq": receipt.seq}
    assert station.live_check_ins(3) == []
