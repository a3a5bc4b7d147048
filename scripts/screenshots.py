"""Regenerate docs/screenshots/*.png from a generated station, offscreen, at a laptop's 1366x768.

    python scripts/screenshots.py [--out docs/screenshots]

The station is the demo station (clerk_app.demo: 1,612 generated voters, polls open at 07:00, a
morning of check-ins) on a fixed clock (15 March 2026, 10:42), so the pictures only change when
the window does. The keys are sent as a clerk types them. The turnout window (turnout*.png) is
shown on that morning with its hourly reports, then at 15:30 once everyone has voted. The undo
form is shown for a voter checked in at two tables, and the upgrade notice for a station file of
the first release (tests/migrations/fixtures).
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from unittest import mock

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QPainter  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from clerk_app.clock import VN_TZ, from_iso, to_iso  # noqa: E402
from clerk_app.demo import DEMO_STATION, DEMO_WARD, populate_demo  # noqa: E402
from clerk_app.generate import generate_voters, write_csv  # noqa: E402
from clerk_app.names import fold  # noqa: E402
from clerk_app.settings import LANGUAGE, Settings  # noqa: E402
from clerk_app.station import Station  # noqa: E402
from clerk_app.storage import db as storage_db  # noqa: E402
from clerk_app.storage.eventlog import GENESIS_HASH, Event, EventKind, event_hash  # noqa: E402
from clerk_app.storage.meta import set_meta, write_transaction  # noqa: E402
from clerk_app.sync.status import SyncStatus  # noqa: E402
from clerk_app.ui.app import announce_upgrade, build_main_window  # noqa: E402
from clerk_app.ui.main_window import MainWindow  # noqa: E402
from clerk_app.ui.voter_dialogs import UndoDialog  # noqa: E402

SIZE = (1366, 768)
CITY = "thành phố Hà Nội"


class FixedClock:
    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment


def settle(until: Callable[[], bool] = lambda: True, timeout: float = 15.0) -> None:
    """Run the event loop until ``until()`` holds (background tasks, the search timer)."""
    deadline = time.monotonic() + timeout
    while True:
        QApplication.processEvents()
        if until():
            break
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not get there")
        time.sleep(0.01)
    for _ in range(5):
        QApplication.processEvents()


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    if widget is None:
        raise RuntimeError("nothing has the keyboard focus")
    return widget


def keys(text: str) -> None:
    QTest.keyClicks(focused(), text)


def key(code: Qt.Key) -> None:
    QTest.keyClick(focused(), code)


def save(widget: QWidget, out: Path, name: str) -> None:
    settle()
    widget.grab().save(str(out / name))
    print(out / name)


def open_window(station: Station, language: str = "vi") -> MainWindow:
    settings = Settings(station.data_dir)
    settings.set(LANGUAGE, language)
    window = build_main_window(station, settings)
    window.resize(*SIZE)
    window.show()
    window.activateWindow()
    settle(lambda: QApplication.focusWidget() is window.checkin.search_box)
    return window


def namesake_query(station: Station) -> str:
    """The folded name most voters share, among names with someone still to vote."""
    rows = station.db.conn.execute(
        "SELECT v.name, c.at IS NOT NULL FROM voters v LEFT JOIN checkins c ON c.list_no = v.list_no"
    ).fetchall()
    counts = Counter(fold(name) for name, _ in rows)
    waiting = {fold(name) for name, voted in rows if not voted}
    return max((n for n in counts if n in waiting and len(n.split()) >= 3), key=lambda n: (counts[n], n))


def check_in_flow(station: Station, clock: FixedClock, out: Path) -> None:
    window = open_window(station)
    keys(namesake_query(station))
    settle(lambda: window.checkin.results_model.rowCount() > 1)
    model = window.checkin.results_model
    first_waiting = next(r for r in range(model.rowCount()) if not model.voter_at(r).checked_in)  # type: ignore[union-attr]
    for _ in range(first_waiting + 1):
        key(Qt.Key.Key_Down)
    save(window, out, "main-results.png")
    voter = window.checkin.results_model.voter_at(first_waiting)
    assert voter is not None
    key(Qt.Key.Key_Return)
    save(window, out, "confirm.png")
    key(Qt.Key.Key_Return)
    save(window, out, "checked-in.png")
    clock.moment += timedelta(minutes=23)
    keys(f"{DEMO_STATION:02d}-{voter.list_no:04d}")
    key(Qt.Key.Key_Return)
    save(window, out, "already-voted.png")
    window.commands.set_language("en")
    save(window, out, "already-voted-en.png")
    window.close()


def foreign_event(station: Station, kind: EventKind, list_no: int, at: str, table: int) -> None:
    """An event of another table of the station, merged as a pull merges it (its first)."""
    device_id = f"dev-ban{table}"
    fields = {"device_id": device_id, "seq": 1, "uuid": f"screenshot-{device_id}", "kind": kind.value}
    fields |= {"list_no": list_no, "at": at, "clerk": f"Bàn {table}"}
    digest = event_hash(**fields, payload_json="{}", prev_hash=GENESIS_HASH)  # type: ignore[arg-type]
    event = Event(**fields, payload={}, prev_hash=GENESIS_HASH, hash=digest)  # type: ignore[arg-type]
    station.apply_foreign_events([event], cursor=1)


def conflicts(station: Station, out: Path) -> None:
    """The conflicts form: the voter checked in at two tables (sync_status made it) and one checked
    in here whom table 3, cut off from this one, marked as voting elsewhere."""
    list_no, at = station.db.conn.execute("SELECT list_no, at FROM checkins ORDER BY at LIMIT 1 OFFSET 60").fetchone()
    foreign_event(station, EventKind.VOTER_MARKED_ELSEWHERE, list_no, to_iso(from_iso(at) + timedelta(minutes=5)), 3)
    window = open_window(station)
    window.menu_actions["conflicts"].trigger()
    settle(lambda: window.dialog is not None and window.dialog.isVisible())
    save(window.dialog, out, "conflicts.png")
    window.dialog.reject()
    window.close()


def table_2_checked_in_again(station: Station) -> str:
    """Another table's check-in of a voter already checked in here, merged as a pull merges it.

    As if the two tables had lost the network for a while: the voter is flagged as a conflict.
    Returns the voter's name, to search for.
    """
    list_no, at, name = station.db.conn.execute(
        "SELECT c.list_no, c.at, v.name FROM checkins c JOIN voters v ON v.list_no = c.list_no"
        " ORDER BY c.at LIMIT 1 OFFSET 40"
    ).fetchone()
    foreign_event(station, EventKind.CHECKED_IN, list_no, to_iso(from_iso(at) + timedelta(minutes=2)), 2)
    return str(name)


def sync_status(station: Station, clock: FixedClock, out: Path) -> None:
    """The status bar while the ward server is out of reach, with a clock warning and a conflict.

    The sync state is a fixed SyncStatus (no ward server runs here); the conflict is real data.
    """
    name = table_2_checked_in_again(station)
    window = open_window(station)
    keys(fold(name))
    settle(lambda: window.checkin.results_model.rowCount() > 0)
    window.status_bar.show_sync(
        SyncStatus(
            enrolled=True,
            reachable=False,
            unsent_events=station.status().unsent_events,
            last_sync_at=clock.moment - timedelta(minutes=11),
            last_contact_at=clock.moment - timedelta(minutes=11),
            clock_offset_s=-185.0,
            conflicts=len(station.conflicts()),
            restore_pending=False,
            problem="cannot reach the ward server: connection refused",
            next_attempt_in_s=24.0,
        )
    )
    save(window, out, "sync-status.png")
    window.close()


def undo_conflict(station: Station, out: Path) -> None:
    """The undo form for the voter checked in at two tables (sync_status made the conflict): both
    check-ins listed, table 2's chosen with the arrow keys and Space, a reason typed; not confirmed."""
    (conflict,) = station.conflicts()
    window = open_window(station)
    keys(f"{DEMO_STATION:02d}-{conflict.list_no:04d}")  # the voter's card: "already voted", the context
    key(Qt.Key.Key_Return)
    window.menu_actions["undo_check_in"].trigger()
    settle(lambda: isinstance(window.dialog, UndoDialog) and QApplication.focusWidget() is not None)
    dialog = window.dialog
    assert isinstance(dialog, UndoDialog)
    key(Qt.Key.Key_Down)
    key(Qt.Key.Key_Space)
    key(Qt.Key.Key_Tab)
    dialog.reason.setText("Bàn 2 chọn nhầm người trùng tên")
    save(dialog, out, "undo-conflict.png")
    dialog.reject()
    window.close()


