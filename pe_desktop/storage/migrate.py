"""Running Alembic migrations (imported only when one is needed)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pe_desktop.paths import migrations_dir

if TYPE_CHECKING:
    from sqlalchemy import Engine


def alembic_config(engine: Engine):  # -> alembic.config.Config
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    cfg.attributes["engine"] = engine
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    command.upgrade(alembic_config(engine), revision)


def versions_dir() -> Path:
    return migrations_dir() / "versions"
