"""Installing the interface language: Vietnamese first, English as the source language.

Source strings are English; ``resources/i18n/clerk_app_vi.qm`` turns them into Vietnamese.
Switching language live installs or removes the translator; Qt then sends every widget a
LanguageChange event and each widget re-reads its texts (see ``retranslate`` methods).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from clerk_app.ui.resources import translation_file

log = logging.getLogger("clerk_app.ui.i18n")

VIETNAMESE = "vi"
ENGLISH = "en"
LANGUAGES = (VIETNAMESE, ENGLISH)

# The one translator this app installs; kept referenced here so Python never frees it while
# Qt still uses it.
_installed: QTranslator | None = None
_current = ENGLISH


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:
    """Marks ``source`` for lupdate in ``context``; translate it later with QCoreApplication.translate.

    A typed stand-in for PySide6's own, whose stub returns ``object``.
    """
    return source


def current_language() -> str:
    return _current


def apply_language(language: str) -> str:
    """Make ``language`` the interface language; returns the one actually applied."""
    global _installed, _current  # noqa: PLW0603 - one translator per process, as Qt has
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("apply_language needs a QApplication")
    if language not in LANGUAGES:
        log.warning("unknown language %r; using Vietnamese", language)
        language = VIETNAMESE
    if _installed is not None:
        QCoreApplication.removeTranslator(_installed)
        _installed = None
    if language != ENGLISH:
        translator = QTranslator()
        path = translation_file(language)
        if translator.load(str(path)):
            QCoreApplication.installTranslator(translator)
            _installed = translator
        else:
            log.error("translation file missing or unreadable: %s; showing English", path)
            language = ENGLISH
    QLocale.setDefault(_locale_for(language))
    _current = language
    return language


def _locale_for(language: str) -> QLocale:
    if language == VIETNAMESE:
        return QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam)
    return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
