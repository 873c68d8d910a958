"""Render packaging/icons/pe-desktop.svg to the PNG sizes desktops use: python packaging/render_icons.py packaging/icons/pe-desktop.svg packaging/icons"""
import os, sys
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtCore import Qt
app = QGuiApplication([])
src, outdir = sys.argv[1], sys.argv[2]
r = QSvgRenderer(src)
for size in (16, 24, 32, 48, 64, 128, 256, 512):
    img = QImage(size, size, QImage.Format.Format_ARGB32)
    img.fill(Qt.GlobalColor.transparent)
    p = QPainter(img); p.setRenderHint(QPainter.RenderHint.Antialiasing); r.render(p); p.end()
    img.save(f"{outdir}/pe-desktop-{size}.png")
print("ok")
