"""Data protection in the GUI: unlocking, the recovery key, backups, restore, settings."""
