"""The audit trail as users and other features see it.

``chain_head(ctx)`` is what signed PDF exports (and QA bundles) embed: the
hash of the last event, an anchor outside the laptop against which
``pe-desktop audit verify`` can later prove nothing was rewritten.
"""

from pe_desktop.services.audit.chain import (
    AuditRow,
    ChainHead,
    chain_head,
    head_info,
    list_events,
    record,
    verify,
)

__all__ = ["AuditRow", "ChainHead", "chain_head", "head_info", "list_events", "record", "verify"]
