"""The turnout view's tables: by residential group (with the voters still to vote of the group
chosen), by gender and age band, and the hourly reports with their confirmation.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clerk_app.turnout import Tally, Turnout, WaitingVoter
from clerk_app.turnout.snapshots import Snapshot
from clerk_app.ui import messages
from clerk_app.ui.i18n import QT_TRANSLATE_NOOP
from clerk_app.ui.turnout_models import (
    RowsModel,
    SnapshotModel,
    TallyModel,
    WaitingModel,
    age_band_text,
    gender_text,
    group_text,
)


class TurnoutTable(QTableView):
    """A read-only table whose columns fit its width, headers whole, without a horizontal scroll bar.

    Columns are sized to their contents when the rows first arrive, when the longest text of a
    column changes and when the table is resized, not on every refresh: ResizeToContents would
    measure every cell of every row after each model reset, once a second while check-ins come
    in. When the columns are wider than the table, headers longer than their column's values
    ("Age on election day", "Chưa bỏ phiếu") go on two lines, the widest first, until they fit.
    ``elastic`` names a column of long texts (addresses) that takes the width left over and cuts
    its texts short ("…") rather than widen the table; without one, the last column takes what is left.
    """

    def __init__(self, model: RowsModel, *, elastic: int | None = None) -> None:
        super().__init__()
        self.setModel(model)
        self.setObjectName("turnoutTable")
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setTextElideMode(Qt.TextElideMode.ElideNone)  # a header is read whole, never "Still to v…"
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self._rows_model = model
        self._elastic = elastic
        self._fitted: tuple[object, ...] | None = None

    def rows_model(self) -> RowsModel:
        return self._rows_model

    def fit_columns(self) -> None:
        """Size the columns to their contents and the table's width, when either changed (and the
        table is on screen: a hidden table has no style yet to measure with)."""
        if not self.isVisible():
            self._fitted = None
            return
        key = (self._rows_model.text_widths(), self.viewport().width())
        if key == self._fitted:
            return
        self._wrap_headers_to_fit()
        self.resizeColumnsToContents()
        header, width = self.horizontalHeader(), self.viewport().width()
        last = self._rows_model.columnCount() - 1
        if self._elastic is not None:
            others = header.length() - self.columnWidth(self._elastic)
            self.setColumnWidth(self._elastic, max(header.sectionSizeHint(self._elastic), width - others))
        # Sizing to contents leaves the last column at its content's width: it takes the rest.
        spare = width - header.length()
        if spare > 0 and last >= 0:
            self.setColumnWidth(last, self.columnWidth(last) + spare)
        self._fitted = key

    def _wrap_headers_to_fit(self) -> None:
        model, header = self._rows_model, self.horizontalHeader()
        wrapped: frozenset[int] = frozenset()
        model.set_wrapped_headers(wrapped)
        columns = range(model.columnCount())
        # The elastic column's texts may be cut short: only its header must fit.
        cells = [0 if c == self._elastic else self.sizeHintForColumn(c) for c in columns]
        while True:
            headers = [header.sectionSizeHint(c) for c in columns]
            if sum(max(h, w) for h, w in zip(headers, cells, strict=True)) <= self.viewport().width():
                return
            # Only a header wider than its values makes its column wider than needed.
            candidates = [
                c for c in columns if c not in wrapped and headers[c] > cells[c] and " " in model.header_text(c)
            ]
            if not candidates:
                return  # a very large text size: the scroll bar is the last resort
            wrapped |= {max(candidates, key=lambda c: headers[c] - cells[c])}
            model.set_wrapped_headers(wrapped)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_columns()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.fit_columns()


class GroupsTab(QWidget):
    """Groups, lowest turnout first; a click or Enter on one lists its voters still to vote."""

    group_chosen = Signal(str)  # the group's name ("" for voters without a group)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = TallyModel(group_text, QT_TRANSLATE_NOOP("TurnoutTables", "Group"), self)
        self.view = TurnoutTable(self.model)
        self.waiting_title = QLabel()
        self.waiting_title.setObjectName("panelTitle")
        self.waiting_title.setWordWrap(True)
        self.waiting_model = WaitingModel(self)
        self.waiting_view = TurnoutTable(self.waiting_model, elastic=3)
        self.chosen: str | None = None
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 4, 0, 0)
        lower_layout.addWidget(self.waiting_title)
        lower_layout.addWidget(self.waiting_view)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.view)
        splitter.addWidget(lower)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([300, 200])  # the groups first: they say where to look
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(splitter)
        self.view.clicked.connect(self._choose)
        self.view.activated.connect(self._choose)
        self.render_texts()

    def show_groups(self, groups: list[Tally]) -> None:
        self.model.set_rows(groups)
        self.view.fit_columns()
        keys = [g.key for g in groups]
        if self.chosen is not None and self.chosen in keys:  # the choice stays on its group as the order moves
            self.view.selectRow(keys.index(self.chosen))

    def show_waiting(self, group: str, voters: list[WaitingVoter]) -> None:
        self.chosen = group
        self.waiting_model.set_rows(voters)
        self.waiting_view.fit_columns()
        self._render_title()

    def _choose(self, index: QModelIndex) -> None:
        row = self.model.row_at(index.row())
        if row is not None:
            self.group_chosen.emit(row.key)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.render_texts()
        super().changeEvent(event)

    def render_texts(self) -> None:
        self.model.retranslate()
        self.waiting_model.retranslate()
        self.view.fit_columns()
        self.waiting_view.fit_columns()
        self._render_title()

    def _render_title(self) -> None:
        if self.chosen is None:
            self.waiting_title.setText(
                self.tr("Click a group (or press Enter on it) to list its voters still to vote.")
            )
            return
        name = self.chosen or group_text("")
        count = self.waiting_model.rowCount()
        self.waiting_title.setText(
            self.tr("Still to vote in {group}: {count}").format(group=name, count=messages.number(count))
            if count
            else self.tr("Everyone in {group} has voted.").format(group=name)
        )


class PeopleTab(QWidget):
    """Turnout by gender and by age band on election day, side by side."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.genders = TallyModel(gender_text, QT_TRANSLATE_NOOP("TurnoutTables", "Gender"), self)
        self.ages = TallyModel(age_band_text, QT_TRANSLATE_NOOP("TurnoutTables", "Age on election day"), self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.views = [TurnoutTable(model) for model in (self.genders, self.ages)]
        layout.addWidget(self.views[0], 3)  # Nam, Nữ and perhaps unknown
        layout.addWidget(self.views[1], 6)  # five age bands and perhaps unknown

    def show_turnout(self, turnout: Turnout) -> None:
        self.genders.set_rows(turnout.genders)
        self.ages.set_rows(turnout.age_bands)
        for view in self.views:
            view.fit_columns()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.genders.retranslate()
            self.ages.retranslate()
            for view in self.views:
                view.fit_columns()
        super().changeEvent(event)


class SnapshotsTab(QWidget):
    """The hourly reports sent to the ward; the team leader confirms one with the PIN."""

    confirm_requested = Signal(object)  # the Snapshot

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = SnapshotModel(self)
        self.view = TurnoutTable(self.model)
        self.confirm = QPushButton()
        self.confirm.setObjectName("confirmSnapshot")
        self.hint = QLabel()
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.hint, 1)
        row.addWidget(self.confirm)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.view)
        layout.addLayout(row)
        self.confirm.clicked.connect(self._confirm_selected)
        self.view.activated.connect(lambda _index: self._confirm_selected())
        self.render_texts()

    def show_snapshots(self, snapshots: list[Snapshot]) -> None:
        if snapshots == self.model.rows():
            self._render_hint()
            return  # a report is new at most once an hour: most refreshes leave the table as it is
        selected = self.selected()
        self.model.set_rows(snapshots)
        self.view.fit_columns()
        if selected is not None:
            uuids = [s.uuid for s in snapshots]
            if selected.uuid in uuids:
                self.view.selectRow(uuids.index(selected.uuid))
        self._render_hint()

    def selected(self) -> Snapshot | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _confirm_selected(self) -> None:
        snapshot = self.selected()
        if snapshot is not None and snapshot.confirmed_at is None:
            self.confirm_requested.emit(snapshot)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.render_texts()
        super().changeEvent(event)

    def render_texts(self) -> None:
        self.model.retranslate()
        self.view.fit_columns()
        self.confirm.setText(self.tr("Confirm the chosen report…"))
        self._render_hint()

    def _render_hint(self) -> None:
        self.confirm.setEnabled(self.model.rowCount() > 0)
        if self.model.rowCount() == 0:
            self.hint.setText(self.tr("The first report is recorded on the hour after the polls open."))
        else:
            self.hint.setText(self.tr("Choose a report, check its figures, then confirm it with your PIN."))
