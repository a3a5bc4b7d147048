"""What the sync chips say for each state, without a server: refusals, restore, problems, language."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from clerk_app.clock import VN_TZ
from clerk_app.storage.merge import CheckInConflict, CheckInRef
from clerk_app.sync.errors import BadEnrolment, NoSecureCredentialStore, Rejected, Unreachable
from clerk_app.sync.status import SyncStatus
from clerk_app.ui import i18n, sync_messages, theme
from clerk_app.ui.sync_status import ChipState, SyncStatusWidget, describe_sync

SYNCED = datetime(2026, 3, 15, 10, 31, tzinfo=VN_TZ)


def status(**changes: object) -> SyncStatus:
    base: dict[str, object] = {
        "enrolled": True,
        "reachable": True,
        "unsent_events": 0,
        "last_sync_at": SYNCED,
        "last_contact_at": SYNCED,
        "clock_offset_s": 0.4,
        "conflicts": 0,
        "restore_pending": False,
    }
    base.update(changes)
    return SyncStatus(**base)  # type: ignore[arg-type]


@pytest.fixture
def vietnamese(qtbot: QtBot) -> Iterator[None]:
    i18n.apply_language(i18n.VIETNAMESE)
    yield
    i18n.apply_language(i18n.VIETNAMESE)


def test_the_steady_state_is_one_green_chip_and_the_last_sync(vietnamese: None) -> None:
    view = describe_sync(status())
    assert (view.ward.text, view.ward.state) == ("Phường: đã kết nối", ChipState.OK)
    assert view.last_sync is not None and view.last_sync.text == "Đồng bộ 10:31"
    assert [name for name, chip in view.chips().items() if chip is not None] == ["ward", "last_sync"]


def test_refused_restoring_and_other_problems_are_visible(vietnamese: None) -> None:
    refused = describe_sync(status(rejected_status=401, problem="the ward server refused (401): bad token"))
    assert (refused.ward.text, refused.ward.state) == ("Phường từ chối máy này (401)", ChipState.STOP)
    assert "bad token" in refused.ward.tooltip and refused.problem is None  # explained once

    restoring = describe_sync(status(restore_pending=True, reachable=None, last_sync_at=None))
    assert restoring.ward.text == "Phường: đang kết nối…"
    assert restoring.restore is not None and restoring.restore.state is ChipState.WARN
    assert restoring.last_sync is not None and restoring.last_sync.text == "Chưa đồng bộ"

    stuck = describe_sync(status(problem="the ward does not acknowledge events; refused: 7 (schema)"))
    assert stuck.problem is not None and stuck.problem.text == "⚠ Lỗi đồng bộ"
    assert "refused: 7" in stuck.problem.tooltip

    down = describe_sync(status(reachable=False, problem="connection refused", next_attempt_in_s=12.4))
    assert down.ward.state is ChipState.STOP and "12 giây" in down.ward.tooltip

    fast = describe_sync(status(clock_offset_s=-185.0))
    assert fast.clock is not None and fast.clock.text == "⚠ Đồng hồ nhanh 3 phút"
    assert fast.clock.tooltip.startswith("⚠ Đồng hồ nhanh 3 phút 05 giây\n")
    assert describe_sync(status(clock_offset_s=119.0)).clock is None  # two minutes is the limit


def test_not_enrolled_says_how_to_connect(vietnamese: None) -> None:
    view = describe_sync(status(enrolled=False, reachable=None, last_sync_at=None))
    assert (view.ward.text, view.ward.state) == ("Chưa kết nối máy chủ phường", ChipState.OFF)
    assert "Ctrl+Shift+W" in view.ward.tooltip and view.last_sync is None


def test_the_chips_follow_a_language_switch(qtbot: QtBot, vietnamese: None) -> None:
    widget = SyncStatusWidget()
    qtbot.addWidget(widget)
    widget.resize(1600, 40)
    widget.show_status(status(reachable=False, conflicts=2, clock_offset_s=200.0))
    assert widget.text() == "Phường: MẤT KẾT NỐI | Đồng bộ 10:31 | ⚠ Đồng hồ chậm 3 phút | ⚠ Ghi nhận trùng: 2"
    i18n.apply_language(i18n.ENGLISH)  # Qt posts LanguageChange: the widget redraws itself
    english = "Ward: NOT REACHABLE | Synced 10:31 | ⚠ Clock slow by 3 min | ⚠ Checked in twice: 2"
    qtbot.waitUntil(lambda: widget.text() == english)


@pytest.fixture
def themed(qapp: QApplication) -> None:
    """The station's own look (Fusion, its fonts and bold chips), as the window applies it: the
    widths below are measured in it, whichever test ran before."""
    theme.apply_theme(qapp, 1.0)


def test_crowded_chips_make_room_for_the_warnings_and_never_widen_the_window(
    qtbot: QtBot, vietnamese: None, themed: None
) -> None:
    widget = SyncStatusWidget()
    qtbot.addWidget(widget)
    widget.show()
    widget.show_status(status(reachable=False, conflicts=2))
    labels = widget.labels
    one_row = widget.sizeHint().width()
    assert widget.minimumSizeHint().width() < labels["ward"].sizeHint().width() < one_row

    widget.resize(one_row, 40)  # room for all: one row, long words
    assert widget.text() == "Phường: MẤT KẾT NỐI | Đồng bộ 10:31 | ⚠ Ghi nhận trùng: 2"
    assert widget.rows == 1 and not widget.short_ward

    widget.resize(one_row - labels["last_sync"].sizeHint().width(), 40)  # the last sync steps aside first
    assert widget.text() == "Phường: MẤT KẾT NỐI | ⚠ Ghi nhận trùng: 2" and widget.crowded == ["last_sync"]
    assert "Đồng bộ 10:31" in labels["ward"].toolTip()  # nothing is lost

    widget.resize(labels["conflicts"].sizeHint().width() + 150, 40)  # the ward chip shrinks for the warning
    assert widget.short_ward and widget.rows == 1
    assert widget.text() == "Phường ✗ | ⚠ Ghi nhận trùng: 2"
    assert labels["ward"].toolTip().startswith("Phường: MẤT KẾT NỐI")

    widget.show_status(status(reachable=False, conflicts=2, clock_offset_s=200.0))  # two warnings: two rows
    widget.resize(labels["conflicts"].sizeHint().width() + labels["clock"].sizeHint().width() + 20, 40)
    qtbot.waitUntil(lambda: widget.rows == 2)
    assert not widget.short_ward and widget.minimumSizeHint().height() > labels["ward"].sizeHint().height()
    assert labels["clock"].isVisible() and labels["conflicts"].isVisible()
    assert labels["clock"].y() == labels["conflicts"].y() > labels["ward"].y()


def test_enrolment_errors_in_vietnamese(vietnamese: None) -> None:
    def said(exc: Exception) -> str:
        return sync_messages.enrol_error(exc, url="http://10.0.0.5:8443", station=7)

    assert said(NoSecureCredentialStore("none")).startswith("Máy tính này không có kho lưu khoá bảo mật")
    assert said(Unreachable("refused")).startswith("Máy chủ phường không trả lời tại http://10.0.0.5:8443.")
    assert said(Rejected(404, "unknown station")).startswith("Máy chủ phường không biết khu vực bỏ phiếu số 07")
    assert said(Rejected(409, "this device is enrolled for another station")).startswith(
        "Máy chủ phường đã đăng ký máy tính này cho một khu vực khác"
    )
    assert said(Rejected(500, "boom")).startswith("Máy chủ phường từ chối (500)")
    assert said(BadEnrolment("bad")).startswith("Chưa thể đăng ký")


def test_the_conflict_marker_names_times_and_tables(vietnamese: None) -> None:
    conflict = CheckInConflict(
        3,
        (
            CheckInRef("dev-a", 4, "2026-03-15T08:12:05+07:00", "Bàn 1"),
            CheckInRef("dev-b", 9, "2026-03-15T08:14:40+07:00", ""),
        ),
    )
    assert sync_messages.conflict_marker(conflict) == "⚠ Đã ghi nhận ở 2 bàn: 08:12 Bàn 1, 08:14 máy dev-b"
