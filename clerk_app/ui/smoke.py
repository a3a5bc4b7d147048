"""``clerk-app --smoke-test``: start the app as a double-click does, check its window is up, quit.

For checking a bundle or an installed copy without a person at the screen (packaging/, CI). It
goes through ``clerk_app.ui.app.run`` unchanged: logging, the QApplication, language and theme,
the excepthook, opening the station, building and showing the main window, the event loop. A
zero-delay timer set before ``run`` fires once that loop runs; it then prints one JSON line on
stdout and quits: 0 when the main window is on screen, 5 when it is not (a dialog instead, for
example a station file from a newer version). Set ``QT_QPA_PLATFORM=offscreen`` for no screen.

The report says what a bundle can get wrong: whether the Vietnamese translation loaded (the
``language`` falls back to ``en`` when the .qm file is missing), whether the SVG icon renders
(Qt's SVG plugin is there), and whether the window paints.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

from clerk_app import __version__
from clerk_app.clock import Clock
from clerk_app.paths import log_dir
from clerk_app.ui import i18n
from clerk_app.ui.app import run
from clerk_app.ui.resources import resource_root

log = logging.getLogger("clerk_app.ui.smoke")

EXIT_NO_WINDOW = 5


def _window_report(app: QApplication, data_dir: Path) -> dict[str, Any]:
    windows = [w for w in app.topLevelWidgets() if isinstance(w, QMainWindow) and w.isVisible()]
    if not windows:
        return {"ok": False, "error": "no main window on screen once the event loop ran"}
    window = windows[0]
    return {
        "ok": True,
        "shown_at": time.time(),  # for start-up timing (packaging/measure_bundle.py)
        "window_title": window.windowTitle(),
        "painted": not window.grab().isNull(),
        "language": i18n.current_language(),
        "icon_renders": not app.windowIcon().pixmap(32, 32).isNull(),
        "qt_platform": app.platformName(),
        "version": __version__,
        "frozen": bool(getattr(sys, "frozen", False)),
        "utf8_mode": bool(sys.flags.utf8_mode),
        "resources": str(resource_root()),
        "data_dir": str(data_dir),
        "log_dir": str(log_dir(data_dir)),
    }


def run_smoke_test(data_dir: Path, *, clock: Clock | None = None) -> int:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication([sys.argv[0]])
    report: dict[str, Any] = {}

    def window_shown() -> None:
        app.processEvents()
        report.update(_window_report(app, data_dir))
        app.exit(0 if report["ok"] else EXIT_NO_WINDOW)  # also ends a modal dialog's loop

    QTimer.singleShot(0, window_shown)
    code = run(data_dir, argv=[sys.argv[0]], clock=clock)
    if not report:
        report = {"ok": False, "error": f"the app ended (exit {code}) before its event loop ran"}
    log.info("smoke test: %s", "window shown" if report["ok"] else report["error"])
    if sys.stdout is not None:  # None in a windowed Windows executable
        print(json.dumps(report, ensure_ascii=False), flush=True)
    return 0 if report["ok"] and code == 0 else (code or EXIT_NO_WINDOW)
