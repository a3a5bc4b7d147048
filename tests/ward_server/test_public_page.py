"""The voters' page as rendered from a constructed PublicOverview (no server, no browser)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import pytest

from ward_server.public_models import PublicHour, PublicOverview, PublicStation, PublicWard
from ward_server.public_page import REFRESH_SECONDS, STALE_TEXT, render_public

HOSTILE = '<script>alert("x")</script> & "Hội trường" \'{{BODY}}\''


def hours(counts: dict[int, int]) -> list[PublicHour]:
    total, items = 0, []
    for hour in sorted(counts):
        total += counts[hour]
        items.append(PublicHour(hour=f"{hour:02d}:00", arrivals=counts[hour], cumulative=total))
    return items


def station(number: int, **override: Any) -> PublicStation:
    by_hour = override.pop("by_hour", hours({7: 180, 8: 150, 9: 110, 10: 60}))
    fields: dict[str, Any] = {
        "station": number,
        "name": f"Nhà văn hoá tổ dân phố {number}",
        "place": f"Hội trường Trường Tiểu học Láng Thượng cơ sở {number}",
        "address": f"Số {number * 3} ngõ 105 Láng Hạ, Đống Đa, Hà Nội",
        "groups": [f"Tổ {g}" for g in range(number * 3, number * 3 + 3)],
        "contact": "Tổ trưởng Trần Thị Lan — 0912 345 678",
        "latitude": 21.0170 + number / 1000,
        "longitude": 105.8120 + number / 1000,
        "map_url": None,
        "geo_uri": None,
        "voters": 1240,
        "voted": sum(h.arrivals for h in by_hour),
        "percent": round(100 * sum(h.arrivals for h in by_hour) / 1240, 1),
        "everyone_voted": False,
        "by_hour": by_hour,
        "arrivals_last_30_min": 24,
        "busyness": "normal",
        "polls": "open",
        "last_contact_at": "2026-03-15T10:40:00.000+07:00",
        "stale": False,
    }
    fields.update(override)
    return PublicStation(**fields)


def overview(stations: list[PublicStation], ward_name: str | None = "Phường Láng Thượng") -> PublicOverview:
    voters = sum(s.voters for s in stations)
    voted = sum(s.voted for s in stations)
    return PublicOverview(
        server_time="2026-03-15T10:42:05.000+07:00",
        ward=PublicWard(
            name=ward_name,
            stations=len(stations),
            voters=voters,
            voted=voted,
            percent=round(100 * voted / voters, 1) if voters else 0.0,
        ),
        stations=stations,
    )


def ten_stations() -> PublicOverview:
    """A busy-looking ward morning of ten stations, each kind of card once at least."""
    stations = [station(n, busyness=("quiet", "normal", "busy")[n % 3]) for n in range(1, 11)]
    stations[3] = station(4, voters=312, voted=312, percent=100.0, everyone_voted=True, busyness="quiet")
    stations[6] = station(7, stale=True, busyness="unknown", last_contact_at="2026-03-15T09:12:00.000+07:00")
    stations[8] = station(9, latitude=None, longitude=None, contact=None, groups=[], address=None, place=None)
    return overview(stations)


class Links(HTMLParser):
    """Every URL-bearing attribute on the page, with its tag."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[tuple[str, str, str]] = []  # tag, attribute, value
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.append((tag, found))
        for name in ("href", "src", "action", "srcset", "poster", "data"):
            value = found.get(name)
            if value is not None:
                self.urls.append((tag, name, value))


def parse(page: str) -> Links:
    links = Links()
    links.feed(page)
    links.close()
    return links


def card(page: str, number: int) -> str:
    found = re.search(rf'<article[^>]* id="kv-{number}".*?</article>', page, re.S)
    assert found, f"no card for station {number}"
    return found.group()


def test_page_basics() -> None:
    page = render_public(ten_stations())
    assert page.startswith("<!doctype html>")
    assert '<html lang="vi">' in page
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    assert "Phường Láng Thượng" in page
    assert "Cập nhật lúc <b>10:42</b>" in page
    assert "Tôi bỏ phiếu ở đâu?" in page
    assert '"/api/v1/public/where"' in page
    assert f'<meta http-equiv="refresh" content="{REFRESH_SECONDS}">' in page  # inside <noscript>
    assert "Tra cứu cần trình duyệt bật JavaScript" in page
    for n in range(1, 11):
        assert f"Khu vực bỏ phiếu số {n}</h2>" in page
        assert f'<a href="#kv-{n}">{n}</a>' in page  # the jump list
    base = re.search(r"html\{font-size:(\d+)px", page)
    assert base and int(base[1]) >= 18


