"""Any failure as one line for the user, and an owner-only log without personal data.

The CLI's ``main`` and the GUI's exception hooks send every exception here.
Errors PE Desktop raises on purpose (:class:`PEDesktopError`) already carry a
message for the user; database and disk failures are explained by
:func:`pe_desktop.storage.errors.explain_storage_error`; anything else is a
defect: the user gets one line naming the log file, and the log gets the
exception *types* and the code locations (file, line, function) — never an
exception's message, arguments or local variables, which can hold names,
emails or SQL parameters.
"""

from __future__ import annotations

import os
import platform
import sys
import traceback
from pathlib import Path

from pe_desktop import __version__
from pe_desktop.domain.errors import PEDesktopError

LOG_DIRNAME = "logs"
LOG_FILENAME = "errors.log"
#: The log is cut back to this size so it cannot grow without bound.
LOG_MAX_BYTES = 256 * 1024


#: Where the GUI's failures are logged (set once its data folder is known).
_default_data_dir: Path | None = None


def remember_data_dir(data_dir: Path | None) -> None:
    global _default_data_dir
    _default_data_dir = Path(data_dir) if data_dir is not None else None


def log_path(data_dir: Path) -> Path:
    return Path(data_dir) / LOG_DIRNAME / LOG_FILENAME


def scrubbed_report(exc: BaseException) -> str:
    """Exception types and code locations only."""
    lines: list[str] = []
    seen: set[int] = set()
    cur: BaseException | None = exc
    while cur is not None and id(cur) not in seen:
        seen.add(id(cur))
        name = f"{type(cur).__module__}.{type(cur).__qualname__}"
        code = getattr(cur, "sqlite_errorname", None) or getattr(
            getattr(cur, "orig", None), "sqlite_errorname", None)
        lines.append(f"{name}" + (f" [{code}]" if code else ""))
        for fs in traceback.extract_tb(cur.__traceback__):
            fname = fs.filename
            marker = f"{os.sep}pe_desktop{os.sep}"
            if marker in fname:
                fname = "pe_desktop" + os.sep + fname.split(marker, 1)[1]
            else:
                fname = Path(fname).name
            lines.append(f"  at {fname}:{fs.lineno} in {fs.name}")
        cur = cur.__cause__ or cur.__context__
        if cur is not None:
            lines.append("caused by / during:")
    return "\n".join(lines)


def write_log(data_dir: Path | None, exc: BaseException) -> Path | None:
    """Append a scrubbed report to the owner-only error log; None if impossible."""
    if data_dir is None:
        return None
    from pe_desktop.clock import default_clock
    from pe_desktop.paths import ensure_private_dir

    path = log_path(data_dir)
    try:
        ensure_private_dir(path.parent)
        if path.exists() and path.stat().st_size > LOG_MAX_BYTES:
            path.unlink()
        fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_APPEND, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as fh:
            stamp = default_clock().now().isoformat(timespec="seconds")
            fh.write(f"--- {stamp} PE Desktop {__version__}, Python "
                     f"{platform.python_version()} on {sys.platform}\n")
            fh.write(scrubbed_report(exc) + "\n")
        os.chmod(path, 0o600)
        return path
    except OSError:
        return None


def describe_failure(exc: BaseException, data_dir: Path | None = None) -> str:
    """One line for the user. Unexpected failures are also logged (scrubbed)."""
    data_dir = data_dir if data_dir is not None else _default_data_dir
    if isinstance(exc, PEDesktopError):
        return str(exc)
    from pe_desktop.storage.errors import explain_storage_error

    explained = explain_storage_error(exc, data_dir)
    if explained:
        return explained
    if isinstance(exc, OSError) and not type(exc).__module__.startswith("sqlite"):
        return f"{exc.strerror or type(exc).__name__}" + (
            f": {exc.filename}" if exc.filename else "")
    if isinstance(exc, RecursionError | MemoryError):
        return "the input is too large or too deeply nested to process; nothing was changed"
    logged = write_log(data_dir, exc)
    where = (f"; a report without personal data is in {logged}" if logged
             else "")
    return (f"unexpected error ({type(exc).__name__}); nothing was saved by the step that "
            f"failed{where}")
