"""Alembic environment: uses the engine handed over by pe_desktop.storage.migrate."""

from alembic import context

import pe_desktop.storage.models  # noqa: F401  (registers all tables)
from pe_desktop.storage.base import Base
from pe_desktop.storage.fts import is_fts_table

config = context.config
target_metadata = Base.metadata


def include_name(name, type_, parent_names) -> bool:
    """Autogenerate ignores virtual tables (FTS5) that migrations create by hand."""
    return not (type_ == "table" and name is not None and is_fts_table(name))


def run_migrations_online() -> None:
    engine = config.attributes.get("engine")
    if engine is None:
        from pathlib import Path

        from pe_desktop.clock import default_clock
        from pe_desktop.storage.engine import create_engine_for

        engine = create_engine_for(Path(config.get_main_option("sqlalchemy.url")),
                                   default_clock())
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=True,
            include_name=include_name,
        )
        with context.begin_transaction():
            context.run_migrations()


run_migrations_online()
