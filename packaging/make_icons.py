"""Build inputs the PyInstaller specs read from build/: the app icon and Windows version resources.

``python packaging/make_icons.py BUILD_DIR`` renders resources/icons/clerk_app.svg with Qt's SVG
renderer into ``icons/clerk-app.png`` (256 px) and ``icons/clerk-app.ico`` (16-256 px, PNG-compressed
entries, as Windows Vista and later read them), and writes ``clerk-app-version.txt`` and
``ward-server-version.txt`` (the version shown in a Windows executable's Properties). Generated, so
the SVG stays the one source of the icon. Needs a Qt platform: QT_QPA_PLATFORM=offscreen.
"""

from __future__ import annotations

import re
import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parents[1]
SVG = ROOT / "resources" / "icons" / "clerk_app.svg"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)

VERSION_TEMPLATE = """# -*- coding: utf-8 -*-  (PyInstaller version resource, made by packaging/make_icons.py)
VSVersionInfo(
  ffi=FixedFileInfo(filevers={tuple4}, prodvers={tuple4}, mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('040904B0', [
      StringStruct('CompanyName', 'clerk-app'),
      StringStruct('FileDescription', {description!r}),
      StringStruct('FileVersion', {version!r}),
      StringStruct('InternalName', {name!r}),
      StringStruct('OriginalFilename', {filename!r}),
      StringStruct('ProductName', 'clerk-app'),
      StringStruct('ProductVersion', {version!r})])]),
    VarFileInfo([VarStruct('Translation', [1033, 1200])])
  ]
)
"""


def render_png(renderer: QSvgRenderer, size: int) -> bytes:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """An ICO file whose entries are PNG images (ICONDIR, ICONDIRENTRY each, then the images)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, images = b"", b""
    for size, png in sorted(pngs.items()):
        side = 0 if size >= 256 else size  # 0 means 256 in an ICO directory
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        images += png
        offset += len(png)
    return header + entries + images


def version_tuple(version: str) -> tuple[int, int, int, int]:
    numbers = [int(n) for n in re.findall(r"\d+", version)[:4]]
    padded = [*numbers, 0, 0, 0, 0][:4]
    return padded[0], padded[1], padded[2], padded[3]


def write_version_files(build: Path) -> None:
    sys.path.insert(0, str(ROOT))
    from clerk_app import __version__

    for name, description in (
        ("clerk-app", "Ghi nhận cử tri - voter check-in for a polling station"),
        ("ward-server", "Máy chủ phường - ward office server for clerk-app"),
    ):
        text = VERSION_TEMPLATE.format(
            tuple4=version_tuple(__version__),
            version=__version__,
            description=description,
            name=name,
            filename=f"{name}.exe",
        )
        (build / f"{name}-version.txt").write_text(text, encoding="utf-8")


def main(argv: list[str]) -> int:
    build = Path(argv[0]) if argv else ROOT / "build"
    icons = build / "icons"
    icons.mkdir(parents=True, exist_ok=True)
    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        print(f"make_icons: cannot read {SVG}", file=sys.stderr)
        return 1
    pngs = {size: render_png(renderer, size) for size in ICO_SIZES}
    (icons / "clerk-app.png").write_bytes(pngs[256])
    (icons / "clerk-app.ico").write_bytes(ico_bytes(pngs))
    write_version_files(build)
    del app
    print(f"make_icons: {icons / 'clerk-app.ico'}, {icons / 'clerk-app.png'}, version files in {build}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
