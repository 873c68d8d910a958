"""PE Desktop: an offline workbook for social work Practice Educators."""

__version__ = "0.1.0"
