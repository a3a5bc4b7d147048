"""What the clerk must always see: the polls state, the turnout, and what waits to be sent.

``PollsBanner`` is the wide strip above the search box (test mode, polls not open, closed);
``StationStatusBar`` is the window's status bar. Both are redrawn from a ``StationStatus``
after every change, and by a slow timer so changes made from the command line show up too.
The status bar's sync chips (``sync_status.py``) are redrawn from each ``SyncStatus`` the sync
worker publishes; the waiting count turns amber while events wait and the ward is out of reach.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QLabel, QSizePolicy, QStatusBar, QWidget

from clerk_app.model import PollsState, StationStatus
from clerk_app.sync.status import SyncStatus
from clerk_app.ui import messages, theme
from clerk_app.ui.sync_status import SyncStatusWidget

NOTE_MS = 30_000  # how long a background task's result stays in the status bar


class PollsBanner(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pollsBanner")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self._state: PollsState | None = None
        self._past_closing = False

    def show_state(self, state: PollsState, *, past_closing: bool = False) -> None:
        """The polls' state; ``past_closing``: open past 21:00, when they must be closed."""
        self._state, self._past_closing = state, past_closing
        self.setProperty("state", "past_closing" if past_closing else state.value)
        theme.repolish(self)
        self._render()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._render()
        super().changeEvent(event)

    def _render(self) -> None:
        texts = {
            PollsState.TEST: self.tr("TEST MODE — check-ins will be wiped when polls open"),
            PollsState.NOT_OPEN: self.tr("Polls are not open. Polls menu → Open polls (Ctrl+Shift+O)."),
            PollsState.CLOSED: self.tr("Polls are closed. Check-ins are no longer possible."),
        }
        text = texts.get(self._state) if self._state is not None else None
        if self._past_closing:
            text = self.tr("PAST 21:00 — no more check-ins. Team leader: Polls → Close polls.")
        self.setText(text or "")
        self.setVisible(text is not None)


class StationStatusBar(QStatusBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeGripEnabled(False)
        self.polls = QLabel()
        self.polls.setObjectName("pollsChip")
        self.turnout = QLabel()
        self.turnout.setObjectName("turnout")
        self.unsent = QLabel()
        self.unsent.setObjectName("unsent")
        self.busy = QLabel()
        self.busy.setObjectName("busy")
        # A long note (a report's full path) is cut short rather than crowd out the sync chips.
        self.busy.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.sync = SyncStatusWidget()
        # A second row of sync warnings makes the bar taller; queued: not from inside a resize.
        self.sync.rows_changed.connect(self.reformat, Qt.ConnectionType.QueuedConnection)
        self.addWidget(self.polls)
        self.addWidget(self.turnout)
        self.addWidget(self.busy, 1)
        self.addPermanentWidget(self.sync)
        self.addPermanentWidget(self.unsent)
        self._status: StationStatus | None = None
        self._busy_text = ""

    def show_status(self, status: StationStatus) -> None:
        self._status = status
        self.polls.setProperty("state", status.polls.value)
        theme.repolish(self.polls)
        self._render()

    def show_sync(self, status: SyncStatus) -> None:
        """The ward server's state, from the sync worker (relayed to the main thread)."""
        self.sync.show_status(status)
        self._render()

    def set_busy(self, text: str) -> None:
        """A background task's note (e.g. 'Reading the list…'); empty when idle."""
        self._busy_text = text
        self.busy.setText(text)
        self.busy.setToolTip(text)

    def show_note(self, text: str) -> None:
        """A background task's result, where the busy note was, for NOTE_MS (unless replaced)."""
        self.set_busy(text)
        QTimer.singleShot(NOTE_MS, self, lambda: self._clear_note(text))

    def _clear_note(self, text: str) -> None:
        if self._busy_text == text:
            self.set_busy("")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._render()
        super().changeEvent(event)

    def _render(self) -> None:
        status = self._status
        if status is None:
            return
        self.polls.setText(messages.polls_state_text(status.polls))
        self.turnout.setText(
            self.tr("Checked in {checked} of {voters} ({percent})").format(
                checked=messages.number(status.checked_in),
                voters=messages.number(status.voters),
                percent=messages.percent(status.turnout),
            )
        )
        self.unsent.setText(self.tr("Waiting to send: {count}").format(count=messages.number(status.unsent_events)))
        sync = self.sync.status
        stuck = status.unsent_events > 0 and sync is not None and (not sync.enrolled or sync.reachable is False)
        state = "warn" if stuck else ""
        if self.unsent.property("state") != state:
            self.unsent.setProperty("state", state)
            theme.repolish(self.unsent)
