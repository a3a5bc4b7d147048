"""The team leader's screens on a station whose file may be behind the ward (restored from a
copy): what they would write is refused with the reason, in the dialog, never the crash box."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pytestqt.qtbot import QtBot

from clerk_app.station import Station
from clerk_app.storage.meta import set_meta, write_transaction
from clerk_app.ui import messages
from clerk_app.ui.dialogs import InfoDialog
from clerk_app.ui.main_window import MainWindow
from clerk_app.ui.snapshot_dialog import ConfirmSnapshotDialog
from tests.support import FakeClock, election_morning
from tests.ui.helpers import WindowFactory
from tests.ui.test_import import generated_list
from tests.ui.test_turnout_view import open_turnout

WAITING = "waiting_for_the_ward"


def ward_holds_more_of(station: Station) -> None:
    """As after the ward's answer to a restored copy: it holds this laptop's events beyond the file."""
    with write_transaction(station.db):
        set_meta(station.db, "ward_holds_own_to", str(station.newest_own_seq() + 5))


def test_confirming_an_hourly_report_says_why_it_waits(
    qtbot: QtBot, window: MainWindow, station: Station, clock: FakeClock
) -> None:
    station.set_pin("2468")
    clock.moment = election_morning(8, 5)
    station.record_due_reports()
    ward_holds_more_of(station)
    view = open_turnout(qtbot, window)
    view.refresh()
    view.snapshots.view.selectRow(1)
    view.snapshots.confirm.click()
    qtbot.waitUntil(lambda: isinstance(view.dialog, ConfirmSnapshotDialog))
    dialog = view.dialog
    assert isinstance(dialog, ConfirmSnapshotDialog)
    dialog.pin.setText("2468")
    dialog.ok_button.click()
    assert dialog.error.isVisible() and dialog.error.text() == messages.refusal_sentence(WAITING)


def test_importing_a_list_says_why_it_waits(
    qtbot: QtBot, open_window: WindowFactory, station_factory: Callable[..., Station], tmp_path: Path
) -> None:
    station = station_factory("s", polls="not_open")
    ward_holds_more_of(station)
    window = open_window(station)
    window.import_flow.start(generated_list(tmp_path))
    qtbot.waitUntil(lambda: window.import_flow.preview_dialog is not None, timeout=10_000)
    window.import_flow.preview_dialog.ok_button.click()  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: not window.import_flow.running, timeout=10_000)
    shown = window.import_flow.message_dialog
    assert isinstance(shown, InfoDialog) and shown.text.text() == messages.refusal_sentence(WAITING)
