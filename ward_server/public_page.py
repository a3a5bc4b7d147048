"""The voters' page (``GET /public``): where to vote, how it is going, and when it is quiet.

One small server-rendered HTML document for a phone in the sun: black on white, 18 px text and
up, big tap targets, no external scripts, fonts or pictures (the ward LAN may have no internet).
Every string from the registry is escaped. The page holds no personal data: it is built from
``PublicOverview``, which has none.

Script, a few lines inline:

- "Tôi bỏ phiếu ở đâu?" posts ``{"id", "birth_year"}`` as JSON to ``/api/v1/public/where`` and
  shows the polling place, "không tìm thấy", or the server's 422/429 in words. Without script
  the form stays hidden and a sentence says the look-up needs JavaScript, and how to find the
  place by residential group in the list below instead; a plain form could only have sent the
  ID number in a URL (logs, history), so there is none.
- Every 60 s it re-fetches ``/public`` and swaps the figures in place (the form and what the
  voter typed stay). Without script a ``<noscript>`` meta refresh reloads the page instead.

Figures sit in data-* attributes too, so tests read them without parsing Vietnamese numbers.
"""

from __future__ import annotations

import re
from html import escape

from ward_server.dashboard import clock_time, number, percent
from ward_server.public_models import PublicHour, PublicOverview, PublicStation, PublicWard

REFRESH_SECONDS = 60
WHERE_PATH = "/api/v1/public/where"
OSM_PREFIX = "https://www.openstreetmap.org/"
BUSYNESS = {  # label, what it means for someone deciding when to go
    "quiet": ("Vắng", "ít người đến lúc này"),
    "normal": ("Bình thường", "như mọi khi trong ngày"),
    "busy": ("Đông", "nhiều người đến lúc này, có thể phải chờ"),
    "unknown": ("Chưa đủ số liệu", "chưa đủ số liệu để đánh giá"),
}
POLLS_CLOSED = "Đã kết thúc bỏ phiếu"
POLLS_NOT_OPEN = "Chưa bắt đầu bỏ phiếu"
STALE_TEXT = "Chưa có số liệu mới"
NEVER_HEARD_TEXT = "Chưa nhận được số liệu từ khu vực này."
_SLOT = re.compile(r"\{\{([A-Z_]+)\}\}")  # the template's {{PLACEHOLDERS}}
# A phone number inside a contact text: "0912 345 678", "024.3834.1234", "+84 912-345-678".
_PHONE = re.compile(r"\+?\d[\d .\-]{6,16}\d")


def render_public(data: PublicOverview) -> str:
    top = _top(data)
    places = _jump(data.stations) + "".join(_card(s) for s in data.stations) or (
        '<p class="muted">Phường chưa công bố khu vực bỏ phiếu nào.</p>'
    )
    body = (
        f"{top}{_where_form()}"
        f'<section id="places" aria-label="Các khu vực bỏ phiếu">{places}</section>'
        f'<p class="foot">Số liệu tự cập nhật mỗi {REFRESH_SECONDS} giây. Trang này không chứa'
        " thông tin cá nhân của cử tri.</p>"
    )
    title = f"Bầu cử — {_capital(data.ward.name)}" if data.ward.name else "Bầu cử — khu vực bỏ phiếu"
    values = {
        "TITLE": escape(title),
        "REFRESH_S": str(REFRESH_SECONDS),
        "REFRESH_MS": str(REFRESH_SECONDS * 1000),
        "WHERE": WHERE_PATH,
        "BODY": body,
    }
    # One pass over the template: a place name can hold any text, "{{BODY}}" too, and stays text.
    return _SLOT.sub(lambda m: values[m.group(1)], _PAGE)


# --- the ward ---------------------------------------------------------------------------------


def _top(data: PublicOverview) -> str:
    ward = data.ward
    name = escape(_capital(ward.name)) if ward.name else "Bầu cử tại phường"
    return (
        f'<header id="top" class="top" data-server-time="{escape(data.server_time)}"'
        f' data-voters="{ward.voters}" data-voted="{ward.voted}" data-percent="{ward.percent}">'
        f"<h1>{name}</h1>"
        f'<p class="updated">Cập nhật lúc <b>{escape(clock_time(data.server_time))}</b></p>'
        f"{_ward_total(ward)}</header>"
    )


