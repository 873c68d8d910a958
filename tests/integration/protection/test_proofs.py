"""Short versions of the proof scripts (the full runs are in benchmarks/; figures in the PR).

- 5 kill -9 during writes (benchmarks.kill9 runs 100);
- a hypothesis fuzz of the importers (benchmarks.fuzz_importers runs 1000+ per importer);
- a full tmpfs during export, backup and conversion (skipped where mount is not permitted).
"""

from __future__ import annotations

import json

import pytest

from benchmarks import full_disk, fuzz_importers, kill9


@pytest.mark.slow
def test_kill_9_during_writes_loses_nothing():
    totals = kill9.run(5, seed=7, modes=("report", "import", "conversion", "backup", "restore"),
                       verbose=False, conversion_window=0.4)
    assert totals["problems"] == []
    assert totals["kills"] >= 4  # (a worker may finish a conversion before its kill)


def test_fuzzed_imports_never_crash_and_never_change_data_on_rejection(demo_ctx, tmp_path,
                                                                       monkeypatch):
    from pe_desktop.services.backup import automatic
    from pe_desktop.services.interchange.document import export_document

    monkeypatch.setattr(automatic, "backup_before_action", lambda ctx, action: tmp_path)
    valid = json.loads(json.dumps(export_document(demo_ctx), default=str))
    a = fuzz_importers.fuzz_interchange(demo_ctx, 12, valid)
    b = fuzz_importers.fuzz_student_csv(demo_ctx, 12, tmp_path)
    assert a["rejected"] > 0 and b["rejected"] > 0


@pytest.mark.slow
def test_full_disk_gives_a_clear_message_and_loses_nothing():
    try:
        results = full_disk.run("8m")  # room for the demo, its backup and the encrypted copy
    except full_disk.MountNotPermitted as exc:
        pytest.skip(f"cannot mount a tmpfs here: {exc}")
    for name, (problem, message) in results.items():
        assert problem == "", f"{name}: {problem}"
        assert "disk holding your PE Desktop data is full" in message or \
            "No space left on device" in message
