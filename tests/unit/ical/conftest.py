from __future__ import annotations

import shutil

import pytest
from clocks import make_clock


@pytest.fixture
def ctx_factory(tmp_path, template_db):
    """Empty contexts on their own data folders (closed at the end)."""
    from pe_desktop.services.context import open_context

    made = []

    def make():
        d = tmp_path / f"other{len(made)}"
        d.mkdir(mode=0o700)
        shutil.copy2(template_db, d / template_db.name)
        c = open_context(d, clock=make_clock())
        made.append(c)
        return c

    yield make
    for c in made:
        c.close()
