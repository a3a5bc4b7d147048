"""What the clerk's bundle leaves out, used by clerk-app.spec (a build helper, not part of the app).

PyInstaller's Qt hooks collect every plugin of every Qt module they see, and with each plugin the
libraries it links, system ones included (the GTK theme plugin alone brings GTK, cairo and pango).
The app uses QtCore, QtGui, QtWidgets and SVG icons; it draws with the raster engine, so needs no
OpenGL integration, and never touches the network through Qt. ``prune`` drops the plugins it does
not need, then every library that only those plugins needed: a library that anything kept links
to stays, so nothing kept loses a dependency (``packaging/check_bundle.py`` checks it again on the
built folder).

Kept on purpose: the xcb and Wayland platforms (desktops), offscreen (checks and CI), Windows'
platform plugins; the input-method plugins (ibus: Vietnamese typing with Unikey/Bamboo on Linux);
the xdg-desktop-portal theme (native file dialogs); SVG, ICO, PNG (built in), JPEG and GIF images.
"""

from __future__ import annotations

import fnmatch
from pathlib import PurePosixPath

# Python packages nothing of the app uses, which optional imports of its dependencies pull in.
LEAN_EXCLUDES = [
    "tkinter",
    "_tkinter",
    "yaml",  # numpy.__config__ only, for show_config()
    "IPython",
    "matplotlib",
    "PyQt5",
    "PyQt6",
    "PySide2",
    # Qt modules the app never imports (only QtCore, QtGui, QtWidgets; QtSvg for the icons' plugin).
    "PySide6.QtNetwork",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickWidgets",
    "PySide6.QtPdf",
    "PySide6.QtPrintSupport",
    "PySide6.QtSql",
    "PySide6.QtXml",
    "PySide6.QtConcurrent",
    "PySide6.QtDesigner",
    "PySide6.QtHelp",
    "PySide6.QtUiTools",
]

# Plugins dropped, by their path under Qt's plugins/ folder (Linux .so and Windows .dll names).
DROPPED_PLUGINS = [
    "platforms/*eglfs*",
    "platforms/*linuxfb*",
    "platforms/*minimalegl*",
    "platforms/*vnc*",
    "platforms/*vkkhrdisplay*",
    "platforms/*direct2d*",
    "platformthemes/*gtk3*",
    "egldeviceintegrations/*",
    "generic/*",
    "networkinformation/*",
    "tls/*",
    "xcbglintegrations/*",
    "wayland-graphics-integration-client/*",
    "imageformats/*icns*",
    "imageformats/*pdf*",
    "imageformats/*tga*",
    "imageformats/*tiff*",
    "imageformats/*wbmp*",
    "imageformats/*webp*",
]
# Libraries Qt loads only for OpenGL without a GPU driver (Windows): the widgets draw without OpenGL.
DROPPED_LIBRARIES = ["opengl32sw.dll", "d3dcompiler_*.dll"]
# Where PyInstaller puts Qt's plugins and translations: PySide6/Qt/ on Linux and macOS, PySide6/ on Windows.
QT_ROOTS = ("PySide6/Qt/", "PySide6/")
KEPT_QT_TRANSLATIONS = ["qtbase_vi.qm", "qt_vi.qm", "qtbase_en.qm", "qt_en.qm"]  # Qt's own dialogs' words


Entry = tuple[str, str, str]  # PyInstaller's TOC entry: (name in the bundle, source path, type code)


def _posix(dest: str) -> str:
    return dest.replace("\\", "/")  # TOC names use the platform's separator


def _dropped(dest: str) -> bool:
    dest = _posix(dest)
    if any(fnmatch.fnmatch(PurePosixPath(dest).name.lower(), pattern) for pattern in DROPPED_LIBRARIES):
        return True
    rel = _under(dest, "plugins/")
    return rel is not None and any(fnmatch.fnmatch(rel, pattern) for pattern in DROPPED_PLUGINS)


def _under(dest: str, folder: str) -> str | None:
    """``dest`` relative to Qt's ``folder`` (plugins/, translations/) in either layout, or None."""
    for root in QT_ROOTS:
        if dest.startswith(root + folder):
            return dest[len(root + folder) :]
    return None


def _links(src: str) -> set[str]:
    """Base names of the libraries a binary links to (ELF, PE or Mach-O), as PyInstaller reads them."""
    from PyInstaller.depend.bindepend import get_imports

    try:
        return {PurePosixPath(name.replace("\\", "/")).name.lower() for name, _path in get_imports(src)}
    except Exception:  # a file PyInstaller cannot read: treat it as linking nothing we could drop
        return set()


def _closure(roots: list[Entry], by_name: dict[str, Entry]) -> set[str]:
    """Destination names of ``roots`` and of every collected library they link to, transitively."""
    seen: set[str] = set()
    todo = list(roots)
    while todo:
        dest, src, _kind = todo.pop()
        if dest in seen:
            continue
        seen.add(dest)
        todo.extend(by_name[n] for n in _links(src) if n in by_name and by_name[n][0] not in seen)
    return seen


def prune(binaries: list[Entry], datas: list[Entry]) -> tuple[list[Entry], list[Entry]]:
    """The Analysis' binaries and datas without the dropped plugins and libraries and what only they needed."""
    entries = list(binaries)
    by_name = {PurePosixPath(_posix(entry[0])).name.lower(): entry for entry in entries}
    dropped = [e for e in entries if _dropped(e[0])]
    candidates = _closure(dropped, by_name)  # the dropped plugins and libraries, and all they link to
    roots = [e for e in entries if e[0] not in candidates]
    kept = _closure(roots, by_name)
    removed = candidates - kept
    names = sorted(PurePosixPath(_posix(d)).name for d in removed)
    print(f"lean: dropping {len(removed)} binaries: {', '.join(names)}")
    new_binaries = [e for e in entries if e[0] not in removed]
    return new_binaries, [e for e in datas if not _unused_translation(e[0])]


def _unused_translation(dest: str) -> bool:
    """Qt's own translations into languages the app does not offer."""
    rel = _under(_posix(dest), "translations/")
    return rel is not None and PurePosixPath(rel).name not in KEPT_QT_TRANSLATIONS
