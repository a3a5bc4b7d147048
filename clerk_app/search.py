"""The forgiving voter search: what a clerk types or a scanner reads -> voters, best first.

Understood inputs, tried in this order:

- a citizen-ID (CCCD) QR payload (has ``|``): match by ID hash, else name + birth date among the
  voters the list gives no ID for;
- a voter-card code ``07-0123`` (a card of another station is reported, never matched here) or a
  bare number of 1-5 digits: the list number;
- 12 digits: a citizen ID number, matched by its keyed hash;
- anything else: words of the name, in any order, each a prefix, with or without diacritics; a
  2-4 digit number among them narrows by birth year ("hung 58", "hung 1958"); one word of letters,
  or single letters with spaces, also reads as the initials of the name ("nvh", "n v h").

Names rank by a ladder of kinds of match (see ``_name_rungs``), then list order, so namesakes keep
the order of the printed list. The index (``storage.search_index``) does the matching; ranking
needs at most one FTS5 query for a precise query and a few LIMITed ones for a broad one.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple

import sqlite_utils

from clerk_app.idhash import IdHasher
from clerk_app.names import fold
from clerk_app.scan import CitizenIdQR, UnreadableQR, VoterCardCode, parse_citizen_qr, parse_voter_card
from clerk_app.storage.search_index import TABLE, TOKEN_MARKS

log = logging.getLogger("clerk_app.search")

ID_NUMBER_DIGITS = 12
UNREADABLE_SCAN = "qr_unreadable"  # SearchOutcome.kind of a citizen-ID QR with no readable ID
_MAX_NAME_WORDS = 6  # longer names exist, but six words already pin anyone down
_YEAR_DIGITS = range(2, 5)  # "58", "195" (still typing), "1958"
_MAX_INITIALS = 7
_MAX_QUERY_CHARS = 200  # a paste of a whole document is not a name


@dataclass(frozen=True)
class SearchOutcome:
    kind: str  # "empty" | "name" | "list_no" | "id" | "card" | "qr"
    list_nos: list[int]  # best first, at most `limit`
    exact: bool  # True when a scanned code/ID identified the voter unambiguously (the UI jumps to them)
    other_station: int | None = None  # a voter card of another station was scanned ("05-0123" at station 7)


def search(
    db: sqlite_utils.Database,
    text: str,
    *,
    limit: int = 20,
    id_hash: IdHasher,
    station_no: int | None,
) -> SearchOutcome:
    """Find the voters ``text`` means. Never raises for odd input; removed voters never appear."""
    conn = db.conn  # not db.query: its savepoint guard costs more than these reads
    text = text.strip()
    limit = max(limit, 0)
    if not text:
        return SearchOutcome("empty", [], False)
    if "|" in text:
        return _search_citizen_qr(conn, parse_citizen_qr(text), id_hash, limit)
    card = parse_voter_card(text)
    if card is not None:
        return _search_card(conn, card, station_no, limit)
    digits = "".join(text.split())
    if digits.isascii() and digits.isdigit():
        return _search_id_number(conn, digits, id_hash, limit)
    return _search_name(conn, text, limit)


# --- codes and numbers -------------------------------------------------------------------


def _search_card(conn: sqlite3.Connection, card: VoterCardCode, station_no: int | None, limit: int) -> SearchOutcome:
    kind = "list_no" if card.station is None else "card"
    if card.station is not None and station_no is not None and card.station != station_no:
        # The same number here is another person: never show them.
        return SearchOutcome(kind, [], False, other_station=card.station)
    found = conn.execute(
        "SELECT list_no FROM voters WHERE list_no = ? AND status <> 'removed'", (card.list_no,)
    ).fetchall()
    list_nos = [row[0] for row in found][:limit]
    return SearchOutcome(kind, list_nos, exact=len(list_nos) == 1)


def _search_id_number(conn: sqlite3.Connection, digits: str, id_hash: IdHasher, limit: int) -> SearchOutcome:
    if len(digits) != ID_NUMBER_DIGITS:
        return SearchOutcome("id", [], False)  # an ID still being typed, or not an ID
    list_nos = _voters_with_id(conn, id_hash(digits), limit)
    return SearchOutcome("id", list_nos, exact=len(list_nos) == 1)


def _voters_with_id(conn: sqlite3.Connection, hashed_id: str, limit: int) -> list[int]:
    rows = conn.execute(
        "SELECT list_no FROM voters WHERE id_hash = ? AND status <> 'removed' ORDER BY list_no LIMIT ?",
        (hashed_id, limit),
    ).fetchall()
    return [row[0] for row in rows]


def _search_citizen_qr(
    conn: sqlite3.Connection, scan: CitizenIdQR | UnreadableQR, id_hash: IdHasher, limit: int
) -> SearchOutcome:
    if isinstance(scan, UnreadableQR):
        log.info("unreadable citizen-ID QR: %s", scan.reason)  # the reason only, never the payload
        return SearchOutcome(UNREADABLE_SCAN, [], False)  # not "not on the list": nobody was named
    by_id = _voters_with_id(conn, id_hash(scan.id_number), limit)
    if by_id:
        return SearchOutcome("qr", by_id, exact=len(by_id) == 1)
    by_date, by_year = _voters_without_id_named(conn, scan.name, scan.birth_date)
    list_nos = (by_date + by_year)[:limit]
    # Only a full birth date alongside the name is strong enough to skip the clerk's choice.
    return SearchOutcome("qr", list_nos, exact=len(by_date) == 1 and not by_year)


def _voters_without_id_named(
    conn: sqlite3.Connection, name: str, birth_date: date | None
) -> tuple[list[int], list[int]]:
    """Voters with no ID on the list whose name folds equal to ``name``: (same birth date, same year only).

    Elderly voters are often listed with a birth year alone, so a year match is kept, ranked after.
    """
    words = fold(name).split()
    if not words or birth_date is None:
        return [], []
    narrowing = " AND ".join(
        [*(_term("name", w) for w in words), _term("given", words[-1]), _term("birth", str(birth_date.year))]
    )
    rows = _fts_rows(conn, _NAMED_WITHOUT_ID_SQL, (narrowing, " ".join(words), birth_date.isoformat()))
    same_date = [list_no for list_no, iso in rows if iso is not None]
    same_year = [list_no for list_no, iso in rows if iso is None]
    return same_date, same_year


# The index narrows to the few voters with these words and birth year; the row then decides.
_NAMED_WITHOUT_ID_SQL = (
    f"SELECT list_no, birth_date FROM voters WHERE list_no IN (SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH ?) "
    "AND name_key = ? AND id_hash IS NULL AND status <> 'removed' AND (birth_date = ? OR birth_date IS NULL) "
    "ORDER BY list_no"
)


# --- names -------------------------------------------------------------------------------
#
# A name query is answered by a ladder of rungs, best first. Each rung is both an FTS5 query and
# the same test in Python, so it can be applied either way:
# - when the weakest rungs together match at most _CANDIDATE_CAP voters (nearly every real query),
#   one FTS5 query fetches them all and Python sorts them by the first rung each passes;
# - when they match more (a few letters over a big list), each rung is asked in turn for the rows
#   still missing, in list order; the best rungs fill the page long before the weak ones would
#   have to walk most of the index.
# Both give the same order: the first rung a voter passes, then list order.

# Measured on 4k and 40k lists: the in-memory ranking costs about 3 µs a candidate and the ladder
# pays a full FTS5 walk for every sparse rung; 50 keeps both well under a millisecond at 40k.
_CANDIDATE_CAP = 50


@dataclass(frozen=True)
class _NameQuery:
    words: tuple[str, ...]  # folded name words, as typed; the last is the most specific
    years: tuple[str, ...]  # 2-4 digit numbers: a birth year, its last digits, or its start
    initials: str  # the query read as initials ("nvh"), or "" when it cannot be
    spelled_out: bool  # single letters with spaces ("n v h"): initials are the best reading

    @staticmethod
    def parse(text: str) -> _NameQuery:
        # A birth date as the card and the screen show it ("hoa 12/05/1960") stands for its year;
        # a given name run into its year ("hung58") is the two.
        tokens = [part for token in fold(_DATE_IN_TEXT.sub(r" \1 ", text)).split() for part in _split_year(token)]
        words = tuple(t for t in tokens if not _is_number(t))[:_MAX_NAME_WORDS]
        years = tuple(t for t in tokens if _is_number(t) and len(t) in _YEAR_DIGITS)
        spelled_out = len(words) > 1 and all(len(w) == 1 for w in words)
        if spelled_out:
            initials = "".join(words)
        elif len(words) == 1 and 1 < len(words[0]) <= _MAX_INITIALS and words[0].isalpha():
            initials = words[0]
        else:
            initials = ""
        return _NameQuery(words, years, initials, spelled_out)


_DATE_IN_TEXT = re.compile(r"\b[0-9]{1,2}[/.-][0-9]{1,2}[/.-]([0-9]{4})\b")
_WORD_THEN_YEAR = re.compile(r"([a-z]{2,})([0-9]{2}|[0-9]{4})")


def _split_year(token: str) -> tuple[str, ...]:
    found = _WORD_THEN_YEAR.fullmatch(token)
    return (found[1], found[2]) if found else (token,)


def _is_number(token: str) -> bool:
    return token.isascii() and token.isdigit()


class _Indexed(NamedTuple):  # a NamedTuple: built for up to _CANDIDATE_CAP rows per keystroke
    """A voter as the index holds them: what the rungs test in Python."""

    words: tuple[str, ...]
    given: str
    initials: str

    @staticmethod
    def of(name_key: str) -> _Indexed:
        """Derived as the index triggers derive them from ``voters.name_key``."""
        words = tuple(name_key.split())
        return _Indexed(words, words[-1] if words else "", "".join(w[0] for w in words))

    def starts_with(self, words: tuple[str, ...]) -> bool:
        return self.words[: len(words)] == words

    def has_words(self, words: Iterable[str]) -> bool:
        return all(w in self.words for w in words)

    def has_prefixes(self, words: Iterable[str]) -> bool:
        return all(any(own.startswith(w) for own in self.words) for w in words)


@dataclass(frozen=True)
class _Rung:
    match: str  # FTS5 query
    passes: Callable[[_Indexed], bool]  # the same test, for a voter already fetched


def _name_rungs(q: _NameQuery) -> list[_Rung]:
    """From the best kind of match to the weakest; a voter ranks by the first rung they pass."""
    by_words = _word_rungs(q)
    by_initials = _initials_rungs(q.initials)
    best_first = [*by_initials, *by_words] if q.spelled_out else [*by_words, *by_initials]
    return [*best_first, _weakest_name_rung(q)]


def _word_rungs(q: _NameQuery) -> list[_Rung]:
    """The name typed word for word ranks first ("tran minh hoa" finds every Trần Minh Hoa before
    Trần Minh Hùng Hoa). Then whole-word matches rank above prefix matches, and within each, a
    given name (last word of the name) equal to the last query word ranks first: "hung" finds
    Nguyễn Văn Hùng before Trần Hùng Cường, and "nguyen van hu" finds every Nguyễn Văn Hu...
    before a Hu... elsewhere in a name.
    """
    *others, last = q.words
    several = bool(others)  # one word: the rungs marked `several` would repeat another
    whole = [_term("name", w) for w in q.words]
    prefix_others = [_term("name", w, prefix=True) for w in others]
    given_is_last = _term("given", last)
    given_is_typed = "(" + " OR ".join(_term("given", w) for w in q.words) + ")"
    given_begins = _term("given", last, prefix=True)
    typed_in_order = f'name : ^ "{" ".join(q.words)}"'
    rungs = [
        (several, _all_of(typed_in_order, given_is_last), lambda c: c.starts_with(q.words) and c.given == last),
        (True, _all_of(*whole[:-1], given_is_last), lambda c: c.given == last and c.has_words(others)),
        (several, _all_of(*whole, given_is_typed), lambda c: c.given in q.words and c.has_words(q.words)),
        (True, _all_of(*whole), lambda c: c.has_words(q.words)),
        (several, _all_of(*prefix_others, given_is_last), lambda c: c.given == last and c.has_prefixes(others)),
        (True, _all_of(*prefix_others, given_begins), lambda c: c.given.startswith(last) and c.has_prefixes(others)),
    ]  # fmt: skip
    return [_Rung(match, passes) for wanted, match, passes in rungs if wanted]


def _initials_rungs(initials: str) -> list[_Rung]:
    if not initials:
        return []
    return [
        _Rung(_term("initials", initials), lambda c: c.initials == initials),
        _Rung(_term("initials", initials, prefix=True), lambda c: c.initials.startswith(initials)),
    ]


def _weakest_name_rung(q: _NameQuery) -> _Rung:
    """Every query word a prefix of some word of the name: every rung above is inside this one."""
    return _Rung(_all_of(*(_term("name", w, prefix=True) for w in q.words)), lambda c: c.has_prefixes(q.words))


def _candidates_match(q: _NameQuery) -> str:
    """All the voters any rung can match: the weakest name rung and the weakest initials rung."""
    broadest = [_weakest_name_rung(q), *_initials_rungs(q.initials)[-1:]]
    return " OR ".join(f"({rung.match})" for rung in broadest)


def _term(column: str, word: str, *, prefix: bool = False) -> str:
    # Folded words hold letters and digits only, so quoting them is all the escaping they need.
    return f'{column} : "{TOKEN_MARKS[column]}{word}"' + (" *" if prefix else "")


def _all_of(*terms: str) -> str:
    return " AND ".join(terms)


def _narrowed(match: str, q: _NameQuery) -> str:
    """``match`` limited to the birth years typed; a year matches as the start of the year or its last
    two digits ("58", "195", "1958" all find a voter born in 1958)."""
    if not q.years:
        return match
    return _all_of(f"({match})", *(_term("birth", y, prefix=True) for y in q.years))


def _search_name(conn: sqlite3.Connection, text: str, limit: int) -> SearchOutcome:
    query = _NameQuery.parse(text[:_MAX_QUERY_CHARS])
    if not query.words:
        return SearchOutcome("name", [], False)
    rungs = _name_rungs(query)
    candidates = _fetch_indexed(conn, _narrowed(_candidates_match(query), query), _CANDIDATE_CAP + 1)
    if len(candidates) <= _CANDIDATE_CAP:
        list_nos = _rank(candidates, rungs)
    else:
        list_nos = _climb(conn, [_narrowed(r.match, query) for r in rungs], limit)
    return SearchOutcome("name", list_nos[:limit], False)


def _rank(candidates: list[tuple[int, _Indexed]], rungs: list[_Rung]) -> list[int]:
    """Every candidate, by the first rung they pass, then list order."""

    def first_rung(candidate: _Indexed) -> int:
        return next((i for i, rung in enumerate(rungs) if rung.passes(candidate)), len(rungs))

    ranked = sorted((first_rung(indexed), list_no) for list_no, indexed in candidates)
    return [list_no for _, list_no in ranked]


def _climb(conn: sqlite3.Connection, rungs: list[str], limit: int) -> list[int]:
    """Fill the page from the best rung down, each rung in list order, each voter once."""
    found: list[int] = []
    seen: set[int] = set()
    for rung in rungs:
        missing = limit - len(found)
        if missing <= 0:
            break
        # Voters found on better rungs may come again here: ask for enough rows to skip them all.
        for (list_no,) in _fts_rows(conn, _RUNG_SQL, (rung, missing + len(found))):
            if list_no not in seen:
                seen.add(list_no)
                found.append(list_no)
    return found


_RUNG_SQL = f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH ? ORDER BY rowid LIMIT ?"
# voters.name_key is what the index was built from, and a cheaper read than the FTS5 table's copy.
_CANDIDATES_SQL = (
    f"SELECT f.rowid, v.name_key FROM {TABLE} AS f JOIN voters AS v ON v.list_no = f.rowid "
    f"WHERE {TABLE} MATCH ? ORDER BY f.rowid LIMIT ?"
)


def _fetch_indexed(conn: sqlite3.Connection, match: str, limit: int) -> list[tuple[int, _Indexed]]:
    return [(list_no, _Indexed.of(name_key)) for list_no, name_key in _fts_rows(conn, _CANDIDATES_SQL, (match, limit))]


def _fts_rows(conn: sqlite3.Connection, sql: str, params: tuple[object, ...]) -> list[Any]:
    """Run a query with an FTS5 MATCH; a MATCH that FTS5 refuses finds nobody."""
    try:
        return conn.execute(sql, params).fetchall()
    except sqlite3.OperationalError as exc:
        # A word the FTS5 tokenizer splits differently from fold() can make an unusable query;
        # answer "nothing" rather than crash the search box. Log the error class only: the query
        # is a person's name.
        if "fts5" not in str(exc):
            raise
        log.warning("an FTS5 query was refused (%s)", type(exc).__name__)
        return []
