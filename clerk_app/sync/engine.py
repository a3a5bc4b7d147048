"""One pass of sync with the ward server: push the outbox, pull the station's other devices.

Used by the background worker (clerk_app.sync.worker) and by ``clerk-app sync --once``, each
with a Station it owns on its own thread. Every step commits before the next network call, so
a crash or a kill at any moment loses nothing: at worst a batch is sent again, and the ward
stores it once (its key is (device_id, seq)).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from clerk_app.clock import Clock
from clerk_app.station import Station
from clerk_app.sync import link, outbox, protocol
from clerk_app.sync.client import Timeout, WardClient
from clerk_app.sync.credentials import CredentialStore
from clerk_app.sync.errors import NotEnrolled, Rejected
from clerk_app.turnout.ward import WardStanding, standing_from_stations

log = logging.getLogger("clerk_app.sync.engine")

PAGE_SIZE = 500
MAX_PAGES_PER_PULL = 200  # 100,000 events: far beyond a station's day; only a broken cursor loops
T = TypeVar("T")


@dataclass(frozen=True)
class PushResult:
    sent: int  # events sent in this pass (a resent one counts again)
    acked_seq: int
    unsent: int  # left after the pass
    refused: tuple[protocol.RefusedEvent, ...]  # the ward would not take these: its page shows an incident
    conflicts: tuple[protocol.ServerConflict, ...]  # as the ward sees the station

    @property
    def stuck(self) -> bool:
        """Events are left and the ward will not acknowledge them: retrying alone won't help."""
        return self.unsent > 0


@dataclass(frozen=True)
class PullResult:
    stored: int  # other devices' events new to this device
    cursor: int


@dataclass(frozen=True)
class SyncResult:
    push: PushResult
    pull: PullResult


def open_client(station: Station, store: CredentialStore, timeout: Timeout) -> tuple[WardClient, link.WardLink]:
    """A client for this station's ward, with its credentials; NotEnrolled when it has none."""
    ward = link.load_link(station.db, station.data_dir)
    if ward is None:
        raise NotEnrolled("this station is not enrolled with a ward server (clerk-app enroll URL CODE)")
    credentials = store.load(station.device_id)
    if credentials is None:
        raise NotEnrolled("this device's ward credentials are missing from the keyring: enrol it again")
    return WardClient(ward.url, credentials=credentials, ca_bundle=ward.ca_bundle, timeout=timeout), ward


def timed(call: Callable[[], T], server_time: Callable[[T], datetime], wall_clock: Clock) -> tuple[T, outbox.Contact]:
    """Make a call and read the server's clock against ours, taken half way through the call."""
    sent_at = wall_clock()
    result = call()
    received_at = wall_clock()
    midpoint = sent_at + (received_at - sent_at) / 2
    offset = (server_time(result) - midpoint).total_seconds()
    return result, outbox.Contact(received_at, server_time(result), offset)


def probe(station: Station, client: WardClient, wall_clock: Clock) -> outbox.Contact:
    """GET /healthz: is the ward server there, and what time does it say it is."""
    _, contact = timed(client.health, lambda h: h.server_time, wall_clock)
    outbox.record_contact(station.db, contact)
    return contact


def push(station: Station, client: WardClient, ward: link.WardLink, wall_clock: Clock) -> PushResult:
    """Send unsent events in batches until none are left or the ward stops acknowledging them.

    A file restored from a copy first posts an empty batch: its answer says what the ward holds
    of this device even when the ward refuses what is waiting to be sent."""
    if station.own_chain_may_go_on_elsewhere():
        heartbeat(station, client, ward, wall_clock)
    sent, limit = 0, outbox.BATCH_SIZE
    refused: tuple[protocol.RefusedEvent, ...] = ()
    conflicts: tuple[protocol.ServerConflict, ...] = ()
    acked = outbox.acked_seq(station.db)
    sent_again = False  # the ward lost events once already in this push
    while batch := station.unsent_events(limit):
        try:
            ack, contact = timed(
                lambda: client.post_events(station.device_id, ward.station, batch), lambda a: a.server_time, wall_clock
            )
        except Rejected as exc:
            if exc.status == 413 and limit > 1:
                limit //= 2  # the ward's size limit is in bytes: smaller batches fit
                continue
            raise
        sent += len(batch)
        before, acked = (
            acked,
            station.record_ack(
                ack.acked_seq, highest_sent=batch[-1].seq, contact=contact, refused=[r.seq for r in ack.refused]
            ),
        )
        refused, conflicts = ack.refused, ack.conflicts
        if acked < before and not sent_again:
            sent_again = True  # the ward holds less than it did: the next batches send the rest again
            continue
        if acked <= before:
            log.warning("ward acknowledged nothing new (at seq %d); refused: %s", acked, [r.seq for r in refused])
            break
    if sent:
        log.info("pushed %d events, acknowledged up to seq %d", sent, acked)
    return PushResult(sent, acked, station.status().unsent_events, refused, conflicts)


