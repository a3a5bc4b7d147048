"""Regenerate the translations: extract the UI's strings into the .ts, compile the .qm.

    python scripts/update_translations.py          # update resources/i18n/clerk_app_vi.ts and .qm
    python scripts/update_translations.py --check  # exit 1 if either is out of date (CI)

After an update, open the .ts in Qt Linguist (pyside6-linguist) or a text editor, translate
every "unfinished" message, and run this script again to compile the .qm. Commit both files.
Locations are left out of the .ts so moving code does not churn the file. Besides clerk_app/ui,
lupdate reads the core modules that mark texts with clerk_app.translatable.QT_TRANSLATE_NOOP
(the voter-list reader's problems, context "ListProblem").
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Core modules (Qt-free) mark texts the UI shows, e.g. the list reader's problems, with
# clerk_app.translatable.QT_TRANSLATE_NOOP; lupdate reads them too.
MARKER_IMPORT = "from clerk_app.translatable import QT_TRANSLATE_NOOP"
I18N = ROOT / "resources" / "i18n"
LANGUAGES = ("vi",)


def sources() -> list[Path]:
    """The files lupdate reads: every UI module, and every core module that imports the marker."""
    package = ROOT / "clerk_app"
    ui = sorted((package / "ui").glob("*.py"))
    core = sorted(
        path
        for path in package.rglob("*.py")
        if path.relative_to(package).parts[0] != "ui" and MARKER_IMPORT in path.read_text(encoding="utf-8")
    )
    return ui + core


def tool(name: str) -> str:
    """A Qt tool from the venv that runs this script, else from PATH."""
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: install PySide6 in this environment")
    return found


def lupdate(ts_file: Path) -> None:
    command = [tool("pyside6-lupdate"), *map(str, sources()), "-locations", "none", "-no-obsolete", "-ts", str(ts_file)]
    subprocess.run(command, check=True, capture_output=True, cwd=ROOT)


def lrelease(ts_file: Path, qm_file: Path) -> None:
    subprocess.run([tool("pyside6-lrelease"), str(ts_file), "-qm", str(qm_file)], check=True, capture_output=True)


def check(language: str) -> list[str]:
    """Problems with the committed files for ``language``: stale .ts or stale .qm."""
    ts_file, qm_file = I18N / f"clerk_app_{language}.ts", I18N / f"clerk_app_{language}.qm"
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        fresh_ts = Path(tmp) / ts_file.name
        shutil.copy(ts_file, fresh_ts)
        lupdate(fresh_ts)
        if fresh_ts.read_bytes() != ts_file.read_bytes():
            problems.append(f"{ts_file.name} misses strings of the code: run scripts/update_translations.py")
        fresh_qm = Path(tmp) / qm_file.name
        lrelease(ts_file, fresh_qm)
        if not qm_file.exists() or fresh_qm.read_bytes() != qm_file.read_bytes():
            problems.append(f"{qm_file.name} is older than {ts_file.name}: run scripts/update_translations.py")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check that the files are current")
    args = parser.parse_args()
    if args.check:
        problems = [p for language in LANGUAGES for p in check(language)]
        print("\n".join(problems) or "translations are up to date")
        return 1 if problems else 0
    I18N.mkdir(parents=True, exist_ok=True)
    for language in LANGUAGES:
        ts_file = I18N / f"clerk_app_{language}.ts"
        lupdate(ts_file)
        lrelease(ts_file, I18N / f"clerk_app_{language}.qm")
        unfinished = ts_file.read_text(encoding="utf-8").count('type="unfinished"')
        print(f"{ts_file.relative_to(ROOT)}: {unfinished} messages to translate")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
