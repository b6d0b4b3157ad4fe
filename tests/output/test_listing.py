"""Big listings: the plain table layout prints what rich printed, and the C YAML dumper what the pure one does."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest
import yaml

from idcctl.output import OutputOptions, render, to_yaml
from idcctl.output.table import layout
from idcctl.output.yaml_dump import c_dumper_agrees


def rich_table(headers, rows, show_header=True) -> str:
    """The table exactly as the renderer drew it with rich before the plain layout."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    buffer = io.StringIO()
    console = Console(file=buffer, width=100_000, color_system=None, force_terminal=False,
                      highlight=False, soft_wrap=False, emoji=False, markup=False)
    table = Table(box=None, show_header=show_header, pad_edge=False, header_style="", show_edge=False)
    for header in headers:
        table.add_column(header, no_wrap=True)
    for row in rows:
        table.add_row(*[Text(c) for c in row])
    console.print(table)
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())


def plain_table(headers, rows, show_header=True) -> str:
    return "".join(line + "\n" for line in layout(headers, rows, show_header=show_header))


TRICKY = [
    (["NAME", "UUID", "STATUS"], [["web-1", "d582f16a-013b-4a23", "running"], ["db", "-", "stopped"]]),
    (["NAME", "NOTE"], [["日本語の名前", "wide"], ["é\u0301", "combining"], ["a\u200bb", "zero width"]]),
    (["A", "B"], [[" x ", ""], ["", ""], ["trailing  ", "  lead"]]),
    (["A", "B"], []),
    (["ONLY"], [["x" * 300]]),
    (["MASK", "EMOJI"], [["PS2v…FkHr", "🙂 ok"], ["–", "x"]]),
]


@pytest.mark.parametrize("headers,rows", TRICKY)
@pytest.mark.parametrize("show_header", [True, False])
def test_plain_layout_is_the_text_rich_printed(headers, rows, show_header):
    assert plain_table(headers, rows, show_header) == rich_table(headers, rows, show_header)


def test_a_vm_list_table_is_the_same_text_as_before():
    vms = [{"name": f"vm-{i}", "uuid": f"uuid-{i:04}", "status": "running" if i % 3 else "stopped",
            "vcpu": i % 8 + 1, "memory": 1024 * (i % 4 + 1), "os_name": "ubuntu", "os_version": "22.04-lts",
            "private_ipv4": f"10.0.{i // 256}.{i % 256}", "storage": [{"size": 20 + i}],
            "created_at": "2022-09-01T12:03:14.355+0200"} for i in range(50)]
    stream = io.StringIO()
    render(vms, OutputOptions(), kind="vm", stream=stream)
    from idcctl.output import _columns, _row_cells

    columns = _columns(OutputOptions(), vms, "vm", False)
    expected = rich_table([h for h, _ in columns], [_row_cells(v, columns, "vm", False) for v in vms])
    assert stream.getvalue() == expected
    assert stream.getvalue().splitlines()[0].split()[:3] == ["NAME", "UUID", "STATUS"]


def test_colour_makes_only_the_header_and_titles_bold():
    stream = io.StringIO()
    render({"name": "web", "storage": [{"name": "sda", "size": 20}]}, OutputOptions(color=True),
           kind="vm", stream=stream)
    lines = stream.getvalue().splitlines()
    assert "\x1b[1mstorage:\x1b[0m" in lines
    assert lines[lines.index("\x1b[1mstorage:\x1b[0m") + 1].startswith("\x1b[1mNAME")
    assert sum("\x1b" in line for line in lines) == 2


def test_tables_do_not_import_rich_for_ascii_text():
    code = ("import io, sys; from idcctl.output import render, OutputOptions; "
            "render([{'name': 'a', 'uuid': 'u'}] * 100, OutputOptions(), kind='vm', stream=io.StringIO()); "
            "print('rich' in sys.modules)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.stdout.strip() == "False", proc.stderr


TRICKY_YAML = {
    "name": "web-1", "uuid": "d582f16a-013b-4a23-8463-c66bbbc96c43", "tags": [], "meta": {},
    "quoted": ["yes", "null", "~", "0123", "1e3", "- dash", ": colon", "#hash", "'single'", '"double"'],
    "spaces": " lead and trail ", "multi": "line one\nline two\n", "unicode": "日本語 é ü ñ",
    "controls": "bell\x07 esc\x1b del\x7f c1\x9b bidi\u202e", "long": "word " * 60,
    "numbers": [0, -1, 3.5, 1e300, True, False, None], "bom": "\ufeffbom",
    "nested": [{"a": [{"b": {"c": [1, [2, [3]]]}}]}, [], {}], "long-key-" + "k" * 100: 1,
}


@pytest.mark.skipif(not getattr(yaml, "CSafeDumper", None), reason="PyYAML built without libyaml")
def test_the_c_yaml_dumper_writes_the_same_text_as_the_pure_one():
    assert c_dumper_agrees(TRICKY_YAML)  # the sample really goes through libyaml
    fast = to_yaml(TRICKY_YAML)
    assert fast == to_yaml(TRICKY_YAML, dumper=yaml.SafeDumper) == to_yaml(TRICKY_YAML, dumper=yaml.CSafeDumper)
    assert yaml.safe_load(fast) == TRICKY_YAML
    assert "word " * 60 in fast.replace("\n", "\x00")  # long strings are never folded


@pytest.mark.parametrize("data", [
    59.96, "bare", {"emoji": "🙂"}, {"nel": "a\x85b"}, {"": 1}, {"cr\rkey": 1}, {"é" * 70: 1}])
def test_data_libyaml_writes_differently_takes_the_pure_dumper(data):
    assert not c_dumper_agrees(data)
    assert to_yaml(data) == to_yaml(data, dumper=yaml.SafeDumper)


@pytest.mark.parametrize("text,key", [
    ("web-1", "name"), ("2018-02-22 14:18:47", "created_at"), ("2022-09-01T12:03:14.355+0200", "x"),
    ("10.1.14.251", "ip"), ("PS2vfOCKuU52be83QZhMMndqOusfFkHr", "token"), ("abc", "secretKey"), ("abcdefghijklmnop", "sql_pass"),
    ("tab\there", ""), ("bidi\u202eevil", ""), ("zero\u200bwidth", ""), ("", ""), ("日本", ""),
    ("line\u2028sep", ""), ("1234-56", ""), (" lead", "")])
def test_the_fast_cell_path_says_what_cell_says(text, key):
    from idcctl.output import _row_cells
    from idcctl.output.text import cell

    assert _row_cells({"f": text}, [("F", "f")], None, False) == [cell(text, key="f")]
    assert _row_cells({key or "k": text}, [("F", key or "k")], None, False) == [cell(text, key=key or "k")]


def test_json_written_in_pieces_is_json_dumps_with_the_same_escapes():
    import json as _json

    from idcctl.output import json_chunks, to_json

    data = [{"name": f"vm-{i}\u202e\x9b日本", "n": i, "f": 1.5e300, "x": None, "t": True, "l": [], "d": {}}
            for i in range(300)]
    expected = _json.dumps(data, indent=2, ensure_ascii=False)
    expected = expected.replace("\u202e", "\\u202e").replace("\x9b", "\\u009b")
    assert list(json_chunks(data, rows=7))[1:] and "".join(json_chunks(data, rows=7)) == expected
    assert to_json(data) == expected
    assert _json.loads(to_json(data)) == data
    stream = io.StringIO()
    render(data, OutputOptions(format="json"), stream=stream)
    assert stream.getvalue() == expected + "\n"
