"""The voter search box: names typed any way a clerk types them, numbers, IDs and scanned codes.

Every test builds a real station database file and inserts voters with plain SQL, as any writer of
the ``voters`` table would: the search index must follow by itself.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from clerk_app import search as search_module
from clerk_app.idhash import make_id_hasher
from clerk_app.names import fold, given_name, initials
from clerk_app.search import SearchOutcome, search
from clerk_app.storage import search_index
from clerk_app.storage.db import open_database

ID_HASH = make_id_hasher(b"test station key")
STATION = 7

# list_no, name, birth ("dd/mm/yyyy" or "yyyy"), 12-digit ID or None, status
Row = tuple[int, str, str, str | None, str]
VOTERS: list[Row] = [
    (1, "Nguyễn Thị Hoa", "12/05/1960", "001160123456", "listed"),
    (2, "Nguyễn Thị Hoa", "1948", "001148654321", "listed"),  # a namesake, birth year only
    (3, "Trần Văn Hùng", "03/02/1958", "001058111222", "listed"),
    (4, "Lê Thị Thuý", "20/10/1990", None, "listed"),  # no ID on the list
    (5, "Đặng Minh Đức", "01/01/2000", "001200999888", "listed"),
    (6, "Trần Hùng Cường", "14/07/1958", "001058333444", "listed"),  # Hùng, but not the given name
    (7, "Nguyễn Văn Hùng", "1975", "001075555666", "listed"),
    (8, "Phạm Thị Hoà", "1962", None, "listed"),  # new tone placement
    (9, "Hoàng Thị Thủy", "1970", None, "listed"),  # old tone placement
    (10, "Nguyễn Văn Hưng", "1980", None, "listed"),  # folds to "hung" too
    (11, "Lê Văn Hùng", "05/05/1958", "001058777888", "removed"),
    (12, "Võ Thị Hòa", "1955", None, "elsewhere"),  # took a certificate: still found
    (13, "Nguyễn Thị Thu Hà", "1985", None, "listed"),  # four words
    (14, "Vũ Thị Ngọc Hà", "1986", None, "listed"),  # n, v, h... but not in that order
    (20, "Huỳnh Văn Tâm", "1966", None, "listed"),  # "huy" only as a prefix of the surname
    (21, "Nguyễn Huy Hoàng", "1977", None, "listed"),  # "huy" a whole middle name
    (22, "Lý Văn Huy", "1991", None, "listed"),  # "huy" the given name
    (23, "Lê Thị Thuý", "1990", None, "listed"),  # namesake of 4, same year, no full birth date
]


def insert_voter(db: Database, row: Row) -> None:
    list_no, name, birth, id_number, status = row
    year = int(birth[-4:]) if birth else None
    iso = f"{birth[6:]}-{birth[3:5]}-{birth[:2]}" if len(birth) == 10 else None
    db.conn.execute(
        "INSERT INTO voters (list_no, name, name_key, birth, birth_year, birth_date, id_hash, id_last4, status, grp)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            list_no,
            name,
            fold(name),
            birth,
            year,
            iso,
            ID_HASH(id_number) if id_number else None,
            id_number[-4:] if id_number else None,
            status,
            "Tổ dân phố 1",
        ),
    )


def build(path: Path, voters: list[Row]) -> Database:
    db = open_database(path)
    with db.conn:
        for voter in voters:
            insert_voter(db, voter)
    return db


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = build(tmp_path / "station.db", VOTERS)
    yield database
    database.conn.close()


def find(db: Database, text: str, *, limit: int = 20, station_no: int | None = STATION) -> SearchOutcome:
    return search(db, text, limit=limit, id_hash=ID_HASH, station_no=station_no)


def found(db: Database, text: str, **kwargs: int) -> list[int]:
    return find(db, text, **kwargs).list_nos


# --- names typed any way ---------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["Hoà", "Hòa", "hoa", "HOA", unicodedata.normalize("NFD", "Hoà")])
def test_every_tone_style_finds_every_hoa(db: Database, typed: str) -> None:
    assert found(db, typed)[:4] == [1, 2, 8, 12]


@pytest.mark.parametrize("typed", ["Thúy", "Thuý", "Thủy", "Thuỷ", "thuy"])
def test_thuy_in_any_tone_style(db: Database, typed: str) -> None:
    assert found(db, typed) == [4, 9, 23]


def test_nfd_input_finds_nfc_names(db: Database) -> None:
    outcome = find(db, unicodedata.normalize("NFD", "Nguyễn Thị Hoa"))
    assert outcome.kind == "name"
    assert not outcome.exact
    assert outcome.list_nos[:2] == [1, 2]


@pytest.mark.parametrize("typed", ["dang minh duc", "Đặng Minh Đức", "đặng", "duc", "đuc"])
def test_d_finds_d_with_stroke(db: Database, typed: str) -> None:
    assert found(db, typed) == [5]


def test_namesakes_all_appear_in_list_order(db: Database) -> None:
    assert found(db, "nguyen thi hoa")[:2] == [1, 2]
    assert found(db, "le thi thuy") == [4, 23]


@pytest.mark.parametrize("typed", ["hoa nguyen", "hoa thi nguyen", "nguyen hoa"])
def test_words_in_any_order(db: Database, typed: str) -> None:
    assert found(db, typed)[:2] == [1, 2]


@pytest.mark.parametrize("typed", ["ng v hung", "ngu va hu", "nguyen van hun"])
def test_words_as_prefixes(db: Database, typed: str) -> None:
    assert found(db, typed) == [7, 10]


def test_every_word_must_match(db: Database) -> None:
    assert found(db, "nguyen van hoa") == []
    assert found(db, "xyz") == []


# --- first letters -----------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["nvh", "n v h", "NVH"])
def test_first_letters_of_each_word(db: Database, typed: str) -> None:
    assert found(db, typed)[:2] == [7, 10]


def test_spelled_out_initials_rank_the_name_in_that_order_first(tmp_path: Path) -> None:
    # Vũ Thị Ngọc Hà has words starting n, v and h too, but is no "Nguyễn Văn H...".
    db = build(
        tmp_path / "nvh.db",
        [(1, "Vũ Thị Ngọc Hà", "1986", None, "listed"), (2, "Nguyễn Văn Hùng", "1975", None, "listed")],
    )
    assert found(db, "n v h") == [2, 1]
    assert found(db, "nvh") == [2]


def test_initials_of_a_four_word_name(db: Database) -> None:
    assert found(db, "ntth") == [13]
    assert found(db, "vtnh") == [14]


# --- birth year narrowing ------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["hung 1958", "hung 58", "58 hung", "Hùng 1958", "hung58", "Hùng1958"])
def test_year_narrows_and_given_name_ranks_first(db: Database, typed: str) -> None:
    # 3 is called Hùng; 6 has Hùng as a middle name; 11 was removed from the list.
    assert found(db, typed) == [3, 6]


def test_year_with_other_names(db: Database) -> None:
    assert found(db, "nguyen thi hoa 1948") == [2]
    assert found(db, "nguyen thi hoa 60") == [1]
    assert found(db, "hoa 1999") == []


def test_a_birth_date_as_the_card_shows_it_narrows_by_its_year(db: Database) -> None:
    assert found(db, "nguyen thi hoa 12/05/1960") == [1]
    assert found(db, "hoa 12-05-1960") == found(db, "hoa 1960") == [1]
    assert found(db, "hoa 01/01/1999") == []


def test_a_year_still_being_typed_narrows_by_its_start(db: Database) -> None:
    assert found(db, "hung 19") == [3, 7, 10, 6]
    assert found(db, "hung 195") == [3, 6]
    assert found(db, "hung 1") == [3, 7, 10, 6]  # one digit says nothing yet


# --- ranking -----------------------------------------------------------------------------------


def test_given_name_ranks_above_the_same_word_elsewhere(db: Database) -> None:
    # Hùng and Hưng both fold to "hung": the given-name matches come first, in list order.
    assert found(db, "hung") == [3, 7, 10, 6]


def test_whole_word_ranks_above_prefix_and_given_name_first(db: Database) -> None:
    # List order is the reverse: the ranking alone puts the given name Huy first.
    assert found(db, "huy") == [22, 21, 20]


def test_given_name_matching_the_last_word_typed_ranks_first(db: Database) -> None:
    assert found(db, "nguyen hung")[:2] == [7, 10]
    assert found(db, "tran hung") == [3, 6]


def test_prefix_of_the_given_name_ranks_above_prefix_elsewhere(db: Database) -> None:
    # "hu": given names Hùng, Hưng, Huy before Hùng as a middle name, Huy as a middle name, Huỳnh.
    assert found(db, "hu") == [3, 7, 10, 22, 6, 20, 21]


def test_limit_caps_the_results_best_first(db: Database) -> None:
    assert found(db, "hu", limit=3) == [3, 7, 10]
    assert found(db, "hu", limit=0) == []


# --- who appears -------------------------------------------------------------------------------


def test_removed_voters_never_appear(db: Database) -> None:
    assert 11 not in found(db, "le van hung")
    assert found(db, "11") == []
    assert found(db, "001058777888") == []
    assert found(db, "07-0011") == []


def test_voters_voting_elsewhere_still_appear(db: Database) -> None:
    assert found(db, "vo thi hoa") == [12]
    assert find(db, "12").list_nos == [12]


# --- list numbers, IDs, voter cards ------------------------------------------------------------


@pytest.mark.parametrize("typed", ["3", "0003", " 3 "])
def test_short_number_is_the_list_number(db: Database, typed: str) -> None:
    assert find(db, typed) == SearchOutcome("list_no", [3], exact=True)


def test_unknown_list_number(db: Database) -> None:
    assert find(db, "999") == SearchOutcome("list_no", [], exact=False)


@pytest.mark.parametrize("typed", ["001058111222", "001 058 111 222"])
def test_twelve_digits_are_an_id_number(db: Database, typed: str) -> None:
    assert find(db, typed) == SearchOutcome("id", [3], exact=True)


@pytest.mark.parametrize("typed", ["00105811122", "0010581112220", "999999999999"])
def test_other_long_numbers_find_nobody(db: Database, typed: str) -> None:
    assert find(db, typed) == SearchOutcome("id", [], exact=False)


def test_a_shared_id_number_is_not_exact(tmp_path: Path) -> None:
    db = build(tmp_path / "dup.db", [(1, "Lê Văn An", "1970", "001070000001", "listed")])
    with db.conn:
        insert_voter(db, (2, "Lê Văn An", "1970", "001070000001", "listed"))
    assert find(db, "001070000001") == SearchOutcome("id", [1, 2], exact=False)


def test_voter_card_of_this_station(db: Database) -> None:
    assert find(db, "07-0003") == SearchOutcome("card", [3], exact=True)
    assert find(db, "07-0003", station_no=None) == SearchOutcome("card", [3], exact=True)


def test_voter_card_of_another_station_is_reported_never_matched(db: Database) -> None:
    assert find(db, "05-0003") == SearchOutcome("card", [], exact=False, other_station=5)


# --- citizen-ID QR -----------------------------------------------------------------------------


def qr(id_number: str, name: str, birth: str) -> str:
    return f"{id_number}|012345678|{name}|{birth}|Nam|Số 12, phố Láng Hạ, phường Láng|15082021"


def test_qr_matches_by_id_number(db: Database) -> None:
    # The name on the card is spelled differently: the ID decides.
    assert find(db, qr("001058111222", "Tran Van Hung", "03021958")) == SearchOutcome("qr", [3], exact=True)


def test_qr_falls_back_to_name_and_birth_date_when_the_list_has_no_id(db: Database) -> None:
    payload = qr("001190123456", unicodedata.normalize("NFD", "Lê Thị Thúy"), "20101990")
    # 23 has the same name and only a birth year: a possible match, after the full-date one.
    assert find(db, payload) == SearchOutcome("qr", [4, 23], exact=False)


def test_qr_name_and_birth_date_alone_identify_a_voter_exactly(tmp_path: Path) -> None:
    db = build(tmp_path / "one.db", [(4, "Lê Thị Thuý", "20/10/1990", None, "listed")])
    assert find(db, qr("001190123456", "Lê Thị Thúy", "20101990")) == SearchOutcome("qr", [4], exact=True)


def test_qr_with_a_year_only_match_is_not_exact(db: Database) -> None:
    # 4 was born on another day of 1990; 23 in 1990, day unknown.
    assert find(db, qr("001190999999", "Lê Thị Thuý", "02021990")) == SearchOutcome("qr", [23], exact=False)


def test_qr_never_matches_a_namesake_listed_with_another_id(db: Database) -> None:
    # Trần Văn Hùng born 03/02/1958 is on the list with a different ID: another person.
    assert find(db, qr("001058999999", "Trần Văn Hùng", "03021958")) == SearchOutcome("qr", [], exact=False)


def test_qr_with_another_birth_year_or_name_finds_nobody(db: Database) -> None:
    assert find(db, qr("001191123456", "Lê Thị Thuý", "20101991")).list_nos == []
    assert find(db, qr("001190123456", "Lê Thị Thu", "20101990")).list_nos == []


def test_qr_of_a_removed_voter_finds_nobody(db: Database) -> None:
    assert find(db, qr("001058777888", "Lê Văn Hùng", "05051958")).list_nos == []


def test_unreadable_qr_finds_nobody_and_does_not_raise(db: Database) -> None:
    assert find(db, "0010|garbage|") == SearchOutcome("qr_unreadable", [], exact=False)


# --- odd input -----------------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["", "   ", "\r\n"])
def test_empty_query(db: Database, typed: str) -> None:
    assert find(db, typed) == SearchOutcome("empty", [], exact=False)


@pytest.mark.parametrize("typed", ["...", "-", "\"'", "*", "AND", "NOT hung", "hung OR", "(hung", "name:hung"])
def test_punctuation_and_fts_syntax_are_just_text(db: Database, typed: str) -> None:
    find(db, typed)  # no exception
    assert find(db, "name:hung").list_nos == find(db, "name hung").list_nos


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(text=st.text(max_size=30))
def test_search_never_raises(db: Database, text: str) -> None:
    outcome = find(db, text)
    assert outcome.kind in {"empty", "name", "list_no", "id", "card", "qr", "qr_unreadable"}
    assert len(outcome.list_nos) <= 20


# --- the index follows every writer ------------------------------------------------------------


def test_index_follows_updates_and_deletes(db: Database) -> None:
    with db.conn:
        db.conn.execute("UPDATE voters SET status = 'removed' WHERE list_no = 3")
    assert 3 not in found(db, "tran van hung")
    with db.conn:
        db.conn.execute("UPDATE voters SET status = 'listed' WHERE list_no = 3")
        db.conn.execute(
            "UPDATE voters SET name = 'Trần Văn Hoàng', name_key = ? WHERE list_no = 3", (fold("Trần Văn Hoàng"),)
        )
        db.conn.execute("UPDATE voters SET birth_year = 1959 WHERE list_no = 6")
        db.conn.execute("DELETE FROM voters WHERE list_no = 7")
    assert found(db, "tran van hung") == []
    assert found(db, "tran van hoang") == [3]
    assert found(db, "hung 58") == []
    assert found(db, "hung 1959") == [6]
    assert 7 not in found(db, "hung")


# sqlite-utils turns recursive triggers on, so REPLACE fires delete triggers; a plain sqlite3
# connection leaves them off, and REPLACE deletes silently. The index must be right either way.
writers = pytest.mark.parametrize("recursive_triggers", ["ON", "OFF"])


@writers
def test_index_follows_insert_or_replace(db: Database, recursive_triggers: str) -> None:
    db.conn.execute(f"PRAGMA recursive_triggers = {recursive_triggers}")
    with db.conn:
        db.conn.execute(
            "INSERT OR REPLACE INTO voters (list_no, name, name_key) VALUES (3, 'Đỗ Văn Lâm', ?)", (fold("Đỗ Văn Lâm"),)
        )
    assert found(db, "tran van hung") == []
    assert found(db, "do van lam") == [3]


@writers
def test_index_forgets_a_voter_replaced_by_a_removed_row(db: Database, recursive_triggers: str) -> None:
    db.conn.execute(f"PRAGMA recursive_triggers = {recursive_triggers}")
    with db.conn:
        db.conn.execute(
            "INSERT OR REPLACE INTO voters (list_no, name, name_key, status) VALUES (3, 'Trần Văn Hùng', ?, 'removed')",
            (fold("Trần Văn Hùng"),),
        )
        db.conn.execute("UPDATE OR REPLACE voters SET list_no = 7, status = 'removed' WHERE list_no = 10")
    assert found(db, "hung") == [6]


@writers
def test_index_passes_its_integrity_check_after_every_kind_of_write(db: Database, recursive_triggers: str) -> None:
    db.conn.execute(f"PRAGMA recursive_triggers = {recursive_triggers}")
    with db.conn:
        db.conn.execute("UPDATE voters SET status = 'removed' WHERE list_no IN (1, 2)")
        db.conn.execute("UPDATE voters SET status = 'listed' WHERE list_no = 1")
        db.conn.execute("DELETE FROM voters WHERE list_no IN (4, 11)")
        db.conn.execute("INSERT OR REPLACE INTO voters (list_no, name, name_key) VALUES (5, 'An', 'an')")
        db.conn.execute(f"INSERT INTO {search_index.TABLE}({search_index.TABLE}, rank) VALUES ('integrity-check', 1)")


def test_index_derives_given_name_and_initials_as_names_does(db: Database) -> None:
    rows = db.conn.execute(f"SELECT rowid, given, initials, birth FROM {search_index.TABLE}").fetchall()
    by_no = {v[0]: v for v in VOTERS}
    assert {r[0] for r in rows} == {v[0] for v in VOTERS if v[4] != "removed"}
    for list_no, indexed_given, first_letters, birth in rows:
        name, born = by_no[list_no][1], by_no[list_no][2]
        assert (indexed_given, first_letters) == ("g_" + given_name(name), "i_" + initials(name))
        assert birth == f"{born[-4:]} {born[-2:]}"


def test_rebuild_gives_the_same_answers(db: Database) -> None:
    before = [found(db, q) for q in ("hung", "nvh", "hoa 1948", "thuy")]
    with db.conn:
        search_index.rebuild(db)
    assert [found(db, q) for q in ("hung", "nvh", "hoa 1948", "thuy")] == before


def _index_rows(db: Database) -> list[tuple[object, ...]]:
    return db.conn.execute(f"SELECT rowid, * FROM {search_index.TABLE} ORDER BY rowid").fetchall()


def _triggers(db: Database) -> set[str]:
    return {r[0] for r in db.conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}


def test_a_bulk_load_builds_what_the_triggers_build_and_puts_them_back(db: Database, tmp_path: Path) -> None:
    changed = [v for v in VOTERS if v[0] != 3]  # one voter fewer and one renamed
    changed[0] = (changed[0][0], "Đỗ Quang Vinh", *changed[0][2:])
    twin = build(tmp_path / "twin.db", changed)  # row by row, through the triggers
    try:
        rows = twin.conn.execute("SELECT * FROM voters ORDER BY list_no").fetchall()
        triggers = _triggers(db)
        db.conn.execute("BEGIN")
        with search_index.bulk_load(db):
            assert f"{search_index.TABLE}_ai" not in _triggers(db)
            db.conn.execute("DELETE FROM voters")
            db.conn.executemany(f"INSERT INTO voters VALUES ({', '.join('?' * len(rows[0]))})", rows)
        db.conn.execute("COMMIT")
        assert _index_rows(db) == _index_rows(twin) and _triggers(db) == triggers
    finally:
        twin.conn.close()
    assert found(db, "vinh") == [changed[0][0]] and 3 not in found(db, "hung")
    with db.conn:  # the triggers are back: a voter added on the day is found
        db.conn.execute("INSERT INTO voters (list_no, name, name_key) VALUES (90, 'Lý Thành Đạt', 'ly thanh dat')")
    assert found(db, "dat") == [90]
    db.conn.execute(f"INSERT INTO {search_index.TABLE}({search_index.TABLE}, rank) VALUES ('integrity-check', 1)")


@pytest.mark.parametrize("then", ["ROLLBACK", "COMMIT"])
def test_a_bulk_load_that_fails_leaves_the_triggers(db: Database, then: str) -> None:
    before, triggers = _index_rows(db), _triggers(db)
    db.conn.execute("BEGIN")
    with pytest.raises(RuntimeError, match="bad row"), search_index.bulk_load(db):
        db.conn.execute("DELETE FROM voters WHERE list_no = 3")
        raise RuntimeError("bad row")
    db.conn.execute(then)  # a caller that commits what it has done anyway keeps the triggers too
    assert _triggers(db) == triggers
    if then == "ROLLBACK":
        assert _index_rows(db) == before and 3 in found(db, "hung")
    with db.conn:
        db.conn.execute("DELETE FROM voters WHERE list_no = 1")  # the delete trigger works again
    assert 1 not in found(db, "hoa")


def test_a_bulk_load_needs_the_callers_transaction(db: Database) -> None:
    with pytest.raises(RuntimeError, match="transaction"), search_index.bulk_load(db):
        pass
    assert f"{search_index.TABLE}_ai" in _triggers(db)


# --- both ways of ranking agree ----------------------------------------------------------------

_SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Võ", "Đặng", "Ngô"]
_MIDDLES = ["Văn", "Thị", "Minh", "Đức", "Ngọc", "Thu", "Hùng", "Hoàng"]
_GIVENS = ["Hùng", "Hưng", "Hoa", "Hòa", "Hoà", "Huy", "Hà", "Hải", "Nam", "Ngọc", "Thủy", "Văn", "Minh", "Đức"]


@pytest.fixture(scope="module")
def crowded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """A list where namesakes and shared words are everywhere, as in a real ward."""
    rng = random.Random(2026)
    voters: list[Row] = []
    for list_no in range(1, 401):
        parts = [rng.choice(_SURNAMES), rng.choice(_MIDDLES)]
        if rng.random() < 0.3:
            parts.append(rng.choice(_MIDDLES))
        parts.append(rng.choice(_GIVENS))
        status = "removed" if rng.random() < 0.05 else "listed"
        voters.append((list_no, " ".join(parts), str(rng.randint(1940, 2007)), None, status))
    database = build(tmp_path_factory.mktemp("crowded") / "station.db", voters)
    yield database
    database.conn.close()


CROWDED_QUERIES = [
    "hung", "hu", "h", "n", "nguyen", "ng", "van", "thi", "hoa", "hoa ng", "nguyen van hung", "ng v h", "n v h",
    "nvh", "ntnh", "hung nguyen", "van hung", "hung van", "minh duc", "duc minh", "hung 19", "hoa 1960", "ha 85",
    "nguyen thi", "tran ngoc hai", "thu", "thuy", "d", "đ", "vo", "huynh", "hoang hoang", "nam 2000",
]  # fmt: skip


@pytest.mark.parametrize("query", CROWDED_QUERIES)
@pytest.mark.parametrize("limit", [5, 20])
def test_ladder_and_in_memory_ranking_agree(
    crowded: Database, monkeypatch: pytest.MonkeyPatch, query: str, limit: int
) -> None:
    monkeypatch.setattr(search_module, "_CANDIDATE_CAP", 10_000)  # every query ranked in Python
    in_memory = found(crowded, query, limit=limit)
    monkeypatch.setattr(search_module, "_CANDIDATE_CAP", 0)  # every query climbs the FTS5 ladder
    assert found(crowded, query, limit=limit) == in_memory


def test_crowded_results_are_real_matches(crowded: Database) -> None:
    names = dict(crowded.conn.execute("SELECT list_no, name_key FROM voters WHERE status <> 'removed'").fetchall())
    for list_no in found(crowded, "ng v hung", limit=50):
        words = names[list_no].split()
        assert all(any(w.startswith(q) for w in words) for q in ("ng", "v", "hung"))


def test_crowded_namesakes_come_first_in_list_order(crowded: Database) -> None:
    names = dict(crowded.conn.execute("SELECT list_no, name_key FROM voters WHERE status <> 'removed'").fetchall())
    keys = list(names.values())
    common = max(set(keys), key=lambda key: (keys.count(key), key))
    namesakes = sorted(n for n, key in names.items() if key == common)
    assert len(namesakes) >= 2
    assert found(crowded, common, limit=50)[: len(namesakes)] == namesakes
