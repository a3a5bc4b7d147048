"""The core is Qt-free: importing every module outside clerk_app.ui never loads PySide6."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import clerk_app

ROOT = Path(__file__).resolve().parents[1]


def core_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(clerk_app.__path__, "clerk_app."):
        if info.name.startswith("clerk_app.ui") or info.name == "clerk_app.__main__":
            continue
        names.append(info.name)
    return names


def test_core_modules_do_not_import_qt() -> None:
    modules = core_modules()
    assert "clerk_app.station" in modules and "clerk_app.storage.db" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'pyqtgraph'))\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout.strip() == ""


def test_no_source_file_outside_ui_mentions_pyside() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for folder in ("clerk_app", "ward_server")
        for path in (ROOT / folder).rglob("*.py")
        if "ui" not in path.relative_to(ROOT / folder).parts[:1]
        and ("import PySide6" in (text := path.read_text(encoding="utf-8")) or "from PySide6" in text)
    ]
    assert offenders == []
