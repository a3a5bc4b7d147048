"""The one task runner: work runs on a thread pool, results come back on the main thread.

As in Anki's TaskManager, ``run_in_background(fn, on_done, on_error)`` runs ``fn`` on a worker
and calls ``on_done(result)`` or ``on_error(exc)`` on the main thread. Workers never touch
widgets: they only emit a signal of a relay object that lives on the main thread, and Qt
queues that signal into the main event loop.

SQLite connections belong to the thread that opened them, so a task that needs the database
opens its own ``Station`` (``Station.open(data_dir)``) and closes it; never hand it the window's.
"""

from __future__ import annotations

import itertools
import logging
import sys
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger("clerk_app.ui.tasks")

T = TypeVar("T")
OnDone = Callable[[Any], None]
OnError = Callable[[Exception], None]


class _Relay(QObject):
    """Created on the main thread, so its signals are delivered there whoever emits them."""

    finished = Signal(int, object)
    failed = Signal(int, object)


class _Task(QRunnable):
    def __init__(self, task_id: int, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._task_id = task_id
        self._fn = fn
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as exc:  # every failure goes back to the main thread, none is lost
            self._relay.failed.emit(self._task_id, exc)
            return
        self._relay.finished.emit(self._task_id, result)


def report_unhandled(exc: Exception) -> None:
    """The default ``on_error``: the main thread's excepthook (crash dialog, log)."""
    sys.excepthook(type(exc), exc, exc.__traceback__)


class TaskRunner(QObject):
    """Runs callables on its own small pool; construct it on the main thread."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None, *, max_threads: int = 2) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._relay = _Relay(self)
        self._relay.finished.connect(self._deliver_result)
        self._relay.failed.connect(self._deliver_error)
        self._callbacks: dict[int, tuple[OnDone, OnError]] = {}
        self._ids = itertools.count(1)

    @property
    def busy(self) -> bool:
        return bool(self._callbacks)

    def run_in_background(
        self, fn: Callable[[], T], on_done: Callable[[T], None], on_error: OnError | None = None
    ) -> None:
        """Run ``fn()`` off the main thread; then ``on_done(result)`` or ``on_error(exc)`` on it."""
        task_id = next(self._ids)
        was_busy = self.busy
        self._callbacks[task_id] = (on_done, on_error or report_unhandled)
        self._pool.start(_Task(task_id, fn, self._relay))
        if not was_busy:
            self.busy_changed.emit(True)

    def wait_for_done(self, msecs: int = -1) -> bool:
        """Block until running tasks end (at quit), so none emits into a deleted relay."""
        return self._pool.waitForDone(msecs)

    def _take(self, task_id: int) -> tuple[OnDone, OnError] | None:
        callbacks = self._callbacks.pop(task_id, None)
        if not self._callbacks:
            self.busy_changed.emit(False)
        return callbacks

    def _deliver_result(self, task_id: int, result: object) -> None:
        callbacks = self._take(task_id)
        if callbacks is not None:
            callbacks[0](result)

    def _deliver_error(self, task_id: int, exc: object) -> None:
        callbacks = self._take(task_id)
        if callbacks is None or not isinstance(exc, Exception):
            return
        log.info("background task failed: %s", type(exc).__name__)
        callbacks[1](exc)
