"""Where the reports' Unicode font is: resources/fonts in the source tree or in a frozen bundle.

The PDF needs a TrueType font with every Vietnamese glyph (the PDF core fonts have none);
DejaVu Sans ships in resources/fonts with its licence. Located as clerk_app.ui.resources
locates the translations, without importing Qt.
"""

from __future__ import annotations

import sys
from pathlib import Path

REGULAR = "DejaVuSans.ttf"
BOLD = "DejaVuSans-Bold.ttf"


def fonts_dir() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    root = Path(bundle) / "resources" if bundle else Path(__file__).resolve().parents[2] / "resources"
    return root / "fonts"


def font_path(name: str) -> Path:
    path = fonts_dir() / name
    if not path.exists():
        raise FileNotFoundError(f"the reports' font is missing: {path}")
    return path
