"""The ward's page: every station's turnout at a glance, in Vietnamese, readable on a phone.

One server-rendered HTML document, no external resources. A few lines of script re-fetch the
page every 30 s and swap the figures in place (no scroll jump); if the server can't be
reached the page says so and keeps the last figures. Figures also sit in data-* attributes
so tests and scripts can read them without parsing Vietnamese number formats.
"""

from __future__ import annotations

from html import escape

from clerk_app.clock import from_iso, local
from ward_server import charts
from ward_server.figures import SILENT_AFTER_MINUTES
from ward_server.models import StationsOverview, StationTurnout
from ward_server.public import public_percent

REFRESH_SECONDS = 30
POLLS_LABELS = {
    "not_open": "Chưa khai mạc",
    "test": "Đang chạy thử",
    "open": "Đang bỏ phiếu",
    "closed": "Đã kết thúc",
}


def number(value: int) -> str:
    """12345 → "12.345" (Vietnamese groups thousands with dots)."""
    return f"{value:,}".replace(",", ".")


def percent(value: float) -> str:
    """36.25 → "36,3%" (decimal comma)."""
    return f"{value:.1f}".replace(".", ",") + "%"


def turnout_text(checked_in: int, voters: int) -> str:
    """2,499 of 2,500 → "99,9%", not "100,0%": 100% only once everyone has voted, as on the
    public page. Past 100% is shown as it is: a list count short of the check-ins needs a look."""
    if 0 < voters < checked_in:
        return percent(100.0 * checked_in / voters)
    return percent(public_percent(checked_in, voters))


def clock_time(iso_text: str | None) -> str:
    if iso_text is None:
        return "—"
    return local(from_iso(iso_text)).strftime("%H:%M")


def render(data: StationsOverview) -> str:
    spans = charts.hour_span([s.by_hour for s in data.stations] + [data.ward.by_hour])
    cards = "".join(_station_card(s, spans) for s in data.stations)
    body = (
        f'<main id="live" data-server-time="{escape(data.server_time)}">'
        f"{_ward_section(data, spans)}{_alerts(data.stations)}"
        f'<section class="grid" aria-label="Các khu vực bỏ phiếu">{cards or _no_stations()}</section>'
        f'<p class="foot">Tự làm mới mỗi {REFRESH_SECONDS} giây · khu vực không liên lạc quá'
        f" {SILENT_AFTER_MINUTES} phút được viền đỏ · trang không chứa thông tin cá nhân</p></main>"
    )
    # BODY last: a station name can hold any text, and must not be taken for a placeholder.
    return _PAGE.replace("{{REFRESH_MS}}", str(REFRESH_SECONDS * 1000)).replace("{{BODY}}", body)


def _ward_section(data: StationsOverview, spans: tuple[int, int]) -> str:
    ward = data.ward
    title = f"Cử tri đi bầu — {ward.name}" if ward.name else "Cử tri đi bầu toàn phường"
    reporting = sum(1 for s in data.stations if s.last_contact_at and not s.silent)
    latest = max((s.last_event_at for s in data.stations if s.last_event_at), key=_instant, default=None)
    return (
        f'<section class="ward" data-voters="{ward.voters}" data-checked-in="{ward.checked_in}"'
        f' data-turnout="{ward.turnout}"><div class="totals"><h1>{escape(title)}</h1>'
        f'<p class="pct">{turnout_text(ward.checked_in, ward.voters)}</p>'
        f'<p class="big"><b>{number(ward.checked_in)}</b> / {number(ward.voters)} cử tri đã bầu</p>'
        f"{_bar(ward.turnout)}"
        f'<p class="muted">{ward.stations} khu vực bỏ phiếu · {reporting} đang liên lạc đều'
        f" · cập nhật {escape(clock_time(data.server_time))}</p></div>"
        f'<div class="chart"><h2 class="sub">Tỷ lệ đi bầu toàn phường theo giờ</h2>'
        f"{charts.cumulative_curve(ward.by_hour, ward.voters, spans, _local_hours(latest))}</div></section>"
    )


def _instant(iso_text: str) -> float:
    return from_iso(iso_text).timestamp()


def _local_hours(iso_text: str | None) -> float | None:
    """ "11:30" → 11.5 on the Vietnam clock: where the curve's running hour stops."""
    if iso_text is None:
        return None
    moment = local(from_iso(iso_text))
    return moment.hour + moment.minute / 60


