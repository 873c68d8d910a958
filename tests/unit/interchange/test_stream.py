"""The streaming JSON reader and writer agree with the standard library."""

from __future__ import annotations

import io
import json

import pytest

from pe_desktop.services.interchange.stream import JsonReader, JsonSyntaxError, JsonWriter

DOC = {
    "format": "pe-desktop-interchange", "version": 4, "big": 12345678901234567890,
    "tables": {"a": [{"id": 1, "name": "Zoë \"Ní\" Bhriain\n", "x": None, "ok": True,
                      "f": -1.5e-3}, {"id": 2, "name": "Łukasz", "x": [1, {"y": []}],
                                       "ok": False, "f": 0}],
               "empty": []},
    "files": {"ab": "QUJD" * 50, "cd": ""},
}


def _walk(reader: JsonReader) -> dict:
    """Rebuild a document the way the importer reads one."""
    out: dict = {}
    for key in reader.members():
        if key == "tables":
            out[key] = {}
            for name in reader.members():
                out[key][name] = [reader.value() for _ in reader.elements()]
        elif key == "files":
            out[key] = {sha: reader.value() for sha in reader.members()}
        else:
            out[key] = reader.value()
    reader.end()
    return out


@pytest.mark.parametrize("chunk", [1, 3, 7, 64, 1 << 20])
@pytest.mark.parametrize("indent", [None, 1, 4])
def test_reader_rebuilds_any_layout_at_any_chunk_size(chunk, indent):
    text = json.dumps(DOC, ensure_ascii=False, indent=indent)
    assert _walk(JsonReader(io.StringIO(text), chunk=chunk)) == DOC


def test_writer_output_is_the_same_document():
    fh = io.StringIO()
    w = JsonWriter(fh)
    w.open_object()
    for key in ("format", "version", "big"):
        w.key(key)
        w.write_value(DOC[key])
    w.key("tables")
    w.open_object()
    for name, rows in DOC["tables"].items():
        w.key(name)
        w.open_array()
        for row in rows:
            w.item(row)
        w.close_array()
    w.close_object()
    w.key("files")
    w.write_value(DOC["files"])
    w.close_object()
    assert json.loads(fh.getvalue()) == DOC
    assert "Zoë" in fh.getvalue()  # UTF-8, not \\u escapes


@pytest.mark.parametrize("bad", [
    '{"a": 1,}', '{"a" 1}', '{"a": [1 2]}', '{"a": tru}', '{"a": 1} x', '{"a": "x', '{"a": [',
    '{"a": {"b": 1}', '',
])
def test_reader_rejects_what_json_rejects_with_its_position(bad):
    with pytest.raises(ValueError) as std:
        json.loads(bad)
    with pytest.raises(JsonSyntaxError) as ours:
        reader = JsonReader(io.StringIO(bad), chunk=2)
        for _key in reader.members():
            reader.skip()
        reader.end()
    assert ours.value.lineno == std.value.lineno == 1
    assert abs(ours.value.colno - std.value.colno) <= 1, (ours.value, std.value)


def test_error_line_counts_text_already_dropped_from_the_buffer():
    text = '{"rows": [\n' + ",\n".join(f'{{"id": {i}}}' for i in range(500)) + ',\n{"id": }]}'
    with pytest.raises(JsonSyntaxError) as exc:
        reader = JsonReader(io.StringIO(text), chunk=16)
        for _ in reader.members():
            for _ in reader.elements():
                reader.value()
    assert exc.value.lineno == 502
