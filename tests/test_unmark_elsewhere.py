"""Taking back a "voting elsewhere" mark made in error (the wrong row picked): the voter can vote here again.

The team leader's PIN and a reason, as for undoing a check-in; the reason stays on this machine; the
other tables follow through sync; a list imported again does not bring the mark back.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable

import pytest

from clerk_app.errors import CheckInRefused, PinRefused
from clerk_app.model import VoterStatus
from clerk_app.station import Station
from clerk_app.storage.elsewhere import ELSEWHERE_BUT_CHECKED_IN, MarkEvent, marks_named, standing_marks
from tests.support import FakeClock, election_morning, make_rows, parsed_list

Factory = Callable[..., Station]


def _merge(into: Station, source: Station) -> None:
    top = source.db.conn.execute("SELECT max(seq) FROM events WHERE device_id = ?", (source.device_id,)).fetchone()[0]
    into.apply_foreign_events(source.unsent_events(limit=top + 1), cursor=top)


def test_a_mark_taken_back_lets_the_voter_vote_and_keeps_the_reason_here(station: Station) -> None:
    station.set_pin("1234")
    station.mark_voting_elsewhere(3, certificate="GCN-5")
    with pytest.raises(CheckInRefused):
        station.check_in(3)
    station.undo_voting_elsewhere(3, reason="nhầm dòng: người khác", pin="1234")
    voter = station.voter(3)
    assert voter is not None and voter.status is VoterStatus.LISTED and voter.certificate == ""
    assert station.check_in(3).list_no == 3
    (mark_seq,) = station.db.conn.execute("SELECT seq FROM events WHERE kind = 'voter_marked_elsewhere'").fetchone()
    payload, note = station.db.conn.execute(
        "SELECT payload, local_note FROM events WHERE kind = 'elsewhere_mark_undone'"
    ).fetchone()
    assert json.loads(payload) == {
        "undoes": [{"device_id": station.device_id, "seq": mark_seq}]
    }  # the mark it takes back
    assert note == "nhầm dòng: người khác"  # the reason never travels
    assert station.status().voters == 5


def test_taking_back_a_mark_needs_the_pin_a_reason_and_a_mark(station: Station, clock: FakeClock) -> None:
    station.set_pin("1234")
    station.mark_voting_elsewhere(3)
    with pytest.raises(PinRefused):
        station.undo_voting_elsewhere(3, reason="nhầm", pin="9999")
    for list_no, reason, code in (
        (3, "  ", "reason_required"),
        (2, "nhầm", "not_marked_elsewhere"),
        (99, "x", "not_on_list"),
    ):
        with pytest.raises(CheckInRefused) as info:
            station.undo_voting_elsewhere(list_no, reason=reason, pin="1234")
        assert info.value.reason == code
    clock.moment = election_morning(21, 15)
    with pytest.raises(CheckInRefused) as info:
        station.undo_voting_elsewhere(3, reason="nhầm", pin="1234")
    assert info.value.reason == "past_closing_time"
    assert station.voter(3).status is VoterStatus.ELSEWHERE  # type: ignore[union-attr]  # nothing changed
    assert (
        station.db.conn.execute("SELECT count(*) FROM events WHERE kind = 'elsewhere_mark_undone'").fetchone()[0] == 0
    )


def test_the_other_table_follows_and_the_conflict_is_settled(station_factory: Factory) -> None:
    """Table 2 marked the wrong row while table 1, cut off, checked that voter in: taking the mark back
    on table 2 settles the conflict on both."""
    one, two = station_factory("one"), station_factory("two")
    two.set_pin("2468")
    one.check_in(4)
    two.mark_voting_elsewhere(4)
    _merge(one, two)
    assert [c.kind for c in one.list_conflicts()] == [ELSEWHERE_BUT_CHECKED_IN]
    assert one.status().checked_in == 0  # off the list, counted nowhere (clerk_app.storage.voted)
    two.undo_voting_elsewhere(4, reason="nhầm dòng", pin="2468")
    _merge(one, two)
    assert one.list_conflicts() == [] and one.voter(4).status is VoterStatus.LISTED  # type: ignore[union-attr]
    assert one.status().checked_in == 1


def test_a_list_imported_again_keeps_only_the_marks_still_standing(station_factory: Factory, clock: FakeClock) -> None:
    clock.moment = election_morning(6, 0)
    station = station_factory(polls="not_open")
    station.set_pin("1234")
    station.mark_voting_elsewhere(1, certificate="GCN-1")
    station.mark_voting_elsewhere(2, certificate="GCN-2")
    station.undo_voting_elsewhere(2, reason="nhầm", pin="1234")
    corrected = make_rows()
    corrected[4] = dataclasses.replace(corrected[4], name="Đặng Minh Tâm")  # a corrected row: the list is replaced
    assert station.import_list(parsed_list(corrected, path="corrected.csv")).action == "replaced"
    assert station.voter(1).status is VoterStatus.ELSEWHERE  # type: ignore[union-attr]
    assert station.voter(2).status is VoterStatus.LISTED  # type: ignore[union-attr]


MARK, BACK = "voter_marked_elsewhere", "elsewhere_mark_undone"


@pytest.mark.parametrize(
    ("events", "standing"),
    [
        ([(MARK, "a", 1, None)], {("a", 1)}),
        ([(MARK, "a", 1, None), (MARK, "b", 4, None), (BACK, "b", 5, [("b", 4)])], {("a", 1)}),
        ([(MARK, "b", 4, None), (BACK, "b", 5, [("b", 4)]), (MARK, "a", 1, None)], {("a", 1)}),  # any order
        ([(BACK, "b", 5, [("a", 1)]), (MARK, "a", 1, None)], set()),  # named before it was received
        ([(MARK, "a", 1, None), (MARK, "b", 4, None), (BACK, "b", 5, None)], set()),  # naming none: all before it
        ([(MARK, "a", 1, None), (BACK, "b", 5, None), (MARK, "a", 2, None)], {("a", 2)}),
    ],
)
def test_which_marks_stand(events: list[MarkEvent], standing: set[tuple[str, int]]) -> None:
    assert standing_marks(events) == standing


def test_marks_named_reads_the_list_and_leaves_out_what_is_not_a_mark() -> None:
    assert marks_named({}) is None and marks_named({"undoes": {"device_id": "a", "seq": 1}}) is None
    assert marks_named(
        {"undoes": [{"device_id": "a", "seq": 1}, {"device_id": "b"}, {"device_id": "c", "seq": True}]}
    ) == [("a", 1)]


def test_each_table_takes_back_only_the_marks_it_held(station_factory: Factory) -> None:
    """Cut off from each other, both tables mark voter 3 and table B takes its mark back: table A's
    mark stands on both, whichever order each receives the other's events in."""
    a, b = station_factory("a"), station_factory("b")
    b.set_pin("1234")
    a.mark_voting_elsewhere(3, certificate="GCN-5")
    b.mark_voting_elsewhere(3, certificate="GCN-5")
    b.undo_voting_elsewhere(3, reason="ghi hai lần", pin="1234")
    _merge(a, b)
    _merge(b, a)
    for table in (a, b):
        voter = table.voter(3)
        assert voter is not None and voter.status is VoterStatus.ELSEWHERE
        assert table.status().voters == 4


