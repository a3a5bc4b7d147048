"""The task runner: work off the main thread, results and errors back on it."""

from __future__ import annotations

import threading

from pytestqt.qtbot import QtBot

from clerk_app.ui.tasks import TaskRunner


def test_result_arrives_on_the_main_thread(qtbot: QtBot) -> None:
    runner = TaskRunner()
    main = threading.get_ident()
    seen: dict[str, int] = {}

    def on_done(worker: int) -> None:
        seen["worker"] = worker
        seen["callback"] = threading.get_ident()

    runner.run_in_background(threading.get_ident, on_done)
    assert runner.busy
    qtbot.waitUntil(lambda: "callback" in seen)
    assert seen["worker"] != main  # the work ran elsewhere
    assert seen["callback"] == main  # the result came home
    assert not runner.busy
    runner.wait_for_done()


def test_errors_arrive_on_the_main_thread(qtbot: QtBot) -> None:
    runner = TaskRunner()
    errors: list[tuple[Exception, int]] = []

    def boom() -> None:
        raise ValueError("no such file")

    runner.run_in_background(boom, lambda _r: None, lambda exc: errors.append((exc, threading.get_ident())))
    qtbot.waitUntil(lambda: bool(errors))
    exc, thread = errors[0]
    assert isinstance(exc, ValueError) and thread == threading.get_ident()
    runner.wait_for_done()
