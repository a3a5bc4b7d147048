"""The look: large type for reading at arm's length, high contrast, calm colours.

Vietnamese capitals carry stacked marks (Ỏ, Ế, Ổ) that rise above the font's ascent: large
labels get top padding, or QLabel clips the marks and "ĐÃ BỎ PHIẾU" reads "ĐÃ BÓ PHIÊU".

Sizes are points, multiplied by the FONT_SCALE setting. One application style sheet carries
them, so changing the scale restyles every open widget at once. Widgets opt in to a style by
object name (``searchBox``, ``outcomeHeadline`` ...) or by the ``severity`` property.
"""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QStyleFactory, QWidget

BASE_PT = 14
SMALL_PT = 12  # dense tables (the turnout view's)
SEARCH_PT = 22
RESULTS_PT = 16
NAME_PT = 30
HEADLINE_PT = 40
ACTION_PT = 24
INDICATOR_PX = 22
BANNER_PT = 18

INK = "#111111"
PAPER = "#f4f5f7"
ACCENT = "#1f4e8c"
OK_BG, OK_INK = "#1e6b34", "#ffffff"
STOP_BG, STOP_INK = "#a4161a", "#ffffff"
WARN_BG, WARN_INK = "#ffe08a", "#3a2a00"
INFO_BG, INFO_INK = "#dce8f5", "#0b2540"
TEST_BG, TEST_INK = "#ffb300", "#000000"
VOTED_INK = "#1e6b34"
ELSEWHERE_INK = "#9a4a00"

MIN_SCALE, MAX_SCALE = 0.7, 2.0

# Fonts with Vietnamese glyphs on the systems stations use; Qt falls back per glyph anyway.
FAMILIES = ["Segoe UI", "Noto Sans", "DejaVu Sans", "Arial"]


def clamp_scale(scale: float) -> float:
    return max(MIN_SCALE, min(MAX_SCALE, scale))


def _pt(size: int, scale: float) -> int:
    return max(8, round(size * scale))


def base_font(scale: float) -> QFont:
    font = QFont()
    font.setFamilies(FAMILIES)
    font.setPointSize(_pt(BASE_PT, scale))
    return font


