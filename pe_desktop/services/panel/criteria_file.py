"""The panel's own copy of the QA criteria (``panel criteria show|use|reset``).

The shipped file is ``resources/qa/criteria-v1.json``. A panel that edits it
gives its copy a new ``version`` (every review records the version it used, so
one version string must always mean one set of criteria); the copy is checked,
stored owner-only as ``<data dir>/panel/criteria-<version>.json`` and used for
every new form. Members use the same file on their own laptops.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from pe_desktop.domain.errors import PEDesktopError, ValidationError
from pe_desktop.domain.qa.criteria import Criteria, load_criteria, parse_criteria
from pe_desktop.export.files import write_private_file
from pe_desktop.services.context import AppContext
from pe_desktop.services.panel.review import CRITERIA_SETTING, criteria_for
from pe_desktop.services.panel.workspace import panel_dir
from pe_desktop.storage.models import QaReview, Setting


@dataclass(frozen=True)
class CriteriaInUse:
    criteria: Criteria
    own: bool  # the panel's copy (else the shipped file)
    reviews_other_version: int  # reviews already recorded against another version


def current(ctx: AppContext) -> CriteriaInUse:
    crit = criteria_for(ctx)
    with ctx.read_session() as s:
        row = s.get(Setting, CRITERIA_SETTING)
        other = s.scalar(select(func.count()).select_from(QaReview).where(
            QaReview.criteria_version != crit.version)) or 0
    return CriteriaInUse(crit, bool(row and row.value), other)


def current_json(ctx: AppContext) -> str:
    """The criteria file in use, as text (to edit and ``use`` again)."""
    with ctx.read_session() as s:
        row = s.get(Setting, CRITERIA_SETTING)
    if row and row.value:
        return (ctx.paths.root / "panel" / row.value).read_text(encoding="utf-8")
    from pe_desktop.paths import resources_dir

    return (resources_dir() / "qa" / "criteria-v1.json").read_text(encoding="utf-8")


def use(ctx: AppContext, path: Path) -> CriteriaInUse:
    try:
        text = Path(path).read_text(encoding="utf-8")
        crit = parse_criteria(json.loads(text))
    except OSError as exc:
        raise PEDesktopError(f"Cannot read {path}: {exc.strerror or exc}") from exc
    except (UnicodeDecodeError, ValueError) as exc:
        raise ValidationError({"criteria": str(exc).splitlines()[0]}, record="Criteria") \
            from exc
    if not re.fullmatch(r"[A-Za-z0-9._-]{1,40}", crit.version):
        raise ValidationError({"version": "The version may hold letters, digits, '.', '_' "
                                          "and '-' (up to 40)"}, record="Criteria")
    shipped = load_criteria(None)
    if crit.version == shipped.version and crit != shipped:
        raise ValidationError({"version": f"Your edited criteria need a version of their own "
                                          f"(not {shipped.version}), e.g. "
                                          f"\"{shipped.version}-ourpanel\""},
                              record="Criteria")
    name = f"criteria-{crit.version}.json"
    stored = panel_dir(ctx) / name
    if stored.exists() and parse_criteria(json.loads(stored.read_text("utf-8"))) != crit:
        raise ValidationError({"version": f"Version {crit.version} is already stored with "
                                          "other criteria; give this file a new version"},
                              record="Criteria")
    write_private_file(stored, text.encode("utf-8"))
    _set(ctx, name)
    return current(ctx)


def reset(ctx: AppContext) -> CriteriaInUse:
    _set(ctx, "")
    return current(ctx)


def _set(ctx: AppContext, value: str) -> None:
    with ctx.session() as s:
        row = s.get(Setting, CRITERIA_SETTING)
        if row is None:
            s.add(Setting(key=CRITERIA_SETTING, value=value))
        else:
            row.value = value
