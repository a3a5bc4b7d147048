"""Reading a batch: the fast path says exactly what the pydantic reference path says, or defers to it.

ward_server.batch reads a plainly valid batch itself (msgspec, a few checks of its own, hashlib) and
hands anything else to the models of ward_server.models, which word every 422. So whatever the
body, the fast path's result is None or the reference path's result, never a batch the reference
path would refuse.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.ward_server.support import Chain, election_time
from ward_server import batch
from ward_server.batch import Batch, instant_ms
from ward_server.errors import ApiError
from ward_server.models import AT_PATTERN

DEVICE = "dev-kv07-ban1"


def events(count: int = 4) -> list[dict[str, Any]]:
    chain = Chain(DEVICE)
    made = [chain.next("polls_opened", at=election_time(7), payload={"test_check_ins_wiped": 2})]
    made += [chain.next("checked_in", n, election_time(7, n), {"mobile_box": n == 2}) for n in range(1, count)]
    return made


def body(items: list[Any], **override: Any) -> bytes:
    return json.dumps({"device_id": DEVICE, "station": 7, "events": items, **override}, ensure_ascii=False).encode()


def reference(raw: bytes) -> Batch | ApiError:
    try:
        return batch._reference(raw, DEVICE)
    except ApiError as error:
        return error


def test_a_stations_batch_takes_the_fast_path_and_reads_the_same() -> None:
    raw = body(events(50))
    fast = batch._fast(raw, DEVICE)
    assert fast is not None
    assert fast == reference(raw)
    assert all(e.hash_ok for e in fast.events)
    assert batch.read_batch(raw, DEVICE) == fast


def test_the_content_hash_is_still_checked_on_the_fast_path() -> None:
    items = events()
    items[2]["list_no"] = 99  # content changed after hashing
    fast = batch._fast(body(items), DEVICE)
    assert fast is not None
    assert [e.hash_ok for e in fast.events] == [True, True, False, True]
    assert fast == reference(body(items))
    # As another device: the device id is hashed too.
    assert not any(e.hash_ok for e in batch.read_batch(body(events()), "dev-other").events)


@pytest.mark.parametrize(
    ("change", "pointer"),
    [
        ({"seq": 3.0}, None),  # a whole number written as a float: valid, but the reference path's job
        ({"seq": "3"}, "/events/1/seq"),
        ({"seq": True}, "/events/1/seq"),
        ({"seq": 0}, "/events/1/seq"),
        ({"list_no": None}, "/events/1/list_no"),
        ({"at": "2026-03-15T07:00:00"}, "/events/1/at"),
        ({"at": "2026-02-30T07:00:00+07:00"}, "/events/1/at"),
        ({"at": "2026-03-15 07:00:00+07:00"}, "/events/1/at"),
        ({"at": "2026-03-15T07:00:00+07:00\n"}, "/events/1/at"),
        ({"at": "٢٠٢٦-03-15T07:00:00+07:00"}, "/events/1/at"),  # digits, but not ASCII ones
        ({"at": "9999-12-31T23:00:00-05:00"}, "/events/1/at"),  # past year 9999 in Vietnam time
        ({"at": "0001-01-01T00:30:00+08:00"}, "/events/1/at"),  # before year 1 in UTC
        ({"at": "1899-12-31T23:59:59Z"}, "/events/1/at"),
        ({"at": "9000-01-01T07:00:00+07:00"}, "/events/1/at"),  # 9000-01-01T00:00Z
        ({"hash": "A" * 64}, "/events/1/hash"),
        ({"prev_hash": "0" * 63}, "/events/1/prev_hash"),
        ({"kind": "Checked_In"}, "/events/1/kind"),
        ({"uuid": ""}, "/events/1/uuid"),
        ({"clerk": "x" * 101}, "/events/1/clerk"),
        ({"clerk": None}, "/events/1/clerk"),
        ({"payload": None}, "/events/1/payload"),
        ({"payload": {"note": "x" * 201}}, "/events/1/payload"),
        ({"payload": {"a": {"b": {"c": {"d": {"e": 1}}}}}}, "/events/1/payload"),
        ({"surname": "Nguyễn"}, "/events/1/surname"),
    ],
)
def test_anything_unusual_is_left_to_the_reference_path(change: dict[str, Any], pointer: str | None) -> None:
    items = events()
    items[1] = {**items[1], **change}
    raw = body(items)
    assert batch._fast(raw, DEVICE) is None
    answer = reference(raw)
    if pointer is None:
        assert isinstance(answer, Batch)
    else:
        assert isinstance(answer, ApiError) and answer.status == 422
        assert pointer in {p.pointer for p in answer.errors}
    # read_batch gives the reference path's answer.
    if isinstance(answer, ApiError):
        with pytest.raises(ApiError):
            batch.read_batch(raw, DEVICE)
    else:
        assert batch.read_batch(raw, DEVICE) == answer


@pytest.mark.parametrize(
    "raw",
    [
        b"{not json",
        b"[]",
        body(events(), station=7.0),
        body(events(), station=0),
        body(events(), device_id="bad id"),
        body(events(), extra=1),
        body([1, 2]),
        json.dumps({"device_id": DEVICE, "station": 7, "events": [{**events()[0], "clerk": "\ud800"}]}).encode(),
        body(events()).replace(b'"seq": 1,', b'"seq": 1, "seq": 2,'),
    ],
)
def test_odd_bodies_are_left_to_the_reference_path(raw: bytes) -> None:
    fast = batch._fast(raw, DEVICE)
    assert fast is None or fast == reference(raw)


@pytest.mark.parametrize(
    "at",
    [
        "1900-01-01T07:00:00+07:00",  # the first instant taken
        "1970-01-01T00:00:00Z",  # a laptop whose clock was reset: wrong, but it must not stall the outbox
        "2100-01-01T00:00:00Z",
        "9000-01-01T06:59:59.999+07:00",  # the last
    ],
)
def test_times_from_1900_to_8999_are_taken_on_both_paths(at: str) -> None:
    items = events()
    items[1] = {**items[1], "at": at}
    raw = body(items)
    fast = batch._fast(raw, DEVICE)
    assert fast is not None and fast == reference(raw)
    assert fast.events[1].at == at


def test_an_empty_prev_hash_on_a_batchs_first_event_is_refused() -> None:
    items = events()
    items[0] = {**items[0], "prev_hash": ""}  # nothing before it in the batch to be chained to
    raw = body(items)
    assert batch._fast(raw, DEVICE) is None
    with pytest.raises(ApiError) as refused:
        batch.read_batch(raw, DEVICE)
    assert refused.value.status == 422
    assert "/events/0/prev_hash" in {p.pointer for p in refused.value.errors}


@pytest.mark.parametrize("depth", [10, 1_000, 100_000])
def test_a_payload_nested_past_the_decoders_depth_is_a_422_not_a_crash(depth: int) -> None:
    # msgspec raises RecursionError, not DecodeError, at about 1,000 levels.
    items = events()
    items[1] = {**items[1], "payload": {"x": "DEEP"}}
    raw = body(items).replace(b'"DEEP"', b"[" * depth + b"]" * depth)
    assert raw.count(b"[" * depth) == 1
    assert batch._fast(raw, DEVICE) is None
    with pytest.raises(ApiError) as refused:
        batch.read_batch(raw, DEVICE)
    assert refused.value.status == 422


def test_a_batch_of_more_than_500_is_refused() -> None:
    raw = body(events(2) * 251)
    assert batch._fast(raw, DEVICE) is None
    answer = reference(raw)
    assert isinstance(answer, ApiError) and answer.errors[0].pointer == "/events"


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.floats() | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)
fields = st.sampled_from(["seq", "uuid", "kind", "list_no", "at", "clerk", "payload", "prev_hash", "hash", "other"])


@settings(max_examples=300, deadline=None)
@given(which=st.integers(0, 3), changes=st.dictionaries(fields, json_values, max_size=3), drop=st.sets(fields))
def test_the_fast_path_never_takes_what_the_reference_path_refuses(
    which: int, changes: dict[str, Any], drop: set[str]
) -> None:
    items = events()
    changed = {k: v for k, v in {**items[which], **changes}.items() if k not in drop}
    items[which] = changed
    try:
        raw = json.dumps({"device_id": DEVICE, "station": 7, "events": items}, ensure_ascii=False).encode()
    except (UnicodeEncodeError, ValueError):
        return  # not a body anyone can send
    fast = batch._fast(raw, DEVICE)
    if fast is not None:
        assert fast == reference(raw)


@given(st.datetimes(timezones=st.timezones()))
def test_instant_ms_is_the_exact_floor(moment: Any) -> None:
    from datetime import UTC, datetime, timedelta

    assert instant_ms(moment) == (moment - datetime(1970, 1, 1, tzinfo=UTC)) // timedelta(milliseconds=1)


# The pattern as a whole-string match (re.fullmatch; "$" alone would also take a final newline).
AT_PATTERN_TEXT = AT_PATTERN.removeprefix("^").removesuffix("$")
at_texts = st.one_of(
    st.from_regex(AT_PATTERN_TEXT, fullmatch=True),
    st.sampled_from(["2026-03-15T07:00:00+07:00\n", "2026-03-15T07:00:00+07:00\n2026-03-15T07:00:00+07:00", ""]),
    st.text(max_size=35),
)


@given(st.lists(at_texts, max_size=6))
def test_one_regex_call_checks_every_at_as_the_pattern_would(ats: list[str]) -> None:
    one_by_one = all(re.fullmatch(AT_PATTERN_TEXT, at, re.ASCII) and "\n" not in at for at in ats)
    assert batch.all_at_shaped(ats) == bool(one_by_one)
