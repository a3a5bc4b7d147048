"""The turnout view's words and numbers: big counters, the day's status, the projection, the ward.

Each panel keeps the figures it was given and renders its text in ``render()``, which a language
switch calls again.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from clerk_app.model import PollsState
from clerk_app.turnout import Basis, Projection, Turnout, WardStanding
from clerk_app.ui import messages, theme


class _Counter(QFrame):
    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName("counter")
        self.setProperty("kind", name)
        self.title = QLabel()
        self.title.setObjectName("counterTitle")
        self.value = QLabel("—")
        self.value.setObjectName("counterValue")
        self.note = QLabel()
        self.note.setObjectName("counterNote")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.setSpacing(0)
        for label in (self.title, self.value, self.note):
            label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            # A new number must not resize the boxes: a relayout would repaint the whole window each redraw.
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            layout.addWidget(label)


class RetranslatingWidget(QWidget):
    """A widget that re-renders its texts on a language switch."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.render_texts()
        super().changeEvent(event)

    def render_texts(self) -> None:
        raise NotImplementedError


class CountersPanel(RetranslatingWidget):
    """On the list, voted, turnout, mobile ballot box, still to vote; and the day's status line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.on_list = _Counter("on_list")
        self.voted = _Counter("voted")
        self.percent = _Counter("percent")
        self.mobile_box = _Counter("mobile_box")
        self.still_to_vote = _Counter("still_to_vote")
        self.status = QLabel()
        self.status.setObjectName("turnoutStatus")
        self.status.setWordWrap(True)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for column, counter in enumerate(self.counters()):
            grid.addWidget(counter, 0, column)
            grid.setColumnStretch(column, 1)
        grid.addWidget(self.status, 1, 0, 1, 5)
        self._turnout: Turnout | None = None

    def counters(self) -> list[_Counter]:
        return [self.on_list, self.voted, self.percent, self.mobile_box, self.still_to_vote]

    def show_turnout(self, turnout: Turnout) -> None:
        self._turnout = turnout
        self.render_texts()

    def render_texts(self) -> None:
        self.on_list.title.setText(self.tr("On the list"))
        self.voted.title.setText(self.tr("Voted"))
        self.percent.title.setText(self.tr("Turnout"))
        self.mobile_box.title.setText(self.tr("Mobile ballot box"))
        self.still_to_vote.title.setText(self.tr("Still to vote"))
        t = self._turnout
        if t is None:
            return
        n = messages.number
        self.on_list.value.setText(n(t.on_list))
        self.on_list.note.setText(self.tr("incl. {added} added today").format(added=n(t.added)) if t.added else "")
        self.voted.value.setText(n(t.voted))
        self.percent.value.setText(messages.percent(t.percent))
        self.mobile_box.value.setText(n(t.mobile_box))
        self.still_to_vote.value.setText(n(t.still_to_vote))
        state, text = self._status(t)
        self.status.setProperty("state", state)
        theme.repolish(self.status)
        self.status.setText(text)

    def _status(self, t: Turnout) -> tuple[str, str]:
        if t.everyone_voted:
            return "complete", self.tr(
                "100% — everyone on the list has voted. The team may decide to close early (Polls → Close polls)."
            )
        if t.polls is PollsState.CLOSED and t.axis.closed_at is not None:
            closed = messages.clock_time(t.axis.closed_at)
            return "closed", self.tr("Polls closed at {time}: these are the final figures.").format(time=closed)
        if t.polls is not PollsState.OPEN:
            return "waiting", self.tr("The polls are not open: nobody has voted yet.")
        return "open", self.tr("Figures as of {time}; test check-ins and undone check-ins never count.").format(
            time=messages.clock_time(t.now)
        )


class ProjectionPanel(RetranslatingWidget):
    """One sentence: what turnout to expect at closing time, and how that was worked out."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = QLabel()
        self.text.setObjectName("projection")
        self.text.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text)
        self._projection: Projection | None = None

    def show_projection(self, projection: Projection) -> None:
        self._projection = projection
        self.render_texts()

    def render_texts(self) -> None:
        p = self._projection
        # Two lines always: a sentence one line longer or shorter must not relayout the whole window.
        height = self.text.fontMetrics().lineSpacing() * 2 + 4
        if self.text.height() != height:
            self.text.setFixedHeight(height)
        self.text.setText(self.sentence(p) if p is not None else "")

    def sentence(self, p: Projection) -> str:
        closing = messages.clock_time(p.closes_at)
        if p.basis is Basis.PACE and p.percent is not None:
            pace = messages.number(round(p.pace_per_hour or 0))
            if p.everyone_by is not None:
                return self.tr(
                    "Projection: at the pace of the last {minutes} minutes ({pace} voters an hour), everyone on "
                    "the list will have voted by about {time}, before the {closing} close."
                ).format(minutes=p.window_minutes, pace=pace, time=messages.clock_time(p.everyone_by), closing=closing)
            return self.tr(
                "Projection: about {percent} by {closing} — the pace of the last {minutes} minutes "
                "({pace} voters an hour) carried on to the closing hour."
            ).format(percent=messages.percent(p.percent), closing=closing, minutes=p.window_minutes, pace=pace)
        sentences = {
            Basis.NO_LIST: self.tr("No voter list yet: nothing to project."),
            Basis.NOT_OPEN: self.tr("Projection: none until the polls open."),
            Basis.TOO_EARLY: self.tr("Projection: too early — it needs 15 minutes of voting and one check-in."),
            Basis.COMPLETE: self.tr("Everyone on the list has voted."),
            Basis.FINAL: self.tr("Voting time is over: these figures are final."),
        }
        return sentences[p.basis]


class WardPanel(RetranslatingWidget):
    """The ward's average and this station's place, when the ward server has given them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = QLabel()
        self.text.setObjectName("wardStanding")
        self.text.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text)
        self._standing: WardStanding | None = None

    def show_standing(self, standing: WardStanding | None) -> None:
        self._standing = standing
        self.render_texts()

    def render_texts(self) -> None:
        s = self._standing
        if s is None:
            self.text.setText(self.tr("Ward: figures unavailable (the ward server has not sent them)."))
            return
        text = self.tr("Ward: {percent} on average; this station is {rank} of {stations}.").format(
            percent=messages.percent(s.ward_turnout), rank=s.rank, stations=s.stations
        )
        if s.as_of is not None:
            text += " " + self.tr("(as of {time})").format(time=messages.clock_time(s.as_of))
        self.text.setText(text)
