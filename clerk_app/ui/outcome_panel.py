"""The big result of an action: green when checked in, red and huge when refused.

The panel keeps the outcome as data (not as finished text), so a language switch redraws
the same outcome in the new language.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from clerk_app.model import CheckInReceipt, Voter
from clerk_app.storage.merge import CheckInConflict
from clerk_app.ui import messages, sync_messages, theme


class Severity(StrEnum):
    OK = "ok"
    STOP = "stop"
    WARN = "warn"
    INFO = "info"


@dataclass(frozen=True)
class CheckedIn:
    receipt: CheckInReceipt
    voter: Voter


@dataclass(frozen=True)
class Refused:
    reason: str
    voter: Voter | None = None
    detail: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Notice:
    """Any other outcome; its texts are functions so they are translated when shown."""

    severity: Severity
    headline: Callable[[], str]
    lines: Callable[[], list[str]] = list


Outcome = CheckedIn | Refused | Notice

_WARN_ONLY = {"polls_not_open", "unreadable_scan"}


@dataclass(frozen=True)
class OutcomeView:
    severity: Severity
    headline: str
    lines: list[str]
    action: str = ""  # what to do with the ballots, shown bold under the headline


def describe(outcome: Outcome) -> OutcomeView:
    if isinstance(outcome, CheckedIn):
        return _describe_checked_in(outcome)
    if isinstance(outcome, Refused):
        return _describe_refused(outcome)
    return OutcomeView(outcome.severity, outcome.headline(), outcome.lines())


def _describe_checked_in(outcome: CheckedIn) -> OutcomeView:
    receipt = outcome.receipt
    at = messages.clock_time(receipt.at)
    if receipt.test:
        headline = QCoreApplication.translate("Messages", "TEST check-in at {time}").format(time=at)
    else:
        headline = QCoreApplication.translate("Messages", "Checked in at {time}").format(time=at)
    action = QCoreApplication.translate("Messages", "Hand out {count} ballots:\n{names}").format(
        count=receipt.ballots.count(), names=messages.ballots_text(receipt.ballots)
    )
    lines = [messages.voter_line(outcome.voter)]
    if receipt.mobile_box:
        lines.append(QCoreApplication.translate("Messages", "Mobile ballot box"))
    if receipt.test:
        lines.append(
            QCoreApplication.translate("Messages", "Test mode: this check-in will be wiped when the polls open.")
        )
    return OutcomeView(Severity.OK, headline, lines, action)


def _describe_refused(outcome: Refused) -> OutcomeView:
    detail = dict(outcome.detail)
    voter = outcome.voter
    if voter is not None and voter.checked_in_at is not None:
        detail.setdefault("checked_in_at", voter.checked_in_at)
    lines = [messages.voter_line(voter)] if voter is not None else []
    lines.append(messages.refusal_sentence(outcome.reason, detail))
    if outcome.reason == "already_checked_in" and (detail.get("mobile_box") or (voter and voter.mobile_box)):
        lines.append(QCoreApplication.translate("Messages", "Checked in at the mobile ballot box."))
    if outcome.reason == "already_checked_in" and voter is not None and voter.checked_in_by:
        # Where: what the clerk needs when the voter disputes it (and who to ask).
        lines.append(
            QCoreApplication.translate("Messages", "Checked in at: {table}.").format(table=voter.checked_in_by)
        )
    conflict = detail.get("conflict")
    if isinstance(conflict, CheckInConflict):  # a sync conflict: checked in at two tables
        lines.append(sync_messages.conflict_marker(conflict))
        lines.append(QCoreApplication.translate("Messages", "Tell the team leader (Sync → Conflicts)."))
    if outcome.reason in _WARN_ONLY:
        return OutcomeView(Severity.WARN, messages.refusal_headline(outcome.reason, detail), lines)
    action = QCoreApplication.translate("Messages", "Do not hand out ballots.")
    return OutcomeView(Severity.STOP, messages.refusal_headline(outcome.reason, detail), lines, action)


class OutcomePanel(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outcome")
        self.setAutoFillBackground(True)
        self._outcome: Outcome | None = None
        self.headline = QLabel()
        self.headline.setObjectName("outcomeHeadline")
        self.headline.setWordWrap(True)
        self.headline.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.action = QLabel()
        self.action.setObjectName("outcomeAction")
        self.action.setWordWrap(True)
        self.action.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body = QLabel()
        self.body.setObjectName("outcomeLine")
        self.body.setWordWrap(True)
        self.body.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.next_hint = QLabel()
        self.next_hint.setObjectName("outcomeLine")
        self.next_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addStretch(1)
        layout.addWidget(self.headline)
        layout.addSpacing(16)
        layout.addWidget(self.action)
        layout.addSpacing(8)
        layout.addWidget(self.body)
        layout.addStretch(2)
        layout.addWidget(self.next_hint)

    @property
    def outcome(self) -> Outcome | None:
        return self._outcome

    @property
    def severity(self) -> Severity | None:
        return Severity(self.property("severity")) if self._outcome is not None else None

    def show_outcome(self, outcome: Outcome) -> None:
        self._outcome = outcome
        self._render()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._render()
        super().changeEvent(event)

    def _render(self) -> None:
        if self._outcome is None:
            return
        view = describe(self._outcome)
        self.setProperty("severity", view.severity.value)
        theme.repolish(self)
        for label in (self.headline, self.action, self.body, self.next_hint):
            theme.repolish(label)
        self.headline.setText(view.headline)
        self.action.setText(view.action)
        self.action.setVisible(bool(view.action))
        self.body.setText("\n".join(view.lines))
        self.next_hint.setText(self.tr("Scan or type the next voter · Esc clears"))
