"""Command lines that open the GUI with a file, and the kinds of file it names."""

from __future__ import annotations

import shlex

import pytest

from pe_desktop.cli.main import gui_arguments
from pe_desktop.domain.errors import PEDesktopError
from pe_desktop.services.opened_files import OSS_INVITATION, QA_BUNDLE, QA_REQUEST, describe


@pytest.mark.parametrize("argv, expected", [
    ([], (None, None)),
    (["x.peqa"], (None, "x.peqa")),
    (["/home/a/Downloads/R1.PEQA"], (None, "/home/a/Downloads/R1.PEQA")),
    (["--data-dir", "D", "in.pepkg"], ("D", "in.pepkg")),
    (["--data-dir=D", "j.peinvite"], ("D", "j.peinvite")),
    (["--data-dir", "D"], ("D", None)),
    (["qa", "requests", "--import", "x.peqa"], None),  # a command, not the GUI
    (["verify", "x.pdf"], None),
    (["notes.txt"], None),
])
def test_gui_arguments(argv, expected):
    assert gui_arguments(argv) == expected


def test_kinds(tmp_path):
    req = tmp_path / "r.peqa"
    req.write_text('{"payload": "…"}')
    assert describe(req).kind == QA_REQUEST and describe(req).page == "qa"
    bundle = tmp_path / "b.peqa"
    bundle.write_bytes(b"age-encryption.org/v1\n")
    assert describe(bundle).kind == QA_BUNDLE and describe(bundle).page is None
    inv = tmp_path / "it's mine.peinvite"
    inv.write_text("{}")
    assert describe(inv).kind == OSS_INVITATION
    assert shlex.split(describe(inv).command)[-1] == str(inv)  # quoted for a shell
    with pytest.raises(PEDesktopError, match="not a PE Desktop file"):
        describe(tmp_path / "x.txt")
