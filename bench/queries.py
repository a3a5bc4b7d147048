"""Typed queries built from the generated list itself: what clerks type into the search box.

A mix of full names without diacritics, the first letters of each word, a given name with a birth
year ("hung 1958"), a list number and a 12-digit ID number, each taken from a voter of the list.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from clerk_app.model import ListRow
from clerk_app.names import fold, given_name, initials

# Share of each kind in the query set (full names and "given name + year" are what clerks type most).
MIX: tuple[tuple[str, float], ...] = (
    ("full_name", 0.30),
    ("initials", 0.15),
    ("given_year", 0.25),
    ("list_no", 0.15),
    ("id_number", 0.15),
)


@dataclass(frozen=True)
class TypedQuery:
    kind: str
    text: str
    list_no: int  # the voter the query was built from
    name_words: tuple[str, ...]  # the query's name words, for the bare FTS5 reference; () for numbers

    def fts_match(self) -> str:
        """The bare FTS5 prefix expression for the name words: ``nguyen* van* hung*``."""
        return " ".join(f"{word}*" for word in self.name_words)


def _full_name(row: ListRow, folded: str) -> TypedQuery | None:
    return TypedQuery("full_name", folded, row.list_no, tuple(folded.split()))


def _initials(row: ListRow, folded: str) -> TypedQuery | None:
    short = initials(row.name)
    return TypedQuery("initials", short, row.list_no, (short,))


def _given_year(row: ListRow, folded: str) -> TypedQuery | None:
    if row.birth_year is None:
        return None
    given = given_name(row.name)
    return TypedQuery("given_year", f"{given} {row.birth_year}", row.list_no, (given,))


def _list_no(row: ListRow, folded: str) -> TypedQuery | None:
    return TypedQuery("list_no", str(row.list_no), row.list_no, ())


def _id_number(row: ListRow, folded: str) -> TypedQuery | None:
    return TypedQuery("id_number", row.id_number, row.list_no, ()) if row.id_number else None


_BUILDERS: dict[str, Callable[[ListRow, str], TypedQuery | None]] = {
    "full_name": _full_name,
    "initials": _initials,
    "given_year": _given_year,
    "list_no": _list_no,
    "id_number": _id_number,
}


def query_for(row: ListRow, kind: str) -> TypedQuery | None:
    """The query of ``kind`` a clerk would type for this voter, or None when the row can't give it."""
    if kind not in _BUILDERS:
        raise ValueError(f"unknown query kind: {kind}")
    folded = fold(row.name)
    return _BUILDERS[kind](row, folded) if folded else None


def build_queries(rows: list[ListRow], count: int, *, seed: int = 11) -> list[TypedQuery]:
    """``count`` typed queries in the proportions of MIX, from voters drawn at random, shuffled."""
    if not rows:
        raise ValueError("no rows to build queries from")
    rng = random.Random(seed)
    queries: list[TypedQuery] = []
    for kind, share in MIX:
        wanted = max(1, round(count * share))
        made = 0
        attempts = 0
        while made < wanted and attempts < wanted * 50:
            attempts += 1
            query = query_for(rows[rng.randrange(len(rows))], kind)
            if query is not None:
                queries.append(query)
                made += 1
    rng.shuffle(queries)
    return queries
