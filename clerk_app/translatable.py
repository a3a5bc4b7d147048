"""Marking core texts for translation without Qt: the core stays Qt-free, the UI translates.

``QT_TRANSLATE_NOOP("ListProblem", "birth date '{value}' is not a real date")`` returns its text
unchanged. pyside6-lupdate finds calls by this name in any Python file it is given
(scripts/update_translations.py lists the core files that carry them), so the English text
becomes a source string of the .ts, and the UI shows it with
``QCoreApplication.translate(context, text)``. The text must be a string literal (no f-string):
values go into named placeholders filled with ``str.format`` after translation.
"""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for lupdate in ``context``; returns it unchanged."""
    return text
