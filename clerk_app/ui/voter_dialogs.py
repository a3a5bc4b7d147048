"""Forms for the voter list on the day: add with a certificate, votes elsewhere, undo a check-in.

Each form that takes a list number shows, as the number is typed, who that number is, so
the team leader sees the name before undoing or marking anyone. For a voter checked in at two
tables while they could not see each other (a sync conflict), the undo form lists both check-ins,
time, table and computer, and the team leader chooses the one made in error.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from clerk_app.birth import parse_birth
from clerk_app.clock import from_iso
from clerk_app.model import Ballots, Voter
from clerk_app.storage.merge import CheckInRef
from clerk_app.ui import messages
from clerk_app.ui.dialogs import FormDialog

VoterLookup = Callable[[int], Voter | None]


class ListNoField(QWidget):
    """A list number and, under it, who that is: name, birth, check-in."""

    def __init__(self, lookup: VoterLookup, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lookup = lookup
        self.edit = QLineEdit()
        self.edit.setValidator(QIntValidator(1, 9_999_999, self.edit))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.summary)
        self.edit.textChanged.connect(self._show_summary)

    def list_no(self) -> int | None:
        text = self.edit.text().strip()
        return int(text) if text.isdigit() else None

    def voter(self) -> Voter | None:
        number = self.list_no()
        return self._lookup(number) if number is not None else None

    def set_list_no(self, number: int | None) -> None:
        self.edit.setText(str(number) if number is not None else "")
        self._show_summary()

    def missing_voter(self) -> str | None:
        """What a form says when the number names no voter of this list; None when it does."""
        return self.tr("Type the list number of a voter on this list.") if self.voter() is None else None

    def _show_summary(self) -> None:
        voter = self.voter()
        if self.list_no() is None:
            self.summary.setText("")
        elif voter is None:
            self.summary.setText(self.tr("No voter has this number."))
        else:
            status = messages.voter_status_text(voter)
            self.summary.setText(messages.voter_line(voter) + (f" · {status}" if status else ""))


@dataclass(frozen=True)
class NewVoter:
    name: str
    birth: str
    birth_year: int | None
    gender: str
    group: str
    residence: str
    certificate: str
    ballots: Ballots


class AddVoterDialog(FormDialog):
    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.set_heading(
            self.tr("Add a voter with a certificate"),
            self.tr(
                "For a voter registered elsewhere who brings a certificate to vote here (paper or "
                "VNeID). They get the next list number."
            ),
        )
        self.name = QLineEdit()
        self.birth = QLineEdit()
        self.birth.setPlaceholderText(self.tr("dd/mm/yyyy or year"))
        self.gender = QComboBox()
        # Not given until chosen: a default a clerk in a hurry leaves would be wrong for half the
        # voters (and count them wrongly in the turnout by gender).
        for text, value in (("—", ""), (self.tr("Male"), "Nam"), (self.tr("Female"), "Nữ")):
            self.gender.addItem(text, value)
        self.group = QLineEdit()
        self.residence = QLineEdit()
        self.certificate = QLineEdit()
        self.ballot_boxes = [QCheckBox(name) for name in messages.ballot_names(Ballots())]
        for box in self.ballot_boxes:
            box.setChecked(True)
        ballots_row = QWidget()
        row_layout = QHBoxLayout(ballots_row)
        row_layout.setContentsMargins(0, 0, 0, 0)
        for box in self.ballot_boxes:
            row_layout.addWidget(box)
        self.add_row(self.tr("Full name"), self.name)
        self.add_row(self.tr("Born"), self.birth)
        self.add_row(self.tr("Gender"), self.gender)
        self.add_row(self.tr("Residential group"), self.group)
        self.add_row(self.tr("Address"), self.residence)
        self.add_row(self.tr("Certificate number"), self.certificate)
        self.add_row(self.tr("Ballots"), ballots_row)
        self.set_ok_text(self.tr("Add to the list"))

    def validate(self) -> str | None:
        if not self.name.text().strip():
            return self.tr("Write the voter's full name.")
        if parse_birth(self.birth.text()) is None:
            return self.tr("Write the birth date as dd/mm/yyyy, or the year alone.")
        if not self.certificate.text().strip():
            return self.tr("Write the number of the certificate to vote elsewhere.")
        return None

    def values(self) -> NewVoter:
        birth, year = parse_birth(self.birth.text()) or ("", None)
        national, city, ward = (box.isChecked() for box in self.ballot_boxes)
        return NewVoter(
            name=self.name.text().strip(),
            birth=birth,
            birth_year=year,
            gender=str(self.gender.currentData()),
            group=self.group.text().strip(),
            residence=self.residence.text().strip(),
            certificate=self.certificate.text().strip(),
            ballots=Ballots(national, city, ward),
        )


class MarkElsewhereDialog(FormDialog):
    def __init__(self, parent: QWidget | None, lookup: VoterLookup, list_no: int | None) -> None:
        super().__init__(parent)
        self.set_heading(
            self.tr("Mark a voter as voting elsewhere"),
            self.tr(
                "For a voter of this list who took a certificate to vote at another polling station. "
                "They can no longer be checked in here."
            ),
        )
        self.list_no = ListNoField(lookup)
        self.list_no.set_list_no(list_no)
        self.certificate = QLineEdit()
        self.add_row(self.tr("List no."), self.list_no)
        self.add_row(self.tr("Certificate number"), self.certificate)
        self.set_ok_text(self.tr("Mark as voting elsewhere"))

    def validate(self) -> str | None:
        return self.list_no.missing_voter()


class UnmarkElsewhereDialog(FormDialog):
    """Take back a "voting elsewhere" mark made in error: the voter, the reason, the PIN."""

    def __init__(self, parent: QWidget | None, lookup: VoterLookup, list_no: int | None) -> None:
        super().__init__(parent)
        self.set_heading(
            self.tr('Take back "voting elsewhere"'),
            self.tr(
                "Only the team leader may take back a mark made in error (the wrong row chosen); the voter "
                "can then be checked in here. The reason stays on this computer."
            ),
        )
        self.list_no = ListNoField(lookup)
        self.list_no.set_list_no(list_no)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("e.g. wrong row marked"))
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.add_row(self.tr("List no."), self.list_no)
        self.add_row(self.tr("Reason"), self.reason)
        self.add_row(self.tr("Team-leader PIN"), self.pin)
        self.set_ok_text(self.tr("Take back the mark"))

    def validate(self) -> str | None:
        return self.list_no.missing_voter()


CheckInsLookup = Callable[[int], list[CheckInRef]]  # a voter's live check-ins, earliest first


def check_in_text(ref: CheckInRef, own_device: str) -> str:
    """ "08:12 · Bàn 1 · this computer": when and where a check-in was made."""
    table = ref.clerk or QCoreApplication.translate("UndoDialog", "table not named")
    device = (
        QCoreApplication.translate("UndoDialog", "this computer")
        if ref.device_id == own_device
        else QCoreApplication.translate("UndoDialog", "computer {device}").format(device=ref.device_id)
    )
    return f"{messages.clock_time(from_iso(ref.at))} · {table} · {device}"


class CheckInChooser(QWidget):
    """The voter's check-ins, one radio button each, when two tables both checked the voter in."""

    def __init__(self, own_device: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._own_device = own_device
        self.note = QLabel()  # placed by the dialog, across the form: it says what the choice is for
        self.note.setWordWrap(True)
        self.group = QButtonGroup(self)
        self.buttons: list[QRadioButton] = []
        self.check_ins: list[CheckInRef] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def set_check_ins(self, check_ins: list[CheckInRef]) -> None:
        if check_ins == self.check_ins:
            return
        for button in self.buttons:
            self.group.removeButton(button)
            button.deleteLater()
        self.check_ins = list(check_ins)
        self.buttons = []
        for ref in self.check_ins:
            button = QRadioButton(check_in_text(ref, self._own_device))
            self.group.addButton(button)
            self._layout.addWidget(button)
            self.buttons.append(button)
        self.note.setText(
            self.tr(
                "This voter was checked in at {count} tables while they could not see each other. "
                "Choose the check-in made in error: the other one stays."
            ).format(count=len(self.check_ins))
        )

    def chosen(self) -> CheckInRef | None:
        checked = [ref for ref, button in zip(self.check_ins, self.buttons, strict=True) if button.isChecked()]
        return checked[0] if checked else None


class UndoDialog(FormDialog):
    """Undo a check-in: the voter, which check-in when two tables made one, the reason, the PIN."""

    def __init__(
        self,
        parent: QWidget | None,
        lookup: VoterLookup,
        list_no: int | None,
        check_ins: CheckInsLookup | None = None,
        own_device: str = "",
    ) -> None:
        super().__init__(parent)
        self.set_heading(
            self.tr("Undo a check-in"),
            self.tr("Only the team leader may undo a check-in made in error. The reason stays on this computer."),
        )
        self.setMinimumWidth(660)  # the voter's line and the check-ins fit on one line each
        self._check_ins = check_ins or (lambda _no: [])
        self._shown: list[CheckInRef] = []  # the voter's check-ins as the form shows them
        self.list_no = ListNoField(lookup)
        self.chooser = CheckInChooser(own_device)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("e.g. wrong voter chosen"))
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.add_row(self.tr("List no."), self.list_no)
        self.form.addRow(self.chooser.note)
        self.add_row(self.tr("Check-in to undo"), self.chooser)
        self.add_row(self.tr("Reason"), self.reason)
        self.add_row(self.tr("Team-leader PIN"), self.pin)
        self.set_ok_text(self.tr("Undo check-in"))
        self.list_no.edit.textChanged.connect(self._show_check_ins)
        self.list_no.set_list_no(list_no)
        self._show_check_ins()

    def _show_check_ins(self) -> None:
        number = self.list_no.list_no()
        voter = self.list_no.voter()
        self._shown = self._check_ins(number) if number is not None and voter is not None else []
        self.chooser.set_check_ins(self._shown if len(self._shown) > 1 else [])
        for row in (self.chooser.note, self.chooser):
            self.form.setRowVisible(row, len(self._shown) > 1)
        # Buttons made now would come after the PIN for Tab: number, check-ins, reason, PIN.
        chain: list[QWidget] = [self.list_no.edit, *self.chooser.buttons, self.reason, self.pin]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def choosing(self) -> bool:
        """Whether the voter has several check-ins to choose from (a conflict between tables)."""
        return len(self.chooser.check_ins) > 1

    def chosen_check_in(self) -> tuple[str, int] | None:
        """The check-in to undo, (device_id, seq): the one chosen, or the voter's only one, as shown
        (should another table's check-in arrive meanwhile, the one the team leader saw is undone)."""
        ref = self.chooser.chosen() if self.choosing() else (self._shown[0] if len(self._shown) == 1 else None)
        return (ref.device_id, ref.seq) if ref is not None else None

    def focus_first_empty_field(self) -> None:
        # With two check-ins, the choice comes first: nothing is chosen for the team leader.
        if self.choosing() and self.chooser.chosen() is None:
            self.chooser.buttons[0].setFocus(Qt.FocusReason.OtherFocusReason)
            return
        super().focus_first_empty_field()

    def validate(self) -> str | None:
        voter = self.list_no.voter()
        if voter is None:
            return self.list_no.missing_voter()
        if voter.checked_in_at is None:
            return messages.refusal_sentence("not_checked_in")
        if self.choosing() and self.chooser.chosen() is None:
            return self.tr("Choose which check-in to undo.")
        if not self.reason.text().strip():
            return messages.refusal_sentence("reason_required")
        if not self.pin.text():
            return self.tr("The team leader types the PIN.")
        return None
