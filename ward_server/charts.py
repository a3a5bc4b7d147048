"""Inline SVG for the dashboard: a station's check-ins per hour, the ward's cumulative curve.

Plain strings, no library and nothing fetched: the page must work on a LAN without internet.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from ward_server.models import HourCount

Scale = Callable[[float], float]
DAY_FIRST_HOUR, DAY_END_HOUR = 7, 19  # polls 07:00-19:00; the axis widens for earlier/later data


def hour_span(series: list[list[HourCount]]) -> tuple[int, int]:
    """[first, end) hours to draw: the polling day, widened to any check-in outside it."""
    hours = [int(item.hour[:2]) for items in series for item in items]
    return min([DAY_FIRST_HOUR, *hours]), max([DAY_END_HOUR, *(h + 1 for h in hours)])


def hourly_bars(by_hour: list[HourCount], span: tuple[int, int]) -> str:
    """Bars stretch to the card's width; the hour labels are HTML below, so text never stretches."""
    first, end = span
    counts = {int(item.hour[:2]): item.checked_in for item in by_hour}
    top = max(counts.values(), default=0) or 1
    width, height = (end - first) * 10, 40
    parts = [
        f'<svg class="bars" viewBox="0 0 {width} {height}" preserveAspectRatio="none" role="img"'
        ' aria-label="Số cử tri đến bầu theo từng giờ">',
        f'<line x1="0" x2="{width}" y1="{height - 0.25}" y2="{height - 0.25}"/>',
    ]
    for index, hour in enumerate(range(first, end)):
        value = counts.get(hour, 0)
        if value:
            tall = max(round(height * value / top, 1), 1.0)
            parts.append(
                f'<rect x="{index * 10 + 1}" y="{height - tall}" width="8" height="{tall}">'
                f"<title>{hour:02d}:00–{hour + 1:02d}:00: {value} cử tri</title></rect>"
            )
    parts.append("</svg>")
    middle = (first + end) // 2
    parts.append(
        f'<div class="axis" aria-hidden="true"><span>{first:02d}h</span><span>{middle:02d}h</span>'
        f"<span>{end:02d}h</span></div>"
    )
    return "".join(parts)


def cumulative_curve(by_hour: list[HourCount], voters: int, span: tuple[int, int], until: float | None) -> str:
    """Percent of the ward's voters checked in by the end of each hour.

    ``until`` (a fractional hour, e.g. 11.5) is the latest check-in: the hour still running is
    drawn up to then, not to its end, so the curve never runs ahead of the clock.
    """
    first, end = span
    left, top, width, height = 40, 10, 320, 150
    step = width / (end - first)

    def x(hour: float) -> float:
        return round(left + (hour - first) * step, 1)

    def y(percent: float) -> float:
        return round(top + height * (1 - percent / 100), 1)

    parts = [
        f'<svg class="curve" viewBox="0 0 {left + width + 14} {top + height + 22}" role="img"'
        ' aria-label="Tỷ lệ cử tri đi bầu toàn phường theo giờ">'
    ]
    for percent in (0, 25, 50, 75, 100):
        parts.append(f'<line class="grid" x1="{left}" x2="{left + width}" y1="{y(percent)}" y2="{y(percent)}"/>')
        parts.append(f'<text x="{left - 5}" y="{y(percent) + 4}" text-anchor="end">{percent}%</text>')
    for hour in range(first, end + 1, 2):
        parts.append(f'<text x="{x(hour)}" y="{top + height + 17}" text-anchor="middle">{hour:02d}h</text>')
    if voters > 0 and by_hour:
        parts += _curve_line(by_hour, voters, until, x, y)
    parts.append("</svg>")
    return "".join(parts)


def _curve_line(by_hour: list[HourCount], voters: int, until: float | None, x: Scale, y: Scale) -> list[str]:
    points = [(x(int(by_hour[0].hour[:2])), y(0))]
    for item in by_hour:
        hour_end = int(item.hour[:2]) + 1.0
        at = hour_end if until is None else max(hour_end - 1, min(hour_end, until))
        points.append((x(at), y(min(100.0, 100 * item.cumulative / voters))))
    line = " ".join(f"{px},{py}" for px, py in points)
    parts = [
        f'<polygon class="area" points="{points[0][0]},{y(0)} {line} {points[-1][0]},{y(0)}"/>',
        f'<polyline class="line" points="{line}"/>',
    ]
    for (px, py), item in zip(points[1:], by_hour, strict=True):
        share = f"{100 * item.cumulative / voters:.1f}".replace(".", ",")
        label = escape(f"{item.hour[:2]}h–{int(item.hour[:2]) + 1:02d}h: tổng {item.cumulative} cử tri ({share}%)")
        parts.append(f'<circle cx="{px}" cy="{py}" r="3.5"><title>{label}</title></circle>')
    last_x, last_y = points[-1]
    final = f"{100 * by_hour[-1].cumulative / voters:.1f}".replace(".", ",") + "%"
    parts.append(f'<text class="now" x="{last_x + 6}" y="{last_y - 6}">{final}</text>')
    return parts
