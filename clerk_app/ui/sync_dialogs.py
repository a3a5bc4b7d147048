"""Forms for sync: connecting this laptop to the ward server, and the team leader's conflict list."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clerk_app.model import Voter
from clerk_app.storage.merge import CheckInConflict, ListConflict
from clerk_app.sync import link
from clerk_app.sync.errors import BadEnrolment
from clerk_app.ui import sync_messages
from clerk_app.ui.dialogs import FormDialog, InfoDialog, wrapped_list

MAX_STATION = 100_000


@dataclass(frozen=True)
class EnrolValues:
    url: str
    code: str
    station_no: int | None
    ca_bundle: Path | None


class EnrolDialog(FormDialog):
    """Settings → Connect to ward server…: address, one-time code, the ward's CA file if it has one."""

    def __init__(self, parent: QWidget | None, *, station_no: int | None, url: str = "") -> None:
        super().__init__(parent)
        self.set_heading(
            self.tr("Connect to the ward server"),
            self.tr(
                "The ward office gives this laptop the server's address and a one-time enrolment code. "
                "The device secret is kept in this computer's system keyring, never in a file. "
                "Check-ins go on while connecting."
            ),
        )
        self.url = QLineEdit(url)
        self.url.setPlaceholderText("https://192.168.1.10:8443")
        self.code = QLineEdit()
        self.code.setPlaceholderText(self.tr("as printed by the ward office"))
        self.station_no = QLineEdit(str(station_no) if station_no is not None else "")
        self.station_no.setReadOnly(station_no is not None)  # the list decides; a new laptop types it
        self.station_no.setPlaceholderText(self.tr("the number of this polling area"))
        self.ca_bundle = QLineEdit()
        self.ca_bundle.setPlaceholderText(self.tr("optional: the ward's certificate file (.pem)"))
        self.choose_ca = QPushButton(self.tr("Choose…"))
        self.choose_ca.setAutoDefault(False)
        self.choose_ca.clicked.connect(self._choose_ca)
        ca_row = QWidget()
        ca_layout = QHBoxLayout(ca_row)
        ca_layout.setContentsMargins(0, 0, 0, 0)
        ca_layout.addWidget(self.ca_bundle, 1)
        ca_layout.addWidget(self.choose_ca)
        ca_row.setMinimumHeight(self.choose_ca.sizeHint().height())  # the button's padding is not squeezed
        self.add_row(self.tr("Ward server address"), self.url)
        self.add_row(self.tr("Enrolment code"), self.code)
        self.add_row(self.tr("Station number"), self.station_no)
        self.add_row(self.tr("Certificate (CA)"), ca_row)
        self.progress = QLabel(self.tr("Connecting to the ward server…"))
        self.progress.setObjectName("notice")
        self.progress.hide()
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(layout.indexOf(self.error), self.progress)
        self.set_ok_text(self.tr("Connect"))
        self.setMinimumWidth(780)  # the address, the file path and a two-line error without squeezing
        self.busy = False

    def _choose_ca(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("The ward's certificate"),
            str(Path.home()),
            self.tr("Certificates (*.pem *.crt);;All files (*)"),
        )
        if path:
            self.ca_bundle.setText(path)

    def values(self) -> EnrolValues:
        ca = self.ca_bundle.text().strip()
        number = self.station_no.text().strip()
        return EnrolValues(
            url=self.url.text().strip(),
            code=self.code.text().strip(),
            station_no=int(number) if number.isdigit() else None,
            ca_bundle=Path(ca) if ca else None,
        )

    def validate(self) -> str | None:
        if self.busy:
            return self.tr("Connecting… please wait.")
        values = self.values()
        try:
            link.check_url(values.url)
        except BadEnrolment:
            return sync_messages.bad_address()
        if not values.code:
            return self.tr("Type the enrolment code.")
        if values.station_no is None or not 1 <= values.station_no <= MAX_STATION:
            return self.tr("Type the station number.")
        if values.ca_bundle is not None and not values.ca_bundle.is_file():
            return self.tr("The certificate file was not found: {path}").format(path=values.ca_bundle)
        return None

    def show_error(self, text: str) -> None:
        super().show_error(text)
        self.adjustSize()  # an error of several lines: the dialog grows rather than clip it

    def set_busy(self, busy: bool) -> None:
        """While enrol() runs: the fields are locked and the dialog says it is connecting."""
        self.busy = busy
        for widget in (self.url, self.code, self.ca_bundle, self.choose_ca, self.ok_button, self.cancel_button):
            widget.setEnabled(not busy)
        self.progress.setVisible(busy)
        if busy:
            self.error.hide()
        self.adjustSize()

    def reject(self) -> None:
        if not self.busy:  # Esc while connecting would leave the enrolment's answer nowhere to go
            super().reject()


@dataclass(frozen=True)
class ConflictRow:
    conflict: CheckInConflict
    voter: Voter | None


class ConflictsDialog(InfoDialog):
    """The team leader's list: voters checked in at more than one table, and clashing list changes."""

    def __init__(self, parent: QWidget | None, rows: list[ConflictRow], list_conflicts: list[ListConflict]) -> None:
        title = QCoreApplication.translate("ConflictsDialog", "Conflicts")
        super().__init__(parent, title, _conflicts_intro(rows, list_conflicts))
        self.table = QTableWidget(len(rows), 3)
        self.table.setObjectName("conflicts")
        self.table.setHorizontalHeaderLabels(
            [self.tr("No."), self.tr("Full name"), self.tr("Checked in (time, table)")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for row, entry in enumerate(rows):
            devices = ", ".join(ref.device_id for ref in entry.conflict.check_ins)
            name = entry.voter.name if entry.voter is not None else ""
            items = (str(entry.conflict.list_no), name, sync_messages.check_in_places(entry.conflict))
            for column, text in enumerate(items):
                item = QTableWidgetItem(text)
                item.setToolTip(self.tr("Devices: {devices}").format(devices=devices))
                if column == 0:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self.table.setVisible(bool(rows))
        self.list_changes = wrapped_list([sync_messages.list_conflict_text(c) for c in list_conflicts])
        self.list_changes.setVisible(bool(list_conflicts))
        self.list_title = QLabel(self.tr("List changes that clash between tables:"))
        self.list_title.setVisible(bool(list_conflicts))
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        for offset, widget in enumerate((self.table, self.list_title, self.list_changes)):
            layout.insertWidget(2 + offset, widget)
        self.resize(900, 520)


def _conflicts_intro(rows: list[ConflictRow], list_conflicts: list[ListConflict]) -> str:
    if not rows and not list_conflicts:
        return QCoreApplication.translate("ConflictsDialog", "No conflicts between tables.")
    return QCoreApplication.translate(
        "ConflictsDialog",
        "These voters were checked in at more than one table while the tables could not reach each "
        "other. Both times are kept and each voter is counted once. Check with the clerks of those "
        "tables and record what happened in the minutes.",
    )
