"""The OSS's own record of students supervised (for CPD and a PEPS application).

Gathered here as plain data; ``export/oss_pdf.py`` renders it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pe_desktop.export.files import write_private_file
from pe_desktop.services.context import AppContext
from pe_desktop.services.oss.keys import require_identity
from pe_desktop.services.oss.profile import supervisees


def statement_data(ctx: AppContext) -> dict[str, Any]:
    from pe_desktop.services.evidence.observations import ObservationService
    from pe_desktop.services.supervision import SupervisionService

    ident = require_identity(ctx)
    students = []
    for sv in supervisees(ctx):
        fw = ctx.frameworks.get(sv.framework)
        obs = [o for o in ObservationService(ctx).list(sv.placement_id) if o.completed]
        sup = SupervisionService(ctx).list_sessions(sv.placement_id)
        students.append({
            "first_name": sv.first_name, "framework": fw.name,
            "level": fw.level(sv.level).title if sv.level in {lv.key for lv in fw.levels}
            else sv.level,
            "practice_educator": sv.pe_name, "from": sv.joined_on.isoformat(),
            "until": sv.expires_on.isoformat(),
            "observations": [o.observed_on.isoformat() for o in sorted(obs,
                                                                       key=lambda o: o.observed_on)],
            "supervisions": [x.held_on.isoformat() for x in sorted(sup, key=lambda x: x.held_on)],
            "sent": sv.sent,
        })
    return {"oss_name": ident.name, "fingerprint": ident.fingerprint,
            "generated_on": ctx.today().isoformat(), "students": students}


def write_statement(ctx: AppContext, out: Path) -> Path:
    from pe_desktop.export.archival import dated
    from pe_desktop.export.oss_pdf import render_oss_statement

    with dated(ctx.now()):
        data = render_oss_statement(statement_data(ctx))
    return write_private_file(Path(out), data)
