"""The Linux desktop files (packaging/): validated by the freedesktop tools when
installed (Debian desktop-file-utils, appstream), and consistent with each other
and with the file types the app opens."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from pe_desktop.services.opened_files import SUFFIXES

PKG = Path(__file__).resolve().parents[3] / "packaging"
DESKTOP = PKG / "pe-desktop.desktop"
METAINFO = PKG / "uk.pedesktop.PEDesktop.metainfo.xml"
MIME = PKG / "pe-desktop-mime.xml"
NS = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed")
    return path


def test_desktop_file_validates():
    out = subprocess.run([_tool("desktop-file-validate"), str(DESKTOP)],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and not out.stdout.strip(), out.stdout + out.stderr


def test_metainfo_validates():
    out = subprocess.run([_tool("appstreamcli"), "validate", "--no-net", str(METAINFO)],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stdout + out.stderr


def test_a_broken_desktop_file_is_refused(tmp_path):
    """The check can fail: a desktop file with no Name= is rejected."""
    bad = tmp_path / "bad.desktop"
    bad.write_text("[Desktop Entry]\nType=Application\nExec=pe-desktop %f\n")
    out = subprocess.run([_tool("desktop-file-validate"), str(bad)],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode != 0


def test_mime_types_agree_with_the_desktop_file_and_the_app():
    mime = ET.parse(MIME).getroot()
    types = {t.get("type"): [g.get("pattern") for g in t.findall("m:glob", NS)]
             for t in mime.findall("m:mime-type", NS)}
    listed = next(line.split("=", 1)[1] for line in DESKTOP.read_text().splitlines()
                  if line.startswith("MimeType="))
    assert set(filter(None, listed.split(";"))) == set(types)
    globs = sorted(g.lstrip("*") for gs in types.values() for g in gs)
    assert globs == sorted(SUFFIXES)
    provided = {m.text for m in ET.parse(METAINFO).getroot().iter("mediatype")}
    assert provided == set(types)
    assert "%f" in next(line for line in DESKTOP.read_text().splitlines()
                        if line.startswith("Exec="))


def test_the_bundles_menu_installer_writes_valid_files_and_removes_them(tmp_path):
    """install-desktop-entry.sh as unpacked in the bundle (a folder with a space)."""
    bundle = tmp_path / "my apps" / "pe-desktop"
    (bundle / "share" / "icons").mkdir(parents=True)
    for f in (DESKTOP, METAINFO, MIME):
        shutil.copy2(f, bundle / "share")
    for f in (PKG / "icons").iterdir():
        shutil.copy2(f, bundle / "share" / "icons")
    shutil.copy2(PKG / "install-desktop-entry.sh", bundle)
    data = tmp_path / "data"
    env = {"HOME": str(tmp_path), "XDG_DATA_HOME": str(data), "PATH": "/usr/bin:/bin"}
    subprocess.run(["sh", str(bundle / "install-desktop-entry.sh")], env=env, check=True,
                   capture_output=True, timeout=60)
    entry = data / "applications" / "pe-desktop.desktop"
    assert f'Exec="{bundle}/pe-desktop" %f' in entry.read_text()
    assert (data / "icons" / "hicolor" / "48x48" / "apps" / "pe-desktop.png").is_file()
    assert (data / "mime" / "packages" / "pe-desktop-mime.xml").is_file()
    if shutil.which("desktop-file-validate"):
        out = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True,
                             text=True, timeout=60)
        assert out.returncode == 0, out.stdout
    subprocess.run(["sh", str(bundle / "install-desktop-entry.sh"), "--remove"], env=env,
                   check=True, capture_output=True, timeout=60)
    assert not entry.exists()
    assert not (data / "icons" / "hicolor" / "48x48" / "apps" / "pe-desktop.png").exists()
