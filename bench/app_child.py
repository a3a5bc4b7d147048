"""The app process the startup and memory figures measure: ``python -m bench.app_child MODE DATA_DIR [QUERY...]``.

It starts the app the way ``clerk-app`` does, through ``clerk_app.ui.app.run`` (logging, the
QApplication, language and theme, the excepthook, opening the station, building and showing the
main window, the event loop), offscreen. A zero-delay timer set before ``run`` fires once the event
loop is running, that is once the window is shown; it then prints one JSON line on stdout and quits:
``shown_at`` (time.time() at that moment), ``maxrss_kib`` (peak resident memory in KiB, see
``peak_rss_kib``) and, in ``rss`` mode, after typing each QUERY into the window's search box key by key, as a
clerk does. In ``dashboard`` mode (QUERY... are a number of blocks, then list numbers) it checks those
voters in through the window, alternately with the turnout view closed and open (bench.dashboard_drive),
and adds ``dashboard`` (the samples) before quitting. Exit 3 with ``{"missing": module}`` when the
app's UI module isn't there.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from pathlib import Path
from typing import Any

EXIT_MISSING = 3
EXIT_NO_WINDOW = 5
UI_MODULES = ("clerk_app.ui", "clerk_app.ui.app")
TYPING_SETTLE_S = 0.2  # longer than the search box's keystroke-coalescing timer


def peak_rss_kib() -> int:
    """This process's peak resident set in KiB.

    On Linux, VmHWM of /proc/self/status: the high-water mark of this program's own memory. Not
    getrusage's ru_maxrss there: that one survives exec, so a child forked from the (big) runner
    starts with the runner's resident set as its peak. Elsewhere ru_maxrss (KiB on Linux and BSD,
    bytes on macOS).
    """
    try:
        for line in Path("/proc/self/status").read_text(encoding="utf-8").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak


def _pump(seconds: float) -> None:
    """Let the event loop run (timers, queued results, painting) for about ``seconds``."""
    from PySide6.QtCore import QCoreApplication, QEventLoop

    deadline = time.perf_counter() + seconds
    while True:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        if time.perf_counter() >= deadline:
            break
        time.sleep(0.005)


def _search_box(window: Any) -> Any:
    """The window's search box (objectName "searchBox"), else its first visible editable line edit."""
    from PySide6.QtWidgets import QLineEdit

    boxes = [b for b in window.findChildren(QLineEdit) if b.isVisible() and not b.isReadOnly()]
    named = [b for b in boxes if b.objectName() == "searchBox"]
    return (named or boxes or [None])[0]


def _type_queries(window: Any, queries: list[str]) -> bool:
    """Type each query as a clerk does (replacing the last one) and let the results show."""
    from PySide6.QtTest import QTest

    box = _search_box(window)
    if box is None:
        return False
    for text in queries:
        box.selectAll()
        QTest.keyClicks(box, text)
        _pump(TYPING_SETTLE_S)
    return True


def _drive_dashboard(app: Any, window: Any, args: list[str], result: dict[str, object]) -> None:
    """``dashboard`` mode: ARGS are the number of blocks, then the list numbers to check in."""
    from bench.dashboard_drive import DashboardDriver

    def done(figures: dict[str, Any]) -> None:
        result["dashboard"] = figures
        result["maxrss_kib"] = peak_rss_kib()
        app.quit()

    driver = DashboardDriver(window, [int(n) for n in args[1:]], int(args[0]), done)
    driver.start()


def main(argv: list[str]) -> int:
    mode, data_dir, queries = argv[0], Path(argv[1]), argv[2:]
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication, QMainWindow

        from clerk_app.ui.app import run
    except ModuleNotFoundError as exc:
        if exc.name in UI_MODULES:
            print(json.dumps({"missing": exc.name}), flush=True)
            return EXIT_MISSING
        raise

    # run() reuses this QApplication; the timer fires once run() has shown the window and entered exec().
    app = QApplication([sys.argv[0]])
    result: dict[str, object] = {}

    def window_shown() -> None:
        app.processEvents()
        windows = [w for w in app.topLevelWidgets() if isinstance(w, QMainWindow) and w.isVisible()]
        if not windows:
            result["error"] = "no main window on screen once the event loop ran"
            app.exit(EXIT_NO_WINDOW)
            return
        result["shown_at"] = time.time()
        if mode == "dashboard":
            _drive_dashboard(app, windows[0], queries, result)
            return  # the driver quits the app when its check-ins are done
        if mode == "rss":
            result["typed_in_ui"] = _type_queries(windows[0], queries)
            result["queries"] = len(queries)
        result["maxrss_kib"] = peak_rss_kib()
        result["ru_maxrss_kib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        app.quit()

    QTimer.singleShot(0, window_shown)
    code = run(data_dir, argv=[sys.argv[0]])
    print(json.dumps(result), flush=True)
    return code if "error" not in result else EXIT_NO_WINDOW


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
