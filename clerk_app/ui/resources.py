"""Where the app's resources (translations, icons) are, from the source tree or a frozen bundle."""

from __future__ import annotations

import sys
from pathlib import Path


def resource_root() -> Path:
    """The ``resources`` folder: inside a PyInstaller bundle (sys._MEIPASS) or at the repo root."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def i18n_dir() -> Path:
    return resource_root() / "i18n"


def icons_dir() -> Path:
    return resource_root() / "icons"


def translation_file(language: str) -> Path:
    """The compiled Qt translation (.qm) for a language code such as 'vi'."""
    return i18n_dir() / f"clerk_app_{language}.qm"
