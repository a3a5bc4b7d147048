"""No voter's personal data in anything public: every public answer scanned for every voter.

A real server gets real lists registered (the sample list of station 7 and generated lists),
places published, and a morning of events; then every public endpoint is asked everything it
answers (the page, the JSON, where-do-I-vote's 200, 404, 422 and 429, including malformed
requests made of voter data), and each answer, headers included, is scanned for every voter's
name (as written, and folded: no diacritics, any case), ID number, birth date (dd/mm/yyyy and
ISO; a birth written as a year alone is no date and too common a number to scan for) and
ethnicity (as a whole word). The scanner is itself tested to find each kind.
"""

from __future__ import annotations

import contextlib
import html
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import pytest
import requests

from clerk_app.clock import VN_TZ
from clerk_app.generate import generate_voters, write_csv
from clerk_app.model import ListRow
from clerk_app.names import fold
from clerk_app.storage.listfile import read_list_file
from tests.ward_server.support import REPO, TIMEOUT, Device, WardProcess, ward_server
from ward_server.public_api import WHERE_PER_MINUTE
from ward_server.voters import ELECTION_DAY

SAMPLE_LIST = REPO / "tests" / "data" / "kvbp-07-phuong-lang.csv"
GENERATED = {1: 400, 2: 350, 3: 300}  # station -> voters


@dataclass
class Scanner:
    """Every voter's personal data, and where it turns up in a text."""

    names: set[str] = field(default_factory=set)
    folded_names: set[str] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)
    dates: set[str] = field(default_factory=set)
    ethnicities: set[str] = field(default_factory=set)

    def add(self, rows: Iterable[ListRow]) -> None:
        for row in rows:
            self.names.add(row.name)
            self.folded_names.add(fold(row.name))
            if row.id_number:
                self.ids.add(row.id_number)
            if row.birth_date:
                self.dates.add(row.birth_date.strftime("%d/%m/%Y"))
                self.dates.add(row.birth_date.isoformat())
            if row.ethnicity:
                self.ethnicities.add(row.ethnicity)

    def find(self, text: str) -> list[str]:
        """What of it is in ``text``, also once HTML entities and JSON escapes are undone."""
        variants = {text, html.unescape(text)}
        with contextlib.suppress(ValueError):
            variants.add(json.dumps(json.loads(text), ensure_ascii=False))
        found: list[str] = []
        for variant in variants:
            folded = f" {fold(variant)} "
            words = set(re.findall(r"[\w']+", variant))
            found += [f"name {n!r}" for n in self.names if n in variant]
            found += [f"folded name {n!r}" for n in self.folded_names if f" {n} " in folded]
            found += [f"ID {i}" for i in self.ids if i in variant]
            found += [f"birth date {d}" for d in self.dates if d in variant]
            found += [f"ethnicity {e!r}" for e in self.ethnicities if e in words]
        return sorted(set(found))


@dataclass
class World:
    ward: WardProcess
    rows: dict[int, list[ListRow]]
    scanner: Scanner


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    data_dir = tmp_path_factory.mktemp("privacy-ward")
    lists_dir = data_dir.parent / f"{data_dir.name}-lists"
    lists_dir.mkdir()
    rows = {7: read_list_file(SAMPLE_LIST, election_day=ELECTION_DAY).rows}
    paths = {7: SAMPLE_LIST}
    for station, count in GENERATED.items():
        rows[station] = generate_voters(count, seed=21, station_no=station)
        paths[station] = lists_dir / f"kvbp-{station:02d}.csv"
        write_csv(rows[station], paths[station], station_no=station, ward="phường Láng", city="thành phố Hà Nội")
    scanner = Scanner()
    for station_rows in rows.values():
        scanner.add(station_rows)
    with ward_server(data_dir) as server:
        for station, path in paths.items():
            server.add_station(
                station,
                f"Nhà văn hoá tổ dân phố {station}",
                *("--voters", str(path), "--place", f"Hội trường khu {station}"),
                *("--address", f"Số {station} phố Láng Hạ, Đống Đa", "--groups", f"Tổ {station}, Tổ {station + 10}"),
                *(
                    "--lat",
                    f"21.02{station}",
                    "--lon",
                    f"105.80{station}",
                    "--contact",
                    f"Tổ trưởng: 0912 000 00{station}",
                ),
            )
            _morning(server.device(station, f"dev-privacy-{station}"), rows[station])
        yield World(server, rows, scanner)


