"""The suite's clock-sensitive tests pass whatever the machine's date and zone.

Runs a short, representative part of the suite in a subprocess under
``faketime`` (the machine's clock started at awkward instants and left to
tick) and in far-off time zones. The whole suite under each instant is the
long run: ``scripts/any-date`` (it adds ``@2027-02-28 23:59:30`` in London and the
whole suite at each instant) (see the README's developer section).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = [
    "tests/unit/reports/test_reports_service.py",
    "tests/unit/currency/test_currency_cli.py",
    "tests/unit/reports/test_report_attention.py",
    "tests/integration/signing/test_signing.py",
]


@pytest.mark.skipif(shutil.which("faketime") is None, reason="needs faketime (apt: faketime)")
@pytest.mark.parametrize(("instant", "zone"), [
    ("@2031-06-01 09:00:00", "Pacific/Kiritimati"),
    ("@2028-02-29 12:00:00", "America/Los_Angeles"),
])
def test_clock_sensitive_tests_pass_on_other_dates(instant, zone, tmp_path):
    env = {**os.environ, "TZ": zone, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("PE_DESKTOP_CLOCK", None)  # the inner run sets its own, as the suite does
    proc = subprocess.run(
        ["faketime", "-f", instant, sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         "--basetemp", str(tmp_path / "t"), *SAMPLE],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
