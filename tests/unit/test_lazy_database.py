"""Opening the data folder does not load SQLAlchemy: the engine and the session factory
are made on first use (the first window reads plainly), with every hook in place."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pe_desktop

SCRIPT = r"""
import json, sys
from pe_desktop.services.context import open_context
from pe_desktop.services.opening import opening_facts
from pe_desktop.services.profile import ProfileService

ctx = open_context(sys.argv[1])
facts = opening_facts(ctx)
profile = ProfileService(ctx).get()
out = {"before": "sqlalchemy" in sys.modules, "engine": ctx.db.engine_made,
       "oss": facts.oss_mode, "profile": facts.has_profile,
       "name": profile.full_name if profile else None}
from pe_desktop.domain.errors import ValidationError
from pe_desktop.storage.models import University
try:  # the field rules' flush check is installed on the lazily made factory
    with ctx.session() as s:
        s.add(University(name="x" * 5000))
    out["checked"] = False
except ValidationError:
    out["checked"] = True
with ctx.read_session() as s:  # and the audit hook: nothing was written
    from sqlalchemy import func, select
    out["universities_named_x"] = s.scalar(select(func.count()).select_from(University)
                                            .where(University.name.like("xxxx%")))
out["after"] = "sqlalchemy" in sys.modules
ctx.close()
print(json.dumps(out))
"""


def test_the_engine_is_made_on_first_use_with_its_hooks(demo_ctx, data_dir):
    demo_ctx.close()
    env = dict(os.environ)  # the fixed clock and the test data key
    env["PYTHONPATH"] = str(Path(pe_desktop.__file__).parents[1])
    proc = subprocess.run([sys.executable, "-c", SCRIPT, str(data_dir)], env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out["before"] is False and out["engine"] is False
    assert out["profile"] is True and out["oss"] is False and out["name"]
    assert out["checked"] is True and out["universities_named_x"] == 0
    assert out["after"] is True