def _capital(text: str) -> str:
    """ "phường Láng" (as a list file's title line writes it) → "Phường Láng" for a heading."""
    return text[:1].upper() + text[1:]


def _ward_total(ward: PublicWard) -> str:
    places = f"{ward.stations} khu vực bỏ phiếu"
    if ward.voters == 0:
        return f'<p class="total"><b>{number(ward.voted)}</b> cử tri đã bỏ phiếu · {places}</p>'
    return (
        f'<p class="total">Toàn phường: <b>{number(ward.voted)}</b> / {number(ward.voters)} cử tri đã bỏ phiếu'
        f' · <b class="pct">{percent(ward.percent)}</b></p>{_bar(ward.percent)}<p class="muted">{places}</p>'
    )


# --- "where do I vote" ------------------------------------------------------------------------


def _where_form() -> str:
    return (
        '<section class="where" aria-labelledby="where-h"><h2 id="where-h">Tôi bỏ phiếu ở đâu?</h2>'
        '<p id="nojs" class="muted">Tra cứu cần trình duyệt bật JavaScript. Không tra cứu được thì tìm tổ'
        " dân phố của bạn trong danh sách khu vực bên dưới.</p>"
        '<form id="where" hidden autocomplete="off" novalidate>'
        '<label for="cid">Số định danh cá nhân (12 chữ số, in trên căn cước)</label>'
        '<input id="cid" name="id" inputmode="numeric" maxlength="12" pattern="[0-9]{12}"'
        ' placeholder="001234567890" required>'
        '<label for="year">Năm sinh</label>'
        '<input id="year" name="birth_year" inputmode="numeric" maxlength="4" pattern="[0-9]{4}"'
        ' placeholder="1985" required>'
        '<button type="submit">Tra cứu</button>'
        '<div id="answer" role="status" aria-live="polite"></div>'
        '<p class="muted small">Số định danh chỉ dùng để tìm khu vực bỏ phiếu và không hiện trên trang.</p>'
        "</form></section>"
    )


# --- a polling place --------------------------------------------------------------------------


def _jump(stations: list[PublicStation]) -> str:
    """Big numbered links to each card: ten cards make a long page on a phone."""
    if len(stations) < 2:
        return ""
    links = "".join(f'<a href="#kv-{s.station}">{s.station}</a>' for s in stations)
    return f'<nav class="jump" aria-label="Đến khu vực bỏ phiếu số">Đến khu vực số: {links}</nav>'


def _card(s: PublicStation) -> str:
    state = _state(s)
    return (
        f'<article class="st{" stale" if s.stale else ""}" id="kv-{s.station}" data-station="{s.station}"'
        f' data-voters="{s.voters}" data-voted="{s.voted}" data-percent="{s.percent}"'
        f' data-busyness="{escape(s.busyness)}" data-stale="{int(s.stale)}" data-polls="{escape(s.polls)}">'
        f'<div class="head"><h2>Khu vực bỏ phiếu số {s.station}</h2>{state}</div>'
        f"{_place(s)}{_figures(s)}{_hours(s.by_hour)}{_contact(s.contact)}{_map_links(s)}</article>"
    )


def _state(s: PublicStation) -> str:
    """The badge: how busy it is now, or why that can't be said."""
    if s.polls == "closed":  # the closing is the station's last word: old figures don't change it
        return f'<p class="badge closed">{POLLS_CLOSED}</p>'
    if s.stale:  # silent, or never heard from: not even whether the polls are open is known
        return f'<p class="badge unknown">{STALE_TEXT}</p>'
    if s.polls != "open":  # not_open, or the station's pre-election test mode
        return f'<p class="badge closed">{POLLS_NOT_OPEN}</p>'
    label, _ = BUSYNESS.get(s.busyness, BUSYNESS["unknown"])
    return f'<p class="badge {escape(s.busyness)}">Lúc này: {label}</p>'