def heartbeat(station: Station, client: WardClient, ward: link.WardLink, wall_clock: Clock) -> None:
    """Post an empty batch. The ward's "last contact" (its silent-station warning) counts posts,
    not reads, so a station with nothing new to send says it is alive now and then."""
    held = outbox.acked_seq(station.db)
    ack, contact = timed(
        lambda: client.post_events(station.device_id, ward.station, []), lambda a: a.server_time, wall_clock
    )
    station.record_ack(ack.acked_seq, highest_sent=held, contact=contact)


def pull(station: Station, client: WardClient, ward: link.WardLink) -> PullResult:
    """Fetch the station's events from the ward after our cursor and merge other devices' ones."""
    cursor, stored = link.pull_cursor(station.db), 0
    # Behind the ward on its own events: this device's own come too, to be taken back.
    behind = link.ward_holds_own_to(station.db) > station.newest_own_seq()
    exclude = None if behind else station.device_id
    for _ in range(MAX_PAGES_PER_PULL):
        page = client.station_events(ward.station, after=cursor, limit=PAGE_SIZE, exclude_device=exclude)
        if page.events:
            # The cursor is saved in the same transaction as the page it covers.
            stored += station.apply_foreign_events(list(page.events), cursor=page.next, adopt_own=behind).stored
        elif page.next > cursor:
            # Only this device's own events came after the cursor (left out by exclude_device):
            # move past them, or every pull would have the ward look at them again, all day.
            link.save_pull_cursor(station.db, page.next)
        if len(page.events) < PAGE_SIZE:
            link.mark_restored(station.db)  # seen everything the ward holds for the station
            if behind:
                _settle_own_catch_up(station)
            return PullResult(stored, max(cursor, page.next))
        if page.next <= cursor:
            break  # a cursor that does not move: stop rather than loop
        cursor = page.next
    log.warning("pull stopped before the end of the station's events; the rest comes next time")
    return PullResult(stored, cursor)


def _settle_own_catch_up(station: Station) -> None:
    """After a whole pull that took this device's own events back: done, or say why not."""
    wanted, newest = link.ward_holds_own_to(station.db), station.newest_own_seq()
    if newest >= wanted:
        link.clear_ward_holds_own_to(station.db)
        log.info("this device's own events are whole again (up to seq %d)", newest)
    else:  # the file went on differently from the ward's copy: only the ward office can sort it out
        log.warning("this device's events %d-%d at the ward do not continue this file's chain", newest + 1, wanted)


def ward_standing(client: WardClient, ward: link.WardLink) -> WardStanding | None:
    """GET /api/v1/stations: the ward's average and this station's place, as of the ward's clock.

    None when the ward does not list this station (a station enrolled but since removed)."""
    overview = client.stations_overview()
    return standing_from_stations(overview.stations, ward.station, as_of=overview.server_time)


def sync_once(station: Station, client: WardClient, ward: link.WardLink, wall_clock: Clock) -> SyncResult:
    """Probe, push everything, pull everything: what ``clerk-app sync --once`` and "Sync now" mean."""
    probe(station, client, wall_clock)
    pushed = push(station, client, ward, wall_clock)
    if not pushed.sent:
        # Nothing to send: an empty batch still says the station is alive, and its answer says
        # whether the ward holds more of this device than this file (restored from a backup).
        heartbeat(station, client, ward, wall_clock)
    pulled = pull(station, client, ward)
    if pushed.unsent == 0:
        outbox.record_in_sync(station.db, wall_clock())
    return SyncResult(pushed, pulled)
