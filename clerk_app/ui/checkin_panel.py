"""The check-in flow: search box → results → confirmation → outcome.

The search box keeps the focus throughout; its keys drive the flow:

* typing searches (keystrokes coalesced by a short timer; a scan's Enter runs it at once);
* Up/Down move in the results; Enter opens the confirmation for the chosen voter, or goes
  straight to it when a scanned card or ID identified exactly one voter;
* on the confirmation, Enter checks in, Esc cancels, F4 / Ctrl+M marks the mobile box;
  typing anything cancels the confirmation and starts a new search, so a card scanned
  while another voter is being confirmed can never confirm the wrong voter.

The screen says "checked in" only after ``Station.check_in`` returned, i.e. after the check-in
is on disk. Refusals (already voted, votes elsewhere, ...) change nothing and say so.

Other tables' check-ins arrive through sync; ``refresh_results`` shows them, flags voters
checked in at two tables (sync conflicts), and turns a confirmation of a voter who meanwhile
voted at another table into "already voted".
"""

from __future__ import annotations

import logging
from dataclasses import replace
from enum import StrEnum

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clerk_app import rules
from clerk_app.errors import CheckInRefused, StorageEnvironmentError
from clerk_app.model import PollsState, Voter
from clerk_app.search import UNREADABLE_SCAN
from clerk_app.settings import RESULT_LIMIT, Settings
from clerk_app.station import SearchResults, Station
from clerk_app.storage.merge import CheckInConflict
from clerk_app.ui.confirm_panel import ConfirmPanel
from clerk_app.ui.outcome_panel import CheckedIn, Outcome, OutcomePanel, Refused
from clerk_app.ui.results_model import Column, RecentModel, VoterTableModel
from clerk_app.ui.search_box import SearchBox

log = logging.getLogger("clerk_app.ui.checkin")

SEARCH_DELAY_MS = 60  # coalesces keystrokes; a search itself takes a few ms
RECENT_COUNT = 8
RECENT_WIDTH = 260


class Mode(StrEnum):
    SEARCH = "search"
    CONFIRM = "confirm"
    OUTCOME = "outcome"


