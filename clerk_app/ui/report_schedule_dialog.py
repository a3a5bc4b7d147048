"""Settings → Hourly reports…: when the turnout reports are recorded (clerk_app.sync.reports).

The team chooses every 30, 60 or 120 minutes, and the first and last hour; the form shows the
exact times that follow before anything is saved. The settings registry (``report_*`` in
clerk_app.settings) holds the allowed values; the form offers only those.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QLabel, QSpinBox, QWidget

from clerk_app.settings import REPORT_FIRST_HOUR, REPORT_INTERVAL, REPORT_LAST_HOUR
from clerk_app.sync.reports import ReportSchedule, label
from clerk_app.ui.dialogs import FormDialog


def schedule_summary(schedule: ReportSchedule) -> str:
    """What the schedule does, in one sentence with every time: "13 reports: 07:00, 08:00, … 19:00"."""
    times = schedule.times()
    return QCoreApplication.translate("ReportScheduleDialog", "{count} reports a day: {times}.").format(
        count=len(times), times=", ".join(label(t) for t in times)
    )


class ReportScheduleDialog(FormDialog):
    def __init__(self, parent: QWidget | None, current: ReportSchedule) -> None:
        super().__init__(parent)
        self.set_heading(
            self.tr("Hourly turnout reports"),
            self.tr(
                "While the polls are open, the app records the turnout at these times and sends it to the "
                "ward server. A report is never recorded twice; a time already passed is recorded with the "
                "figures as they were then. The last hour always gets a report."
            ),
        )
        self.interval = QComboBox()
        for minutes in REPORT_INTERVAL.choices:
            self.interval.addItem(self.tr("every {minutes} minutes").format(minutes=minutes), minutes)
        self.interval.setCurrentIndex(max(0, self.interval.findData(current.interval_minutes)))
        self.first_hour = _hour_box(REPORT_FIRST_HOUR.minimum, REPORT_FIRST_HOUR.maximum, current.first_hour)
        self.last_hour = _hour_box(REPORT_LAST_HOUR.minimum, REPORT_LAST_HOUR.maximum, current.last_hour)
        self.preview = QLabel()
        self.preview.setObjectName("hint")
        self.preview.setWordWrap(True)
        self.add_row(self.tr("Report"), self.interval)
        self.add_row(self.tr("First report at"), self.first_hour)
        self.add_row(self.tr("Last report at"), self.last_hour)
        self.add_row("", self.preview)
        self.set_ok_text(self.tr("Save"))
        self.interval.currentIndexChanged.connect(self._show_preview)
        self.first_hour.valueChanged.connect(self._show_preview)
        self.last_hour.valueChanged.connect(self._show_preview)
        self._show_preview()

    def schedule(self) -> ReportSchedule:
        """The schedule the form shows (valid: the fields offer only allowed values, first ≤ last)."""
        interval = self.interval.currentData()
        minutes = interval if isinstance(interval, int) else REPORT_INTERVAL.default
        return ReportSchedule(minutes, self.first_hour.value(), self.last_hour.value())

    def validate(self) -> str | None:
        if self.first_hour.value() > self.last_hour.value():
            return self.tr("The first report must come before the last one.")
        return None

    def _show_preview(self) -> None:
        problem = self.validate()
        self.preview.setText(problem if problem else schedule_summary(self.schedule()))


def _hour_box(minimum: int | None, maximum: int | None, value: int) -> QSpinBox:
    box = QSpinBox()
    box.setRange(minimum if minimum is not None else 0, maximum if maximum is not None else 23)
    box.setSuffix(":00")
    box.setValue(value)
    return box
