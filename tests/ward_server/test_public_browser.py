"""The voters' page in a real browser (headless Chromium) at a phone's size, after a simulated morning.

The ward: the eight stations of tests/ward_server/seed.py (one silent for 85 minutes, one never
connected), their places, addresses, groups, contacts and coordinates registered with
``ward-server import-stations`` (all but one with coordinates), and station 3's voter list
registered as a file so its voters can ask where they vote.

The screenshots are for people to judge (set WARD_SCREENSHOT_DIR to keep them, e.g.
docs/screenshots); the tests check that they were made, that the figures in the rendered DOM
are the server's, and that the "where do I vote" form answers in the page.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from clerk_app.generate import generate_voters, write_csv
from clerk_app.model import ListRow
from tests.ward_server.cdp import Browser
from tests.ward_server.chromium import CHROMIUM, needs_chromium, run_chromium
from tests.ward_server.seed import NEVER_CONNECTED, SILENT, STATIONS, seed_ward
from tests.ward_server.support import WardProcess, election_time, run_cli, ward_server
from ward_server.public_page import REFRESH_SECONDS

PHONE = (390, 844)
LIST_STATION = 3  # its list is registered as a file: where-do-I-vote knows its voters
NO_COORDINATES = NEVER_CONNECTED

pytestmark = needs_chromium


@dataclass
class PublicWard:
    server: WardProcess
    voters: list[ListRow]  # station LIST_STATION's list
    places: dict[int, dict[str, str]]  # as imported


def place_rows() -> dict[int, dict[str, str]]:
    rows = {}
    for number, name, _ in STATIONS:
        has_coordinates = number != NO_COORDINATES
        rows[number] = {
            "number": str(number),
            "name": name,
            "place": f"Hội trường {name}",
            "address": f"Số {10 + number} phố Láng Thượng, quận Đống Đa, Hà Nội",
            "latitude": f"{21.0240 + number * 0.0011:.4f}" if has_coordinates else "",
            "longitude": f"{105.8010 + number * 0.0009:.4f}" if has_coordinates else "",
            "groups": ", ".join(f"Tổ {g}" for g in range(number * 3 - 2, number * 3 + 1)),
            "contact": f"Tổ trưởng: 09{number}2 345 6{number}8",
        }
    return rows


@pytest.fixture(scope="module")
def public_ward(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PublicWard]:
    folder = tmp_path_factory.mktemp("public-ward")
    with ward_server(folder / "ward") as server:
        seed_ward(server)
        voters = dict((n, v) for n, _, v in STATIONS)[LIST_STATION]
        rows = generate_voters(voters, station_no=LIST_STATION)
        list_file = folder / f"kvbp-{LIST_STATION:02d}.csv"
        write_csv(rows, list_file, station_no=LIST_STATION, ward="phường Láng Thượng", city="thành phố Hà Nội")
        server.add_station(LIST_STATION, server.names[LIST_STATION], "--voters", str(list_file))
        places = place_rows()
        places_file = folder / "khu-vuc.csv"
        with places_file.open("w", encoding="utf-8", newline="") as sink:
            writer = csv.DictWriter(sink, fieldnames=list(next(iter(places.values()))))
            writer.writeheader()
            writer.writerows(places.values())
        done = run_cli(server.data_dir, "import-stations", str(places_file), "--json")
        assert done.returncode == 0, done.stderr
        yield PublicWard(server, rows, places)


def keep(png: Path) -> None:
    folder = os.environ.get("WARD_SCREENSHOT_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(png, Path(folder) / png.name)


def is_png(png: Path) -> bool:
    return png.exists() and png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000


def test_screenshot_is_produced(public_ward: PublicWard, tmp_path: Path) -> None:
    png = tmp_path / "public-phone.png"
    done = run_chromium(f"{public_ward.server.url}/public", tmp_path / "profile", PHONE, f"--screenshot={png}")
    assert is_png(png), done.stderr[-2000:]
    keep(png)


def test_dom_figures_match_the_server(public_ward: PublicWard, tmp_path: Path) -> None:
    done = run_chromium(f"{public_ward.server.url}/public", tmp_path / "profile", PHONE, "--dump-dom")
    assert done.returncode == 0, done.stderr[-2000:]
    page = PageFigures()
    page.feed(done.stdout)
    data = public_ward.server.get("/api/v1/public/stations").json()

    ward = data["ward"]
    assert page.ward == {"voters": str(ward["voters"]), "voted": str(ward["voted"]), "percent": str(ward["percent"])}
    expected = {
        s["station"]: {
            "voters": str(s["voters"]),
            "voted": str(s["voted"]),
            "percent": str(s["percent"]),
            "busyness": s["busyness"],
            "stale": str(int(s["stale"])),
            "polls": s["polls"],
        }
        for s in data["stations"]
    }
    assert page.stations == expected
    assert set(expected) == {n for n, _, _ in STATIONS}
    assert ward["voted"] > 0 and expected[SILENT]["stale"] == "1"

    text = done.stdout
    for s in data["stations"]:
        card = page.cards[s["station"]]
        assert f"Khu vực bỏ phiếu số {s['station']}" in card.text
        assert public_ward.places[s["station"]]["place"] in card.text
        assert ("Chưa có số liệu mới" in card.text) == s["stale"]
        assert ("Chưa nhận được số liệu từ khu vực này." in card.text) == (s["station"] == NEVER_CONNECTED)
        if s["station"] == NO_COORDINATES:
            assert not any(h.startswith(("geo:", "https://www.openstreetmap.org/")) for h in card.links)
        else:
            assert s["geo_uri"] in card.links or any(h.startswith("geo:") for h in card.links)
            assert any(h.startswith("https://www.openstreetmap.org/") for h in card.links)
        assert any(h.startswith("tel:09") for h in card.links)
    voted_text = f"<b>{ward['voted']:,}</b>".replace(",", ".")
    assert voted_text in text  # Vietnamese thousands separator, as on the server
    # The where-do-I-vote form is shown (the page's script ran) and nothing personal is on the page.
    assert '<form id="where" autocomplete="off" novalidate="">' in text
    assert not any(v.id_number and v.id_number in text for v in public_ward.voters)
    assert not any(v.name in text for v in public_ward.voters[:200])


def test_where_do_i_vote_in_the_page(public_ward: PublicWard, tmp_path: Path) -> None:
    voter = next(v for v in public_ward.voters if v.id_number and v.birth_year)
    assert voter.id_number and voter.birth_year
    place = public_ward.places[LIST_STATION]
    with Browser(CHROMIUM, tmp_path / "profile", PHONE) as browser:
        browser.open(f"{public_ward.server.url}/public")
        assert browser.evaluate("document.getElementById('nojs').hidden") is True

        answer = ask(browser, voter.id_number, str(voter.birth_year))
        assert answer["kind"] == "found", answer
        assert answer["lines"][:3] == [f"Khu vực bỏ phiếu số {LIST_STATION}", place["place"], place["address"]]
        assert f"#kv-{LIST_STATION}" in answer["links"]
        assert any(link.startswith("https://www.openstreetmap.org/") for link in answer["links"])
        browser.evaluate("document.querySelector('.where').scrollIntoView()")
        png = tmp_path / "public-phone-where.png"
        browser.screenshot(png)
        assert is_png(png)
        keep(png)

        wrong_year = ask(browser, voter.id_number, str(voter.birth_year + 1))
        assert wrong_year["kind"] == "miss" and wrong_year["links"] == []
        assert wrong_year["lines"][0] == "Không tìm thấy"

        too_short = ask(browser, voter.id_number[:11], str(voter.birth_year))  # refused before sending
        assert too_short["lines"] == ["Số định danh phải có đúng 12 chữ số và năm sinh có 4 chữ số."]
        server_422 = ask(browser, voter.id_number, "1800")  # four digits, but the server says 422
        assert server_422["lines"] == ["Số định danh phải có đúng 12 chữ số và năm sinh có 4 chữ số."]

        # Use up this address's look-ups (10 a minute), then the page says to wait.
        statuses = browser.evaluate(
            "(async () => { var s = []; for (var i = 0; i < 12; i++) {"
            " var r = await fetch('/api/v1/public/where', {method: 'POST', headers: {'Content-Type':"
            " 'application/json'}, body: JSON.stringify({id: '000000000000', birth_year: 1990})});"
            " s.push(r.status); if (r.status === 429) break; } return s; })()"
        )
        assert statuses[-1] == 429, statuses
        limited = ask(browser, voter.id_number, str(voter.birth_year))
        assert limited["lines"][0] == "Bạn đã tra cứu quá nhiều lần", limited

        browser.evaluate(f"document.getElementById('kv-{LIST_STATION}').scrollIntoView()")
        png = tmp_path / "public-phone-place.png"
        browser.screenshot(png)
        assert is_png(png)
        keep(png)


def test_without_script_the_page_says_the_lookup_needs_it(public_ward: PublicWard, tmp_path: Path) -> None:
    with Browser(CHROMIUM, tmp_path / "profile", PHONE) as browser:
        browser.send("Emulation.setScriptExecutionDisabled", {"value": True})
        browser.open(f"{public_ward.server.url}/public")
        shown = browser.evaluate(
            "[document.getElementById('nojs').offsetHeight > 0, document.getElementById('where').offsetHeight,"
            " document.querySelectorAll('article').length]"
        )
        assert shown == [True, 0, len(STATIONS)]  # the sentence, no form (it could only send the ID in a URL)


def test_the_page_refreshes_itself_and_says_when_the_server_is_gone(tmp_path: Path) -> None:
    """Figures swap in place every minute (virtual time: no waiting), what the voter typed stays."""
    with ward_server(tmp_path / "ward") as server:
        server.add_station(1, "Nhà văn hoá tổ dân phố 1", "--voter-count", "500")
        device = server.device(1, "dev-refresh")
        with Browser(CHROMIUM, tmp_path / "profile", PHONE) as browser:
            browser.open(f"{server.url}/public")
            assert browser.evaluate("document.getElementById('kv-1').dataset.voted") == "0"
            browser.type_into("cid", "0012")

            device.post([device.chain.next("polls_opened", at=election_time(7))])
            device.post(device.chain.check_ins(range(1, 8), election_time(7, 5)))
            settle_until(lambda: server.get("/api/v1/public/stations").json()["ward"]["voted"] == 7)
            advance(browser, REFRESH_SECONDS + 1)
            browser.wait_for("document.getElementById('kv-1').dataset.voted === '7'")
            assert browser.evaluate("document.getElementById('cid').value") == "0012"
            assert browser.evaluate("document.getElementById('offline').hidden") is True

            server.process.terminate()
            server.process.wait(timeout=15)
            advance(browser, REFRESH_SECONDS + 1)
            browser.wait_for("!document.getElementById('offline').hidden")
            assert browser.evaluate("document.getElementById('kv-1').dataset.voted") == "7"  # the last figures stay


def advance(browser: Browser, seconds: float) -> None:
    """Let the page's timers run ``seconds`` ahead at once (fetches still go to the real server)."""
    browser.send("Emulation.setVirtualTimePolicy", {"policy": "pauseIfNetworkFetchesPending", "budget": seconds * 1000})
    browser.wait_event("Emulation.virtualTimeBudgetExpired")


