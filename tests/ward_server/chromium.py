"""Debian's headless chromium, started the same way by every browser test of the ward's pages."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
BROWSER_LIMIT_S = 120

needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs Debian's chromium (/usr/bin/chromium): apt-get install -y chromium"
)


def headless_args(profile: Path, size: tuple[int, int]) -> list[str]:
    """Flags for a quiet, offline-safe headless run in its own profile at a window size."""
    return [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
        f"--window-size={size[0]},{size[1]}",
    ]


def run_chromium(url: str, profile: Path, size: tuple[int, int], *extra: str) -> subprocess.CompletedProcess[str]:
    """One chromium run on a page (--screenshot=..., --dump-dom...), to its exit."""
    return subprocess.run(
        [str(CHROMIUM), *headless_args(profile, size), *extra, url],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=BROWSER_LIMIT_S,
        check=False,
    )
