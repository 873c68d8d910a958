"""Interchange: see docs/architecture.md for the map."""
