"""Forms for the voter list on the day: add with a certificate, votes elsewhere, undo a check-in.

Each form that takes a list number shows, as the number is typed, who that number is, so
the team leader sees the name before undoing or marking anyone.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from clerk_app.model import Ballots, Voter
from clerk_app.ui import messages
from clerk_app.ui.dialogs import FormDialog

VoterLookup = Callable[[int], Voter | None]

_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


def parse_birth(text: str) -> tuple[str, int | None] | None:
    """'dd/mm/yyyy', 'yyyy' or '' into (birth as shown, birth year); None when unreadable."""
    text = text.strip()
    if not text:
        return "", None
    if text.isdigit() and len(text) == 4:
        return text, int(text)
    match = _DATE.fullmatch(text)
    if match is None:
        return None
    day, month, year = (int(g) for g in match.groups())
    try:
        date(year, month, day)
    except ValueError:
        return None
    return f"{day:02d}/{month:02d}/{year}", year


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
        for text, value in ((self.tr("Male"), "Nam"), (self.tr("Female"), "Nữ"), ("—", "")):
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
        if self.list_no.voter() is None:
            return self.tr("Type the list number of a voter on this list.")
        return None


class UndoDialog(FormDialog):
    def __init__(self, parent: QWidget | None, lookup: VoterLookup, list_no: int | None) -> None:
        super().__init__(parent)
        self.set_heading(
            self.tr("Undo a check-in"),
            self.tr("Only the team leader may undo a check-in made in error. The reason stays on this computer."),
        )
        self.list_no = ListNoField(lookup)
        self.list_no.set_list_no(list_no)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("e.g. wrong voter chosen"))
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.add_row(self.tr("List no."), self.list_no)
        self.add_row(self.tr("Reason"), self.reason)
        self.add_row(self.tr("Team-leader PIN"), self.pin)
        self.set_ok_text(self.tr("Undo check-in"))

    def validate(self) -> str | None:
        voter = self.list_no.voter()
        if voter is None:
            return self.tr("Type the list number of a voter on this list.")
        if voter.checked_in_at is None:
            return messages.refusal_sentence("not_checked_in")
        if not self.reason.text().strip():
            return messages.refusal_sentence("reason_required")
        if not self.pin.text():
            return self.tr("The team leader types the PIN.")
        return None
