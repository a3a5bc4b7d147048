"""Table models: search results (one voter per row) and the recent check-ins.

Each result row carries everything that tells namesakes apart (birth, gender, group,
address) and whether and when the voter already checked in; a voter checked in at two tables
while they could not reach each other (a sync conflict) says so, with both times and tables.
"""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from clerk_app.model import Voter, VoterStatus
from clerk_app.storage.merge import CheckInConflict
from clerk_app.ui import messages, sync_messages, theme
from clerk_app.ui.i18n import QT_TRANSLATE_NOOP

Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    LIST_NO = 0
    NAME = 1
    BIRTH = 2
    GENDER = 3
    GROUP = 4
    ADDRESS = 5
    VOTED = 6


_HEADERS = {
    Column.LIST_NO: QT_TRANSLATE_NOOP("VoterTableModel", "No."),
    Column.NAME: QT_TRANSLATE_NOOP("VoterTableModel", "Full name"),
    Column.BIRTH: QT_TRANSLATE_NOOP("VoterTableModel", "Born"),
    Column.GENDER: QT_TRANSLATE_NOOP("VoterTableModel", "Gender"),
    Column.GROUP: QT_TRANSLATE_NOOP("VoterTableModel", "Group"),
    Column.ADDRESS: QT_TRANSLATE_NOOP("VoterTableModel", "Address"),
    Column.VOTED: QT_TRANSLATE_NOOP("VoterTableModel", "Voted"),
}


class VoterTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._voters: list[Voter] = []
        self._ward: str | None = None
        self._conflicts: dict[int, CheckInConflict] = {}

    def set_conflicts(self, conflicts: dict[int, CheckInConflict]) -> None:
        """Voters checked in at more than one table, by list number: their rows carry a marker."""
        if conflicts == self._conflicts:
            return
        self._conflicts = dict(conflicts)
        if self._voters:
            column = Column.VOTED
            self.dataChanged.emit(self.index(0, column), self.index(len(self._voters) - 1, column))

    def set_voters(self, voters: list[Voter], *, ward: str | None = None) -> None:
        """``ward`` (e.g. "phường Láng") is cut from addresses: every row of the station shares it."""
        self.beginResetModel()
        self._voters = list(voters)
        self._ward = ward
        self.endResetModel()

    def voters(self) -> list[Voter]:
        return list(self._voters)

    def voter_at(self, row: int) -> Voter | None:
        return self._voters[row] if 0 <= row < len(self._voters) else None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column) - 1)
        if self._voters:
            last = self.index(len(self._voters) - 1, len(Column) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._voters)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("VoterTableModel", _HEADERS[Column(section)])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        voter = self.voter_at(index.row())
        if voter is None:
            return None
        column = Column(index.column())
        conflict = self._conflicts.get(voter.list_no) if column is Column.VOTED else None
        if conflict is not None:
            return _conflict_cell(conflict, role)
        if role == Qt.ItemDataRole.DisplayRole:
            return _cell_text(voter, column, self._ward)
        if role == Qt.ItemDataRole.ToolTipRole:  # the whole address, cut in the cell
            return voter.residence if column is Column.ADDRESS else _cell_text(voter, column, None)
        return _cell_style(voter, column, role)


def _cell_style(voter: Voter, column: Column, role: int) -> object:
    if role == Qt.ItemDataRole.ForegroundRole and column is Column.VOTED:
        return _voted_brush(voter)
    if role == Qt.ItemDataRole.FontRole and column in (Column.NAME, Column.VOTED):
        font = QFont()
        font.setBold(True)
        return font
    if role == Qt.ItemDataRole.TextAlignmentRole and column is Column.LIST_NO:
        return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return None


def _conflict_cell(conflict: CheckInConflict, role: int) -> object:
    if role == Qt.ItemDataRole.DisplayRole:
        return "⚠ " + sync_messages.check_in_places(conflict)
    if role == Qt.ItemDataRole.ToolTipRole:
        return sync_messages.conflict_marker(conflict)
    if role == Qt.ItemDataRole.ForegroundRole:
        return QBrush(QColor(theme.STOP_BG))
    if role == Qt.ItemDataRole.FontRole:
        font = QFont()
        font.setBold(True)
        return font
    return None


def short_address(address: str, ward: str | None) -> str:
    """The part of an address that differs between voters of one station (the ward is shared)."""
    if ward:
        cut = address.casefold().find(", " + ward.casefold())
        if cut > 0:
            return address[:cut]
    return address


def short_group(group: str) -> str:
    """ "Tổ dân phố 5" -> "5" under the "Tổ" header; other names ("Thôn Đông") as they are."""
    prefix = "tổ dân phố "
    return group[len(prefix) :] if group.casefold().startswith(prefix) else group


def _cell_text(voter: Voter, column: Column, ward: str | None) -> str:
    texts = {
        Column.LIST_NO: lambda: str(voter.list_no),
        Column.NAME: lambda: voter.name,
        Column.BIRTH: lambda: voter.birth,
        Column.GENDER: lambda: messages.gender_text(voter.gender),
        Column.GROUP: lambda: short_group(voter.group),
        Column.ADDRESS: lambda: short_address(voter.residence, ward),
        Column.VOTED: lambda: messages.voter_status_text(voter),
    }
    return texts[column]()


def _voted_brush(voter: Voter) -> QBrush | None:
    if voter.checked_in_at is not None:
        return QBrush(QColor(theme.VOTED_INK))
    if voter.status in (VoterStatus.ELSEWHERE, VoterStatus.REMOVED):
        return QBrush(QColor(theme.ELSEWHERE_INK))
    return None


class RecentModel(QAbstractListModel):
    """The last few check-ins, newest first: time, list number, name."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._voters: list[Voter] = []

    def set_voters(self, voters: list[Voter]) -> None:
        self.beginResetModel()
        self._voters = list(voters)
        self.endResetModel()

    def voters(self) -> list[Voter]:
        return list(self._voters)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._voters)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not (0 <= index.row() < len(self._voters)) or role != Qt.ItemDataRole.DisplayRole:
            return None
        voter = self._voters[index.row()]
        at = messages.clock_time(voter.checked_in_at) if voter.checked_in_at else "--:--"
        box = "\n" + QCoreApplication.translate("Messages", "(mobile box)") if voter.mobile_box else ""
        number = QCoreApplication.translate("Messages", "No. {no}").format(no=voter.list_no)
        return f"{at}  ·  {number}\n{voter.name}{box}"
