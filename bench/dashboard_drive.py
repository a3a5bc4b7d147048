"""Inside the app child: check-ins through the real window, the turnout view open and live, or closed.

Each check-in is a clerk's Enter on the confirmation screen at a planned moment, the gaps drawn
between GAP_MIN_S and GAP_MAX_S: a table checking in two voters a second, ten times a real rush
(a clerk needs several seconds per voter), and never in step with the view's one-second redraw.
The confirmation of the next voter is put on screen right after each check-in, as the clerk does
while the next voter steps up; at the planned moment a timer fires and calls the panel's
confirm(): the durable check-in, the outcome, the recent list, the status bar and (view open) the
view's schedule_refresh(). A sample is the time from the planned moment to confirm()'s return, so
a redraw that holds the event loop when Enter comes is counted in full (and counted apart, in
``enters_that_waited_for_a_redraw``).

The run alternates short blocks: view closed, view open and live, ...; the view is opened or
closed between blocks, with a pause so that doing so is never inside a sample. Short blocks make
both conditions see the same moments of a shared, noisy machine.
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer

GAP_MIN_S, GAP_MAX_S = 0.25, 0.75
TOGGLE_PAUSE_S = 0.3  # after opening or closing the view, before the next block's first check-in


class DashboardDriver(QObject):
    def __init__(self, window: Any, list_nos: list[int], blocks: int, on_done: Callable[[dict[str, Any]], None]):
        super().__init__(window)
        self.window = window
        self.on_done = on_done
        self.rng = random.Random(11)
        per_block = len(list_nos) // blocks
        # Block 0 closed, 1 open, 2 closed ...: both conditions see the same drift of the machine.
        self.plan = [
            (block % 2 == 1, list_nos[block * per_block + i]) for block in range(blocks) for i in range(per_block)
        ]
        self.samples: dict[str, list[float]] = {"open": [], "closed": []}
        self.index = 0
        self.planned = 0.0
        self.view_open = False
        self.redraw_ends: list[float] = []  # perf_counter() at the end of each redraw
        self.collisions = 0  # open samples whose Enter came while a redraw was running

    def start(self) -> None:
        self._next(first=True)

    def _next(self, *, first: bool = False) -> None:
        if self.index >= len(self.plan):
            self._finish()
            return
        want_open, list_no = self.plan[self.index]
        pause = 0.0
        if first or want_open != self.view_open:
            self._set_view(want_open)
            pause = TOGGLE_PAUSE_S
        voter = self.window.station.voter(list_no)
        self.window.checkin.open_voter(voter)  # the confirmation on screen before Enter comes
        self.planned = time.perf_counter() + pause + self.rng.uniform(GAP_MIN_S, GAP_MAX_S)
        delay_ms = max(0, round((self.planned - time.perf_counter()) * 1000))
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setTimerType(Qt.TimerType.PreciseTimer)  # coarse timers may fire 5% late: that is not the view's doing
        timer.timeout.connect(self._enter)
        timer.timeout.connect(timer.deleteLater)
        timer.start(delay_ms)

    def _enter(self) -> None:
        started = time.perf_counter()
        self.window.checkin.confirm()
        elapsed_ms = (time.perf_counter() - self.planned) * 1000
        self.samples["open" if self.view_open else "closed"].append(max(elapsed_ms, 0.0))
        if self.view_open and self.redraw_ends and self.planned < self.redraw_ends[-1] <= started:
            self.collisions += 1  # the Enter waited for a redraw to end
        self.index += 1
        self._next()

    def _set_view(self, open_it: bool) -> None:
        if open_it:
            first = self.window.turnout_window is None
            self.window.open_turnout()
            if first:
                self.window.turnout_window.refreshed.connect(lambda: self.redraw_ends.append(time.perf_counter()))
        elif self.window.turnout_window is not None:
            self.window.turnout_window.close()
        self.view_open = open_it

    def _finish(self) -> None:
        view = self.window.turnout_window
        refresh_ms: list[float] = []
        if view is not None:
            view.show()
            for _ in range(5):  # what one redraw costs, measured apart from the samples
                start = time.perf_counter()
                view.refresh()
                refresh_ms.append((time.perf_counter() - start) * 1000)
        self.on_done(
            {
                "open_ms": self.samples["open"],
                "closed_ms": self.samples["closed"],
                "redraws": view.redraws if view is not None else 0,
                "enters_that_waited_for_a_redraw": self.collisions,
                "refresh_ms_median": round(statistics.median(refresh_ms), 3) if refresh_ms else None,
                "voted_on_screen": view.counters.voted.value.text() if view is not None else "",
            }
        )