def settle_until(condition: Callable[[], bool], limit_s: float = 15.0) -> None:
    deadline = time.monotonic() + limit_s
    while not condition():
        assert time.monotonic() < deadline, "the public figures never caught up"
        time.sleep(0.25)


def ask(browser: Browser, id_number: str, year: str) -> dict[str, Any]:
    """Type into the form as a voter would, submit, and read the answer the page shows."""
    browser.evaluate(
        "document.getElementById('cid').value = ''; document.getElementById('year').value = '';"
        " document.getElementById('answer').textContent = ''"
    )
    browser.type_into("cid", id_number)
    browser.type_into("year", year)
    browser.evaluate("document.querySelector('#where button').click()")
    browser.wait_for(
        "(function () { var a = document.getElementById('answer');"
        " return a.textContent && a.textContent !== 'Đang tra cứu…'; })()"
    )
    shown: dict[str, Any] = browser.evaluate(
        "(function () { var a = document.getElementById('answer'); return {kind: a.className,"
        " lines: Array.from(a.querySelectorAll('p')).map(function (p) { return p.textContent; }),"
        " links: Array.from(a.querySelectorAll('a')).map(function (l) { return l.getAttribute('href'); })}; })()"
    )
    return shown


@dataclass
class Card:
    text: str = ""
    links: list[str] = field(default_factory=list)