def _place(s: PublicStation) -> str:
    main = s.place or s.name
    parts = [f'<p class="place">{escape(main)}</p>']
    if s.place and s.name and s.name != s.place:
        parts.append(f'<p class="muted">{escape(s.name)}</p>')
    if s.address:
        parts.append(f'<p class="addr">{escape(s.address)}</p>')
    if s.groups:
        parts.append(f'<p class="groups">Tổ dân phố: {escape(", ".join(s.groups))}</p>')
    return "".join(parts)


def _figures(s: PublicStation) -> str:
    if s.everyone_voted:
        head = '<p class="fig all">100% — mọi cử tri đã bỏ phiếu</p>'
    elif s.voters == 0:
        head = f'<p class="fig"><b>{number(s.voted)}</b> cử tri đã bỏ phiếu</p>'
    else:
        head = (
            f'<p class="fig"><b>{number(s.voted)}</b> / {number(s.voters)} cử tri đã bỏ phiếu'
            f' · <b class="pct">{percent(s.percent)}</b></p>'
        )
    parts = [head, _bar(100.0 if s.everyone_voted else s.percent) if s.voters else ""]
    if s.stale and s.last_contact_at is None:
        parts.append(f'<p class="stale-note">{NEVER_HEARD_TEXT}</p>')
    elif s.stale:
        since = escape(clock_time(s.last_contact_at))
        parts.append(f'<p class="stale-note">{STALE_TEXT} (lần cuối lúc {since}): số liệu có thể đã cũ.</p>')
    elif s.polls == "open" and not s.everyone_voted:
        _, meaning = BUSYNESS.get(s.busyness, BUSYNESS["unknown"])
        parts.append(
            f'<p class="now">{number(s.arrivals_last_30_min)} cử tri đến trong 30 phút qua — {escape(meaning)}.</p>'
        )
    return "".join(parts)


def _hours(by_hour: list[PublicHour]) -> str:
    """Arrivals per hour so far as CSS columns, hours without arrivals included, and a sentence."""
    counts = {int(h.hour[:2]): h.arrivals for h in by_hour if h.hour[:2].isdigit()}
    if not any(counts.values()):
        return ""
    first, last = min(counts), max(counts)
    top = max(counts.values())
    columns = []
    for hour in range(first, last + 1):
        value = counts.get(hour, 0)
        tall = round(100 * value / top) if value else 0
        columns.append(
            f'<li><span class="n">{number(value)}</span>'
            f'<i style="height:{max(tall, 2 if value else 0)}%"></i><span class="h">{hour}h</span></li>'
        )
    busiest = max(range(first, last + 1), key=lambda h: counts.get(h, 0))
    return (
        '<p class="sub">Số cử tri đến theo giờ</p>'
        f'<ol class="hours" aria-label="Số cử tri đến theo giờ">{"".join(columns)}</ol>'
        f'<p class="muted small">Đông nhất: {busiest}h–{busiest + 1}h ({number(counts[busiest])} cử tri)</p>'
    )


def _contact(contact: str | None) -> str:
    if not contact:
        return ""
    found = _PHONE.search(contact)
    if found is None:
        return f'<p class="contact">Liên hệ: {escape(contact)}</p>'
    digits = re.sub(r"[^\d+]", "", found.group())
    before, after = contact[: found.start()], contact[found.end() :]
    link = f'<a class="tel" href="tel:{escape(digits)}">☎ {escape(found.group())}</a>'
    return f'<p class="contact">Liên hệ: {escape(before)}{link}{escape(after)}</p>'


def _map_links(s: PublicStation) -> str:
    if s.latitude is None or s.longitude is None:
        return ""
    lat, lon = f"{s.latitude:.6f}", f"{s.longitude:.6f}"
    geo = s.geo_uri if s.geo_uri and s.geo_uri.startswith("geo:") else f"geo:{lat},{lon}"
    osm = (
        s.map_url
        if s.map_url and s.map_url.startswith(OSM_PREFIX)
        else f"{OSM_PREFIX}?mlat={lat}&mlon={lon}#map=18/{lat}/{lon}"
    )
    return (
        f'<p class="links"><a class="btn" href="{escape(geo)}">Mở bản đồ</a>'
        f'<a class="btn" href="{escape(osm)}" rel="noopener">OpenStreetMap</a></p>'
    )


