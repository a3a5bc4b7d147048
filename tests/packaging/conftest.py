"""The bundle tests run the built executables, so they run only when asked: ``pytest -m bundle``.

They look for the bundles in ``dist/`` (``bash packaging/build.sh`` makes them) or in the folder
named by ``CLERK_BUNDLE_DIST``, and are skipped when there is none there, or when the run did not
select them (a plain ``pytest`` never tests a stale bundle left in dist/ by an earlier build).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def dist_dir() -> Path:
    return Path(os.environ.get("CLERK_BUNDLE_DIST", ROOT / "dist")).resolve()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    selected = "bundle" in (config.getoption("markexpr", default="") or "")
    bundle = dist_dir() / "clerk-app"
    if selected and bundle.is_dir():
        return
    reason = (
        f"no bundle in {bundle}: run bash packaging/build.sh first"
        if selected
        else "bundle tests run with pytest -m bundle, after bash packaging/build.sh"
    )
    for item in items:
        if item.get_closest_marker("bundle") is not None:
            item.add_marker(pytest.mark.skip(reason=reason))