class CheckinPanel(QWidget):
    station_changed = Signal()
    storage_failed = Signal(object)  # the StorageEnvironmentError, for the window's disk dialog

    def __init__(self, station: Station, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.station = station
        self.settings = settings
        self._results = SearchResults("empty", [], False)
        self._more_than_shown = False  # the search found more voters than the list shows
        self._searched_text = ""
        self._conflicts: dict[int, CheckInConflict] = {}
        self.search_box = SearchBox()
        self.hint = QLabel()
        self.hint.setObjectName("hint")
        self.results_model = VoterTableModel(self)
        self.results_view = _results_view(self.results_model)
        self.confirm_panel = ConfirmPanel()
        self.outcome_panel = OutcomePanel()
        self.recent_title = QLabel()
        self.recent_title.setObjectName("panelTitle")
        self.recent_model = RecentModel(self)
        self.recent_view = _recent_view(self.recent_model)
        self.stack = QStackedWidget()
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._lay_out()
        self._connect()
        self.retranslate()
        self.refresh_recent()

    # --- construction -------------------------------------------------------------------

    def _lay_out(self) -> None:
        results_page = QWidget()
        results_layout = QVBoxLayout(results_page)
        results_layout.setContentsMargins(0, 0, 0, 0)
        results_layout.addWidget(self.hint)
        results_layout.addWidget(self.results_view)
        for page in (results_page, self.confirm_panel, self.outcome_panel):
            self.stack.addWidget(page)
        recent = QWidget()
        recent_layout = QVBoxLayout(recent)
        recent_layout.setContentsMargins(0, 0, 0, 0)
        recent_layout.addWidget(self.recent_title)
        recent_layout.addWidget(self.recent_view)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.stack)
        splitter.addWidget(recent)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 0)
        splitter.setSizes([1000, RECENT_WIDTH])
        splitter.setChildrenCollapsible(False)
        splitter.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(self.search_box)
        layout.addLayout(row)
        layout.addWidget(splitter, 1)

    def _connect(self) -> None:
        self.search_box.textEdited.connect(self._on_text_edited)
        self.search_box.move_requested.connect(self._move_selection)
        self.search_box.enter_pressed.connect(self._on_enter)
        self.search_box.escape_pressed.connect(self._on_escape)
        self._search_timer.timeout.connect(self.run_search)
        self.results_view.doubleClicked.connect(self._on_double_click)
        self.confirm_panel.confirm_clicked.connect(self.confirm)
        self.confirm_panel.cancel_clicked.connect(self.cancel_confirmation)

    # --- state --------------------------------------------------------------------------

    @property
    def mode(self) -> Mode:
        return (Mode.SEARCH, Mode.CONFIRM, Mode.OUTCOME)[self.stack.currentIndex()]

    @property
    def results(self) -> SearchResults:
        return self._results

    def context_voter(self) -> Voter | None:
        """The voter the clerk is dealing with, to prefill the undo and 'elsewhere' forms."""
        if self.mode is Mode.CONFIRM:
            return self.confirm_panel.voter
        outcome = self.outcome_panel.outcome
        if self.mode is Mode.OUTCOME and isinstance(outcome, CheckedIn | Refused):
            return outcome.voter
        return self._selected_voter()

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.OtherFocusReason)

    def _set_mode(self, mode: Mode) -> None:
        self.stack.setCurrentIndex(list(Mode).index(mode))
        self.focus_search()

    # --- searching ----------------------------------------------------------------------

    def _on_text_edited(self, _text: str) -> None:
        if self.mode is not Mode.SEARCH:
            self._set_mode(Mode.SEARCH)  # typing abandons a confirmation: never confirm the wrong voter
        self._search_timer.start()

    def run_search(self) -> None:
        """Search now for what the box holds (also run by the timer)."""
        self._search_timer.stop()
        text = self.search_box.text().strip()
        self._searched_text = text
        self._more_than_shown = False
        if not text:
            self._results = SearchResults("empty", [], False)
        else:
            # One more than is shown: a common given name ("hoa") matches more voters than the
            # list shows, and the clerk must know the one wanted may not be among them.
            limit = self.settings.get(RESULT_LIMIT)
            found = self.station.search(text, limit=limit + 1)
            self._more_than_shown = len(found.voters) > limit
            self._results = replace(found, voters=found.voters[:limit])
        self.results_model.set_voters(self._results.voters, ward=self.station.ward)
        self._update_hint()

    def refresh_results(self) -> None:
        """Re-read the results (a check-in elsewhere changed them), keeping the selected voter."""
        self._load_conflicts()
        selected = self._selected_voter()
        self.run_search()
        if selected is not None:
            rows = [v.list_no for v in self._results.voters]
            if selected.list_no in rows:
                self._select_row(rows.index(selected.list_no))
        self._recheck_confirmation()

    def _load_conflicts(self) -> None:
        try:
            conflicts = {c.list_no: c for c in self.station.conflicts()}
        except StorageEnvironmentError as exc:
            log.warning("conflicts unreadable: %s", exc)
            return
        self._conflicts = conflicts
        self.results_model.set_conflicts(conflicts)

    def _conflict_detail(self, list_no: int) -> dict[str, object]:
        conflict = self._conflicts.get(list_no)
        return {"conflict": conflict} if conflict is not None else {}

    def _recheck_confirmation(self) -> None:
        """The voter being confirmed was checked in at another table meanwhile: say so before Enter."""
        voter = self.confirm_panel.voter
        if self.mode is not Mode.CONFIRM or voter is None:
            return
        fresh = self.station.voter(voter.list_no)
        if fresh is not None and fresh.checked_in_at is not None:
            self.open_voter(fresh)

    def _update_hint(self) -> None:
        count = len(self._results.voters)
        if not self.search_box.text().strip():
            text = self.tr("Scan the voter card or citizen ID, or type a name (e.g. “hung 1958”) or list number.")
        elif count == 0:
            text = self.tr("No voter found.")
        elif self._more_than_shown:
            text = self.tr(
                "More than {count} voters match; only {count} are shown. Type more of the name, or the "
                "birth year (e.g. “hoa 1985”)."
            ).format(count=count)
        elif count == 1:
            text = self.tr("1 voter found. Press Enter to open.")
        else:
            text = self.tr("{count} voters found, best first. Choose with ↓ ↑, then press Enter.").format(count=count)
        self.hint.setText(text)

    def _selected_voter(self) -> Voter | None:
        rows = self.results_view.selectionModel().selectedRows()
        return self.results_model.voter_at(rows[0].row()) if rows else None

    def _select_row(self, row: int) -> None:
        index = self.results_model.index(row, 0)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.results_view.selectionModel().setCurrentIndex(index, flags)
        self.results_view.scrollTo(index)

    def _move_selection(self, delta: int) -> None:
        if self.mode is not Mode.SEARCH:
            return
        if self._search_timer.isActive():
            self.run_search()
        count = self.results_model.rowCount()
        if count == 0:
            return
        current = self.results_view.selectionModel().selectedRows()
        row = current[0].row() + delta if current else (0 if delta > 0 else count - 1)
        self._select_row(max(0, min(count - 1, row)))

    # --- Enter, Esc, double click -------------------------------------------------------

    def _on_enter(self) -> None:
        if self.mode is Mode.CONFIRM:
            self.confirm()
        elif self.mode is Mode.SEARCH:
            self._open_from_search()
        # On an outcome, Enter does nothing: a double press must not hide an "already voted".

    def _open_from_search(self) -> None:
        if self._search_timer.isActive() or self._searched_text != self.search_box.text().strip():
            self.run_search()  # a scanner's Enter comes before the timer fires
        found = self._results
        if not self.search_box.text().strip():
            return
        if found.other_station is not None:
            self.show_outcome(Refused("other_station", None, {"card_station": found.other_station}))
        elif not found.voters:
            self.show_outcome(Refused("unreadable_scan" if found.kind == UNREADABLE_SCAN else "not_on_list"))
        elif found.exact and len(found.voters) == 1:
            self.open_voter(found.voters[0])
        elif (selected := self._selected_voter()) is not None:
            self.open_voter(selected)
        elif len(found.voters) == 1:
            self.open_voter(found.voters[0])
        else:
            self._move_selection(1)  # several namesakes: make the clerk choose, starting at the best

    def _on_double_click(self, index: QModelIndex) -> None:
        voter = self.results_model.voter_at(index.row())
        if voter is not None:
            self.open_voter(voter)

    def _on_escape(self) -> None:
        if self.mode is Mode.CONFIRM:
            self.cancel_confirmation()
        elif self.mode is Mode.OUTCOME or self.search_box.text():
            self.clear()

    def clear(self) -> None:
        self.search_box.clear()
        self.run_search()
        self._set_mode(Mode.SEARCH)

    # --- confirming ---------------------------------------------------------------------

    def open_voter(self, voter: Voter, *, notice: str = "") -> None:
        """Show the confirmation, or at once the reason this voter cannot be checked in."""
        fresh = self.station.voter(voter.list_no) or voter
        polls = self.station.polls_state()
        refusal = rules.check_in_refusal(fresh, fresh.list_no, polls, at=self.station.clock())
        if refusal is None and (polls is not PollsState.TEST or self.station.own_chain_may_go_on_elsewhere()):
            refusal = self.station.sync_gate_refusal(fresh.list_no)  # said now, not after Enter
        if refusal is not None:
            self.show_outcome(
                Refused(refusal.reason, fresh, {**refusal.detail, **self._conflict_detail(fresh.list_no)})
            )
            return
        self.confirm_panel.show_voter(fresh, notice)
        self._set_mode(Mode.CONFIRM)
        self.search_box.selectAll()  # the next scan replaces the query instead of appending to it

    def cancel_confirmation(self) -> None:
        self._set_mode(Mode.SEARCH)
        self.search_box.deselect()

    def toggle_mobile_box(self) -> None:
        if self.mode is Mode.CONFIRM:
            self.confirm_panel.toggle_mobile_box()

    def confirm(self) -> None:
        voter = self.confirm_panel.voter
        if self.mode is not Mode.CONFIRM or voter is None:
            return
        mobile_box = self.confirm_panel.mobile_box.isChecked()
        try:
            receipt = self.station.check_in(voter.list_no, mobile_box=mobile_box)
        except CheckInRefused as refusal:
            log.info("check-in refused: list_no=%s reason=%s", voter.list_no, refusal.reason)
            self.show_outcome(Refused(refusal.reason, self.station.voter(voter.list_no), refusal.detail))
            return
        except StorageEnvironmentError as exc:
            log.error("check-in not saved: the disk has a problem")
            self.show_outcome(Refused("not_saved", voter))
            self.storage_failed.emit(exc)
            return
        log.info("checked in: list_no=%d seq=%d", receipt.list_no, receipt.seq)
        self.search_box.clear()
        self.run_search()
        self.show_outcome(CheckedIn(receipt, self.station.voter(voter.list_no) or voter))
        self.refresh_recent()
        self.station_changed.emit()

    # --- outcome ------------------------------------------------------------------------

    def holds_a_voter(self) -> bool:
        """Whether the clerk is dealing with a voter: a confirmation open, or a check-in's outcome
        (checked in, already voted, refused) on screen."""
        if self.mode is Mode.CONFIRM:
            return True
        return self.mode is Mode.OUTCOME and isinstance(self.outcome_panel.outcome, CheckedIn | Refused)

    def show_outcome(self, outcome: Outcome) -> None:
        self.outcome_panel.show_outcome(outcome)
        self._set_mode(Mode.OUTCOME)
        self.search_box.selectAll()

    def refresh_recent(self) -> None:
        self.recent_model.set_voters(self.station.recent_check_ins(RECENT_COUNT))

    # --- language -----------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.search_box.setPlaceholderText(self.tr("Scan a card or type a name, birth year or list number"))
        self.recent_title.setText(self.tr("Recent check-ins"))
        self.results_model.retranslate()
        self.recent_model.layoutChanged.emit()
        self._update_hint()


def _results_view(model: VoterTableModel) -> QTableView:
    view = QTableView()
    view.setObjectName("results")
    view.setModel(model)
    view.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the search box keeps the keyboard
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(True)  # a long address takes two lines: it is what tells namesakes apart
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.verticalHeader().hide()
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    for column in Column:
        mode = QHeaderView.ResizeMode.Stretch if column is Column.ADDRESS else QHeaderView.ResizeMode.ResizeToContents
        header.setSectionResizeMode(column, mode)
    return view


def _recent_view(model: RecentModel) -> QListView:
    view = QListView()
    view.setObjectName("recent")
    view.setModel(model)
    view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    view.setAlternatingRowColors(True)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setSpacing(2)
    return view