def test_both_tables_flag_a_voter_checked_in_at_one_and_marked_at_the_other_until_settled(
    station_factory: Factory, clock: FakeClock
) -> None:
    a, b = station_factory("a"), station_factory("b")
    a.check_in(3)
    b.mark_voting_elsewhere(3)
    _merge(a, b)
    _merge(b, a)
    for table in (a, b):
        assert [(c.kind, c.list_no) for c in table.list_conflicts()] == [(ELSEWHERE_BUT_CHECKED_IN, 3)]
    a.set_pin("1234")
    a.undo_check_in(3, reason="đã có giấy chứng nhận", pin="1234")  # the team settles it at table A
    _merge(b, a)
    for table in (a, b):
        assert table.list_conflicts() == []
        assert table.status().voters == 4 and table.status().checked_in == 0


def test_a_voter_added_at_one_table_and_marked_at_another_loses_the_certificate_to_vote_here(
    station_factory: Factory,
) -> None:
    a, b = station_factory("a"), station_factory("b")
    added = a.add_voter("Lò Văn Sầm", certificate="GCN-12/2026")
    _merge(b, a)
    b.mark_voting_elsewhere(added.list_no, certificate="GCN-40")
    _merge(a, b)
    voter = a.voter(added.list_no)
    assert voter is not None and voter.status is VoterStatus.ELSEWHERE and voter.certificate == ""
    with pytest.raises(CheckInRefused) as refused:
        a.check_in(added.list_no)
    assert refused.value.reason == "voting_elsewhere"
    b.set_pin("1234")
    b.undo_voting_elsewhere(added.list_no, reason="nhầm", pin="1234")
    _merge(a, b)
    voter = a.voter(added.list_no)
    assert voter is not None and voter.status is VoterStatus.ADDED and voter.certificate == "GCN-12/2026"


