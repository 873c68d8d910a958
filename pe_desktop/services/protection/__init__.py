"""Data protection: the data key, unlocking, recovery, rotation, viewer copies."""