def upgrade_notice(clock: FixedClock, out: Path) -> None:
    """A station file of the first release (tests/migrations/fixtures) opened by this version: the
    notice over the window, with where the copy from before the upgrade is.

    The data folder has a fixed name and the upgrade a fixed time, so the path shown stays the same.
    """
    data_dir = Path(tempfile.gettempdir()) / "clerk-app-screenshots" / "kvbp-07"
    shutil.rmtree(data_dir.parent, ignore_errors=True)
    data_dir.mkdir(parents=True)
    shutil.copyfile(ROOT / "tests" / "migrations" / "fixtures" / "v0.1-m001.db", data_dir / "station.db")
    the_night_before = datetime(2026, 3, 14, 20, 30, tzinfo=VN_TZ)  # when the new version was installed
    with mock.patch.object(storage_db, "now", lambda: the_night_before):
        station = Station.open(data_dir, clock=clock, clerk="Bàn 1")
    window = open_window(station)
    notice = announce_upgrade(window)
    assert notice is not None
    settle(notice.isVisible)
    picture = window.grab()
    painter = QPainter(picture)
    box = notice.grab()
    painter.drawPixmap((picture.width() - box.width()) // 2, (picture.height() - box.height()) // 3, box)
    painter.end()
    picture.save(str(out / "upgrade-notice.png"))
    print(out / "upgrade-notice.png")
    notice.accept()
    window.close()
    station.close()
    shutil.rmtree(data_dir.parent, ignore_errors=True)


def record_hourly_reports(station: Station, clock: FixedClock, until: datetime) -> None:
    """The hourly reports the sync worker records on the hour, each half a minute past it."""
    for hour in range(7, until.hour + 1):
        clock.moment = until.replace(hour=hour, minute=0, second=30)
        station.record_due_reports()
    clock.moment = until


def turnout_views(station: Station, clock: FixedClock, out: Path) -> None:
    """The team leader's turnout window on the demo morning, then on the same day once all voted."""
    record_hourly_reports(station, clock, clock.moment)
    window = open_window(station)
    window.open_turnout()
    view = window.turnout_window
    assert view is not None and view.turnout is not None
    view.resize(*SIZE)
    settle(lambda: view.redraws > 0)
    view.groups.view.setCurrentIndex(view.groups.model.index(0, 0))  # the lowest group, as a click chooses it
    view.show_waiting(view.turnout.groups[0].key)
    save(view, out, "turnout.png")
    view.tabs.setCurrentIndex(2)
    view.snapshots.view.selectRow(len(view.snapshots.model.rows()) - 1)
    save(view, out, "turnout-hourly-reports.png")
    view.tabs.setCurrentIndex(1)
    window.commands.set_language("en")
    view.bin_buttons.button(15).click()
    save(view, out, "turnout-en.png")
    window.commands.set_language("vi")
    view.bin_buttons.button(60).click()
    view.tabs.setCurrentIndex(0)
    afternoon(station, clock)
    view.refresh()
    save(view, out, "turnout-complete.png")
    window.close()


def afternoon(station: Station, clock: FixedClock) -> None:
    """Everyone still to vote comes between 10:45 and 15:20, fewer as the day goes on; then it is 15:30."""
    day = clock.moment
    waiting = [
        row[0]
        for row in station.db.conn.execute(
            "SELECT list_no FROM voters v WHERE status IN ('listed', 'added')"
            " AND NOT EXISTS (SELECT 1 FROM checkins c WHERE c.list_no = v.list_no) ORDER BY list_no"
        )
    ]
    start, span = day.replace(hour=10, minute=45), timedelta(hours=4, minutes=35)
    for i, list_no in enumerate(waiting):
        clock.moment = start + span * ((i + 1) / len(waiting)) ** 1.6
        station.check_in(list_no)
    record_hourly_reports(station, clock, day.replace(hour=15, minute=30))


def list_with_warnings(folder: Path) -> Path:
    """A generated list file plus two rows a real list might carry: an unreadable birth date, a minor."""
    path = folder / "danh-sach-cu-tri-kvbp-07.csv"
    rows = generate_voters(1200, seed=11, station_no=DEMO_STATION, ward=DEMO_WARD, city=CITY)
    write_csv(rows, path, station_no=DEMO_STATION, ward=DEMO_WARD, city=CITY)
    with path.open(encoding="utf-8-sig", newline="") as f:
        lines = list(csv.reader(f))
    header_at = next(i for i, line in enumerate(lines) if "STT" in line)
    header = lines[header_at]
    stt, birth = header.index("STT"), header.index("Ngày sinh")
    for offset, bad_birth in ((1, "31/02/1970"), (2, "05/06/2010")):
        extra = list(lines[-1])
        extra[stt], extra[birth] = str(len(rows) + offset), bad_birth
        lines.append(extra)
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows(lines)
    return path


def import_preview(folder: Path, clock: FixedClock, out: Path) -> None:
    station = Station.open(folder / "new-station", clock=clock, clerk="Bàn 1")
    window = open_window(station)
    window.import_flow.start(list_with_warnings(folder))
    settle(lambda: window.import_flow.preview_dialog is not None)
    dialog = window.import_flow.preview_dialog
    assert dialog is not None
    save(dialog, out, "import-preview.png")
    dialog.reject()
    window.close()
    station.close()


def station_with_a_list(folder: Path, clock: FixedClock, name: str, seed: int, table: str = "Bàn 1") -> Station:
    """A station of its own with a generated list of 400 imported (at the clock's time)."""
    from clerk_app.storage.listfile import read_list_file

    station = Station.open(folder / name, clock=clock, clerk=table)
    path = folder / f"{name}-list.csv"
    write_csv(generate_voters(400, seed=seed), path, station_no=DEMO_STATION, ward=DEMO_WARD, city=CITY)
    station.import_list(read_list_file(path, election_day=clock.moment.date()))
    return station


def scan_card_and_save(station: Station, out: Path, name: str, *, confirm: bool = False) -> None:
    """The window, voter 42's card scanned (and confirmed), saved."""
    window = open_window(station)
    keys(f"{DEMO_STATION:02d}-0042")
    key(Qt.Key.Key_Return)
    if confirm:
        key(Qt.Key.Key_Return)
    save(window, out, name)
    window.close()
    station.close()


def test_mode(folder: Path, clock: FixedClock, out: Path) -> None:
    station = station_with_a_list(folder, clock, "test-station", seed=5)
    station.start_test_mode()
    scan_card_and_save(station, out, "test-mode.png", confirm=True)


def waiting_for_the_ward(folder: Path, clock: FixedClock, out: Path) -> None:
    """A replacement laptop enrolled but not yet restored from the ward: a card scanned is
    refused at once, and says why and what to do."""
    clock.moment = datetime(2026, 3, 15, 7, 0, tzinfo=VN_TZ)
    station = station_with_a_list(folder, clock, "replacement", seed=7, table="Bàn 2")
    station.open_polls()
    with write_transaction(station.db):
        set_meta(station.db, "restore_pending", "1")  # what an enrolment leaves until its first pull
    clock.moment = datetime(2026, 3, 15, 10, 42, tzinfo=VN_TZ)
    scan_card_and_save(station, out, "waiting-for-the-ward.png")


def past_closing(folder: Path, clock: FixedClock, out: Path) -> None:
    """Polls still open at 21:05: the red banner, and a voter's card scanned is refused."""
    clock.moment = datetime(2026, 3, 15, 7, 0, tzinfo=VN_TZ)
    station = station_with_a_list(folder, clock, "late-station", seed=6)
    station.open_polls()
    clock.moment = datetime(2026, 3, 15, 21, 5, tzinfo=VN_TZ)
    scan_card_and_save(station, out, "past-closing.png")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    QApplication.instance() or QApplication([sys.argv[0]])
    clock = FixedClock(datetime(2026, 3, 15, 10, 42, tzinfo=VN_TZ))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        station = Station.open(folder / "demo", clock=clock, clerk="Bàn 1")
        populate_demo(station)
        clock.moment = datetime(2026, 3, 15, 10, 42, tzinfo=VN_TZ)
        check_in_flow(station, clock, args.out)
        sync_status(station, clock, args.out)
        undo_conflict(station, args.out)
        clock.moment = datetime(2026, 3, 15, 10, 42, tzinfo=VN_TZ)
        turnout_views(station, clock, args.out)
        conflicts(station, args.out)  # last: its voter marked elsewhere would change the figures above
        station.close()
        import_preview(folder, clock, args.out)
        test_mode(folder, clock, args.out)
        past_closing(folder, clock, args.out)
        waiting_for_the_ward(folder, clock, args.out)
        clock.moment = datetime(2026, 3, 15, 10, 42, tzinfo=VN_TZ)  # not past_closing's 21:05
        upgrade_notice(clock, args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