def test_a_mark_that_comes_before_its_voter_is_applied_to_the_placeholder(station_factory: Factory) -> None:
    """Table C hears of table B's mark before table A's voter_added (the ward keeps them in order;
    this is for any other way in)."""
    a, b, c = station_factory("a"), station_factory("b"), station_factory("c")
    added = a.add_voter("Lò Văn Sầm", certificate="GCN-12/2026")
    _merge(b, a)
    b.mark_voting_elsewhere(added.list_no)
    _merge(c, b)
    _merge(c, a)
    _merge(a, b)
    placeholder = c.voter(added.list_no)
    assert placeholder is not None and placeholder.status is VoterStatus.ELSEWHERE
    assert [t.status().voters for t in (a, b, c)] == [5, 5, 5]  # 5 listed, 1 added, 1 marked


def test_a_mark_taken_back_takes_its_certificate_with_it_where_another_mark_stands(
    station_factory: Factory,
) -> None:
    a, b, c = station_factory("a"), station_factory("b"), station_factory("c")
    a.mark_voting_elsewhere(4, certificate="GCN-A")
    b.mark_voting_elsewhere(4)
    _merge(c, a)  # table C holds table A's mark only, and takes it back
    c.set_pin("1234")
    c.undo_voting_elsewhere(4, reason="nhầm dòng", pin="1234")
    for into, source in ((a, b), (a, c), (b, a), (b, c), (c, b)):
        _merge(into, source)
    for table in (a, b, c):
        voter = table.voter(4)
        assert voter is not None and voter.status is VoterStatus.ELSEWHERE  # table B's mark stands
        assert voter.certificate == ""  # none of this table's own marks stands


def test_a_supplement_still_adds_rows_beside_a_number_another_table_gave_an_added_voter(
    station_factory: Factory,
) -> None:
    """Table C has row 6 from a supplement; table A, without it, gave number 6 to a voter added on
    the day (a conflict on C). A second supplement with rows 6 and 7 still adds row 7 on C."""
    a, c = station_factory("a"), station_factory("c")
    rows = make_rows()
    extra = [dataclasses.replace(rows[1], list_no=n, name=f"Cử tri {n}", source_row=10 + n) for n in (6, 7)]
    c.import_list(parsed_list([*rows, extra[0]]))
    a.add_voter("Phạm Văn Mới", certificate="GCN 1")  # number 6 on table A
    _merge(c, a)
    assert [x.list_no for x in c.list_conflicts()] == [6]
    result = c.import_list(parsed_list([*rows, *extra]))
    assert result.added == 1 and c.voter(7) is not None