class PageFigures(HTMLParser):
    """The data-* figures of the ward header and of every polling place's card, with its text and links."""

    def __init__(self) -> None:
        super().__init__()
        self.ward: dict[str, str] = {}
        self.stations: dict[int, dict[str, str]] = {}
        self.cards: dict[int, Card] = {}
        self._card: Card | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        if tag == "header" and found.get("id") == "top":
            self.ward = {k: found[f"data-{k}"] for k in ("voters", "voted", "percent")}
        if tag == "article" and found.get("data-station"):
            number = int(found["data-station"])
            keys = ("voters", "voted", "percent", "busyness", "stale", "polls")
            self.stations[number] = {k: found[f"data-{k}"] for k in keys}
            self._card = self.cards[number] = Card()
        if tag == "a" and self._card is not None:
            self._card.links.append(found.get("href", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self._card = None

    def handle_data(self, data: str) -> None:
        if self._card is not None:
            self._card.text += data


def test_the_json_is_what_the_page_was_built_from(public_ward: PublicWard) -> None:
    """The places as imported come back in the public JSON (the page test above relies on it)."""
    data = public_ward.server.get("/api/v1/public/stations").json()
    by_number = {s["station"]: s for s in data["stations"]}
    for number, row in public_ward.places.items():
        assert by_number[number]["place"] == row["place"]
        assert by_number[number]["address"] == row["address"]
        assert (by_number[number]["latitude"] is None) == (number == NO_COORDINATES)
    assert json.dumps(data, ensure_ascii=False).count("Tổ trưởng") == len(public_ward.places)
