"""PDF rendering (ReportLab) and signing (pyHanko).

Everything here imports ReportLab, pyHanko or cryptography lazily or is only
imported when an export actually happens, never on the GUI start-up path.
"""
