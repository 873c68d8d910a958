"""England's bank holidays kept on disk, so start-up need not import ``holidays``.

The ``holidays`` package loads all of its ~250 countries when asked for one
(~0.1 s, the largest single import of a start-up). Its answers for England
only change when the package does, so they are kept in a small JSON file in
the per-user cache folder, keyed by the package's location and its files'
sizes and modification times (read with ``os.stat``, without importing it), or
where there are no files to look at (a frozen build) by its installed version.
A missing, damaged or stale file is simply worked out again; any failure to
write it is ignored. The file holds public dates only, nothing personal.
"""

from __future__ import annotations

import contextlib
import json
import os
from datetime import date
from pathlib import Path

from pe_desktop.domain import working_days

APP_NAME = "pe-desktop"
FILENAME = "bank-holidays-england.json"
FORMAT = 1
#: Package files whose change means the dates may have changed.
WATCHED = ("version.py", "countries/united_kingdom.py", "groups/christian.py")


def default_folder() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir(APP_NAME, appauthor=False))


def library_fingerprint() -> str | None:
    """Where the ``holidays`` package is and what its relevant files look like.

    None when it cannot be told without importing the package (then nothing
    is cached and every answer comes from the package itself).
    """
    from importlib.util import find_spec

    try:
        spec = find_spec("holidays")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    root = Path(next(iter(spec.submodule_search_locations)))
    parts = [str(root)]
    try:
        for name in WATCHED:
            st = os.stat(root / name)
            parts.append(f"{name}:{st.st_size}:{st.st_mtime_ns}")
    except OSError:
        # No source files to look at (a frozen build keeps modules in an archive):
        # the installed distribution's version names the dates instead.
        return _distribution_fingerprint()
    return "|".join(parts)


def _distribution_fingerprint() -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"holidays=={version('holidays')}"
    except (PackageNotFoundError, ValueError, OSError):
        return None


class BankHolidayCache:
    """A source for :func:`pe_desktop.domain.working_days.use_source`."""

    def __init__(self, folder: Path | None = None) -> None:
        self.path = (folder or default_folder()) / FILENAME
        self._fingerprint = library_fingerprint()
        self._years: dict[str, list[str]] | None = None

    def _load(self) -> dict[str, list[str]]:
        if self._years is None:
            self._years = {}
            try:
                data = json.loads(self.path.read_text(encoding="utf-8"))
                if (isinstance(data, dict) and data.get("format") == FORMAT
                        and data.get("library") == self._fingerprint
                        and isinstance(data.get("years"), dict)):
                    self._years = data["years"]
            except (OSError, ValueError):
                pass
        return self._years

    def __call__(self, year: int) -> frozenset[date]:
        if self._fingerprint is None:
            return working_days.library_bank_holidays(year)
        years = self._load()
        cached = years.get(str(year))
        if isinstance(cached, list):
            try:
                return frozenset(date.fromisoformat(d) for d in cached)
            except (TypeError, ValueError):
                pass  # damaged: work it out again
        days = working_days.library_bank_holidays(year)
        years[str(year)] = sorted(d.isoformat() for d in days)
        self._save(years)
        return days

    def _save(self, years: dict[str, list[str]]) -> None:
        """Write the file atomically (owner-only); a failure costs only speed."""
        payload = json.dumps({"format": FORMAT, "library": self._fingerprint,
                              "years": years}, sort_keys=True)
        tmp = self.path.with_name(self.path.name + f".{os.getpid()}.tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd = os.open(tmp, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(payload)
            os.replace(tmp, self.path)
        except OSError:
            with contextlib.suppress(OSError):
                tmp.unlink()


def install(folder: Path | None = None) -> BankHolidayCache:
    """Make the app's working-day rules read bank holidays through the cache."""
    cache = BankHolidayCache(folder)
    working_days.use_source(cache)
    return cache