# A voter a table checked in while another, cut off from it, marked them as voting elsewhere.
ELSEWHERE_BUT_CHECKED_IN = "đã bầu nhưng được ghi là bỏ phiếu nơi khác"


def _alerts(stations: list[StationTurnout]) -> str:
    items = []
    for s in stations:
        if s.silent:
            items.append(
                f'<li><a href="#kv-{s.station}">KV {s.station:02d}</a> mất liên lạc {s.silent_minutes} phút</li>'
            )
        elif s.last_contact_at is None:
            items.append(f'<li class="soft"><a href="#kv-{s.station}">KV {s.station:02d}</a> chưa kết nối</li>')
        if s.conflicts:
            items.append(
                f'<li><a href="#kv-{s.station}">KV {s.station:02d}</a> có {len(s.conflicts)} cử tri'
                " được ghi nhận trên hai máy</li>"
            )
        if s.checked_in_but_marked_elsewhere:
            items.append(
                f'<li><a href="#kv-{s.station}">KV {s.station:02d}</a> có {len(s.checked_in_but_marked_elsewhere)}'
                f" cử tri {ELSEWHERE_BUT_CHECKED_IN}</li>"
            )
    if not items:
        return ""
    return f'<section class="alerts" role="alert"><h2>Cần chú ý</h2><ul>{"".join(items)}</ul></section>'


def _station_card(s: StationTurnout, spans: tuple[int, int]) -> str:
    classes = "st warn" if s.silent else "st"
    return (
        f'<article class="{classes}" id="kv-{s.station}" data-station="{s.station}" data-voters="{s.voters}"'
        f' data-checked-in="{s.checked_in}" data-turnout="{s.turnout}" data-silent="{int(s.silent)}">'
        f'<header><h3>KV {s.station:02d}</h3><span class="name">{escape(s.name)}</span>'
        f'<span class="polls {s.polls}">{POLLS_LABELS.get(s.polls, s.polls)}</span></header>'
        f"{_station_figures(s)}"
        f"{_bar(s.turnout)}{charts.hourly_bars(s.by_hour, spans)}"
        f"{_contact_line(s)}{_problems(s)}</article>"
    )


def _station_figures(s: StationTurnout) -> str:
    if s.voters == 0:  # no count registered and none reported yet: a percent would be a lie
        return f'<p class="big"><b>{number(s.checked_in)}</b> đã bầu · <span class="soft">chưa có số cử tri</span></p>'
    share = turnout_text(s.checked_in, s.voters)
    return f'<p class="big"><b>{number(s.checked_in)}</b> / {number(s.voters)} · <b>{share}</b></p>'


def _contact_line(s: StationTurnout) -> str:
    if s.last_contact_at is None:
        return '<p class="contact soft">Chưa kết nối với máy chủ phường</p>'
    minutes = s.silent_minutes or 0
    ago = "vừa xong" if minutes < 1 else f"{minutes} phút trước"
    text = f"Liên lạc lần cuối {clock_time(s.last_contact_at)} ({ago})"
    if s.silent:
        since = clock_time(s.last_contact_at)
        return f'<p class="contact alarm">⚠ Mất liên lạc {s.silent_minutes} phút (lần cuối {since})</p>'
    return f'<p class="contact">{escape(text)}</p>'


def _problems(s: StationTurnout) -> str:
    notes = []
    if s.conflicts:
        notes.append(f"{len(s.conflicts)} cử tri được ghi nhận trên hai máy")
    if s.checked_in_but_marked_elsewhere:
        numbers = ", ".join(str(n) for n in s.checked_in_but_marked_elsewhere)
        notes.append(f"{len(s.checked_in_but_marked_elsewhere)} cử tri {ELSEWHERE_BUT_CHECKED_IN} (số {numbers})")
    if s.incidents:
        notes.append(f"{s.incidents} sự cố dữ liệu đồng bộ")
    problems = "".join(f'<p class="problem">{escape(n)}</p>' for n in notes)
    if s.marked_elsewhere:  # not a problem: voters with a certificate to vote at another place
        problems += f'<p class="muted">{s.marked_elsewhere} cử tri bỏ phiếu nơi khác (không tính vào danh sách)</p>'
    return problems


def _bar(value: float) -> str:
    width = max(0.0, min(100.0, value))
    return f'<div class="bar" aria-hidden="true"><i style="width:{width:.1f}%"></i></div>'


