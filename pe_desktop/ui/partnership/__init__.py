"""The partnership return: preview and export."""
