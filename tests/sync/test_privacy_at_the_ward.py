"""What reaches the ward: every kind of event a station writes, as the ward holds it, carries
list numbers, times, devices and flags, never a name, an ID number or an ethnicity, even where the
clerk typed them into a free-text field (a reason, a certificate number)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from clerk_app.station import Station
from clerk_app.storage.eventlog import EventKind
from clerk_app.sync.credentials import InMemoryCredentialStore
from clerk_app.sync.enrol import enrol
from clerk_app.turnout.snapshots import confirm_snapshot, list_snapshots
from tests.support import FakeClock, election_morning, parsed_list
from tests.sync.support import TIMEOUT, Device, RestartableWard, voter_rows

NAME, ID_NUMBER, ETHNICITY = "Hoàng Thị Bí Mật", "001234567890", "Mường"
STATION = 7


def _a_whole_day(station: Station, clock: FakeClock) -> None:
    """Every kind of event, with personal data typed wherever a clerk can type."""
    station.set_pin("2468")
    station.start_test_mode()
    station.check_in(1)
    clock.moment = election_morning(7, 0)
    station.open_polls()
    station.check_in(1, mobile_box=True)
    station.undo_check_in(1, reason=f"nhầm với {NAME} {ID_NUMBER}", pin="2468")
    station.add_voter(f"{NAME} Em", certificate=f"GCN {ID_NUMBER}", birth="1990", birth_year=1990)
    station.mark_voting_elsewhere(2, certificate=f"GCN cho {NAME} {ID_NUMBER}")
    station.undo_voting_elsewhere(2, reason=f"nhầm {NAME}", pin="2468")
    clock.moment = election_morning(9, 5)
    station.record_due_reports()
    for snapshot in list_snapshots(station.db):
        confirm_snapshot(station, snapshot.uuid, pin="2468")
    clock.moment = election_morning(15, 0)
    station.close_polls(early=True, reason=f"{NAME} {ID_NUMBER} {ETHNICITY}")


def test_no_event_the_ward_holds_carries_personal_data(
    tmp_path: Path, clock: FakeClock, own_ward: RestartableWard
) -> None:
    station = Station.open(tmp_path / "station", clock=clock, clerk="Bàn 1")
    rows = [dataclasses.replace(r, ethnicity=ETHNICITY, id_number=f"0012345678{r.list_no:02d}") for r in voter_rows(20)]
    rows[0] = dataclasses.replace(rows[0], name=NAME, id_number=ID_NUMBER)
    station.import_list(parsed_list(rows, station_no=STATION))
    _a_whole_day(station, clock)
    store = InMemoryCredentialStore()
    enrol(station, own_ward.url, own_ward.add_station(STATION), store=store, station_no=STATION, timeout=TIMEOUT)
    device = Device(station, store)
    assert device.sync().push.unsent == 0

    events = own_ward.events(STATION, device.token)
    assert {e["kind"] for e in events} == {kind.value for kind in EventKind}  # every kind was sent
    text = json.dumps(events, ensure_ascii=False)
    for secret in (NAME, "Bí Mật", ID_NUMBER, "1234567890", ETHNICITY, *(r.id_number for r in rows)):
        assert secret is not None and secret not in text, "personal data at the ward"
