"""Table models of the turnout view: tallies (groups, gender, age bands), a group's voters still
to vote, and the hourly reports. Each holds plain rows from clerk_app.turnout; numbers are
formatted for the interface language when shown, so a language switch only repaints.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from clerk_app.turnout import Tally, WaitingVoter
from clerk_app.turnout.snapshots import Snapshot
from clerk_app.ui import messages, theme
from clerk_app.ui.i18n import QT_TRANSLATE_NOOP
from clerk_app.ui.results_model import short_group

Index = QModelIndex | QPersistentModelIndex
Row = TypeVar("Row")
CONTEXT = "TurnoutTables"
LOW_TURNOUT = 50.0  # groups below this share are shown in the warning colour: who to remind

_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class RowsModel(QAbstractTableModel, Generic[Row]):
    """A read-only table of ``Row`` values: one header and one cell function per column."""

    headers: Sequence[str] = ()  # English sources in the TurnoutTables context
    numeric: frozenset[int] = frozenset()  # right-aligned columns

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []
        self._wrapped: frozenset[int] = frozenset()  # columns whose header is shown on two lines

    def set_rows(self, rows: Sequence[Row]) -> None:
        """New rows; when they are the same rows in the same order (the usual refresh: numbers moved),
        only the cells that changed are repainted, not the whole table."""
        new = list(rows)
        old = self._rows
        if len(new) != len(old) or any(self.key(a) != self.key(b) for a, b in zip(old, new, strict=True)):
            self.beginResetModel()
            self._rows = new
            self.endResetModel()
            return
        self._rows = new
        changed = [i for i, (a, b) in enumerate(zip(old, new, strict=True)) if a != b]
        if changed:
            last_column = max(self.columnCount() - 1, 0)
            self.dataChanged.emit(self.index(changed[0], 0), self.index(changed[-1], last_column))

    def key(self, row: Row) -> object:
        """What identifies a row across refreshes."""
        return row

    def text_widths(self) -> tuple[object, ...]:
        """Each column's header and the length of its longest text: when they change, the columns
        are sized again (measuring every cell on every refresh would cost far more)."""
        return tuple(
            (self.header_text(column), max((len(self.cell(row, column)) for row in self._rows), default=0))
            for column in range(len(self.headers))
        )

    def rows(self) -> list[Row]:
        return list(self._rows)

    def row_at(self, row: int) -> Row | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.headers) - 1)
        self.layoutChanged.emit()

    def header_text(self, column: int) -> str:
        """The column's header in the interface language, on one line."""
        return QCoreApplication.translate(CONTEXT, self.headers[column])

    def wrapped_headers(self) -> frozenset[int]:
        return self._wrapped

    def set_wrapped_headers(self, columns: frozenset[int]) -> None:
        """Show these columns' headers on two lines (a narrow table: see TurnoutTable.fit_columns)."""
        if columns != self._wrapped:
            self._wrapped = columns
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.headers) - 1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            text = self.header_text(section)
            return two_lines(text) if section in self._wrapped else text
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if section in self.numeric else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        row = self.row_at(index.row())
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell(row, index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in self.numeric:
            return _RIGHT
        return self.style(row, index.column(), role)

    def cell(self, row: Row, column: int) -> str:
        raise NotImplementedError

    def style(self, row: Row, column: int, role: int) -> object:
        return None


class TallyModel(RowsModel[Tally]):
    """Voters on the list, voted, percent, still to vote, per group (or gender, or age band)."""

    headers = (
        QT_TRANSLATE_NOOP("TurnoutTables", "Group"),
        QT_TRANSLATE_NOOP("TurnoutTables", "Voters"),
        QT_TRANSLATE_NOOP("TurnoutTables", "Voted"),
        QT_TRANSLATE_NOOP("TurnoutTables", "Turnout"),
        QT_TRANSLATE_NOOP("TurnoutTables", "Still to vote"),
    )
    numeric = frozenset({1, 2, 3, 4})

    def __init__(self, key_text: Callable[[str], str], first_header: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._key_text = key_text
        self.headers = (first_header, *TallyModel.headers[1:])

    def key(self, row: Tally) -> object:
        return row.key

    def cell(self, row: Tally, column: int) -> str:
        values = (
            lambda: self._key_text(row.key),
            lambda: messages.number(row.on_list),
            lambda: messages.number(row.voted),
            lambda: messages.percent(row.percent),
            lambda: messages.number(row.waiting),
        )
        return values[column]()

    def style(self, row: Tally, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.ForegroundRole and column == 3 and row.waiting and row.percent < LOW_TURNOUT:
            return QBrush(QColor(theme.ELSEWHERE_INK))
        if role == Qt.ItemDataRole.FontRole and column == 4 and row.waiting:
            font = QFont()
            font.setBold(True)
            return font
        return None


class WaitingModel(RowsModel[WaitingVoter]):
    headers = (
        QT_TRANSLATE_NOOP("TurnoutTables", "No."),
        QT_TRANSLATE_NOOP("TurnoutTables", "Full name"),
        QT_TRANSLATE_NOOP("TurnoutTables", "Born"),
        QT_TRANSLATE_NOOP("TurnoutTables", "Address"),
    )
    numeric = frozenset({0})

    def key(self, row: WaitingVoter) -> object:
        return row.list_no

    def cell(self, row: WaitingVoter, column: int) -> str:
        return (str(row.list_no), row.name, row.birth, row.residence)[column]


class SnapshotModel(RowsModel[Snapshot]):
    headers = (
        QT_TRANSLATE_NOOP("TurnoutTables", "Hour"),
        QT_TRANSLATE_NOOP("TurnoutTables", "Voters"),
        QT_TRANSLATE_NOOP("TurnoutTables", "Voted"),
        QT_TRANSLATE_NOOP("TurnoutTables", "Turnout"),
        QT_TRANSLATE_NOOP("TurnoutTables", "Recorded"),
        QT_TRANSLATE_NOOP("TurnoutTables", "Confirmed"),
    )
    numeric = frozenset({1, 2, 3})

    def key(self, row: Snapshot) -> object:
        return row.uuid

    def cell(self, row: Snapshot, column: int) -> str:
        confirmed = ""
        if row.confirmed_at is not None:
            confirmed = "✓ " + messages.clock_time(row.confirmed_at)
        values = (
            row.hour,
            messages.number(row.voters),
            messages.number(row.checked_in),
            messages.percent(row.percent),
            messages.clock_time(row.recorded_at),
            confirmed,
        )
        return values[column]

    def style(self, row: Snapshot, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.ForegroundRole and column == 5 and row.confirmed_at is not None:
            return QBrush(QColor(theme.VOTED_INK))
        return None


def two_lines(text: str) -> str:
    """A header broken at the space that makes its longer line shortest ("Still to vote" as
    "Still to" over "vote"); a single word stays as it is."""
    words = text.split()
    if len(words) < 2:
        return text
    splits = [(" ".join(words[:i]), " ".join(words[i:])) for i in range(1, len(words))]
    first, second = min(splits, key=lambda pair: max(len(pair[0]), len(pair[1])))
    return f"{first}\n{second}"


def group_text(group: str) -> str:
    return short_group(group) if group else QCoreApplication.translate("TurnoutTables", "(no group)")


def gender_text(gender: str) -> str:
    return messages.gender_text(gender) if gender else QCoreApplication.translate("TurnoutTables", "Unknown")


def age_band_text(band: str) -> str:
    """ "30-44" as "30–44"; "75+" as it is; an unknown birth as "Unknown"."""
    return band.replace("-", "–") if band else QCoreApplication.translate("TurnoutTables", "Unknown")
