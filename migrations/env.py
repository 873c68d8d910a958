"""Alembic environment: uses the engine handed over by pe_desktop.storage.migrate."""

from alembic import context

import pe_desktop.storage.models  # noqa: F401  (registers all tables)
from pe_desktop.storage.base import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    engine = config.attributes.get("engine")
    if engine is None:
        from pathlib import Path

        from pe_desktop.storage.engine import create_engine_for

        engine = create_engine_for(Path(config.get_main_option("sqlalchemy.url")))
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=True,
        )
        with context.begin_transaction():
            context.run_migrations()


run_migrations_online()
