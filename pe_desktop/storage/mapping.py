"""Loading the ORM models: defining the declarative classes and configuring their mappers.

This is most of a cold start's cost (~0.2 s for ~70 classes on a laptop), so the GUI
shows its first window from plain SQL reads and calls :func:`load_models` afterwards,
off the GUI thread; everything else imports the models as usual when it needs them.
"""

from __future__ import annotations


def load_models() -> None:
    """Import every model and configure the mappers (idempotent)."""
    from sqlalchemy.orm import configure_mappers

    import pe_desktop.storage.models  # noqa: F401  (registers every table and mapper)

    configure_mappers()


def models_loaded() -> bool:
    import sys

    return "pe_desktop.storage.models" in sys.modules
