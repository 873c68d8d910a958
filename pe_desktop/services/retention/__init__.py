"""Retention: how long a student's data is kept, and subject access requests."""
