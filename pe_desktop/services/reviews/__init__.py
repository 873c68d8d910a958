"""Structured QAMP reviews at four weeks, midway and the end of a placement."""