def style_sheet(scale: float) -> str:
    s = {name: _pt(size, scale) for name, size in _SIZES.items()}
    return f"""
QMainWindow, QDialog {{ background: {PAPER}; color: {INK}; }}
QLineEdit#searchBox {{
    font-size: {s["search"]}pt; padding: 6px 10px; border: 3px solid {ACCENT}; border-radius: 6px;
    background: #ffffff; color: {INK};
}}
QTableView#results, QListView#recent {{
    font-size: {s["results"]}pt; background: #ffffff; alternate-background-color: #eef2f7;
    selection-background-color: {ACCENT}; selection-color: #ffffff; color: {INK};
}}
QHeaderView::section {{ font-size: {s["base"]}pt; font-weight: bold; padding: 4px; }}
QLabel#panelTitle {{ font-size: {s["base"]}pt; font-weight: bold; color: #333333; }}
QLabel#hint {{ font-size: {s["base"]}pt; color: #333333; }}
QLabel#voterName {{
    font-size: {s["name"]}pt; font-weight: bold; color: {INK}; padding: {s["name"] // 2}px 0px 0px 0px;
}}
QLabel#dialogHeading {{ font-size: {s["banner"]}pt; font-weight: bold; padding-top: 6px; }}
QLabel#confirmKey {{ font-size: {s["results"]}pt; color: #444444; }}
QLabel#confirmValue {{ font-size: {s["results"]}pt; color: {INK}; }}
QLabel#ballots {{ font-size: {s["banner"]}pt; font-weight: bold; color: {INK}; }}
QLabel#notice {{ font-size: {s["results"]}pt; color: {INFO_INK}; background: {INFO_BG}; padding: 6px; }}
QCheckBox#mobileBox {{ font-size: {s["results"]}pt; }}
QCheckBox::indicator {{ width: {s["indicator"]}px; height: {s["indicator"]}px; }}
QPushButton {{ font-size: {s["base"]}pt; padding: 8px 16px; }}
QPushButton#confirmButton {{
    font-size: {s["banner"]}pt; font-weight: bold; background: {OK_BG}; color: {OK_INK}; padding: 10px 24px;
}}
QFrame#outcome[severity="ok"] {{ background: {OK_BG}; }}
QFrame#outcome[severity="stop"] {{ background: {STOP_BG}; }}
QFrame#outcome[severity="warn"] {{ background: {WARN_BG}; }}
QFrame#outcome[severity="info"] {{ background: {INFO_BG}; }}
QFrame#outcome[severity="ok"] QLabel, QFrame#outcome[severity="stop"] QLabel {{ color: #ffffff; }}
QFrame#outcome[severity="warn"] QLabel {{ color: {WARN_INK}; }}
QFrame#outcome[severity="info"] QLabel {{ color: {INFO_INK}; }}
QLabel#outcomeHeadline {{
    font-size: {s["headline"]}pt; font-weight: bold; padding: {s["headline"] // 2}px 0px 0px 0px;
}}
QLabel#outcomeAction {{ font-size: {s["action"]}pt; font-weight: bold; padding: {s["action"] // 2}px 0px 0px 0px; }}
QLabel#outcomeLine {{ font-size: {s["banner"]}pt; }}
QLabel#pollsBanner {{ font-size: {s["banner"]}pt; font-weight: bold; padding: 8px; }}
QLabel#pollsBanner[state="test"] {{ background: {TEST_BG}; color: {TEST_INK}; border: 4px dashed #000000; }}
QLabel#pollsBanner[state="not_open"] {{ background: {INFO_BG}; color: {INFO_INK}; }}
QLabel#pollsBanner[state="closed"] {{ background: #d9d9d9; color: {INK}; }}
QLabel#pollsBanner[state="past_closing"] {{ background: {STOP_BG}; color: {STOP_INK}; }}
QStatusBar QLabel {{ font-size: {s["base"]}pt; padding: 2px 10px; }}
QLabel#pollsChip[state="open"] {{ background: {OK_BG}; color: {OK_INK}; font-weight: bold; }}
QLabel#pollsChip[state="test"] {{ background: {TEST_BG}; color: {TEST_INK}; font-weight: bold; }}
QLabel#pollsChip[state="not_open"], QLabel#pollsChip[state="closed"] {{ background: #d9d9d9; color: {INK}; }}
QLabel#formError {{ color: {STOP_BG}; font-weight: bold; }}
QLabel#syncChip {{ border-radius: 3px; }}
QLabel#syncChip[state="ok"] {{ background: {OK_BG}; color: {OK_INK}; font-weight: bold; }}
QLabel#syncChip[state="stop"] {{ background: {STOP_BG}; color: {STOP_INK}; font-weight: bold; }}
QLabel#syncChip[state="warn"], QLabel#unsent[state="warn"] {{
    background: {WARN_BG}; color: {WARN_INK}; font-weight: bold;
}}
QLabel#syncChip[state="info"] {{ color: {INFO_INK}; }}
QLabel#syncChip[state="off"] {{ background: #d9d9d9; color: {INK}; font-weight: bold; }}
QFrame#counter {{ background: #ffffff; border: 1px solid #c9d1dc; border-radius: 6px; }}
QLabel#counterTitle {{ font-size: {s["base"]}pt; color: #333333; }}
QLabel#counterValue {{ font-size: {s["name"]}pt; font-weight: bold; color: {INK}; }}
QFrame#counter[kind="percent"] QLabel#counterValue {{ color: {ACCENT}; }}
QLabel#counterNote {{ font-size: {s["small"]}pt; color: #555555; }}
QLabel#turnoutStatus {{ font-size: {s["results"]}pt; padding: 6px; }}
QLabel#turnoutStatus[state="complete"] {{ background: {OK_BG}; color: {OK_INK}; font-weight: bold; }}
QLabel#turnoutStatus[state="closed"] {{ background: #d9d9d9; color: {INK}; font-weight: bold; }}
QLabel#turnoutStatus[state="waiting"] {{ background: {INFO_BG}; color: {INFO_INK}; }}
QLabel#projection {{ font-size: {s["results"]}pt; color: {INK}; }}
QLabel#wardStanding {{ color: #333333; }}
QTableView#turnoutTable {{
    font-size: {s["small"]}pt; background: #ffffff; alternate-background-color: #eef2f7;
    selection-background-color: {ACCENT}; selection-color: #ffffff; color: {INK};
}}
QPushButton#binButton {{ padding: 4px 10px; }}
QPushButton#binButton:checked {{ background: {ACCENT}; color: #ffffff; }}
"""


_SIZES = {
    "base": BASE_PT,
    "small": SMALL_PT,
    "search": SEARCH_PT,
    "results": RESULTS_PT,
    "name": NAME_PT,
    "headline": HEADLINE_PT,
    "banner": BANNER_PT,
    "action": ACTION_PT,
    "indicator": INDICATOR_PX,
}


def apply_theme(app: QApplication, scale: float) -> None:
    """Fusion everywhere, so every station's laptop shows what the screenshots show."""
    scale = clamp_scale(scale)
    fusion = QStyleFactory.create("Fusion")
    if fusion is not None and app.style().name().lower() != "fusion":
        app.setStyle(fusion)
    app.setFont(base_font(scale))
    app.setStyleSheet(style_sheet(scale))


def repolish(widget: QWidget) -> None:
    """Re-read the style sheet after a dynamic property (severity, state) changed."""
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()
