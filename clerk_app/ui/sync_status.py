"""The sync part of the status bar: is the ward server reachable, when did we last sync, what's wrong.

The lesson of the e-pollbook failures: the screen always says whether the ward server is
reachable and how much is waiting (the waiting count is the status bar's ``unsent`` label,
read from the station database). Each part is a "chip", a label whose ``state`` property
picks its colour in the style sheet (theme.py): ok green, stop red, warn amber, info blue,
off grey. ``describe_sync`` turns a SyncStatus into chips without touching a widget, so the
wording is tested on its own; details in English (the worker's ``problem``) go to tooltips.

A station laptop is often 1366 pixels wide and the clerk may enlarge the text: the chips never
make the window wider than the screen. When they do not all fit in one row, the ward chip takes
its short form ("Phường ✗") to leave room for the warnings; if the warnings still do not fit,
they get a second row (the status bar grows while they last); what fits nowhere steps aside by
``PRIORITY`` and its words go into the ward chip's tooltip. Nothing less important ever takes
a warning's place.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import QCoreApplication, QEvent, QSize, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget

from clerk_app.sync.status import SyncStatus
from clerk_app.ui import messages, sync_messages, theme

ORDER = ("ward", "last_sync", "restore", "clock", "conflicts", "problem")  # left to right
PRIORITY = ("ward", "conflicts", "clock", "restore", "problem", "last_sync")  # kept first when crowded


class ChipState(StrEnum):
    OK = "ok"
    STOP = "stop"
    WARN = "warn"
    INFO = "info"
    OFF = "off"


@dataclass(frozen=True)
class Chip:
    text: str
    state: ChipState
    tooltip: str = ""
    short: str = ""  # the same in fewer words, when the status bar is crowded


@dataclass(frozen=True)
class SyncView:
    ward: Chip  # reachable / not reachable / refused / not enrolled
    last_sync: Chip | None  # "Synced 10:41"; None when not enrolled
    clock: Chip | None  # only when the clocks differ by more than two minutes
    conflicts: Chip | None
    restore: Chip | None
    problem: Chip | None  # a problem the ward chip does not already explain

    def chips(self) -> dict[str, Chip | None]:
        return {
            "ward": self.ward,
            "last_sync": self.last_sync,
            "restore": self.restore,
            "clock": self.clock,
            "conflicts": self.conflicts,
            "problem": self.problem,
        }


def describe_sync(status: SyncStatus) -> SyncView:
    return SyncView(
        ward=_ward_chip(status),
        last_sync=_last_sync_chip(status) if status.enrolled else None,
        clock=_clock_chip(status),
        conflicts=_conflicts_chip(status),
        restore=_restore_chip(status),
        problem=_problem_chip(status),
    )


def _detail(status: SyncStatus) -> str:
    return (
        QCoreApplication.translate("SyncStatus", "Detail: {problem}").format(problem=status.problem)
        if status.problem
        else ""
    )


def _join(*lines: str) -> str:
    return "\n".join(line for line in lines if line)


def _ward_chip(status: SyncStatus) -> Chip:
    kept = QCoreApplication.translate(
        "SyncStatus", "Check-ins go on as usual: they are kept on this computer and sent when the ward answers."
    )
    if not status.enrolled:
        how = QCoreApplication.translate("SyncStatus", "To connect: Settings → Connect to ward server… (Ctrl+Shift+W).")
        return Chip(
            QCoreApplication.translate("SyncStatus", "Not connected to the ward server"),
            ChipState.OFF,
            _join(how, kept, _detail(status)),
            QCoreApplication.translate("SyncStatus", "Not connected"),
        )
    if status.rejected_status is not None:
        return Chip(
            QCoreApplication.translate("SyncStatus", "Ward refused this laptop ({status})").format(
                status=status.rejected_status
            ),
            ChipState.STOP,
            _join(
                QCoreApplication.translate("SyncStatus", "The ward server answers but refuses. Call the ward office."),
                kept,
                _detail(status),
            ),
            QCoreApplication.translate("SyncStatus", "Ward ✗ ({status})").format(status=status.rejected_status),
        )
    if status.reachable is True:
        contact = (
            QCoreApplication.translate("SyncStatus", "Last answer from the ward at {time}.").format(
                time=messages.clock_time(status.last_contact_at)
            )
            if status.last_contact_at
            else ""
        )
        return Chip(
            QCoreApplication.translate("SyncStatus", "Ward: connected"),
            ChipState.OK,
            contact,
            QCoreApplication.translate("SyncStatus", "Ward ✓"),
        )
    if status.reachable is False:
        retry = (
            QCoreApplication.translate("SyncStatus", "Next try in {seconds} s.").format(
                seconds=max(1, round(status.next_attempt_in_s))
            )
            if status.next_attempt_in_s is not None
            else ""
        )
        return Chip(
            QCoreApplication.translate("SyncStatus", "Ward: NOT REACHABLE"),
            ChipState.STOP,
            _join(kept, retry, _detail(status)),
            QCoreApplication.translate("SyncStatus", "Ward ✗"),
        )
    return Chip(
        QCoreApplication.translate("SyncStatus", "Ward: connecting…"),
        ChipState.INFO,
        _detail(status),
        QCoreApplication.translate("SyncStatus", "Ward …"),
    )


def _last_sync_chip(status: SyncStatus) -> Chip:
    if status.last_sync_at is None:
        return Chip(QCoreApplication.translate("SyncStatus", "Not synced yet"), ChipState.INFO)
    return Chip(
        QCoreApplication.translate("SyncStatus", "Synced {time}").format(time=messages.clock_time(status.last_sync_at)),
        ChipState.INFO,
        QCoreApplication.translate("SyncStatus", "Last successful sync with the ward server (this computer's clock)."),
    )


def _clock_chip(status: SyncStatus) -> Chip | None:
    if not status.clock_warning or status.clock_offset_s is None:
        return None
    return Chip(
        sync_messages.clock_offset_text(status.clock_offset_s),
        ChipState.WARN,
        _join(
            sync_messages.clock_offset_text(status.clock_offset_s, precise=True),
            QCoreApplication.translate(
                "SyncStatus",
                "This computer's clock differs from the ward server's by more than two minutes. Check-in "
                "times come from this clock: ask the technician to set the right time.",
            ),
        ),
    )


def _conflicts_chip(status: SyncStatus) -> Chip | None:
    if status.conflicts <= 0:
        return None
    return Chip(
        QCoreApplication.translate("SyncStatus", "⚠ Checked in twice: {count}").format(
            count=messages.number(status.conflicts)
        ),
        ChipState.STOP,
        QCoreApplication.translate(
            "SyncStatus",
            "Voters checked in at more than one table while the tables could not reach each other. "
            "Each is counted once. The team leader: Sync → Conflicts (Ctrl+Shift+D).",
        ),
    )


def _restore_chip(status: SyncStatus) -> Chip | None:
    if not (status.enrolled and status.restore_pending):
        return None
    return Chip(
        QCoreApplication.translate("SyncStatus", "Other tables not received yet"),
        ChipState.WARN,
        QCoreApplication.translate(
            "SyncStatus",
            "This laptop has not yet received the check-ins made at the station's other tables; "
            "until then a voter who voted there may not show as voted here.",
        ),
    )


def _problem_chip(status: SyncStatus) -> Chip | None:
    explained = not status.enrolled or status.reachable is False or status.rejected_status is not None
    if not status.problem or explained:
        return None
    return Chip(
        QCoreApplication.translate("SyncStatus", "⚠ Sync problem"),
        ChipState.WARN,
        _join(QCoreApplication.translate("SyncStatus", "Check-ins are kept. Call the technician."), _detail(status)),
    )


class SyncStatusWidget(QWidget):
    """Chips for the status bar, placed by hand: one row, or two when the warnings need it."""

    rows_changed = Signal()  # the status bar must read our height again (QStatusBar.reformat)

    SPACING = 4

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._status: SyncStatus | None = None
        self._wanted: dict[str, Chip] = {}
        self._rows: list[list[str]] = []
        self.crowded: list[str] = []  # chips left out for want of room, their words in the ward tooltip
        self.short_ward = False  # the ward chip in its short form, to leave room for warnings
        self.labels: dict[str, QLabel] = {}
        for name in ORDER:
            label = QLabel(self)
            label.setObjectName("syncChip")
            label.setProperty("part", name)
            label.hide()
            self.labels[name] = label

    @property
    def status(self) -> SyncStatus | None:
        return self._status

    @property
    def rows(self) -> int:
        return max(1, len(self._rows))

    def show_status(self, status: SyncStatus) -> None:
        self._status = status
        self._render()

    def text(self) -> str:
        """What the chips say, as one line (tests, logs)."""
        return " | ".join(label.text() for label in self.labels.values() if not label.isHidden())

    # --- room ----------------------------------------------------------------------------

    def _width(self, name: str, *, short: bool = False) -> int:
        """The chip's width with its long (or short) text, whatever the label shows now."""
        label, chip = self.labels[name], self._wanted[name]
        label.ensurePolished()  # the style sheet's font (bold chips) before measuring
        metrics = label.fontMetrics()
        frame = label.sizeHint().width() - metrics.horizontalAdvance(label.text())  # padding, margins
        return frame + metrics.horizontalAdvance(chip.short if short and chip.short else chip.text)

    def _row_height(self) -> int:
        return max(label.sizeHint().height() for label in self.labels.values())

    def _height(self) -> int:
        return self.rows * self._row_height() + (self.rows - 1) * self.SPACING

    def sizeHint(self) -> QSize:
        """Room for every chip the status calls for, in one row and long form."""
        widths = [self._width(name) for name in self._wanted]
        return QSize(sum(widths) + self.SPACING * max(0, len(widths) - 1), self._height())

    def minimumSizeHint(self) -> QSize:
        """The ward chip alone, short: the status bar may squeeze the rest, never widen the window."""
        width = self._width("ward", short=True) if "ward" in self._wanted else 0
        return QSize(width, self._height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _row(self, names: list[str], *, short_ward: bool = False) -> list[str]:
        """The chips of ``names`` (most important first) that fit in one row; the first always does."""
        used, shown = 0, list[str]()
        for name in names:
            width = self._width(name, short=short_ward and name == "ward") + (self.SPACING if shown else 0)
            if shown and used + width > self.width():
                break  # strictly by importance: nothing less important takes this one's place
            shown.append(name)
            used += width
        return shown

    def _plan(self) -> tuple[list[list[str]], bool]:
        """Rows of chips, and whether the ward chip is short."""
        wanted = [name for name in PRIORITY if name in self._wanted]
        warnings = [name for name in wanted if name not in ("ward", "last_sync")]
        for short in (False, True):
            row = self._row(wanted, short_ward=short)
            if set(warnings) <= set(row):
                return [row], short
        first = self._row([name for name in wanted if name in ("ward", "last_sync")])
        return [first, self._row(warnings)], False

    def _fit(self) -> None:
        if "ward" not in self._wanted:
            return
        rows_before = self.rows
        self._rows, self.short_ward = self._plan()
        ward = self._wanted["ward"]
        self.labels["ward"].setText(ward.short if self.short_ward and ward.short else ward.text)
        height = self._row_height()
        shown: set[str] = set()
        for index, row in enumerate(self._rows):
            x, y = 0, index * (height + self.SPACING)
            for name in sorted(row, key=ORDER.index):  # left to right as always, whatever fitted
                width = self._width(name, short=self.short_ward and name == "ward")
                self.labels[name].setGeometry(x, y, width, height)
                x += width + self.SPACING
            shown.update(row)
        self.crowded = [name for name in ORDER if name in self._wanted and name not in shown]
        for name, label in self.labels.items():
            label.setVisible(name in shown)
        extra = [self._wanted[name].text for name in self.crowded]
        self.labels["ward"].setToolTip("\n".join([ward.text, ward.tooltip, *extra]).strip())
        if self.rows != rows_before:
            self.updateGeometry()
            self.rows_changed.emit()

    # --- drawing -------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._render()
        super().changeEvent(event)

    def _render(self) -> None:
        if self._status is None:
            return
        self._wanted = {name: chip for name, chip in describe_sync(self._status).chips().items() if chip is not None}
        for name, chip in self._wanted.items():
            label = self.labels[name]
            label.setText(chip.text)
            label.setToolTip(chip.tooltip)
            if label.property("state") != chip.state.value:
                label.setProperty("state", chip.state.value)
                theme.repolish(label)
        self.updateGeometry()  # the status bar asks sizeHint() again
        self._fit()
