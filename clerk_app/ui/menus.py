"""The menus, as one table: every action has a keyboard shortcut, so nothing needs the mouse.

Shortcuts avoid the keys the search box needs for editing (letters, Ctrl+A/C/V/X/Z) and use
Ctrl+Shift or F-keys for the team leader's actions.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from clerk_app.ui.i18n import QT_TRANSLATE_NOOP

CONTEXT = "Menus"


@dataclass(frozen=True)
class ActionSpec:
    name: str
    text: str  # English source, marked for translation
    shortcuts: tuple[str, ...]
    checkable: bool = False


@dataclass(frozen=True)
class MenuSpec:
    title: str
    actions: tuple[ActionSpec | None, ...]  # None draws a separator


MENUS = (
    MenuSpec(
        QT_TRANSLATE_NOOP("Menus", "&File"),
        (
            ActionSpec("import_list", QT_TRANSLATE_NOOP("Menus", "&Import voter list…"), ("Ctrl+O",)),
            None,
            ActionSpec("quit", QT_TRANSLATE_NOOP("Menus", "&Quit"), ("Ctrl+Q",)),
        ),
    ),
    MenuSpec(
        QT_TRANSLATE_NOOP("Menus", "&Polls"),
        (
            ActionSpec("start_test_mode", QT_TRANSLATE_NOOP("Menus", "Start &test mode…"), ("Ctrl+Shift+T",)),
            ActionSpec("end_test_mode", QT_TRANSLATE_NOOP("Menus", "&End test mode…"), ("Ctrl+Shift+E",)),
            None,
            ActionSpec("open_polls", QT_TRANSLATE_NOOP("Menus", "&Open polls…"), ("Ctrl+Shift+O",)),
            ActionSpec("close_polls", QT_TRANSLATE_NOOP("Menus", "&Close polls…"), ("Ctrl+Shift+C",)),
        ),
    ),
    MenuSpec(
        QT_TRANSLATE_NOOP("Menus", "&Voter"),
        (
            ActionSpec(
                "toggle_mobile_box",
                QT_TRANSLATE_NOOP("Menus", "&Mobile ballot box (on the confirmation)"),
                ("F4", "Ctrl+M"),
            ),
            None,
            ActionSpec("add_voter", QT_TRANSLATE_NOOP("Menus", "&Add voter with certificate…"), ("Ctrl+N",)),
            ActionSpec("mark_elsewhere", QT_TRANSLATE_NOOP("Menus", "Mark voting &elsewhere…"), ("Ctrl+E",)),
            ActionSpec(
                "unmark_elsewhere", QT_TRANSLATE_NOOP("Menus", 'Take &back "voting elsewhere"…'), ("Ctrl+Shift+B",)
            ),
            ActionSpec("undo_check_in", QT_TRANSLATE_NOOP("Menus", "&Undo check-in…"), ("Ctrl+Shift+U",)),
        ),
    ),
    MenuSpec(
        QT_TRANSLATE_NOOP("Menus", "&Reports"),
        (
            ActionSpec("turnout", QT_TRANSLATE_NOOP("Menus", "&Turnout…"), ("F5",)),
            None,
            ActionSpec("report_pdf", QT_TRANSLATE_NOOP("Menus", "Turnout report (&PDF)…"), ("Ctrl+Shift+R",)),
            ActionSpec("report_csv", QT_TRANSLATE_NOOP("Menus", "Turnout report (&CSV)…"), ("Ctrl+Shift+X",)),
            ActionSpec("paper_list", QT_TRANSLATE_NOOP("Menus", "Paper &backup list (PDF)…"), ("Ctrl+Shift+L",)),
        ),
    ),
    MenuSpec(
        QT_TRANSLATE_NOOP("Menus", "&Settings"),
        (
            ActionSpec("language_vi", "Tiếng Việt", ("Ctrl+Shift+V",), checkable=True),
            ActionSpec("language_en", "English", ("Ctrl+Shift+N",), checkable=True),
            ActionSpec("toggle_language", QT_TRANSLATE_NOOP("Menus", "Switch &language"), ("Ctrl+L",)),
            None,
            ActionSpec("larger_text", QT_TRANSLATE_NOOP("Menus", "&Larger text"), ("Ctrl++", "Ctrl+=")),
            ActionSpec("smaller_text", QT_TRANSLATE_NOOP("Menus", "&Smaller text"), ("Ctrl+-",)),
            None,
            ActionSpec("set_pin", QT_TRANSLATE_NOOP("Menus", "Team-leader &PIN…"), ("Ctrl+Shift+P",)),
            ActionSpec("table_name", QT_TRANSLATE_NOOP("Menus", "&Table name…"), ("Ctrl+T",)),
            ActionSpec("report_schedule", QT_TRANSLATE_NOOP("Menus", "&Hourly reports…"), ("Ctrl+Shift+H",)),
            None,
            ActionSpec("connect_ward", QT_TRANSLATE_NOOP("Menus", "Connect to &ward server…"), ("Ctrl+Shift+W",)),
        ),
    ),
    MenuSpec(
        QT_TRANSLATE_NOOP("Menus", "S&ync"),
        (
            ActionSpec("sync_now", QT_TRANSLATE_NOOP("Menus", "&Sync now"), ("F9",)),
            ActionSpec("conflicts", QT_TRANSLATE_NOOP("Menus", "&Conflicts between tables…"), ("Ctrl+Shift+D",)),
            ActionSpec(
                "stop_waiting", QT_TRANSLATE_NOOP("Menus", "Check in &without waiting for the ward…"), ("Ctrl+Shift+G",)
            ),
        ),
    ),
    MenuSpec(
        QT_TRANSLATE_NOOP("Menus", "&Help"),
        (
            ActionSpec("keyboard_help", QT_TRANSLATE_NOOP("Menus", "&Keyboard shortcuts"), ("F1",)),
            ActionSpec("about", QT_TRANSLATE_NOOP("Menus", "&About"), ("Ctrl+F1",)),
        ),
    ),
)

# Language names are shown in their own language, never translated.
_UNTRANSLATED = {"language_vi", "language_en"}


def action_specs() -> list[ActionSpec]:
    return [spec for menu in MENUS for spec in menu.actions if spec is not None]


def build_menus(window: QMainWindow, handlers: dict[str, Callable[[], None]]) -> dict[str, QAction]:
    """Create the menu bar; each action calls ``handlers[name]``."""
    actions: dict[str, QAction] = {}
    for menu_spec in MENUS:
        menu = window.menuBar().addMenu("")
        menu.setProperty("source_title", menu_spec.title)
        for spec in menu_spec.actions:
            if spec is None:
                menu.addSeparator()
                continue
            action = QAction(window)
            action.setShortcuts([QKeySequence(s) for s in spec.shortcuts])
            action.setCheckable(spec.checkable)
            action.triggered.connect(lambda _checked=False, name=spec.name: handlers[name]())
            menu.addAction(action)
            actions[spec.name] = action
    languages = QActionGroup(window)
    for name in _UNTRANSLATED:
        languages.addAction(actions[name])
    retranslate_menus(window, actions)
    return actions


def retranslate_menus(window: QMainWindow, actions: dict[str, QAction]) -> None:
    for menu in window.menuBar().findChildren(QMenu):
        source = menu.property("source_title")
        if isinstance(source, str):
            menu.setTitle(QCoreApplication.translate(CONTEXT, source))
    for spec in action_specs():
        text = spec.text if spec.name in _UNTRANSLATED else QCoreApplication.translate(CONTEXT, spec.text)
        actions[spec.name].setText(text)
