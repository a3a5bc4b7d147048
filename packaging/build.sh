#!/usr/bin/env bash
# Build the one-folder bundles with PyInstaller:
#   dist/clerk-app/    clerk-app (and, on Windows, the windowed clerk-app-gui.exe), resources inside
#   dist/ward-server/  ward-server
# usage: bash packaging/build.sh [--clean]     (--clean: drop PyInstaller's caches and build/ first)
# Runs on Linux and, in Git Bash, on Windows (.github/workflows/windows-bundle.yml). Uses .venv's Python
# (set up by ./dev or `pip install -e .[dev]`), or $PYTHON. Installers: packaging/windows/clerk-app.iss.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -n "${PYTHON:-}" ]; then
    PY=$PYTHON
elif [ -x .venv/bin/python ]; then
    PY=.venv/bin/python
elif [ -x .venv/Scripts/python.exe ]; then
    PY=.venv/Scripts/python.exe
else
    echo "build.sh: no .venv; run ./dev test once, or set PYTHON" >&2
    exit 2
fi
if ! "$PY" -m PyInstaller --version >/dev/null 2>&1; then
    echo "build.sh: PyInstaller is missing: $PY -m pip install -e '.[dev]'" >&2
    exit 2
fi

clean=()
if [ "${1:-}" = "--clean" ]; then
    clean=(--clean)
    rm -rf build/pyinstaller dist/clerk-app dist/ward-server
fi

started=$(date +%s)
export QT_QPA_PLATFORM=offscreen  # make_icons.py renders the SVG icon without a screen
"$PY" packaging/make_icons.py build
for spec in clerk-app ward-server; do
    echo "build.sh: PyInstaller $spec"
    "$PY" -m PyInstaller --noconfirm "${clean[@]}" --log-level WARN \
        --distpath dist --workpath build/pyinstaller "packaging/$spec.spec"
done
"$PY" packaging/check_bundle.py dist/clerk-app dist/ward-server
echo "build.sh: dist/clerk-app and dist/ward-server built in $(($(date +%s) - started)) s"
