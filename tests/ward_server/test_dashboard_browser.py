"""The ward page in a real browser (headless Chromium), phone-sized and desktop-sized.

The screenshots are for people to judge (set WARD_SCREENSHOT_DIR to keep them, e.g.
docs/screenshots); the test checks that they were made and that the figures in the rendered
DOM are the server's figures.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from tests.ward_server.chromium import needs_chromium, run_chromium
from tests.ward_server.seed import (
    CERTIFICATES,
    CHECKED_IN_ELSEWHERE,
    ELSEWHERE_LIST_NOS,
    NEVER_CONNECTED,
    SILENT,
    STATIONS,
    TWO_DESKS,
    seed_ward,
)
from tests.ward_server.support import WardProcess, ward_server

SIZES = {"phone": (412, 900), "desktop": (1366, 1000)}

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def seeded_ward(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WardProcess]:
    with ward_server(tmp_path_factory.mktemp("seeded-ward")) as server:
        seed_ward(server)
        yield server


@pytest.mark.parametrize("size_name", sorted(SIZES))
def test_screenshot_is_produced(seeded_ward: WardProcess, tmp_path: Path, size_name: str) -> None:
    png = tmp_path / f"ward-dashboard-{size_name}.png"
    done = run_chromium(f"{seeded_ward.url}/", tmp_path / "profile", SIZES[size_name], f"--screenshot={png}")
    assert png.exists(), done.stderr[-2000:]
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert png.stat().st_size > 10_000  # a rendered page, not a blank one
    keep = os.environ.get("WARD_SCREENSHOT_DIR")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(png, Path(keep) / png.name)


def test_dom_figures_match_the_server(seeded_ward: WardProcess, tmp_path: Path) -> None:
    done = run_chromium(f"{seeded_ward.url}/", tmp_path / "profile", SIZES["phone"], "--dump-dom")
    assert done.returncode == 0, done.stderr[-2000:]
    page = PageFigures()
    page.feed(done.stdout)
    data = seeded_ward.get("/api/v1/stations").json()
    assert page.ward == {"voters": data["ward"]["voters"], "checked-in": data["ward"]["checked_in"]}
    expected = {
        s["station"]: {"voters": s["voters"], "checked-in": s["checked_in"], "silent": int(s["silent"])}
        for s in data["stations"]
    }
    assert page.stations == expected
    assert expected[SILENT]["silent"] == 1 and sum(v["silent"] for v in expected.values()) == 1
    text = done.stdout
    assert f"KV {SILENT:02d}</a> mất liên lạc" in text
    assert f"KV {NEVER_CONNECTED:02d}</a> chưa kết nối" in text
    assert f"KV {TWO_DESKS:02d}</a> có 1 cử tri được ghi nhận trên hai máy" in text
    assert f"KV {CERTIFICATES:02d}</a> có 1 cử tri đã bầu nhưng được ghi là bỏ phiếu nơi khác" in text
    assert f"(số {CHECKED_IN_ELSEWHERE})" in text
    assert f"{len(ELSEWHERE_LIST_NOS)} cử tri bỏ phiếu nơi khác" in text
    listed = next(v for n, _, v in STATIONS if n == CERTIFICATES)
    assert expected[CERTIFICATES]["voters"] == listed - len(ELSEWHERE_LIST_NOS)
    ward_total = data["ward"]["checked_in"]
    assert f"<b>{ward_total:,}</b>".replace(",", ".") in text  # Vietnamese thousands separator


class PageFigures(HTMLParser):
    """The data-* figures of the ward section and of every station card."""

    def __init__(self) -> None:
        super().__init__()
        self.ward: dict[str, int] = {}
        self.stations: dict[int, dict[str, int]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found: dict[str, Any] = dict(attrs)
        if tag == "section" and "ward" in (found.get("class") or "").split():
            self.ward = {k: int(found[f"data-{k}"]) for k in ("voters", "checked-in")}
        if tag == "article" and found.get("data-station"):
            self.stations[int(found["data-station"])] = {
                k: int(found[f"data-{k}"]) for k in ("voters", "checked-in", "silent")
            }
