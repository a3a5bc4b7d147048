"""Settings → Hourly reports… (Ctrl+Shift+H): the team changes the schedule; the worker follows at once."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from clerk_app.settings import REPORT_FIRST_HOUR, REPORT_INTERVAL, REPORT_LAST_HOUR, Settings
from clerk_app.station import Station
from clerk_app.sync.reports import ReportSchedule
from clerk_app.ui.main_window import MainWindow
from clerk_app.ui.report_schedule_dialog import ReportScheduleDialog
from tests.support import FakeClock, election_morning
from tests.sync.support import RestartableWard
from tests.ui.helpers import press, wait_for_dialog
from tests.ui.sync.support import FAST, WAIT_MS, StationFactory, SyncWindowFactory, enrolled, next_station_no

WITH_REPORTS = replace(FAST, reports=ReportSchedule())  # reports on: the window's setting decides when


def recorded(station: Station) -> list[str]:
    rows = station.db.conn.execute(
        "SELECT json_extract(payload, '$.hour') FROM events WHERE kind = 'hourly_report' ORDER BY seq"
    )
    return [r[0] for r in rows]


def search_has_focus(qtbot: QtBot, window: MainWindow) -> None:
    """Keys go to the focused widget; after a dialog closes, focus comes back a moment later."""
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.checkin.search_box)


def test_the_team_changes_the_schedule_and_the_reports_follow(
    qtbot: QtBot,
    sync_stations: StationFactory,
    sync_windows: SyncWindowFactory,
    ward: RestartableWard,
    clock: FakeClock,
) -> None:
    number = next_station_no()
    station = sync_stations("table-1", number)
    store = enrolled(station, ward)
    clock.moment = election_morning(8, 40)
    window = sync_windows(station, store=store, config=WITH_REPORTS)
    qtbot.waitUntil(lambda: recorded(station) == ["07:00", "08:00"], timeout=WAIT_MS)

    search_has_focus(qtbot, window)  # the shortcut goes to the focused window
    press(qtbot, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = wait_for_dialog(qtbot, window, ReportScheduleDialog)
    assert dialog.windowTitle() == "Báo cáo tình hình cử tri đi bầu hằng giờ"
    assert (dialog.interval.currentText(), dialog.first_hour.value(), dialog.last_hour.value()) == (
        "mỗi 60 phút",
        7,
        19,
    )
    assert dialog.preview.text() == "13 báo cáo mỗi ngày: " + ", ".join(f"{h:02d}:00" for h in range(7, 20)) + "."

    dialog.interval.setCurrentIndex(dialog.interval.findData(30))
    dialog.first_hour.setValue(6)
    dialog.last_hour.setValue(20)
    assert dialog.preview.text().startswith("29 báo cáo mỗi ngày: 06:00, 06:30, 07:00, 07:30,")
    assert dialog.preview.text().endswith(", 19:30, 20:00.")
    dialog.ok_button.click()

    qtbot.waitUntil(lambda: window.dialog is None)
    assert window.checkin.outcome_panel.headline.text() == "Đã lưu lịch báo cáo tình hình cử tri đi bầu"
    saved = Settings(station.data_dir)  # what the app reads at its next start
    assert (saved.get(REPORT_INTERVAL), saved.get(REPORT_FIRST_HOUR), saved.get(REPORT_LAST_HOUR)) == (30, 6, 20)
    assert window.sync.bridge.report_schedule == ReportSchedule(30, 6, 20)
    # At once, not at the next round: the half hours already passed (the polls opened at 07:00).
    qtbot.waitUntil(lambda: recorded(station) == ["07:00", "08:00", "07:30", "08:30"], timeout=WAIT_MS)

    search_has_focus(qtbot, window)  # the shortcut goes to the focused window
    press(qtbot, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    again = wait_for_dialog(qtbot, window, ReportScheduleDialog)
    assert (again.interval.currentData(), again.first_hour.value(), again.last_hour.value()) == (30, 6, 20)
    again.cancel_button.click()


def test_the_form_offers_only_the_allowed_values(
    qtbot: QtBot, sync_stations: StationFactory, sync_windows: SyncWindowFactory
) -> None:
    window = sync_windows(sync_stations("table-1", next_station_no()))  # not enrolled: the setting is kept all the same
    window.menu_actions["report_schedule"].trigger()
    dialog = wait_for_dialog(qtbot, window, ReportScheduleDialog)
    assert [dialog.interval.itemData(i) for i in range(dialog.interval.count())] == [30, 60, 120]
    assert (dialog.first_hour.minimum(), dialog.first_hour.maximum()) == (5, 12)
    assert (dialog.last_hour.minimum(), dialog.last_hour.maximum()) == (12, 21)
    dialog.interval.setCurrentIndex(dialog.interval.findData(120))
    assert dialog.preview.text() == "7 báo cáo mỗi ngày: 07:00, 09:00, 11:00, 13:00, 15:00, 17:00, 19:00."
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: window.dialog is None)
    assert Settings(window.station.data_dir).get(REPORT_INTERVAL) == 120
    assert window.sync.bridge.report_schedule == ReportSchedule(120, 7, 19)
