"""Print the bundle's size and fail if it is more than 10% over the recorded budget.

``python packaging/check_size.py TARBALL BUDGET.json``; the budget file holds
``{"bytes": N}`` for the compressed bundle. Raise the budget deliberately (and say
why in the commit) when a new dependency is worth its size.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    tarball, budget_file = Path(argv[1]), Path(argv[2])
    size = tarball.stat().st_size
    budget = json.loads(budget_file.read_text(encoding="utf-8"))["bytes"]
    ratio = size / budget
    print(f"{tarball.name}: {size / 1e6:.1f} MB ({ratio:.0%} of the {budget / 1e6:.1f} MB budget)")
    if ratio > 1.10:
        print(f"error: the bundle grew more than 10% over its budget ({budget_file})",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
