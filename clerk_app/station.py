"""The station: one polling area's list, its events and the rules, behind one object.

Every change is one write transaction holding the state change and its event, committed
durably before the method returns, so the caller may tell the clerk it is done.
The object owns its SQLite connection and must be used from the thread that opened it.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from clerk_app import clock as clock_mod
from clerk_app import rules
from clerk_app.clock import Clock, ShiftedClock, from_iso
from clerk_app.errors import CheckInRefused, ListFileRefused, ListProblem, PinRefused, StationMismatch
from clerk_app.idhash import IdHasher, make_id_hasher
from clerk_app.model import Ballots, CheckInReceipt, ListRow, ParsedList, PollsState, StationStatus, Voter, VoterStatus
from clerk_app.pin import hash_pin, pin_matches
from clerk_app.search import UNREADABLE_SCAN
from clerk_app.search import search as run_search
from clerk_app.storage import elsewhere, merge, voted
from clerk_app.storage.db import environment_errors, open_database
from clerk_app.storage.eventlog import (
    MAX_CLERK_LENGTH,
    OWN_CHAIN_UNSURE,
    Event,
    EventKind,
    append_event,
    own_chain_may_go_on_elsewhere,
)
from clerk_app.storage.meta import get_meta, set_meta, write_transaction
from clerk_app.storage.voter_import import ImportResult, apply_list, insert_voters, voter_record
from clerk_app.sync import link, outbox, reports
from clerk_app.translatable import QT_TRANSLATE_NOOP

log = logging.getLogger("clerk_app.station")

_VOTER_SELECT = (
    "SELECT v.list_no, v.name, v.birth, v.birth_year, v.gender, v.grp, v.residence, v.temp_residence,"
    " v.id_last4, v.ballot_national, v.ballot_city, v.ballot_ward, v.status, v.note, v.certificate,"
    " c.at, c.mobile_box, c.clerk FROM voters v LEFT JOIN checkins c ON c.list_no = v.list_no"
)


@dataclass(frozen=True)
class SearchResults:
    kind: str
    voters: list[Voter]
    exact: bool
    other_station: int | None = None


def _voter_from_row(row: tuple[Any, ...]) -> Voter:
    (
        list_no,
        name,
        birth,
        birth_year,
        gender,
        grp,
        residence,
        temp_residence,
        id_last4,
        b_nat,
        b_city,
        b_ward,
        status,
        note,
        certificate,
        at,
        mobile_box,
        checked_in_by,
    ) = row
    return Voter(
        list_no=list_no,
        name=name,
        birth=birth,
        birth_year=birth_year,
        gender=gender,
        group=grp,
        residence=residence or temp_residence,
        id_last4=id_last4,
        ballots=Ballots(bool(b_nat), bool(b_city), bool(b_ward)),
        status=VoterStatus(status),
        note=note,
        certificate=certificate,
        checked_in_at=from_iso(at) if at else None,
        mobile_box=bool(mobile_box),
        checked_in_by=checked_in_by or "",
    )


class Station:
    def __init__(self, db: Database, data_dir: Path, clock: Clock, clerk: str) -> None:
        self.db = db
        self.data_dir = data_dir
        self.clock = clock
        self.clerk = clerk  # checked by the setter below
        self.device_id = self._ensure_identity()
        self._id_hash: IdHasher = make_id_hasher(bytes.fromhex(get_meta(db, "id_key") or ""))

    @property
    def clerk(self) -> str:
        """This table's name, recorded as the clerk of each event made here."""
        return self._clerk

    @clerk.setter
    def clerk(self, name: str) -> None:
        # Refused here, before any event carries it: the ward would refuse every batch holding it.
        if len(name) > MAX_CLERK_LENGTH:
            raise ValueError(f"a table name has at most {MAX_CLERK_LENGTH} characters, not {len(name)}")
        self._clerk = name

    @classmethod
    def open(cls, data_dir: Path, *, clock: Clock | None = None, clerk: str = "") -> Station:
        """The station in ``data_dir``, on ``clock`` (default: clock.station_clock())."""
        from clerk_app.paths import database_path

        station = cls(open_database(database_path(data_dir)), data_dir, clock or clock_mod.station_clock(), clerk)
        station._take_up_a_restored_copy()
        if isinstance(station.clock, ShiftedClock):
            station.clock = station.clock.not_before(station.newest_own_event_at() or station.clock())
        return station

    def _take_up_a_restored_copy(self) -> None:
        """A backup put in place of station.db (``clerk-app backup`` marks its copies): this
        laptop may have gone on after the copy was made, and the ward may hold its later events.
        An enrolled station waits for its next complete pull before checking anyone in
        (waiting_for_the_ward), which also takes those events back."""
        if get_meta(self.db, "restored_copy") != "1":
            return
        with write_transaction(self.db):
            self.db.conn.execute("DELETE FROM meta WHERE key = 'restored_copy'")
            if get_meta(self.db, "ward_url") is not None:
                set_meta(self.db, "restore_pending", "1")
                set_meta(self.db, OWN_CHAIN_UNSURE, "1")  # until the ward says what it holds
        log.warning("opened a station database restored from a backup copy")

    def newest_own_event_at(self) -> datetime | None:
        """When this device's latest event was stamped (a rehearsal clock resumes after it)."""
        row = self.db.conn.execute(
            "SELECT at FROM events WHERE device_id = ? ORDER BY seq DESC LIMIT 1", (self.device_id,)
        ).fetchone()
        return from_iso(row[0]) if row else None

    def close(self) -> None:
        self.db.close()

    def _ensure_identity(self) -> str:
        device_id = get_meta(self.db, "device_id")
        if device_id is None:
            device_id = f"dev-{secrets.token_hex(6)}"
            with write_transaction(self.db):
                set_meta(self.db, "device_id", device_id)
                set_meta(self.db, "id_key", secrets.token_hex(32))
                set_meta(self.db, "polls", PollsState.NOT_OPEN.value)
        return device_id

    # --- identity and state -------------------------------------------------------------

    @property
    def station_no(self) -> int | None:
        value = get_meta(self.db, "station_no")
        return int(value) if value else None

    @property
    def ward(self) -> str | None:
        return get_meta(self.db, "ward")

    @property
    def place_line(self) -> str | None:
        return get_meta(self.db, "place_line")

    def polls_state(self) -> PollsState:
        return PollsState(get_meta(self.db, "polls") or PollsState.NOT_OPEN.value)

    def past_closing_time(self, at: datetime | None = None) -> bool:
        """Whether the polls are open outside polling hours (05:00-21:00 on this laptop's clock),
        when check-ins are refused until the team closes them (rules.within_polling_hours)."""
        return rules.past_closing(self.polls_state(), at or self.clock())

    def polls_opened_at(self) -> datetime | None:
        value = get_meta(self.db, "polls_opened_at")
        return from_iso(value) if value else None

    def has_pin(self) -> bool:
        return get_meta(self.db, "pin_hash") is not None

    # --- the list -----------------------------------------------------------------------

    def import_list(self, parsed: ParsedList, *, station_no: int | None = None) -> ImportResult:
        """Import a parsed list by the rules of voter-list-format.md; ListFileRefused changes nothing."""
        number = station_no if station_no is not None else parsed.station_no
        self._check_station_number(parsed, number)
        with write_transaction(self.db):
            # Read under the write lock: the sync worker may open the polls (another table's
            # opening) while this waits for it, and an open station's list is only added to.
            polls = self.polls_state()
            result = apply_list(
                self.db,
                parsed,
                polls_opened=polls in (PollsState.OPEN, PollsState.CLOSED),
                polls_closed=polls is PollsState.CLOSED,
                device_id=self.device_id,
                at=self.clock(),
                id_hash=self._id_hash,
            )
            # Check-ins restored from the ward before the list was here can be applied now.
            merge.settle_pending(self.db, self.device_id)
            elsewhere.settle_all_elsewhere(self.db)  # and the voters marked as voting elsewhere there
            set_meta(self.db, "station_no", str(number))
            if parsed.ward:
                set_meta(self.db, "ward", parsed.ward)
            if parsed.place_line:
                set_meta(self.db, "place_line", parsed.place_line)
        log.info("list imported: %s, %d voters, %d added", result.action, result.voters, result.added)
        return result

    def _check_station_number(self, parsed: ParsedList, number: int | None) -> None:
        if number is None:
            raise ListFileRefused(
                [
                    ListProblem(
                        parsed.path,
                        None,
                        None,
                        QT_TRANSLATE_NOOP(
                            "ListProblem",
                            "no station number: the title has no 'Khu vực bỏ phiếu số N' line; give it with --station",
                        ),
                    )
                ]
            )
        current = self.station_no
        if current is not None and current != number:
            raise StationMismatch(
                f"this data folder holds station {current:02d}; the list is for station {number:02d}. "
                "Use another data folder for another station."
            )

    # --- finding voters -----------------------------------------------------------------

    def voter(self, list_no: int) -> Voter | None:
        with environment_errors():
            row = self.db.conn.execute(_VOTER_SELECT + " WHERE v.list_no = ?", (list_no,)).fetchone()
        return _voter_from_row(row) if row else None

    def voters(self, list_nos: list[int]) -> list[Voter]:
        """The voters with these numbers, in the order given (search order)."""
        if not list_nos:
            return []
        marks = ",".join("?" * len(list_nos))
        with environment_errors():
            rows = self.db.conn.execute(_VOTER_SELECT + f" WHERE v.list_no IN ({marks})", list_nos).fetchall()
        by_no = {r[0]: _voter_from_row(r) for r in rows}
        return [by_no[n] for n in list_nos if n in by_no]

    def search(self, text: str, *, limit: int = 20) -> SearchResults:
        with environment_errors():
            outcome = run_search(self.db, text, limit=limit, id_hash=self._id_hash, station_no=self.station_no)
        return SearchResults(outcome.kind, self.voters(outcome.list_nos), outcome.exact, outcome.other_station)

    def recent_check_ins(self, limit: int = 10) -> list[Voter]:
        with environment_errors():
            rows = self.db.conn.execute(
                _VOTER_SELECT + " WHERE c.at IS NOT NULL ORDER BY c.at DESC, c.seq DESC LIMIT ?", (limit,)
            ).fetchall()
        return [_voter_from_row(r) for r in rows]

    # --- check-in -----------------------------------------------------------------------

    def check_in(self, list_no: int, *, mobile_box: bool = False) -> CheckInReceipt:
        """Check a voter in, durably; raise CheckInRefused (nothing changed) when the rules forbid it."""
        with write_transaction(self.db):
            # The time and the polls as they are once the write lock is held: the sync worker may
            # have merged another table's opening or closing while this waited for it.
            at = self.clock()
            polls = self.polls_state()
            test = polls is PollsState.TEST
            voter = self.voter(list_no)
            refusal = rules.check_in_refusal(voter, list_no, polls, at=at)
            if refusal is None and not test:
                refusal = self.sync_gate_refusal(list_no)
            if refusal is not None:
                raise refusal
            assert voter is not None
            payload: dict[str, Any] = {"mobile_box": True} if mobile_box else {}
            if test:
                payload["test"] = True
            event = append_event(
                self.db,
                device_id=self.device_id,
                kind=EventKind.CHECKED_IN,
                at=at,
                list_no=list_no,
                clerk=self.clerk,
                payload=payload,
            )
            self.db.conn.execute(
                "INSERT INTO checkins (list_no, at, device_id, seq, mobile_box, test, clerk)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (list_no, event.at, self.device_id, event.seq, int(mobile_box), int(test), self.clerk),
            )
        return CheckInReceipt(list_no, from_iso(event.at), event.seq, mobile_box, voter.ballots, test)

    def check_in_scan(self, payload: str, *, mobile_box: bool = False) -> CheckInReceipt:
        """Check in the voter a scanned card or citizen-ID QR identifies, if it identifies exactly one.

        A scan several voters answer to (an ID number the list gives twice, a list error the import
        warns about) is refused as ``several_voters``, naming them: they are on the list, and the
        clerk must choose, as the window makes them."""
        found = self.search(payload, limit=10)
        if found.other_station is not None:
            raise CheckInRefused("other_station", None, card_station=found.other_station)
        if found.kind == UNREADABLE_SCAN:
            raise CheckInRefused("unreadable_scan", None)
        if found.kind in ("id", "qr") and len(found.voters) > 1:
            raise CheckInRefused("several_voters", None, list_nos=[v.list_no for v in found.voters])
        if found.kind == "qr" and found.voters and not found.exact:
            # Found by name and birth year only (a voter listed without an ID): the clerk looks first.
            raise CheckInRefused("choose_voter", None, list_nos=[v.list_no for v in found.voters])
        if len(found.voters) != 1:
            raise CheckInRefused("not_on_list", None)
        return self.check_in(found.voters[0].list_no, mobile_box=mobile_box)

    def live_check_ins(self, list_no: int) -> list[merge.CheckInRef]:
        """The voter's check-ins that count, earliest first: one, or several when two tables
        checked the voter in while they could not see each other (a conflict; both times kept)."""
        with environment_errors():
            return merge.voter_check_ins(self.db, list_no)

    def undo_check_in(
        self, list_no: int, *, reason: str, pin: str, check_in: tuple[str, int] | None = None
    ) -> tuple[str, int]:
        """The team leader takes back a check-in made in error; the reason stays on this machine.

        ``check_in`` names the check-in taken back, ``(device_id, seq)``: with a voter checked in at
        two tables (a conflict) the team leader chooses which; by default it is the voter's current
        (earliest) one. The undo event names it, so every device and the ward cancel that one and
        keep the other, and the conflict is cleared everywhere. A check-in that is not one of the
        voter's live ones is refused, and nothing is written. Returns the check-in taken back.
        """
        self.verify_pin(pin)
        with write_transaction(self.db):
            refusal = rules.undo_refusal(self.voter(list_no), list_no, self.polls_state(), reason)
            if check_in is not None and (refusal is None or refusal.reason == "not_checked_in"):
                refusal = self._undo_target_refusal(list_no, check_in) or refusal
            if refusal is not None:
                raise refusal
            if check_in is None:
                current = self.db.conn.execute(
                    "SELECT device_id, seq FROM checkins WHERE list_no = ?", (list_no,)
                ).fetchone()
                check_in = (str(current[0]), int(current[1]))
            device_id, seq = check_in
            append_event(
                self.db,
                device_id=self.device_id,
                kind=EventKind.CHECK_IN_UNDONE,
                at=self.clock(),
                list_no=list_no,
                clerk=self.clerk,
                # Which check-in is taken back: with several tables it may be another device's.
                payload={"undoes": {"device_id": device_id, "seq": seq}},
                local_note=reason.strip(),
            )
            self.db.conn.execute(
                "DELETE FROM checkins WHERE list_no = ? AND device_id = ? AND seq = ?", (list_no, device_id, seq)
            )
            # Re-derived from every device's events: the check-in kept (if any) becomes the current
            # one and the conflict flag goes (that of a voter marked as voting elsewhere too).
            merge.settle_voter_and_marks(self.db, list_no)
        return device_id, seq

    def _undo_target_refusal(self, list_no: int, check_in: tuple[str, int]) -> CheckInRefused | None:
        """Why this check-in of the voter cannot be undone (undone already, or no such check-in), or None."""
        if check_in in {(r.device_id, r.seq) for r in self.live_check_ins(list_no)}:
            return None
        device_id, seq = check_in
        made = self.db.conn.execute(
            "SELECT at FROM events WHERE device_id = ? AND seq = ? AND list_no = ? AND kind = ?",
            (device_id, seq, list_no, EventKind.CHECKED_IN.value),
        ).fetchone()
        undone = self.db.conn.execute(
            "SELECT 1 FROM events WHERE list_no = ? AND kind = ? AND json_extract(payload, '$.undoes.device_id') = ?"
            " AND json_extract(payload, '$.undoes.seq') = ?",
            (list_no, EventKind.CHECK_IN_UNDONE.value, device_id, seq),
        ).fetchone()
        if made is not None and undone is not None:
            return CheckInRefused(
                "check_in_already_undone", list_no, device_id=device_id, seq=seq, checked_in_at=made[0]
            )
        return CheckInRefused("check_in_not_found", list_no, device_id=device_id, seq=seq)

    # --- the voter list on the day ------------------------------------------------------

    def add_voter(
        self,
        name: str,
        *,
        certificate: str,
        birth: str = "",
        birth_year: int | None = None,
        gender: str = "",
        group: str = "",
        residence: str = "",
        ballots: Ballots | None = None,
    ) -> Voter:
        """Add a voter who brings a certificate to vote here; they get the next list number."""
        clean_name = " ".join(name.split())
        with write_transaction(self.db):
            refusal = rules.add_voter_refusal(self.polls_state(), self.clock()) or self.sync_gate_refusal()
            if refusal is not None:  # not open, test mode, open past 21:00, or waiting for the ward
                raise refusal
            if not clean_name:
                raise CheckInRefused("name_required")
            if not certificate.strip():
                raise CheckInRefused("certificate_required")
            list_no = self.db.conn.execute("SELECT coalesce(max(list_no), 0) + 1 FROM voters").fetchone()[0]
            row = ListRow(
                list_no=list_no,
                name=clean_name,
                source_row=0,
                birth=birth,
                birth_year=birth_year,
                gender=gender,
                residence=residence,
                group=group,
                ballots=ballots or Ballots(),
                note="Bổ sung trong ngày bầu cử",
            )
            insert_voters(self.db, [voter_record(row, self._id_hash, "added", certificate.strip())])
            append_event(
                self.db,
                device_id=self.device_id,
                kind=EventKind.VOTER_ADDED,
                at=self.clock(),
                list_no=list_no,
                clerk=self.clerk,
                payload={"certificate": True},
                local_note=certificate.strip(),
            )
        added = self.voter(list_no)
        assert added is not None
        return added

    def mark_voting_elsewhere(self, list_no: int, *, certificate: str = "") -> None:
        with write_transaction(self.db):
            refusal = rules.mark_elsewhere_refusal(self.voter(list_no), list_no, self.polls_state(), self.clock())
            refusal = refusal or self.sync_gate_refusal(list_no)
            if refusal is not None:
                raise refusal
            self.db.conn.execute(
                "UPDATE voters SET status = 'elsewhere', certificate = ? WHERE list_no = ?",
                (certificate.strip(), list_no),
            )
            append_event(
                self.db,
                device_id=self.device_id,
                kind=EventKind.VOTER_MARKED_ELSEWHERE,
                at=self.clock(),
                list_no=list_no,
                clerk=self.clerk,
                local_note=certificate.strip(),
            )

    def undo_voting_elsewhere(self, list_no: int, *, reason: str, pin: str) -> None:
        """The team leader takes back a "voting elsewhere" mark made in error, here or at another
        table: the voter can be checked in again. The reason stays on this machine."""
        self.verify_pin(pin)
        with write_transaction(self.db):
            refusal = rules.unmark_refusal(self.voter(list_no), list_no, self.polls_state(), self.clock(), reason)
            if refusal is not None:
                raise refusal
            # It names every mark held, so that every table and the ward take back the same ones
            # (elsewhere.standing_marks), whatever order they receive two tables' marks in.
            marks = sorted(elsewhere.voter_marks(self.db, list_no))
            append_event(
                self.db,
                device_id=self.device_id,
                kind=EventKind.ELSEWHERE_MARK_UNDONE,
                at=self.clock(),
                list_no=list_no,
                clerk=self.clerk,
                payload={"undoes": [{"device_id": device_id, "seq": seq} for device_id, seq in marks]},
                local_note=reason.strip(),
            )
            elsewhere.settle_elsewhere(self.db, list_no)

    # --- polls --------------------------------------------------------------------------

    def start_test_mode(self) -> None:
        """The pre-election check: check-ins work but are wiped when the polls open."""
        with write_transaction(self.db):
            polls = self.polls_state()
            if polls is not PollsState.NOT_OPEN:
                raise CheckInRefused("polls_not_open" if polls is PollsState.CLOSED else "already_open")
            self._set_polls(PollsState.TEST, EventKind.TEST_STARTED, {})

    def end_test_mode(self) -> int:
        """Leave test mode without opening; returns how many test check-ins were wiped."""
        with write_transaction(self.db):
            if self.polls_state() is not PollsState.TEST:
                raise CheckInRefused("not_in_test_mode")
            wiped = self.db.conn.execute("DELETE FROM checkins WHERE test = 1").rowcount
            set_meta(self.db, "polls", PollsState.NOT_OPEN.value)
        return int(wiped)

    def open_polls(self) -> None:
        """Open the polls (05:00-21:00 by the station's clock); test check-ins are wiped."""
        with write_transaction(self.db):
            voters = self.db.conn.execute("SELECT count(*) FROM voters").fetchone()[0]
            at = self.clock()
            refusal = rules.open_refusal(self.polls_state(), voters, at) or self.sync_gate_refusal()
            if refusal is not None:
                raise refusal
            wiped = self.db.conn.execute("DELETE FROM checkins WHERE test = 1").rowcount
            append_event(
                self.db,
                device_id=self.device_id,
                kind=EventKind.POLLS_OPENED,
                at=at,
                clerk=self.clerk,
                payload=self._opening_payload(wiped),
            )
            set_meta(self.db, "polls", PollsState.OPEN.value)
            set_meta(self.db, "polls_opened_at", clock_mod.to_iso(at))

    def _opening_payload(self, wiped: int) -> dict[str, Any]:
        payload: dict[str, Any] = {"test_check_ins_wiped": wiped}
        if isinstance(self.clock, ShiftedClock):  # CLERK_APP_CLOCK: the ward sees a rehearsal as one
            payload["rehearsal_clock"] = True
        return payload

    def close_polls(self, *, early: bool = False, reason: str = "") -> None:
        """Close the polls; before 19:00 only as a recorded decision of the team (early=True, reason)."""
        with write_transaction(self.db):
            at = self.clock()
            refusal = rules.close_refusal(self.polls_state(), at, early=early, reason=reason)
            if refusal is not None:
                raise refusal
            status = self.status()  # the figures the closing records, as they are under the lock
            payload = {"early": early, "voters": status.voters, "checked_in": status.checked_in}
            append_event(
                self.db,
                device_id=self.device_id,
                kind=EventKind.POLLS_CLOSED,
                at=at,
                clerk=self.clerk,
                payload=payload,
                local_note=reason.strip(),
            )
            set_meta(self.db, "polls", PollsState.CLOSED.value)
            set_meta(self.db, "polls_closed_at", clock_mod.to_iso(at))

    def _set_polls(self, state: PollsState, kind: EventKind, payload: dict[str, Any]) -> None:
        """Inside the caller's write transaction."""
        append_event(self.db, device_id=self.device_id, kind=kind, at=self.clock(), clerk=self.clerk, payload=payload)
        set_meta(self.db, "polls", state.value)

    # --- waiting for the ward ---------------------------------------------------------------

    def waiting_for_the_ward(self) -> bool:
        """Enrolled but not yet holding what the ward holds of the station: the other tables'
        events (a replacement laptop before its restore), or this device's own beyond this file
        (restored from a backup). A voter who voted could show as not voted until then."""
        if self.own_chain_may_go_on_elsewhere():
            return True  # nothing may be recorded here at all, waived or not
        return get_meta(self.db, "restore_pending") == "1" and get_meta(self.db, "restore_waived") != "1"

    def own_chain_may_go_on_elsewhere(self) -> bool:
        """This laptop's file may be older than its events at the ward (restored from a copy):
        until the ward has answered and they are taken back, no event of this device is written
        (clerk_app.storage.eventlog.append_event refuses it), or its chain would split for good."""
        return own_chain_may_go_on_elsewhere(self.db, self.device_id)

    def sync_gate_refusal(self, list_no: int | None = None) -> CheckInRefused | None:
        """Why changes to who votes wait for the ward (waiting_for_the_ward), or None."""
        return CheckInRefused("waiting_for_the_ward", list_no) if self.waiting_for_the_ward() else None

    def stop_waiting_for_the_ward(self, pin: str) -> None:
        """The team leader's decision to check voters in without the station's other tables'
        events (a replacement laptop whose restore did not finish; the ward cannot be reached),
        until the restore completes. Not possible while this laptop's own events may go on at the
        ward (a restored copy): anything recorded here would clash with them."""
        self.verify_pin(pin)
        if self.own_chain_may_go_on_elsewhere():
            raise CheckInRefused("restored_copy_must_reach_the_ward")
        with write_transaction(self.db):
            set_meta(self.db, "restore_waived", "1")
        log.warning("check-ins allowed by the team leader before the ward's events were received")

    # --- the team leader's PIN ----------------------------------------------------------

    def set_pin(self, pin: str, *, current_pin: str | None = None) -> None:
        """Set the PIN at station set-up; changing it later needs the current one."""
        if self.has_pin():
            if current_pin is None:
                raise PinRefused("current_pin_required")
            self.verify_pin(current_pin)
        stored = hash_pin(pin)
        with write_transaction(self.db):
            set_meta(self.db, "pin_hash", stored)
            append_event(self.db, device_id=self.device_id, kind=EventKind.PIN_SET, at=self.clock(), clerk=self.clerk)

    def verify_pin(self, pin: str) -> None:
        stored = get_meta(self.db, "pin_hash")
        if stored is None:
            raise PinRefused("no_pin_set")
        if not pin_matches(pin, stored):
            raise PinRefused("wrong_pin")

    # --- sync with the ward (the logic lives in clerk_app.sync and clerk_app.storage.merge) --

    def unsent_events(self, limit: int = outbox.BATCH_SIZE) -> list[Event]:
        """This device's events the ward has not acknowledged, oldest first, as they travel."""
        return outbox.read_unsent(self.db, self.device_id, limit)

    def record_ack(
        self, acked_seq: int, *, highest_sent: int, contact: outbox.Contact, refused: Sequence[int] = ()
    ) -> int:
        """Record the ward's acknowledgement (never past highest_sent nor a refused seq; back when
        the ward lost events, which are then sent again: outbox.record_ack); the mark now.

        Every answer also says what the ward holds of this device: beyond this file's newest
        event (restored from a copy), the next pull takes those events back (link)."""
        mark = outbox.record_ack(self.db, acked_seq, highest_sent, contact, refused)
        newest = self.newest_own_seq()
        if acked_seq > newest:
            log.warning("the ward holds this device's events up to seq %d, this file up to %d", acked_seq, newest)
            link.note_ward_holds_own_to(self.db, acked_seq)
        else:
            link.note_ward_holds_no_more(self.db)
        return mark

    def apply_foreign_events(self, events: list[Event], *, cursor: int, adopt_own: bool = False) -> merge.MergeResult:
        """Merge other devices' events pulled from the ward, and move the pull cursor, in one transaction.

        ``adopt_own``: also take back this device's own events that continue its chain (the ward
        holds more of this device than this file: restored from a backup); they are at the ward,
        so the outbox mark moves past them."""
        return merge.merge_batch(self.db, self.device_id, events, {"pull_cursor": str(cursor)}, adopt_own=adopt_own)

    def newest_own_seq(self) -> int:
        """The seq of this device's newest event in this file (0 before its first)."""
        row = self.db.conn.execute("SELECT max(seq) FROM events WHERE device_id = ?", (self.device_id,)).fetchone()
        return int(row[0] or 0)

    def conflicts(self) -> list[merge.CheckInConflict]:
        """Voters checked in on more than one device of the station (both times kept), for the UI."""
        return merge.check_in_conflicts(self.db)

    def list_conflicts(self) -> list[merge.ListConflict]:
        """List changes from another device that clash with this one's (e.g. one list number added twice)."""
        return merge.list_conflicts(self.db)

    def record_due_reports(self, schedule: reports.ReportSchedule | None = None) -> list[str]:
        """Record the hourly turnout reports that are due and not yet recorded; their hours."""
        schedule = schedule or reports.ReportSchedule()
        if self.own_chain_may_go_on_elsewhere():
            return []  # recorded once the ward has answered (the ward may hold them already)
        return reports.record_due_reports(self.db, self.device_id, self.clerk, self.clock(), schedule)

    # --- figures ------------------------------------------------------------------------

    def status(self) -> StationStatus:
        with environment_errors():
            polls = self.polls_state()
            voters, checked_in = voted.on_list_and_voted(self.db, test=polls is PollsState.TEST)
            acked = int(get_meta(self.db, "acked_seq", "0") or 0)
            unsent = self.db.conn.execute(
                "SELECT count(*) FROM events WHERE device_id = ? AND seq > ?", (self.device_id, acked)
            ).fetchone()[0]
        last_sync = get_meta(self.db, "last_sync_at")
        return StationStatus(
            station=self.station_no,
            ward=self.ward,
            voters=voters,
            checked_in=checked_in,
            turnout=rules.turnout_percent(checked_in, voters),
            unsent_events=unsent,
            last_sync_at=from_iso(last_sync) if last_sync else None,
            polls=polls,
            past_closing_time=rules.past_closing(polls, self.clock()),
        )