def _no_stations() -> str:
    return '<p class="muted">Chưa có khu vực nào. Đăng ký bằng lệnh: ward-server add-station SỐ --name TÊN</p>'


_PAGE = """<!doctype html>
<html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Cử tri đi bầu — phường</title>
<style>
:root{--ok:#1b7f3b;--alarm:#b3261e;--soft:#8a5a00;--line:#d9dde3;--muted:#555}
*{box-sizing:border-box}
body{margin:0;font:16px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:#1d1d1f;
background:#f4f6f8}
main{max-width:1200px;margin:0 auto;padding:12px}
h1{font-size:1.3rem;margin:0 0 4px} h2,h3{margin:0} h2{font-size:1.05rem} h3{font-size:1.1rem}
.sub{margin-top:12px;font-size:.95rem;color:var(--muted);font-weight:600}
.ward,.alerts,.st{background:#fff;border:1px solid var(--line);border-radius:10px;padding:12px;margin-bottom:12px}
.big{font-size:1.15rem;margin:4px 0}
.ward{display:grid;gap:8px 24px;grid-template-columns:1fr}
@media (min-width:760px){.ward{grid-template-columns:minmax(260px,1fr) minmax(320px,1.4fr);align-items:center}}
.pct{font-size:2.6rem;font-weight:700;line-height:1.1;margin:6px 0 0;color:var(--ok)}
.muted,.foot{color:var(--muted);font-size:.9rem;margin:6px 0}
.bar{height:10px;background:#e6e9ed;border-radius:5px;overflow:hidden;margin:6px 0}
.bar i{display:block;height:100%;background:var(--ok)}
.curve{width:100%;max-width:560px;height:auto;display:block}
.curve text{font-size:11px;fill:#444} .curve .now{font-weight:700;fill:var(--ok)}
.curve .grid{stroke:var(--line)} .curve .line{fill:none;stroke:var(--ok);stroke-width:2.5}
.curve .area{fill:var(--ok);opacity:.12} .curve circle{fill:var(--ok)}
.alerts{border-color:var(--alarm);background:#fff5f4} .alerts h2{color:var(--alarm)}
.alerts ul{margin:6px 0 0;padding-left:20px} .alerts li{margin:2px 0} .alerts li.soft{color:var(--soft)}
.grid{display:grid;gap:12px;grid-template-columns:repeat(auto-fill,minmax(280px,1fr))}
.grid .st{margin:0}
.st header{display:flex;flex-wrap:wrap;align-items:baseline;gap:4px 8px}
.st .name{flex:1 1 auto;color:var(--muted)}
.polls{font-size:.8rem;padding:1px 6px;border-radius:8px;background:#eef1f4}
.polls.open{background:#e3f3e8;color:var(--ok)} .polls.closed{background:#e8eaf6;color:#283593}
.bars{width:100%;height:44px;display:block;margin-top:8px} .bars rect{fill:#5b8fd6} .bars line{stroke:#c5cbd3}
.axis{display:flex;justify-content:space-between;font-size:.75rem;color:var(--muted)}
.contact{margin:6px 0 0;font-size:.9rem;color:var(--muted)}
.contact.soft,.soft{color:var(--soft)}
.contact.alarm{color:#fff;background:var(--alarm);padding:6px 8px;border-radius:6px;font-weight:600}
.st.warn{border:2px solid var(--alarm)}
.problem{margin:6px 0 0;font-size:.9rem;color:var(--alarm)}
#offline{position:sticky;top:0;background:var(--alarm);color:#fff;padding:8px 12px;text-align:center}
a{color:inherit}
</style></head><body>
<div id="offline" hidden>Không kết nối được máy chủ phường — đang hiển thị số liệu cũ</div>
{{BODY}}
<script>
(function () {
  var banner = document.getElementById("offline");
  function refresh() {
    fetch(location.pathname, {cache: "no-store"}).then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.text();
    }).then(function (text) {
      var fresh = new DOMParser().parseFromString(text, "text/html").getElementById("live");
      var old = document.getElementById("live");
      if (fresh && old) old.replaceWith(document.importNode(fresh, true));
      banner.hidden = true;
    }).catch(function () { banner.hidden = false; });
  }
  setInterval(refresh, {{REFRESH_MS}});
})();
</script>
</body></html>
"""
