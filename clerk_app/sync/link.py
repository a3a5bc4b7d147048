"""Where this station's ward server is: its address, the station number it enrolled for, its CA.

None of this is secret, so it lives in the station database (meta) and the data folder; the
token and the signing secret live in the keyring (clerk_app.sync.credentials). The ward's CA
certificate is copied into the data folder, so the station keeps working if the USB stick it
came on is gone, and moving the folder moves everything.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from sqlite_utils import Database

from clerk_app.storage.eventlog import OWN_CHAIN_UNSURE, WARD_HOLDS_OWN_TO
from clerk_app.storage.meta import get_meta, set_meta, write_transaction
from clerk_app.sync.errors import BadEnrolment

CA_FILENAME = "ward-ca.pem"


@dataclass(frozen=True)
class WardLink:
    url: str
    station: int
    ca_bundle: Path | None  # None: the system's certificate store


def check_url(url: str) -> str:
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise BadEnrolment(f"not a ward server address: {url!r} (expected http://host:port or https://host:port)")
    if parts.query or parts.fragment or parts.username:
        raise BadEnrolment("the ward server address must not carry a query, a fragment or a user name")
    return url.strip().rstrip("/")


def load_link(db: Database, data_dir: Path) -> WardLink | None:
    url, station = get_meta(db, "ward_url"), get_meta(db, "ward_station")
    if not url or not station:
        return None
    ca = data_dir / CA_FILENAME if get_meta(db, "ward_ca") == "1" else None
    return WardLink(url, int(station), ca)


def install_ca(data_dir: Path, source: Path) -> Path:
    """Copy the ward's CA bundle into the data folder (atomically: a power cut leaves old or new)."""
    try:
        content = source.read_bytes()
    except OSError as exc:
        raise BadEnrolment(f"cannot read the CA bundle {source}: {exc}") from exc
    if b"-----BEGIN CERTIFICATE-----" not in content:
        raise BadEnrolment(f"{source} holds no PEM certificate")
    target = data_dir / CA_FILENAME
    tmp = target.with_suffix(".tmp")
    shutil.copyfile(source, tmp)
    os.replace(tmp, target)
    return target


def save_link(db: Database, link: WardLink) -> None:
    """Record where this station's ward is. Enrolled with another ward (or as another station),
    the marks kept for the old one mean nothing there: what the old ward acknowledged is sent to
    the new one, and its events are read from the first."""
    with write_transaction(db):
        old_url, old_station = get_meta(db, "ward_url"), get_meta(db, "ward_station")
        if old_url is not None and (old_url, old_station) != (link.url, str(link.station)):
            set_meta(db, "acked_seq", "0")  # clerk_app.sync.outbox.acked_seq
            set_meta(db, "pull_cursor", "0")
        set_meta(db, "ward_url", link.url)
        set_meta(db, "ward_station", str(link.station))
        set_meta(db, "ward_ca", "1" if link.ca_bundle else "0")
        if get_meta(db, "station_no") is None:
            # A replacement laptop enrols before its list is imported: the list must then be this
            # station's (Station.import_list refuses another number).
            set_meta(db, "station_no", str(link.station))
        # Until the first full pull, this device has not seen what the station's other devices did.
        set_meta(db, "restore_pending", "1")


def restore_pending(db: Database) -> bool:
    return get_meta(db, "restore_pending") == "1"


def pull_cursor(db: Database) -> int:
    return int(get_meta(db, "pull_cursor", "0") or 0)


def save_pull_cursor(db: Database, cursor: int) -> None:
    """Move the cursor on its own, forward only: a page that brought nothing to apply (only this
    device's own events were after it)."""
    with write_transaction(db):
        if cursor > pull_cursor(db):
            set_meta(db, "pull_cursor", str(cursor))


def mark_restored(db: Database) -> None:
    if restore_pending(db) or get_meta(db, "restore_waived") == "1":
        with write_transaction(db):
            set_meta(db, "restore_pending", "0")
            set_meta(db, "restore_waived", "0")  # a later enrolment waits for its restore again


# --- this device's own events, held by the ward beyond this file -------------------------------
# The ward acknowledging a seq above this device's newest event means this file is older than
# the device's history: a station.db restored from a backup, a data folder copied back. Those
# events are the device's own (same chain) and the check-ins in them are real: the pull fetches
# them back (clerk_app.storage.merge, ``adopt``), and check-ins wait until it has.


def ward_holds_own_to(db: Database) -> int:
    """The highest seq of this device the ward said it holds beyond this file; 0: none."""
    return int(get_meta(db, WARD_HOLDS_OWN_TO, "0") or 0)


def note_ward_holds_own_to(db: Database, seq: int) -> None:
    """The ward holds this device's events up to ``seq``, beyond this file: read them back, from
    the start of the station's events (they may be anywhere in them)."""
    if seq > ward_holds_own_to(db) or get_meta(db, OWN_CHAIN_UNSURE) == "1":
        with write_transaction(db):
            set_meta(db, WARD_HOLDS_OWN_TO, str(max(seq, ward_holds_own_to(db))))
            set_meta(db, OWN_CHAIN_UNSURE, "0")  # the ward has said what it holds
            set_meta(db, "pull_cursor", "0")


def note_ward_holds_no_more(db: Database) -> None:
    """The ward answered with nothing of this device beyond this file (a restored copy that was
    up to date): its events may be written again."""
    if get_meta(db, OWN_CHAIN_UNSURE) == "1":
        with write_transaction(db):
            set_meta(db, OWN_CHAIN_UNSURE, "0")


def clear_ward_holds_own_to(db: Database) -> None:
    with write_transaction(db):
        set_meta(db, WARD_HOLDS_OWN_TO, "0")
