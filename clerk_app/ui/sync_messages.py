"""Every word the clerk reads about sync with the ward server, through Qt's translation system.

The same pattern as ``messages.py``: English sources marked with QT_TRANSLATE_NOOP (context
"SyncMessages"), translated when shown so a language switch takes effect at once. The sync
core speaks English (``SyncStatus.problem``, exception texts) for the log; the screen says what
happened and what to do in the interface language, and keeps the English detail for a tooltip.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication

from clerk_app.clock import from_iso
from clerk_app.errors import StationMismatch
from clerk_app.storage.elsewhere import ELSEWHERE_BUT_CHECKED_IN
from clerk_app.storage.merge import LIST_NO_TAKEN, CheckInConflict, ListConflict
from clerk_app.sync.errors import (
    BadEnrolment,
    CredentialStoreError,
    NoSecureCredentialStore,
    Rejected,
    Unreachable,
)
from clerk_app.ui import messages
from clerk_app.ui.i18n import QT_TRANSLATE_NOOP

CONTEXT = "SyncMessages"

# What the ward server's refusals of an enrolment mean (ward_server/registry.py enroll()).
_ENROL_REFUSALS: Mapping[int, str] = {
    403: QT_TRANSLATE_NOOP(
        "SyncMessages",
        "The ward server refused the enrolment code: it is wrong, already used, or for another "
        "station. Check the code with the ward office, or ask for a new one.",
    ),
    404: QT_TRANSLATE_NOOP(
        "SyncMessages",
        "The ward server does not know station {station}. Check the station number with the ward office.",
    ),
    409: QT_TRANSLATE_NOOP(
        "SyncMessages",
        "The ward server knows this computer as a laptop of another station; nothing was changed. "
        "Check the station number, or call the ward office.",
    ),
}

_LIST_CONFLICTS: Mapping[str, str] = {
    LIST_NO_TAKEN: QT_TRANSLATE_NOOP(
        "SyncMessages", "List number {no} was added on another table too, for a different voter"
    ),
    ELSEWHERE_BUT_CHECKED_IN: QT_TRANSLATE_NOOP(
        "SyncMessages",
        "No. {no} was marked as voting elsewhere on one table but checked in on another: take back the mark or the"
        " check-in",
    ),
}


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


# --- enrolment ---------------------------------------------------------------------------


# The enrolment's failures, most specific first: the sentence says what happened, whether anything
# was saved, and what to do. Placeholders: {url}, {station}, {status}.
_ENROL_FAILURES: tuple[tuple[type[Exception], str], ...] = (
    (
        NoSecureCredentialStore,
        QT_TRANSLATE_NOOP(
            "SyncMessages",
            "This computer has no secure credential store (system keyring), so the device secret "
            "cannot be kept safely. Nothing was saved, and the enrolment code was not used. Ask the "
            "technician to set up the system keyring, then try again.",
        ),
    ),
    (
        CredentialStoreError,
        QT_TRANSLATE_NOOP(
            "SyncMessages",
            "The system keyring refused to keep the device secret. Nothing was saved on this computer, "
            "but the code is used up: ask the ward office for a new enrolment code.",
        ),
    ),
    (
        Unreachable,
        QT_TRANSLATE_NOOP(
            "SyncMessages",
            "The ward server does not answer at {url}. Check the network (cable or Wi-Fi) and the "
            "address, then try again with the same code.",
        ),
    ),
    (
        Rejected,
        QT_TRANSLATE_NOOP(
            "SyncMessages", "The ward server refused ({status}). Nothing was changed. Call the ward office."
        ),
    ),
    (
        StationMismatch,
        QT_TRANSLATE_NOOP(
            "SyncMessages",
            "This computer holds the list of another station than {station}. Nothing was changed. "
            "Check the station number, or use this station's own laptop.",
        ),
    ),
    (
        BadEnrolment,
        QT_TRANSLATE_NOOP(
            "SyncMessages", "The enrolment cannot start. Nothing was changed. Check the address, the code and the file."
        ),
    ),
)


def enrol_error(exc: Exception, *, url: str, station: int | None) -> str:
    """Why connecting to the ward server failed, and whether anything was saved, in plain words."""
    status = exc.status if isinstance(exc, Rejected) else None
    source = _ENROL_REFUSALS.get(status) if status is not None else None
    if source is None:
        found = (text for kind, text in _ENROL_FAILURES if isinstance(exc, kind))
        source = next(found, QT_TRANSLATE_NOOP("SyncMessages", "The enrolment failed. Nothing was changed."))
    number = f"{station:02d}" if station is not None else "?"
    return tr(source).format(url=url, station=number, status=status)


def bad_address() -> str:
    return QCoreApplication.translate(
        "SyncMessages", "Write the ward server's address as the ward office gave it, e.g. https://192.168.1.10:8443"
    )


# --- the status bar ----------------------------------------------------------------------


def clock_offset_text(offset_s: float, *, precise: bool = False) -> str:
    """How far this computer's clock is from the ward's: "⚠ Clock slow by 3 min" (precise: "3 min 05 s")."""
    seconds = round(abs(offset_s)) if precise else 60 * round(abs(offset_s) / 60)  # 2 min 59 s is "3 min"
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        amount = QCoreApplication.translate("SyncMessages", "{hours} h {minutes} min").format(
            hours=hours, minutes=f"{minutes:02d}"
        )
    elif precise:
        amount = QCoreApplication.translate("SyncMessages", "{minutes} min {seconds} s").format(
            minutes=minutes, seconds=f"{secs:02d}"
        )
    else:
        amount = QCoreApplication.translate("SyncMessages", "{minutes} min").format(minutes=minutes)
    # Positive: the server is ahead, so this clock is behind (slow).
    if offset_s > 0:
        return QCoreApplication.translate("SyncMessages", "⚠ Clock slow by {amount}").format(amount=amount)
    return QCoreApplication.translate("SyncMessages", "⚠ Clock fast by {amount}").format(amount=amount)


# --- conflicts ---------------------------------------------------------------------------


def check_in_places(conflict: CheckInConflict) -> str:
    """ "08:12 Bàn 1, 08:14 Bàn 2": each check-in's time and table, earliest first."""
    places = []
    for ref in conflict.check_ins:
        table = ref.clerk or QCoreApplication.translate("SyncMessages", "table {device}").format(device=ref.device_id)
        places.append(f"{messages.clock_time(from_iso(ref.at))} {table}")
    return ", ".join(places)


def conflict_marker(conflict: CheckInConflict) -> str:
    """The marker on a voter's row and refusal: checked in at two (or more) tables."""
    return QCoreApplication.translate("SyncMessages", "⚠ Checked in at {count} tables: {places}").format(
        count=len(conflict.check_ins), places=check_in_places(conflict)
    )


def list_conflict_text(conflict: ListConflict) -> str:
    source = _LIST_CONFLICTS.get(conflict.kind)
    what = tr(source).format(no=conflict.list_no) if source else f"{conflict.kind} ({conflict.list_no})"
    return f"{messages.clock_time(from_iso(conflict.at))} · {what}"
