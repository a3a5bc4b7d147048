"""Check built bundles before anyone runs them: ``python packaging/check_bundle.py dist/clerk-app dist/ward-server``.

- The executables and the resources the app looks for are there.
- On Linux, every library in a bundle finds the libraries it links to, in the bundle or on this
  machine (``ldd`` as the bundle's loader sees it); a library missing from both is an error (a
  pruning mistake in packaging/lean.py). Libraries a desktop provides (X11/xcb, Wayland, OpenGL)
  and this machine lacks are listed as what the target machine needs, not as errors.

Prints one JSON object: each bundle's size in bytes and files, and what it needs from the system.
Exit 1 when something is missing.
"""

from __future__ import annotations

import fnmatch
import json
import os
import subprocess
import sys
from pathlib import Path

WINDOWS = sys.platform == "win32"
EXE = ".exe" if WINDOWS else ""

EXPECTED = {
    "clerk-app": [
        f"clerk-app{EXE}",
        "_internal/resources/i18n/clerk_app_vi.qm",
        "_internal/resources/icons/clerk_app.svg",
        *([f"clerk-app-gui{EXE}"] if WINDOWS else []),
    ],
    "ward-server": [f"ward-server{EXE}"],
}
# What a Linux desktop provides and a headless build machine may lack: needed only by the xcb and
# Wayland platform plugins, never by the offscreen one the checks use.
DESKTOP_LIBRARIES = ["libxcb*", "libxkbcommon-x11*", "libX*", "libwayland-*", "libGL*", "libEGL*", "libOpenGL*"]


def bundle_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files), len(files)


def is_elf(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(4) == b"\x7fELF"
    except OSError:
        return False


def unresolved_libraries(folder: Path) -> dict[str, set[str]]:
    """Library name -> the bundled files that link to it and cannot find it (Linux, ldd)."""
    internal = folder / "_internal"
    search = sorted({str(p.parent) for p in internal.rglob("*.so*")} | {str(internal)})
    env = {**os.environ, "LD_LIBRARY_PATH": os.pathsep.join(search)}
    missing: dict[str, set[str]] = {}
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.is_symlink() or not is_elf(path):
            continue
        done = subprocess.run(["ldd", str(path)], capture_output=True, text=True, env=env, check=False)
        for line in done.stdout.splitlines():
            if "=> not found" in line:
                missing.setdefault(line.split()[0], set()).add(str(path.relative_to(folder)))
    return missing


def check(folder: Path) -> tuple[dict[str, object], list[str]]:
    problems = [f"{folder}: {rel} is missing" for rel in EXPECTED.get(folder.name, []) if not (folder / rel).exists()]
    size, files = bundle_size(folder)
    report: dict[str, object] = {"bytes": size, "mib": round(size / 2**20, 1), "files": files}
    if sys.platform.startswith("linux"):
        missing = unresolved_libraries(folder)
        desktop = sorted(n for n in missing if any(fnmatch.fnmatch(n, p) for p in DESKTOP_LIBRARIES))
        report["needs_from_the_desktop"] = desktop
        problems += [
            f"{folder}: {name} (linked by {', '.join(sorted(users)[:3])}) is neither bundled nor on this machine"
            for name, users in sorted(missing.items())
            if name not in desktop
        ]
    return report, problems


def main(argv: list[str]) -> int:
    reports: dict[str, object] = {}
    problems: list[str] = []
    for arg in argv:
        folder = Path(arg)
        if not folder.is_dir():
            problems.append(f"{folder}: no such bundle folder")
            continue
        reports[folder.name], found = check(folder)
        problems += found
    print(json.dumps(reports, indent=2))
    for problem in problems:
        print(f"check_bundle: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
