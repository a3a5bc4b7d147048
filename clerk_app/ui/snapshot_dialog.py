"""The team leader confirms an hourly report with the PIN (the figures they send upward)."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget

from clerk_app.turnout.snapshots import Snapshot
from clerk_app.ui import messages
from clerk_app.ui.dialogs import FormDialog


class ConfirmSnapshotDialog(FormDialog):
    def __init__(self, parent: QWidget | None, snapshot: Snapshot) -> None:
        super().__init__(parent)
        self.snapshot = snapshot
        figures = self.tr("By {hour}: {checked} of {voters} voters had voted ({percent}).").format(
            hour=snapshot.hour,
            checked=messages.number(snapshot.checked_in),
            voters=messages.number(snapshot.voters),
            percent=messages.percent(snapshot.percent),
        )
        self.set_heading(
            self.tr("Confirm the {hour} report").format(hour=snapshot.hour),
            figures + "\n\n" + self.tr("Confirm these figures as the team leader; the ward sees the confirmation."),
        )
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(8)
        self.add_row(self.tr("Team-leader PIN"), self.pin)
        self.set_ok_text(self.tr("Confirm"))

    def validate(self) -> str | None:
        return None if self.pin.text() else messages.refusal_sentence("wrong_pin")