def test_ward_total_is_shown_at_the_top() -> None:
    data = ten_stations()
    page = render_public(data)
    top = page[: page.index('<section class="where"')]
    voted = f"{data.ward.voted:,}".replace(",", ".")
    voters = f"{data.ward.voters:,}".replace(",", ".")
    assert f"Toàn phường: <b>{voted}</b> / {voters} cử tri đã bỏ phiếu" in top
    assert f"{data.ward.percent:.1f}".replace(".", ",") + "%" in top
    assert f'data-voted="{data.ward.voted}"' in top


def test_station_figures() -> None:
    page = render_public(ten_stations())
    first = card(page, 1)
    assert '<b>500</b> / 1.240 cử tri đã bỏ phiếu · <b class="pct">40,3%</b>' in first
    assert 'style="width:40.3%"' in first
    assert "24 cử tri đến trong 30 phút qua" in first
    assert "Hội trường Trường Tiểu học Láng Thượng cơ sở 1" in first
    assert "Số 3 ngõ 105 Láng Hạ" in first
    assert "Tổ dân phố: Tổ 3, Tổ 4, Tổ 5" in first
    # Arrivals by hour: one column per hour so far, counts readable, the busiest hour named.
    assert first.count("<li>") == 4
    assert '<li><span class="n">180</span><i style="height:100%"></i><span class="h">7h</span></li>' in first
    assert '<li><span class="n">60</span><i style="height:33%"></i><span class="h">10h</span></li>' in first
    assert "Đông nhất: 7h–8h (180 cử tri)" in first


def test_hours_without_arrivals_between_are_shown_empty() -> None:
    page = render_public(overview([station(1, by_hour=hours({7: 10, 9: 5}))]))
    first = card(page, 1)
    assert first.count("<li>") == 3
    assert '<li><span class="n">0</span><i style="height:0%"></i><span class="h">8h</span></li>' in first


def test_everyone_voted_says_100_percent() -> None:
    page = render_public(ten_stations())
    assert "100% — mọi cử tri đã bỏ phiếu" in card(page, 4)
    assert "mọi cử tri đã bỏ phiếu" not in card(page, 1)


def test_stale_station_says_no_recent_figures() -> None:
    page = render_public(ten_stations())
    stale = card(page, 7)
    assert STALE_TEXT == "Chưa có số liệu mới"
    assert f'<p class="badge unknown">{STALE_TEXT}</p>' in stale
    assert f"{STALE_TEXT} (lần cuối lúc 09:12)" in stale
    assert 'data-stale="1"' in stale
    assert "Lúc này:" not in stale  # no busyness claimed from old figures
    assert STALE_TEXT not in card(page, 1)


def test_a_station_never_heard_from_says_so() -> None:
    never = station(1, stale=True, polls="not_open", busyness="unknown", last_contact_at=None, voted=0, by_hour=[])
    page = card(render_public(overview([never])), 1)
    assert f'<p class="badge unknown">{STALE_TEXT}</p>' in page  # not "not open yet": nobody knows
    assert "Chưa nhận được số liệu từ khu vực này." in page
    assert "lần cuối" not in page and "Chưa bắt đầu" not in page and "theo giờ" not in page


def test_a_closed_station_says_closed_even_when_silent_since() -> None:
    closed = station(1, stale=True, polls="closed", last_contact_at="2026-03-15T19:05:00.000+07:00")
    page = card(render_public(overview([closed])), 1)
    assert '<p class="badge closed">Đã kết thúc bỏ phiếu</p>' in page
    assert f"{STALE_TEXT} (lần cuối lúc 19:05)" in page


@pytest.mark.parametrize(
    ("busyness", "label"),
    [("quiet", "Vắng"), ("normal", "Bình thường"), ("busy", "Đông"), ("unknown", "Chưa đủ số liệu")],
)
def test_busyness_badges(busyness: str, label: str) -> None:
    page = render_public(overview([station(1, busyness=busyness)]))
    assert f'<p class="badge {busyness}">Lúc này: {label}</p>' in card(page, 1)


@pytest.mark.parametrize(
    ("polls", "text"), [("not_open", "Chưa bắt đầu"), ("test", "Chưa bắt đầu"), ("closed", "Đã kết thúc")]
)
def test_a_station_not_voting_now_says_so_instead_of_busyness(polls: str, text: str) -> None:
    page = card(render_public(overview([station(1, polls=polls, busyness="quiet")])), 1)
    assert f'<p class="badge closed">{text} bỏ phiếu</p>' in page
    assert "Lúc này:" not in page and "30 phút qua" not in page


