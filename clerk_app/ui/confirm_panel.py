"""The confirmation panel: the chosen voter in full, the ballots due, Enter to confirm.

This is the last look before a durable check-in, the guard against picking the wrong
namesake, so it shows everything that identifies the voter. Its buttons never take the
focus: Enter, Esc and F4 keep working from the search box.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clerk_app.model import Voter
from clerk_app.ui import messages

_FIELDS = ("list_no", "birth", "gender", "group", "address", "id", "note")


class ConfirmPanel(QWidget):
    confirm_clicked = Signal()
    cancel_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._voter: Voter | None = None
        self.title = _label("panelTitle")
        self.notice = _label("notice")
        self.notice.hide()
        self.name = _label("voterName")
        self.name.setWordWrap(True)
        self.name.setIndent(0)  # with a style-sheet box QLabel would indent by half an "x"
        self.keys = {field: _label("confirmKey") for field in _FIELDS}
        self.values = {field: _label("confirmValue") for field in _FIELDS}
        self.ballots = _label("ballots")
        self.ballots.setWordWrap(True)
        self.mobile_box = QCheckBox()
        self.mobile_box.setObjectName("mobileBox")
        self.mobile_box.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.confirm_button = _button("confirmButton", self.confirm_clicked.emit)
        self.cancel_button = _button("cancelButton", self.cancel_clicked.emit)
        self._lay_out()
        self.retranslate()

    def _lay_out(self) -> None:
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        for row, field in enumerate(_FIELDS):
            grid.addWidget(self.keys[field], row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(self.values[field], row, 1)
            self.values[field].setWordWrap(True)
            self.values[field].setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        grid.setColumnStretch(1, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.confirm_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        for widget in (self.title, self.notice, self.name):
            layout.addWidget(widget)
        layout.addLayout(grid)
        layout.addSpacing(8)
        layout.addWidget(self.ballots)
        layout.addWidget(self.mobile_box)
        layout.addStretch(1)
        layout.addLayout(buttons)

    @property
    def voter(self) -> Voter | None:
        return self._voter

    def show_voter(self, voter: Voter, notice: str = "") -> None:
        self._voter = voter
        self.mobile_box.setChecked(False)
        self.notice.setText(notice)
        self.notice.setVisible(bool(notice))
        self._fill()

    def toggle_mobile_box(self) -> None:
        self.mobile_box.setChecked(not self.mobile_box.isChecked())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Check this is the voter in front of you"))
        texts = {
            "list_no": self.tr("List no."),
            "birth": self.tr("Born"),
            "gender": self.tr("Gender"),
            "group": self.tr("Group"),
            "address": self.tr("Address"),
            "id": self.tr("ID number"),
            "note": self.tr("Note"),
        }
        for field, text in texts.items():
            self.keys[field].setText(text)
        self.mobile_box.setText(self.tr("Mobile ballot box (hòm phiếu phụ) — F4"))
        self.confirm_button.setText(self.tr("Confirm check-in  [Enter]"))
        self.cancel_button.setText(self.tr("Cancel  [Esc]"))
        self._fill()

    def _fill(self) -> None:
        voter = self._voter
        if voter is None:
            return
        self.name.setText(voter.name)
        values = {
            "list_no": str(voter.list_no),
            "birth": voter.birth or self.tr("unknown"),
            "gender": messages.gender_text(voter.gender),
            "group": voter.group,
            "address": voter.residence,
            "id": voter.masked_id or self.tr("not on the list"),
            "note": voter.note,
        }
        for field, text in values.items():
            self.values[field].setText(text)
            hide = field == "note" and not text
            self.keys[field].setHidden(hide)
            self.values[field].setHidden(hide)
        self.ballots.setText(
            self.tr("Ballots due ({count}): {names}").format(
                count=voter.ballots.count(), names=messages.ballots_text(voter.ballots)
            )
        )


def _label(object_name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(object_name)
    return label


def _button(object_name: str, on_click: Callable[[], None]) -> QPushButton:
    button = QPushButton()
    button.setObjectName(object_name)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    button.setAutoDefault(False)
    button.clicked.connect(lambda _checked=False: on_click())
    return button
