"""Forms for the station itself: closing the polls, the team-leader PIN, waiting for the ward, the table name."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLineEdit, QWidget

from clerk_app.model import StationStatus
from clerk_app.storage.eventlog import MAX_CLERK_LENGTH
from clerk_app.ui import messages
from clerk_app.ui.dialogs import FormDialog


class ClosePollsDialog(FormDialog):
    """Closing before 19:00 is a decision of the team, recorded with its reason."""

    def __init__(self, parent: QWidget | None, status: StationStatus, *, early: bool) -> None:
        super().__init__(parent)
        figures = self.tr("{checked} of {voters} voters have voted ({percent}).").format(
            checked=messages.number(status.checked_in),
            voters=messages.number(status.voters),
            percent=messages.percent(status.turnout),
        )
        if early:
            intro = self.tr(
                "It is before 19:00. Closing now must be a decision of the polling team, "
                "recorded with its reason (for example: every voter on the list has voted)."
            )
        else:
            intro = self.tr("Close the polls? After this no voter can be checked in.")
        self.set_heading(self.tr("Close the polls"), intro + "\n\n" + figures)
        self.early = early
        self.decision = QCheckBox(self.tr("The polling team decided to close early"))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("e.g. every voter on the list has voted"))
        if early:
            self.add_row("", self.decision)
            self.add_row(self.tr("Reason"), self.reason)
        self.set_ok_text(self.tr("Close polls"))

    def validate(self) -> str | None:
        if not self.early:
            return None
        if not self.decision.isChecked():
            return self.tr("Tick the box to record the team's decision to close early.")
        if not self.reason.text().strip():
            return messages.refusal_sentence("reason_required")
        return None


class PinDialog(FormDialog):
    """Set the team-leader PIN (4-8 digits); changing it needs the current one."""

    def __init__(self, parent: QWidget | None, *, has_pin: bool) -> None:
        super().__init__(parent)
        self.set_heading(
            self.tr("Team-leader PIN"),
            self.tr("The PIN lets the team leader undo a check-in. Use 4 to 8 digits."),
        )
        self.current = _pin_field()
        self.new = _pin_field()
        self.repeat = _pin_field()
        self.has_pin = has_pin
        if has_pin:
            self.add_row(self.tr("Current PIN"), self.current)
        self.add_row(self.tr("New PIN"), self.new)
        self.add_row(self.tr("New PIN again"), self.repeat)
        self.set_ok_text(self.tr("Save PIN"))

    def validate(self) -> str | None:
        if self.new.text() != self.repeat.text():
            return self.tr("The two new PINs differ.")
        return None


class StopWaitingDialog(FormDialog):
    """The team leader's decision to check voters in before the ward's events are here."""

    def __init__(self, parent: QWidget | None, *, waiting: bool) -> None:
        super().__init__(parent)
        if waiting:
            intro = self.tr(
                "This laptop has not yet received from the ward what the station's other tables (or this "
                "laptop, before its data was restored) recorded: a voter who voted there would show as not "
                "voted here. Do this only if the ward cannot be reached and voters are waiting; the double "
                "check-ins it may cause are flagged once the ward is reached."
            )
        else:
            intro = self.tr("This laptop is not waiting for the ward: check-ins are allowed.")
        self.set_heading(self.tr("Check in without waiting for the ward"), intro)
        self.waiting = waiting
        self.pin = _pin_field()
        if waiting:
            self.add_row(self.tr("Team-leader PIN"), self.pin)
        self.set_ok_text(self.tr("Check in without waiting") if waiting else self.tr("Close"))


class TableNameDialog(FormDialog):
    def __init__(self, parent: QWidget | None, current: str) -> None:
        super().__init__(parent)
        self.set_heading(
            self.tr("Table name"),
            self.tr("The name of this table (e.g. “Bàn 1”), recorded with each check-in made here."),
        )
        self.name = QLineEdit(current)
        self.name.setMaxLength(MAX_CLERK_LENGTH)  # the ward refuses longer ones
        self.add_row(self.tr("Table name"), self.name)
        self.set_ok_text(self.tr("Save"))

    def validate(self) -> str | None:
        return None if self.name.text().strip() else self.tr("Write a name for this table.")


def _pin_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMaxLength(8)
    return field
