"""Folding Vietnamese names into search keys.

Search must treat as equal what people consider the same name: NFC and NFD text, the old and new
tone-mark placement (Hòa / Hoà, Thúy / Thuý, Thủy / Thuỷ), ``đ`` typed as ``d``, and letter case.
Folding removes every diacritic, so all of those become one plain ASCII-looking key.

``fold`` runs on every keystroke and on every name at import (up to a million), so it keeps to
C-level string operations (about 2 µs a name): no per-character Python.
"""

from __future__ import annotations

import re
import unicodedata

# The combining-mark blocks that NFD produces for Latin letters (Vietnamese uses U+0300-U+036F only:
# grave, acute, tilde, hook above, dot below, circumflex, breve, horn). Listing the blocks keeps
# module import instant, where scanning all of Unicode for category Mn would not.
_COMBINING_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")

# Everything that is not a letter or a digit separates words. Apostrophes too: in "H'Hen Niê" a
# clerk may type "hen", and the FTS5 tokenizer splits there as well, so query and index agree.
_NOT_WORD = re.compile(r"[\W_]+")


def fold(text: str) -> str:
    """The search key of a name or a query: no diacritics, ``d`` for ``đ``, lower case, single spaces.

    >>> fold("  Đặng  Thị Hoà ")
    'dang thi hoa'
    """
    text = text.lower()
    if not text.isascii():
        # đ is a letter of its own, not d plus a mark: NFD leaves it alone, so it folds explicitly.
        text = _COMBINING_MARKS.sub("", unicodedata.normalize("NFD", text).replace("đ", "d"))
    if not text.replace(" ", "").isalnum():  # the regex pass only when there is punctuation
        text = _NOT_WORD.sub(" ", text)
    return " ".join(text.split())


def words(text: str) -> list[str]:
    """The folded words of a name or query, in order."""
    return fold(text).split()


def given_name(name: str) -> str:
    """The given name (the last word, what Vietnamese people are called by), folded; '' if none."""
    folded = words(name)
    return folded[-1] if folded else ""


def initials(name: str) -> str:
    """The first letter of each folded word: "Nguyễn Văn Hùng" -> "nvh" (a clerk's shorthand)."""
    return "".join(word[0] for word in words(name))
