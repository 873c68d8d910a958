"""The shared PDF document: fonts, header/footer, tables, metadata."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from pe_desktop.export import pdf_base as pb

NAMES = ["Siobhán Ní Bhriain", "Łukasz Wiśniewski", "Zoë Brontë"]


def _info() -> pb.DocumentInfo:
    return pb.DocumentInfo(
        title="Midway report — Siobhán Ní Bhriain", subject="Midway report",
        author="Łukasz Wiśniewski", keywords=("PCF", "midway"),
        header=("Student: Siobhán Ní Bhriain · MA Social Work", "PE: Łukasz Wiśniewski"),
    )


def _render(tmp_path: Path, rows: int = 150) -> tuple[Path, pb.RenderedPdf]:
    spots: list[pb.SignatureSpot] = []
    story = pb.title("Midway report", "Siobhán Ní Bhriain")
    story.append(pb.key_value_table([("Student", NAMES[0]), ("On-site supervisor", NAMES[2])]))
    story.append(pb.heading("Supervision log"))
    story.append(pb.table(["Date", "Led by", "Notes"],
                          [[f"2026-03-{i % 28 + 1:02d}", NAMES[i % 3], f"row {i} " * (i % 20)]
                           for i in range(rows)], [0.15, 0.25, 0.6]))
    story.append(pb.signature_placeholder(spots))
    rendered = pb.render_pdf(_info(), story, spots)
    path = tmp_path / "doc.pdf"
    pb.write_private_file(path, rendered.data)
    return path, rendered


def _text(path: Path, page: int | None = None) -> str:
    args = ["pdftotext", "-layout"]
    if page:
        args += ["-f", str(page), "-l", str(page)]
    return subprocess.run([*args, str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_unicode_names_render_with_the_embedded_font(tmp_path):
    path, _ = _render(tmp_path)
    text = _text(path)
    for name in NAMES:
        assert name in text
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                           check=True).stdout
    font_lines = fonts.splitlines()[2:]
    assert font_lines, fonts
    assert all("DejaVuSans" in line for line in font_lines), fonts
    # every font embedded ("emb" column yes)
    assert all(line.split()[-5] == "yes" for line in font_lines), fonts


def test_page_x_of_y_header_on_every_page_and_metadata(tmp_path):
    path, rendered = _render(tmp_path)
    assert rendered.pages >= 3
    for page in range(1, rendered.pages + 1):
        text = _text(path, page)
        assert f"Page {page} of {rendered.pages}" in text
        assert "Student: Siobhán Ní Bhriain" in text  # running header
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True,
                          check=True).stdout
    assert "Title:           Midway report — Siobhán Ní Bhriain" in info
    assert "Author:          Łukasz Wiśniewski" in info
    assert "Subject:         Midway report" in info
    assert f"Pages:           {rendered.pages}" in info


def test_table_header_row_repeats_on_continuation_pages(tmp_path):
    path, rendered = _render(tmp_path)
    pages_with_rows = [p for p in range(1, rendered.pages + 1) if "row " in _text(path, p)]
    assert len(pages_with_rows) >= 2
    for p in pages_with_rows:
        lines = _text(path, p).splitlines()
        first_row = next(i for i, line in enumerate(lines) if "row " in line)
        assert any("Led by" in line for line in lines[:first_row]), f"page {p} lacks header"


def test_user_text_is_escaped_not_interpreted(tmp_path):
    story = [pb.para("Tom & Jerry <b>not bold</b> <unclosed")]
    rendered = pb.render_pdf(pb.DocumentInfo("Escaping"), story)
    path = tmp_path / "e.pdf"
    path.write_bytes(rendered.data)
    assert "Tom & Jerry <b>not bold</b> <unclosed" in _text(path)


def test_signature_placeholder_position_is_reported(tmp_path):
    _, rendered = _render(tmp_path, rows=5)
    spot = rendered.signature_spot
    assert spot is not None and spot.page_index == rendered.pages - 1
    x1, y1, x2, y2 = spot.box
    assert 0 < x1 < x2 <= pb.PAGE_SIZE[0] and 0 < y1 < y2 <= pb.PAGE_SIZE[1]


def test_write_private_file_is_owner_only_and_atomic(tmp_path, monkeypatch):
    target = tmp_path / "out.pdf"
    target.write_bytes(b"old")
    pb.write_private_file(target, b"new")
    assert target.read_bytes() == b"new"
    assert target.stat().st_mode & 0o777 == 0o600

    import os

    def boom(*_a, **_k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        pb.write_private_file(target, b"newer")
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["out.pdf"]