def _morning(desk: Device, rows: list[ListRow]) -> None:
    """Polls open two hours ago, most of the list checked in since, a few of it in every way there is."""
    now = datetime.now(VN_TZ)
    events = [
        desk.chain.next(
            "list_imported", at=now - timedelta(hours=3), payload={"action": "created", "voters": len(rows)}
        ),
        desk.chain.next("test_started", at=now - timedelta(hours=2, minutes=30)),
        desk.chain.next("checked_in", 1, now - timedelta(hours=2, minutes=20), {"test": True}),
        desk.chain.next("polls_opened", at=now - timedelta(hours=2), payload={"test_check_ins_wiped": 1}),
    ]
    voted = rows[: len(rows) * 2 // 3]
    step = timedelta(hours=2) / len(voted)
    events += [
        desk.chain.next("checked_in", r.list_no, now - timedelta(hours=2) + i * step) for i, r in enumerate(voted)
    ]
    events.append(desk.chain.next("check_in_undone", voted[0].list_no, now - timedelta(minutes=5)))
    events.append(desk.chain.next("voter_added", len(rows) + 1, now - timedelta(minutes=4), {"certificate": True}))
    events.append(desk.chain.next("checked_in", len(rows) + 1, now - timedelta(minutes=3), {"mobile_box": True}))
    for start in range(0, len(events), 500):
        desk.post(events[start : start + 500])


def _indexable(rows: list[ListRow]) -> list[ListRow]:
    return [r for r in rows if r.id_number and r.birth_year]


def public_answers(world: World) -> list[tuple[str, requests.Response]]:
    """Everything the public routes answer: each kind of answer, to voter data sent every way."""
    ward = world.ward
    answers = [
        ("GET /public", ward.get("/public")),
        ("GET /api/v1/public/stations", ward.get("/api/v1/public/stations")),
    ]
    client = 0

    def where(label: str, body: Any, raw: bytes | None = None) -> None:
        nonlocal client
        client += 1  # its own client address each (the server trusts X-Forwarded-For from loopback)
        headers = {"X-Forwarded-For": f"192.0.2.{client}"}
        url = f"{ward.url}/api/v1/public/where"
        if raw is not None:
            answer = requests.post(
                url, data=raw, headers={**headers, "Content-Type": "application/json"}, timeout=TIMEOUT
            )
        else:
            answer = requests.post(url, json=body, headers=headers, timeout=TIMEOUT)
        answers.append((f"POST where {label}", answer))

    for station, rows in world.rows.items():
        for row in _indexable(rows)[:5]:
            where(f"known voter of {station}", {"id": row.id_number, "birth_year": row.birth_year})
    row = next(r for r in _indexable(world.rows[7]) if r.birth_date)  # a full birth date, to send as one
    assert row.birth_year and row.id_number
    where("wrong year", {"id": row.id_number, "birth_year": row.birth_year + 1})
    where("unknown id", {"id": "079" + row.id_number[3:], "birth_year": row.birth_year})
    # Malformed, and made of voter data: a 422 must not echo it back.
    where("name as id", {"id": row.name, "birth_year": row.birth_year})
    where("id too long", {"id": row.id_number + "9", "birth_year": row.birth_year})
    where("birth date as year", {"id": row.id_number, "birth_year": row.birth})
    where("extra fields", {"id": row.id_number, "birth_year": row.birth_year, "name": row.name, "dan_toc": "Tày"})
    where("not json", None, raw=f"{{'id': {row.id_number}, name: {row.name}}}".encode())
    # The rate limit's answer, for a client that asked too often.
    rate_limited = {"X-Forwarded-For": "192.0.2.250"}
    for _ in range(WHERE_PER_MINUTE + 1):
        limited = requests.post(
            f"{ward.url}/api/v1/public/where",
            json={"id": row.id_number, "birth_year": row.birth_year},
            headers=rate_limited,
            timeout=TIMEOUT,
        )
    answers.append(("POST where rate limited", limited))
    return answers


def test_the_scanner_finds_each_kind_of_personal_data() -> None:
    rows = read_list_file(SAMPLE_LIST, election_day=ELECTION_DAY).rows
    scanner = Scanner()
    scanner.add(rows)
    with_date = next(r for r in rows if r.birth_date and r.id_number)
    assert with_date.birth_date
    other_ethnicity = next(r.ethnicity for r in rows if r.ethnicity not in ("", "Kinh"))
    assert scanner.find("<p>Khu vực 7: 1.234 cử tri, 56,7%</p>") == []
    assert f"name {with_date.name!r}" in scanner.find(f"<td>{with_date.name}</td>")
    shouted = fold(with_date.name).upper()
    assert scanner.find(f"<td>{shouted}</td>") == [f"folded name {fold(with_date.name)!r}"]
    assert scanner.find(html.escape(with_date.name).encode("ascii", "xmlcharrefreplace").decode()) != []
    assert scanner.find(json.dumps({"who": with_date.name})) != []  # \u-escaped in JSON
    assert scanner.find(f'"{with_date.id_number}"') == [f"ID {with_date.id_number}"]
    assert scanner.find(with_date.birth_date.strftime("born %d/%m/%Y")) != []
    assert scanner.find(with_date.birth_date.isoformat()) != []
    assert scanner.find(f"dân tộc: {other_ethnicity}") == [f"ethnicity {other_ethnicity!r}"]


def test_no_public_answer_holds_a_voters_personal_data(world: World) -> None:
    answers = public_answers(world)
    statuses = {label: answer.status_code for label, answer in answers}
    # Every kind of answer was really given (the scan would prove little on error pages only).
    assert statuses["GET /public"] == statuses["GET /api/v1/public/stations"] == 200
    known = [a.status_code for label, a in answers if label.startswith("POST where known voter")]
    assert known == [200] * 5 * len(world.rows)
    assert (statuses["POST where wrong year"], statuses["POST where unknown id"]) == (404, 404)
    malformed = ("name as id", "id too long", "birth date as year", "extra fields", "not json")
    assert [statuses[f"POST where {m}"] for m in malformed] == [422] * len(malformed)
    assert statuses["POST where rate limited"] == 429
    overview = dict(answers)["GET /api/v1/public/stations"].json()
    assert sum(s["voted"] for s in overview["stations"]) > 1000  # a morning was registered
    leaks = {}
    for label, answer in answers:
        text = answer.text + "\n" + "\n".join(f"{k}: {v}" for k, v in answer.headers.items())
        found = world.scanner.find(text)
        if found:
            leaks[label] = found[:10]
    assert leaks == {}
    assert len(world.scanner.names) > 1500 and len(world.scanner.ids) > 2400  # the lists were really read