def _bar(value: float) -> str:
    width = max(0.0, min(100.0, value))
    return f'<div class="bar" aria-hidden="true"><i style="width:{width:.1f}%"></i></div>'


_PAGE = """<!doctype html>
<html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<noscript><meta http-equiv="refresh" content="{{REFRESH_S}}"></noscript>
<title>{{TITLE}}</title>
<style>
:root{--ok:#0b6b2f;--busy:#a3140c;--mid:#7a4a00;--line:#8f969e;--muted:#2f3338}
*{box-sizing:border-box}
html{font-size:18px;-webkit-text-size-adjust:100%}
body{margin:0;font:1rem/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:#000;
background:#fff}
main{max-width:680px;margin:0 auto;padding:10px 12px 24px}
h1{font-size:1.45rem;margin:0;line-height:1.2} h2{font-size:1.2rem;margin:0;line-height:1.25}
p{margin:6px 0}
b{font-weight:700}
.muted{color:var(--muted)} .small{font-size:.9rem}
.top{border-bottom:3px solid #000;padding-bottom:8px;margin-bottom:12px}
.updated{font-size:1rem}
.total{font-size:1.1rem} .pct{font-size:1.25rem}
.bar{height:14px;background:#dfe3e7;border:1px solid var(--line);border-radius:7px;overflow:hidden;margin:6px 0}
.bar i{display:block;height:100%;background:var(--ok)}
.where{border:3px solid #000;border-radius:12px;padding:12px;margin-bottom:16px;background:#fffbe6}
.where label{display:block;font-weight:700;margin:10px 0 4px}
.where input{display:block;width:100%;font:inherit;font-size:1.3rem;letter-spacing:.06em;padding:10px 12px;
min-height:52px;border:2px solid #000;border-radius:8px;background:#fff;color:#000}
.where button{display:block;width:100%;margin-top:12px;min-height:56px;font:inherit;font-size:1.2rem;
font-weight:700;color:#fff;background:#0a3d91;border:0;border-radius:8px}
#answer:not(:empty){margin-top:12px;padding:10px 12px;border-radius:8px;border:2px solid #000;background:#fff}
#answer.found{border-color:var(--ok)} #answer.miss{border-color:var(--busy)}
#answer .big{font-size:1.3rem;font-weight:700}
.st{border:2px solid var(--line);border-radius:12px;padding:12px;margin:0 0 14px}
.st.stale{border-style:dashed}
.head{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:6px 10px}
.badge{display:inline-block;margin:0;padding:6px 12px;border-radius:999px;font-weight:700;color:#fff}
.badge.quiet{background:var(--ok)} .badge.normal{background:var(--mid)} .badge.busy{background:var(--busy)}
.badge.unknown,.badge.closed{background:#fff;color:#000;border:2px solid #000}
.place{font-size:1.1rem;font-weight:700;margin-top:8px} .addr,.groups{margin:2px 0}
.fig{font-size:1.1rem;margin-top:10px} .fig.all{color:var(--ok);font-weight:700;font-size:1.2rem}
.now{font-size:.95rem}
.stale-note{font-weight:700;color:var(--busy)}
.sub{font-weight:700;margin:12px 0 4px;font-size:.95rem}
.hours{display:flex;align-items:flex-end;gap:3px;list-style:none;margin:0;padding:0;height:96px}
.hours li{flex:1 1 0;max-width:44px;height:100%;display:flex;flex-direction:column;justify-content:flex-end;
align-items:center;min-width:0}
.hours i{display:block;width:100%;background:#0a3d91;border-radius:3px 3px 0 0}
.hours .n{font-size:.7rem;line-height:1.1;color:var(--muted)} .hours .h{font-size:.8rem;line-height:1.3}
.jump{margin:0 0 12px;font-weight:700}
.jump a{display:inline-flex;justify-content:center;align-items:center;min-width:48px;min-height:48px;margin:4px 4px 0 0;
border:2px solid #0a3d91;border-radius:8px;color:#0a3d91;text-decoration:none}
.links{display:flex;flex-wrap:wrap;gap:8px;margin-top:10px}
.btn{display:inline-flex;align-items:center;min-height:48px;padding:8px 12px;border:2px solid #0a3d91;
border-radius:8px;color:#0a3d91;font-weight:700;text-decoration:none}
.tel{font-weight:700;color:#0a3d91;white-space:nowrap;padding:10px 0}
.foot{color:var(--muted);font-size:.9rem;margin-top:16px}
#offline{position:sticky;top:0;margin:0;background:var(--busy);color:#fff;padding:10px 12px;text-align:center;
font-weight:700}
</style></head><body>
<p id="offline" hidden>Không kết nối được máy chủ phường — đang hiện số liệu cũ</p>
<main>{{BODY}}</main>
<script>
(function () {
  var form = document.getElementById("where"), answer = document.getElementById("answer");
  var idBox = document.getElementById("cid"), yearBox = document.getElementById("year");
  if (!window.fetch || !form) return;
  document.getElementById("nojs").hidden = true;
  form.hidden = false;
  function show(kind, lines, link) {
    answer.className = kind;
    answer.textContent = "";
    lines.forEach(function (line, i) {
      if (!line) return;
      var p = document.createElement("p");
      if (i === 0) p.className = "big";
      p.textContent = line;
      answer.appendChild(p);
    });
    (link || []).forEach(function (l) {
      var a = document.createElement("a");
      a.className = "btn"; a.href = l[0]; a.textContent = l[1];
      answer.appendChild(a);
    });
  }
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var id = idBox.value.replace(/\\D/g, ""), year = yearBox.value.replace(/\\D/g, "");
    if (id.length !== 12 || year.length !== 4) {
      show("miss", ["Số định danh phải có đúng 12 chữ số và năm sinh có 4 chữ số."]);
      return;
    }
    show("", ["Đang tra cứu…"]);
    fetch("{{WHERE}}", {method: "POST", headers: {"Content-Type": "application/json"},
      body: JSON.stringify({id: id, birth_year: parseInt(year, 10)}), cache: "no-store"})
    .then(function (r) {
      if (r.status === 200) return r.json().then(function (a) {
        var links = [["#kv-" + a.station, "Xem tình hình khu vực này"]];
        if (typeof a.map_url === "string" && a.map_url.indexOf("https://") === 0) links.push([a.map_url, "Bản đồ"]);
        show("found", ["Khu vực bỏ phiếu số " + a.station, a.place, a.address], links);
      });
      if (r.status === 404) show("miss", ["Không tìm thấy", "Kiểm tra lại số định danh và năm sinh,"
        + " hoặc hỏi tổ dân phố."]);
      else if (r.status === 422) show("miss", ["Số định danh phải có đúng 12 chữ số và năm sinh có 4 chữ số."]);
      else if (r.status === 429) show("miss", ["Bạn đã tra cứu quá nhiều lần", "Vui lòng thử lại sau ít phút."]);
      else show("miss", ["Máy chủ đang bận", "Vui lòng thử lại sau."]);
    }).catch(function () { show("miss", ["Không kết nối được máy chủ", "Vui lòng thử lại."]); });
  });
  var banner = document.getElementById("offline");
  setInterval(function () {
    fetch(location.pathname, {cache: "no-store"}).then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.text();
    }).then(function (text) {
      var fresh = new DOMParser().parseFromString(text, "text/html");
      ["top", "places"].forEach(function (id) {
        var n = fresh.getElementById(id), o = document.getElementById(id);
        if (n && o) o.replaceWith(document.importNode(n, true));
      });
      banner.hidden = true;
    }).catch(function () { banner.hidden = false; });
  }, {{REFRESH_MS}});
})();
</script>
</body></html>
"""
