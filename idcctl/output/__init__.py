"""Render API data as a table (rich), JSON, YAML or bare ids.

JSON and YAML print the API's data unchanged; tables pick columns from
`idcctl.output.specs`, show timestamps in one form, mask secrets and strip
terminal control characters. rich and yaml are imported only when used, so
``--help`` and completion stay fast.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from typing import IO, Any

from idcctl.output.specs import columns_for, id_of
from idcctl.output.text import cell, get_path, needs_escapes, safe_text

_JSON_UNSAFE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@dataclass
class OutputOptions:
    format: str = "table"
    columns: list[str] | None = None
    no_headers: bool = False
    quiet: bool = False
    show_secrets: bool = False
    color: bool = False


def to_json(data: Any) -> str:
    """JSON text of the data, with DEL/C1/bidi characters escaped (the same data, safe to cat)."""
    text = json.dumps(data, indent=2, ensure_ascii=False)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def to_yaml(data: Any) -> str:
    import yaml

    return yaml.safe_dump(data, sort_keys=False, allow_unicode=not needs_escapes(data),
                          default_flow_style=False)


def render(data: Any, opts: OutputOptions, *, kind: str | None = None,
           stream: IO[str] | None = None, location_column: bool = False) -> None:
    """Write data to stream (stdout by default) in the chosen format."""
    stream = stream or sys.stdout
    if opts.format == "json":
        if data is not None:
            stream.write(to_json(data) + "\n")
        return
    if opts.format == "yaml":
        if data is not None:
            stream.write(to_yaml(data))
        return
    if opts.quiet:
        rows = data if isinstance(data, list) else [data]
        for row in rows:
            ident = id_of(kind, row)
            if ident is not None:
                stream.write(f"{cell(ident)}\n")
        return
    if data is None:
        return
    if isinstance(data, list):
        rows = [r if isinstance(r, dict) else {"value": r} for r in data]
        _print_tables(stream, opts, [(None, rows, kind, location_column)])
    elif isinstance(data, dict):
        _print_tables(stream, opts, _dict_sections(data, kind, opts))
    else:
        stream.write(f"{cell(data)}\n")


def _dict_sections(data: dict[str, Any], kind: str | None, opts: OutputOptions):
    """One key/value table for the scalar fields, then a table per list of objects."""
    if opts.columns:
        return [(None, [data], kind, False)]
    pairs: list[dict[str, Any]] = []
    nested: list[tuple[str, list[dict[str, Any]]]] = []
    _flatten(data, "", pairs, nested)
    sections = [(None, pairs, "_kv", False)]
    while nested:
        title, rows = nested.pop(0)
        scalars = [{k: v for k, v in r.items() if not _is_object_list(v)} for r in rows]
        sections.append((title, scalars, None, False))
        for row in rows:
            label = row.get("name") or row.get("uuid") or row.get("id")
            for key, value in row.items():
                if _is_object_list(value) and value:
                    nested.append((f"{title} {label}: {key}", value))
    return sections


def _is_object_list(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _flatten(data: dict[str, Any], prefix: str, pairs: list, nested: list) -> None:
    for key, value in data.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict) and value:
            _flatten(value, f"{path}.", pairs, nested)
        elif _is_object_list(value):
            nested.append((path, value))
        else:
            pairs.append({"field": path, "value": value})


def _print_tables(stream: IO[str], opts: OutputOptions, sections) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    import io

    buffer = io.StringIO()
    # One row per line, never folded (like kubectl): a UUID split over two lines cannot be
    # copied or awk'ed; a long line is the terminal's to wrap.
    console = Console(file=buffer, width=100_000, color_system="auto" if opts.color else None,
                      force_terminal=opts.color, highlight=False, soft_wrap=False, emoji=False,
                      markup=False)
    for index, (title, rows, kind, location_column) in enumerate(sections):
        if kind == "_kv":
            columns = [("FIELD", "field"), ("VALUE", "value")]
        elif opts.columns:
            columns = [(path.upper(), path) for path in opts.columns]
        else:
            columns = columns_for(kind, rows, location=location_column)
        table = Table(box=None, show_header=not opts.no_headers and kind != "_kv", pad_edge=False,
                      header_style="bold" if opts.color else "", show_edge=False)
        for header, _ in columns:
            table.add_column(safe_text(header), no_wrap=True)
        for row in rows:
            values = []
            for _, field in columns:
                value = field(row) if callable(field) else get_path(row, field)
                key = field if isinstance(field, str) else ""
                if kind == "_kv":  # mask by the field's name, in the value column only
                    key = str(row.get("field", "")) if field == "value" else ""
                values.append(Text(cell(value, key=key, show_secrets=opts.show_secrets)))
            table.add_row(*values)
        if index:
            console.print()
        if title:
            console.print(Text(f"{safe_text(title)}:", style="bold" if opts.color else ""))
        console.print(table)
    # Cells are padded to the column width; trailing blanks only get in the way of awk and diff.
    stream.write("".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines()))
