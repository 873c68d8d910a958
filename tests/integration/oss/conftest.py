"""Two data directories (a PE's and an on-site supervisor's) and their secret stores."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from clocks import make_clock

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # tests/ for dav_server


@pytest.fixture
def stores(monkeypatch):
    """One in-memory secret store per data directory, also for CLI commands."""
    from pe_desktop.services.secret_store import SecretStore

    made: dict[str, SecretStore] = {}
    monkeypatch.setattr("pe_desktop.cli.cmd_signing.open_store",
                        lambda keys: made.setdefault(str(keys), SecretStore.in_memory()))
    return made


def _dir(tmp_path: Path, template_db: Path, name: str) -> Path:
    d = tmp_path / name
    d.mkdir(mode=0o700)
    shutil.copy2(template_db, d / template_db.name)
    return d


@pytest.fixture
def pe_dir(tmp_path, template_db):
    from pe_desktop.services.context import open_context
    from pe_desktop.services.demo import create_demo_data

    d = _dir(tmp_path, template_db, "pe")
    ctx = open_context(d, clock=make_clock())
    create_demo_data(ctx, currency=False, reports=False)
    ctx.close()
    return d


@pytest.fixture
def oss_dir(tmp_path, template_db):
    return _dir(tmp_path, template_db, "oss")


def active_placement(data_dir: Path) -> int:
    from sqlalchemy import select

    from pe_desktop.domain.enums import PlacementStatus
    from pe_desktop.services.context import open_context
    from pe_desktop.storage.models import Placement

    ctx = open_context(data_dir, clock=make_clock())
    try:
        with ctx.read_session() as s:
            return s.scalars(select(Placement.id).where(
                Placement.status == PlacementStatus.ACTIVE).order_by(Placement.id)).first()
    finally:
        ctx.close()