def test_map_links_only_with_coordinates() -> None:
    page = render_public(ten_stations())
    with_coords = card(page, 1)
    assert 'href="geo:21.018000,105.813000"' in with_coords
    assert 'href="https://www.openstreetmap.org/?mlat=21.018000&amp;mlon=105.813000#map=18/21.018000/105.813000"' in (
        with_coords
    )
    without = card(page, 9)
    assert "geo:" not in without and "openstreetmap" not in without
    assert "Nhà văn hoá tổ dân phố 9" in without  # no place: the registered name stands in


def test_the_registry_links_are_used_when_they_are_what_they_claim() -> None:
    good = station(
        1,
        geo_uri="geo:21.1,105.8?z=18",
        map_url="https://www.openstreetmap.org/?mlat=21.1&mlon=105.8#map=18/21.1/105.8",
    )
    bad = station(2, geo_uri="javascript:alert(1)", map_url="https://evil.example/track")
    page = render_public(overview([good, bad]))
    assert 'href="geo:21.1,105.8?z=18"' in card(page, 1)
    assert 'href="https://www.openstreetmap.org/?mlat=21.1&amp;mlon=105.8#map=18/21.1/105.8"' in card(page, 1)
    assert "javascript:" not in page and "evil.example" not in page
    assert 'href="geo:21.019000,105.814000"' in card(page, 2)


def test_contact_phone_becomes_a_tel_link() -> None:
    page = render_public(ten_stations())
    assert 'Liên hệ: Tổ trưởng Trần Thị Lan — <a class="tel" href="tel:0912345678">☎ 0912 345 678</a>' in card(page, 1)
    plain = card(render_public(overview([station(1, contact="Hỏi tại nhà văn hoá tổ 5")])), 1)
    assert "Liên hệ: Hỏi tại nhà văn hoá tổ 5" in plain and "tel:" not in plain
    intl = card(render_public(overview([station(1, contact="+84 24.3834.1234")])), 1)
    assert 'href="tel:+842438341234"' in intl
    assert "Liên hệ" not in card(page, 9)


def test_every_string_is_escaped() -> None:
    hostile = station(
        1,
        name=HOSTILE,
        place=HOSTILE,
        address=HOSTILE,
        groups=[HOSTILE],
        contact=HOSTILE + " 0912 345 678",
    )
    page = render_public(overview([hostile], ward_name=HOSTILE))
    assert '<script>alert("x")</script>' not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;Hội trường&quot;" in page
    # Text that looks like the template's placeholder stays text: title, h1, place (the name, the same, is
    # not repeated), address, group, contact.
    assert page.count("&#x27;{{BODY}}&#x27;") == 6
    assert page.count("<script>") == 1  # the page's own, nothing injected
    assert page.count("<main>") == 1


def test_size_budget() -> None:
    page = render_public(ten_stations())
    assert len(page.encode("utf-8")) < 30_000, len(page.encode("utf-8"))


def test_nothing_is_loaded_from_elsewhere() -> None:
    page = render_public(ten_stations())
    links = parse(page)
    for tag, attribute, value in links.urls:
        if value.startswith(("http://", "https://", "//")):
            assert (tag, attribute) == ("a", "href"), (tag, attribute, value)
            assert value.startswith("https://www.openstreetmap.org/"), value
        else:
            assert value.startswith(("#", "geo:", "tel:")), (tag, attribute, value)
    assert not any(tag == "script" and "src" in attrs for tag, attrs in links.tags)
    assert not any(tag == "link" for tag, _ in links.tags)
    assert not any(tag in ("img", "iframe", "object", "embed") for tag, _ in links.tags)
    assert "@import" not in page and "url(" not in page and "@font-face" not in page
    # In script and style the only URL is the where-endpoint, on this server.
    for block in re.findall(r"<(?:script|style)>(.*?)</(?:script|style)>", page, re.S):
        assert not re.search(r"https?://(?!www\.openstreetmap\.org)|//[a-z]", block.replace('"https://"', ""))


def test_no_form_ever_sends_the_id_in_a_url() -> None:
    """Without script the form stays hidden: submitting it plainly would put the ID in the URL."""
    links = parse(render_public(ten_stations()))
    forms = [attrs for tag, attrs in links.tags if tag == "form"]
    assert len(forms) == 1
    assert "hidden" in forms[0] and "action" not in forms[0] and "method" not in forms[0]


def test_no_stations_yet() -> None:
    page = render_public(overview([], ward_name=None))
    assert "Phường chưa công bố khu vực bỏ phiếu nào." in page
    assert "<h1>Bầu cử tại phường</h1>" in page
