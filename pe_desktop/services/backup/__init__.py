"""Backups: automatic rotating encrypted copies, backup now, restore, check."""
